"""The Dublin Core record (OAI-PMH oai_dc) of a deposit, built from the Record (the TEI
header). Harvesters (OAI-PMH, DSpace, Archivematica's metadata import) read it."""

from __future__ import annotations

from lxml import etree
from lxml.builder import ElementMaker

from tei_encoder.publish.record import Record

OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
DC = ElementMaker(namespace=DC_NS, nsmap={"dc": DC_NS})
_LOCATION = f"{OAI_DC_NS} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"


def build_dc(record: Record) -> etree._Element:
    root = etree.Element(f"{{{OAI_DC_NS}}}dc", nsmap={"oai_dc": OAI_DC_NS, "dc": DC_NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", _LOCATION)
    for element in dc_elements(record):
        root.append(element)
    return root


def dc_elements(record: Record) -> list[etree._Element]:
    """The dc: elements, in the order DCMES lists them."""
    found = [DC.title(record.title)]
    found += [DC.creator(name) for name in record.authors]
    found += [DC.subject(subject) for subject in record.subjects]
    copies = len(record.copies)
    found.append(DC.description(f"TEI P5 encoding, made by {record.encoder} from OCR text, of a typescript "
                                f"known in {copies} {'copy' if copies == 1 else 'copies'}."))
    if record.date:
        found.append(DC.date(record.date))
    found.append(DC.type("Text"))
    found.append(DC.format("application/tei+xml"))
    found += [DC.identifier(value) for _, value in record.identifiers]
    source = ", ".join(part for part in (record.repository, record.collection) if part)
    if source:
        found.append(DC.source(source))
    found.append(DC.language("en"))
    if record.rights:
        found.append(DC.rights(record.rights))
    found += [DC.rights(text) for text in record.access]
    return found

