"""The METS 1.12.1 document of a deposit: a fileSec of every payload file with its
SHA-256, a structMap of the memo's copies and their pages, the MODS record in a dmdSec
(and the Dublin Core one beside it) and the PREMIS events in the amdSec. Built from the
Record (the TEI header), the MODS, DC and PREMIS builders, and the files themselves."""

from __future__ import annotations

import re
from pathlib import PurePosixPath as Path

from lxml import etree
from lxml.builder import ElementMaker

from tei_encoder.publish.premis import PackedFile
from tei_encoder.publish.record import Record

METS_NS = "http://www.loc.gov/METS/"
XLINK_NS = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
M = ElementMaker(namespace=METS_NS, nsmap={"mets": METS_NS, "xlink": XLINK_NS, "xsi": XSI})
_LOCATION = f"{METS_NS} http://www.loc.gov/standards/mets/mets.xsd"
# The file groups (USE), in order, and each file's MIME type by its ending.
GROUPS = ("tei", "html", "ocr", "schema", "metadata")
_MIME = {".xml": "application/xml", ".html": "text/html", ".txt": "text/plain", ".md": "text/markdown",
         ".xsd": "application/xml", ".rng": "application/xml"}


def build_mets(record: Record, files: list[tuple[str, PackedFile]], mods: etree._Element,
               dc: etree._Element, premis: etree._Element) -> etree._Element:
    """files: (group, file) for every payload file, the TEI first in group "tei"."""
    mets = M.mets(_header(record), LABEL=record.title, TYPE="memo", OBJID=_objid(record, files))
    mets.set(f"{{{XSI}}}schemaLocation", _LOCATION)
    mets.append(M.dmdSec(_wrap("MODS", mods), ID="dmd-mods"))
    mets.append(M.dmdSec(_wrap("DC", dc), ID="dmd-dc"))
    mets.append(M.amdSec(M.digiprovMD(_wrap("PREMIS", premis), ID="digiprov-premis"), ID="amd"))
    ids = {packed.path: _file_id(packed.path) for _, packed in files}
    mets.append(_file_sec(files, ids))
    tei = next(packed for group, packed in files if group == "tei")
    mets.append(_struct_map(record, ids[tei.path]))
    return mets


def _header(record: Record) -> etree._Element:
    header = M.metsHdr(M.agent(M.name(record.encoder), ROLE="CREATOR", TYPE="OTHER", OTHERTYPE="SOFTWARE"))
    if record.encoded:
        header.set("CREATEDATE", f"{record.encoded}T00:00:00Z")
    return header


def _objid(record: Record, files) -> str:
    for kind in ("recordNumber", "persistent", "control"):
        value = next((v for k, v in record.identifiers if k == kind), None)
        if value:
            return value
    return next(packed.path for group, packed in files if group == "tei")


def _wrap(kind: str, element: etree._Element) -> etree._Element:
    return M.mdWrap(M.xmlData(element), MDTYPE=kind)


def _file_id(path: str) -> str:
    return "file-" + re.sub(r"[^\w.-]", "_", path)


def _file_sec(files: list[tuple[str, PackedFile]], ids: dict[str, str]) -> etree._Element:
    section = M.fileSec()
    for group in GROUPS:
        members = [packed for g, packed in files if g == group]
        if not members:
            continue
        grp = M.fileGrp(USE=group, ID=f"group-{group}")
        for packed in members:
            suffix = Path(packed.path).suffix
            mime = "application/tei+xml" if group == "tei" else _MIME.get(suffix, "application/octet-stream")
            file = M.file(M.FLocat(LOCTYPE="URL"), ID=ids[packed.path], MIMETYPE=mime, SIZE=str(packed.size),
                          CHECKSUM=packed.sha256, CHECKSUMTYPE="SHA-256")
            file[0].set(f"{{{XLINK_NS}}}href", packed.path)
            file[0].set(f"{{{XLINK_NS}}}type", "simple")
            grp.append(file)
        section.append(grp)
    return section


def _struct_map(record: Record, tei_id: str) -> etree._Element:
    memo = M.div(M.fptr(FILEID=tei_id), TYPE="memo", LABEL=record.title, DMDID="dmd-mods dmd-dc",
                 ADMID="digiprov-premis")
    for order, copy in enumerate(record.copies, 1):
        div = M.div(TYPE="copy", LABEL=f"Copy {copy.sigil}", ORDER=str(order))
        for page_order, n in enumerate(copy.pages, 1):
            div.append(M.div(M.fptr(FILEID=tei_id), TYPE="page", ORDER=str(page_order), ORDERLABEL=n,
                             LABEL=f"Copy {copy.sigil}, page {n}"))
        memo.append(div)
    return M.structMap(memo, TYPE="physical", LABEL="The memo's copies and their pages")
