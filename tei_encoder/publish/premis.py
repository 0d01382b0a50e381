"""PREMIS 3.0: what tei-encoder did to make the deposit (encode, validate, package),
when, with which version, and with what outcome; the TEI file as the object with its
SHA-256. Built from the Record (the TEI header) and the package's own facts.

eventDateTime is the encoding's date (--date or SOURCE_DATE_EPOCH, as in the TEI's
revisionDesc); without one it is the EDTF "XXXX-XX-XX" (a date not given), never the
clock: the same input and options give the same bytes."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree
from lxml.builder import ElementMaker

from tei_encoder.publish.record import Record

PREMIS_NS = "http://www.loc.gov/premis/v3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
P = ElementMaker(namespace=PREMIS_NS, nsmap={"premis": PREMIS_NS, "xsi": XSI})
UNKNOWN_DATE = "XXXX-XX-XX"


@dataclass(frozen=True)
class PackedFile:
    """A payload file: its path in the package, size and SHA-256."""

    path: str
    size: int
    sha256: str


def build_premis(record: Record, tei: PackedFile, checks: str) -> etree._Element:
    """checks: what the TEI was validated against (e.g. "tei-memo.xsd and the rules")."""
    agent = record.encoder.replace(" ", "-")
    when = record.encoded or UNKNOWN_DATE
    root = P.premis(_object(tei), version="3.0")
    for name, kind, detail in (
            ("encode", "creation", f"Encoded from OCR text into TEI P5 by {record.encoder}."),
            ("validate", "validation", f"Validated against {checks} before it was written: valid."),
            ("package", "packing", "Packed with its OCR text, reading page, schemas and metadata, with "
                                   "SHA-256 checksums.")):
        root.append(_event(f"event-{name}", kind, when, detail, agent, tei.path))
    version = record.encoder.partition(" ")[2]
    root.append(P.agent(P.agentIdentifier(P.agentIdentifierType("local"), P.agentIdentifierValue(agent)),
                        P.agentName("tei-encoder"), P.agentType("software"),
                        *([P.agentVersion(version)] if version else [])))
    return root


def _object(tei: PackedFile) -> etree._Element:
    element = P.object(
        P.objectIdentifier(P.objectIdentifierType("local"), P.objectIdentifierValue(tei.path)),
        P.objectCharacteristics(
            P.compositionLevel("0"),
            P.fixity(P.messageDigestAlgorithm("SHA-256"), P.messageDigest(tei.sha256)),
            P.size(str(tei.size)),
            P.format(P.formatDesignation(P.formatName("TEI P5 XML"), P.formatVersion("P5")))))
    element.set(f"{{{XSI}}}type", "premis:file")
    return element


def _event(identifier: str, kind: str, when: str, detail: str, agent: str, target: str) -> etree._Element:
    return P.event(
        P.eventIdentifier(P.eventIdentifierType("local"), P.eventIdentifierValue(identifier)),
        P.eventType(kind),
        P.eventDateTime(when),
        P.eventDetailInformation(P.eventDetail(detail)),
        P.eventOutcomeInformation(P.eventOutcome("success")),
        P.linkingAgentIdentifier(P.linkingAgentIdentifierType("local"), P.linkingAgentIdentifierValue(agent),
                                 P.linkingAgentRole("executing program")),
        P.linkingObjectIdentifier(P.linkingObjectIdentifierType("local"), P.linkingObjectIdentifierValue(target)))
