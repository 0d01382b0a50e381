"""The repository metadata of a deposit (METS with MODS and PREMIS, Dublin Core, PREMIS
alone), written beside the TEI and validated against the official schemas
(schema/deposit/, offline), and the Archivematica standard-transfer layout.

    bag:             data/<name>.xml .html, data/ocr/, data/schema/,
                     data/metadata/{mets.xml, mods.xml, dc.xml, premis.xml}
    archivematica:   objects/<name>.xml .html, objects/ocr/, objects/schema/,
                     metadata/metadata.csv (Dublin Core for the TEI file),
                     metadata/submissionDocumentation/{mets.xml, mods.xml, dc.xml, premis.xml},
                     metadata/checksum.sha256 (the objects' SHA-256, which Archivematica checks)
"""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

from lxml import etree

from tei_encoder.errors import DepositInvalid
from tei_encoder.publish import dc as dc_builder
from tei_encoder.publish.mets import build_mets
from tei_encoder.publish.mods import build_mods
from tei_encoder.publish.premis import PackedFile, build_premis
from tei_encoder.publish.record import read_record
from tei_encoder.validation.safexml import parse_root

METADATA_FILES = ("mets.xml", "mods.xml", "dc.xml", "premis.xml")
_SCHEMAS = {"mets.xml": "mets-with-parts.xsd", "mods.xml": "mods-3-8.xsd", "premis.xml": "premis-v3-0.xsd",
            "dc.xml": "oai_dc.xsd"}


def write_metadata(folder: Path, root: Path, tei_name: str, checks: str, prefix: str) -> dict[str, bytes]:
    """Build the metadata of the payload under root, check each file against its schema,
    write them into folder and return them by name. Paths in them are prefix + the
    path under root ("data/memo.xml" in a bag, "objects/memo.xml" in a transfer)."""
    tei = (root / tei_name).read_bytes()
    record = read_record(tei, str(root / tei_name))
    packed = [(_group(path.relative_to(root), tei_name), _packed(path, root, prefix))
              for path in sorted(p for p in root.rglob("*") if p.is_file())]
    tei_file = next(f for g, f in packed if g == "tei")
    mods, dc, premis = build_mods(record), dc_builder.build_dc(record), build_premis(record, tei_file, checks)
    texts = {"mods.xml": _bytes(mods), "dc.xml": _bytes(dc), "premis.xml": _bytes(premis)}
    # The METS lists the other metadata files too (not itself: it cannot hold its own checksum).
    if folder.is_relative_to(root):
        where = prefix + folder.relative_to(root).as_posix()
        packed += [("metadata", PackedFile(f"{where}/{name}", len(data), hashlib.sha256(data).hexdigest()))
                   for name, data in texts.items()]
    texts["mets.xml"] = _bytes(build_mets(record, packed, mods, dc, premis))
    validate_metadata(texts)
    folder.mkdir(parents=True, exist_ok=True)
    for name in METADATA_FILES:
        (folder / name).write_bytes(texts[name])
    return texts


def validate_metadata(texts: dict[str, bytes]) -> None:
    """Each file against its official schema (vendored in schema/deposit/)."""
    for name, data in texts.items():
        schema = _schema(_SCHEMAS[name])
        tree = parse_root(data, name).getroottree()
        if not schema.validate(tree):
            raise DepositInvalid(name, [f"line {e.line}: {e.message}" for e in schema.error_log])


def _schema(name: str) -> etree.XMLSchema:
    from tei_encoder.validation.validator import schema_dir

    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(schema_dir() / "deposit" / name), parser))


def _group(relative: Path, tei_name: str) -> str:
    top = relative.parts[0]
    if relative.as_posix() == tei_name:
        return "tei"
    if relative.suffix == ".html" and len(relative.parts) == 1:
        return "html"
    return {"ocr": "ocr", "schema": "schema", "metadata": "metadata"}.get(top, "metadata")


def _packed(path: Path, root: Path, prefix: str = "") -> PackedFile:
    data = path.read_bytes()
    return PackedFile(prefix + path.relative_to(root).as_posix(), len(data), hashlib.sha256(data).hexdigest())


def _bytes(element: etree._Element) -> bytes:
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def archivematica_extras(metadata: Path, objects: Path, tei_name: str, dc_xml: bytes) -> None:
    """metadata/metadata.csv and metadata/checksum.sha256, as Archivematica reads them
    (its user manual, "Import metadata" and "Create a transfer with existing checksums";
    its MCP client scripts archivematicaCreateMETSMetadataCSV.py and verify_checksum.py):

    - metadata.csv: a header row whose first column names the file ("filename") and whose
      other columns are Dublin Core fields "dc.title" ... (a field repeated for each value),
      then a row per file, its path from the transfer's root ("objects/memo.xml");
    - checksum.sha256: what `sha256sum -c --strict` reads, run in the transfer's root
      (verify_checksum.py sets it as the working directory): one line per file under
      objects/, as many lines as files (the script counts both), each "digest  path" with
      the path from the root ("objects/ocr/memo.txt"), no blank line."""
    root = parse_root(dc_xml, "dc.xml")
    columns: dict[str, list[str]] = {}
    for child in root:
        columns.setdefault(f"dc.{etree.QName(child).localname}", []).append(child.text or "")
    header = ["filename"] + [f for f in columns for _ in columns[f]]
    row = [f"objects/{tei_name}"] + [v for f in columns for v in columns[f]]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerow(row)
    (metadata / "metadata.csv").write_text(buffer.getvalue(), "utf-8")
    lines = [_sum_line(_packed(p, objects.parent).sha256, p.relative_to(objects.parent).as_posix())
             for p in sorted(x for x in objects.rglob("*") if x.is_file())]
    (metadata / "checksum.sha256").write_text("\n".join(lines) + "\n", "utf-8")


def _sum_line(digest: str, path: str) -> str:
    """A line of sha256sum's format. A name with a backslash or a line break is escaped
    as coreutils does it (the line starts with a backslash), else read wrong."""
    if "\\" in path or "\n" in path or "\r" in path:
        escaped = path.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
        return f"\\{digest}  {escaped}"
    return f"{digest}  {path}"


def bagit_version_1(bag: Path) -> None:
    """bagit-python writes "BagIt-Version: 0.97"; RFC 8493 is 1.0, which it reads and
    validates. Rewrite bagit.txt and the tag manifest that covers it."""
    (bag / "bagit.txt").write_text("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n", "utf-8")
    for tagmanifest in sorted(bag.glob("tagmanifest-*.txt")):
        algorithm = tagmanifest.name[len("tagmanifest-"):-len(".txt")]
        lines = []
        for tag in sorted(p for p in bag.iterdir() if p.is_file() and not p.name.startswith("tagmanifest-")):
            lines.append(f"{hashlib.new(algorithm, tag.read_bytes()).hexdigest()} {tag.name}")
        tagmanifest.write_text("\n".join(lines) + "\n", "utf-8")
