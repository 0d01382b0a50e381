"""What the deposit metadata (METS, MODS, Dublin Core, PREMIS) says of a memo, read once
from its TEI header: each of those builders takes a Record, so a fact is taken from
the header in one place and never typed twice."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from tei_encoder.tei.names import TEI_NS, XML_ID
from tei_encoder.validation.safexml import parse_root

_NS = {"t": TEI_NS}


@dataclass(frozen=True)
class Copy:
    sigil: str
    description: str
    pages: tuple[str, ...]  # page numbers as the TEI's pb/@n for this copy


@dataclass(frozen=True)
class Record:
    title: str
    authors: tuple[str, ...]
    date: str | None  # the memo's date (ISO)
    subjects: tuple[str, ...]
    identifiers: tuple[tuple[str, str], ...]  # (type, value): recordNumber, control, persistent...
    repository: str | None
    collection: str | None
    document_type: str | None
    rights: str | None  # the encoding's licence, as the header gives it
    access: tuple[str, ...]  # the original's availability (release-form restrictions)
    classification: str | None
    encoded: str | None  # revisionDesc/change/@when: the encoding's date, when given
    encoder: str  # "tei-encoder 0.1.0"
    copies: tuple[Copy, ...]


def read_record(tei: bytes, source: str = "<tei>") -> Record:
    root = parse_root(tei, source)
    header = root.find("t:teiHeader", _NS)
    ident = header.find(".//t:sourceDesc/t:msDesc/t:msIdentifier", _NS)
    identifiers = [(i.get("type") or "local", i.text) for i in ident.iterfind("t:idno", _NS) if i.text]
    identifiers += [(i.get("type") or "local", i.text)
                    for i in header.iterfind("t:fileDesc/t:publicationStmt/t:idno", _NS) if i.text]
    item = header.find(".//t:msContents/t:msItem", _NS)
    authors = [a.text for a in header.iterfind("t:fileDesc/t:titleStmt/t:author", _NS) if a.text]
    if item is not None:
        authors += [a.text for a in item.iterfind("t:author", _NS) if a.text and a.text not in authors]
    repository = _text(ident.find("t:repository", _NS))
    licence = header.find("t:fileDesc/t:publicationStmt/t:availability/t:licence", _NS)
    return Record(
        title=_text(header.find("t:fileDesc/t:titleStmt/t:title", _NS)) or "",
        authors=tuple(authors),
        date=_attr(header.find("t:profileDesc/t:creation/t:date", _NS), "when"),
        subjects=tuple(t.text for t in header.iterfind(".//t:textClass/t:keywords/t:term", _NS) if t.text),
        identifiers=tuple(identifiers),
        repository=None if repository == "unknown" else repository,
        collection=_text(ident.find("t:collection", _NS)),
        document_type=_text(item.find("t:note[@type='documentType']", _NS)) if item is not None else None,
        rights=(licence.get("target") or _text(licence)) if licence is not None else None,
        access=tuple("".join(p.itertext()) for p in header.iterfind(".//t:adminInfo/t:availability/t:p", _NS)),
        classification=_text(header.find(".//t:classDecl//t:catDesc", _NS)),
        encoded=_attr(header.find("t:revisionDesc/t:change", _NS), "when"),
        encoder=_encoder(header),
        copies=tuple(_copies(root)),
    )


def _copies(root: etree._Element) -> list[Copy]:
    copies = []
    pbs = list(root.iter(f"{{{TEI_NS}}}pb"))
    for witness in root.iterfind(".//t:listWit/t:witness", _NS):
        sigil = witness.get(XML_ID)
        mine = [pb.get("n") for pb in pbs if _belongs(pb, sigil)]
        copies.append(Copy(sigil, " ".join("".join(witness.itertext()).split()), tuple(mine)))
    return copies


def _belongs(pb: etree._Element, sigil: str) -> bool:
    """A page break of this copy: its own (edRef), inside its reading or its text, or shared."""
    if pb.get("edRef"):
        return f"#{sigil}" in pb.get("edRef").split()
    for ancestor in pb.iterancestors():
        wit = ancestor.get("wit") or ancestor.get("corresp")
        if wit and ancestor.tag in (f"{{{TEI_NS}}}rdg", f"{{{TEI_NS}}}text"):
            return f"#{sigil}" in wit.split()
    return True


def _encoder(header: etree._Element) -> str:
    app = header.find("t:encodingDesc/t:appInfo/t:application[@ident='tei-encoder']", _NS)
    return f"tei-encoder {app.get('version')}" if app is not None else "tei-encoder"


def _text(element) -> str | None:
    if element is None:
        return None
    text = " ".join("".join(element.itertext()).split())
    return text or None


def _attr(element, name: str) -> str | None:
    return element.get(name) if element is not None else None
