"""Deposit packages: a BagIt bag (Library of Congress, RFC 8493, BagIt-Version 1.0)
holding the TEI, the OCR text it was made from, the reading page, the schemas and the
repository metadata (METS, MODS, Dublin Core, PREMIS: publish.deposit), with a SHA-256
manifest; or the same as an Archivematica standard transfer.

The bag is built in a staging directory beside the target and renamed into place when
complete: never half a bag. Bagging-Date comes from SOURCE_DATE_EPOCH when it is set.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from tei_encoder.errors import BagInvalid, OutputError
from tei_encoder.publish.deposit import archivematica_extras, bagit_version_1, write_metadata
from tei_encoder.validation.validator import schema_dir

# xml.xsd: tei-memo.xsd imports it (xml:id, xml:lang...) by a relative schemaLocation, so
# any XSD processor can compile the bag's own schema from the bag alone.
SCHEMA_FILES = ("tei-memo.xsd", "xml.xsd", "tei_all.rng", "SOURCE.md")


@dataclass(frozen=True)
class Payload:
    """What goes under data/: the TEI, the reading page, and the OCR files as they were
    read for the encoding (name, bytes): never read again, so the bag holds exactly
    what the TEI was made from."""

    name: str  # the memo's name: <name>.xml, <name>.html
    tei: bytes
    html: bytes
    originals: tuple[tuple[str, bytes], ...]


def bag_info(fields: dict[str, str | None], title: str | None, identifier: str | None) -> dict[str, str]:
    """bag-info.txt: the given fields, the memo's title and identifier, and a Bagging-Date
    that is reproducible under SOURCE_DATE_EPOCH."""
    info = {k: v for k, v in fields.items() if v}
    if identifier and "External-Identifier" not in info:
        info["External-Identifier"] = identifier
    if title and "External-Description" not in info:
        info["External-Description"] = f"TEI P5 encoding of the OCR text of: {title}"
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        info["Bagging-Date"] = datetime.fromtimestamp(int(epoch), tz=timezone.utc).strftime("%Y-%m-%d")
    return info


LAYOUTS = ("bag", "archivematica")
VALIDATED_AGAINST = "the project schema tei-memo.xsd and the project's rules"


def make_package(target: Path, payload: Payload, info: dict[str, str], layout: str = "bag") -> Path:
    """A BagIt bag (layout "bag"), or an Archivematica standard transfer
    ("archivematica"), with the repository metadata of publish.deposit in either."""
    target = Path(target)
    if target.exists():
        raise OutputError(str(target), "already exists; give a new directory for the bag")
    parent = target.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        # Made as an ordinary directory is (0777 less the umask), not tempfile's 0700:
        # the bag is renamed into place as it is, and others must read it where the
        # user's files are readable. The random name keeps two writers apart.
        staging = parent / f".{target.name}.{os.urandom(6).hex()}.tmp"
        staging.mkdir(0o777)
    except OSError as exc:
        raise OutputError(str(target), f"cannot write: {exc.strerror or exc}") from None
    try:
        (staging / f"{payload.name}.xml").write_bytes(payload.tei)
        (staging / f"{payload.name}.html").write_bytes(payload.html)
        ocr = staging / "ocr"
        ocr.mkdir()
        for name, data in payload.originals:
            (ocr / name).write_bytes(data)
        schema = staging / "schema"
        schema.mkdir()
        for name in SCHEMA_FILES:
            shutil.copyfile(schema_dir() / name, schema / name)
        if layout == "archivematica":
            _archivematica(staging, payload.name)
        else:
            write_metadata(staging / "metadata", staging, f"{payload.name}.xml", VALIDATED_AGAINST, "data/")
            import bagit  # here, not at start-up: `package --help` and --sample need none of it

            bagit.make_bag(str(staging), dict(info), checksums=["sha256"])
            bagit_version_1(staging)
        os.replace(staging, target)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, OSError):
            raise OutputError(str(target), f"cannot write: {exc.strerror or exc}") from None
        raise
    return target


def _archivematica(staging: Path, name: str) -> None:
    """Move the payload under objects/ and write metadata/ as Archivematica's standard
    transfer expects it (publish.deposit describes the layout)."""
    objects = staging / "objects"
    objects.mkdir()
    for item in sorted(staging.iterdir()):
        if item != objects:
            os.replace(item, objects / item.name)
    documentation = staging / "metadata" / "submissionDocumentation"
    texts = write_metadata(documentation, objects, f"{name}.xml", VALIDATED_AGAINST, "objects/")
    archivematica_extras(staging / "metadata", objects, f"{name}.xml", texts["dc.xml"])


def verify_package(path: Path) -> None:
    """Raise BagInvalid listing every problem once: each file whose checksum fails,
    each file missing from the payload, each file the manifest does not list; the
    Payload-Oxum (the count and bytes bag-info.txt promises) only when no file
    explains it."""
    import logging

    import bagit

    log = logging.getLogger("bagit")
    level, log.level = log.level, logging.CRITICAL  # bagit logs each failure besides raising it
    try:
        bag = bagit.Bag(str(path))
        oxum = bag.info.pop("Payload-Oxum", None)  # checked last: it would hide the files
        try:
            bag.validate()
        except bagit.BagValidationError as exc:
            details = sorted(dict.fromkeys(_detail(d) for d in getattr(exc, "details", []))) or [str(exc)]
            raise BagInvalid(str(path), details) from None
        if oxum is not None:
            bag.info["Payload-Oxum"] = oxum
            bag.validate(fast=True)
    except bagit.BagValidationError as exc:
        raise BagInvalid(str(path), [str(exc)]) from None
    except bagit.BagError as exc:
        raise BagInvalid(str(path), [str(exc)]) from None
    finally:
        log.level = level


def _detail(problem) -> str:
    """One line per file: its path first."""
    import bagit

    if isinstance(problem, bagit.ChecksumMismatch):
        return f"{problem.path}: {problem.algorithm} checksum differs from the manifest (the file was changed)"
    if isinstance(problem, bagit.UnexpectedFile):
        return f"{problem.path}: in the bag but not in the manifest (a file was added)"
    if isinstance(problem, bagit.FileMissing):
        return f"{problem.path}: in the manifest but not in the bag (a file was removed)"
    return str(problem)
