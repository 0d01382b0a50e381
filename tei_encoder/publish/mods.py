"""The MODS 3.8 record of a deposit (for METS's dmdSec, and for repositories that
ingest MODS: Fedora/Islandora, DSpace), built from the Record (the TEI header)."""

from __future__ import annotations

from lxml import etree
from lxml.builder import ElementMaker

from tei_encoder.publish.record import Record

MODS_NS = "http://www.loc.gov/mods/v3"
M = ElementMaker(namespace=MODS_NS, nsmap={"mods": MODS_NS})


def build_mods(record: Record) -> etree._Element:
    mods = M.mods(M.titleInfo(M.title(record.title)), version="3.8")
    for name in record.authors:
        mods.append(M.name(M.namePart(name),
                           M.role(M.roleTerm("creator", type="text", authority="marcrelator"))))
    mods.append(M.typeOfResource("text"))
    if record.document_type:
        mods.append(M.genre(record.document_type))
    if record.date:
        mods.append(M.originInfo(M.dateCreated(record.date, encoding="w3cdtf", keyDate="yes")))
    mods.append(M.language(M.languageTerm("eng", type="code", authority="iso639-2b")))
    pages = ", ".join(f"{len(c.pages)} pages in copy {c.sigil}" for c in record.copies)
    mods.append(M.physicalDescription(M.form("typescript"), M.extent(pages),
                                      M.digitalOrigin("reformatted digital")))
    mods.extend(M.subject(M.topic(subject)) for subject in record.subjects)
    mods.extend(M.identifier(value, type=kind) for kind, value in record.identifiers)
    if record.repository:
        mods.append(M.location(M.physicalLocation(record.repository)))
    if record.collection:
        mods.append(M.relatedItem(M.titleInfo(M.title(record.collection)), type="host"))
    mods.extend(M.accessCondition(text, type="restriction on access") for text in record.access)
    if record.rights:
        mods.append(M.accessCondition(record.rights, type="use and reproduction"))
    mods.append(M.recordInfo(M.recordOrigin(f"Made by {record.encoder} from the TEI header."),
                             M.languageOfCataloging(M.languageTerm("eng", type="code", authority="iso639-2b"))))
    return mods
