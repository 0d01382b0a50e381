"""adminInfo/custodialHist: the record's history as its marks tell it, one custEvent
per stamp or release banner of each copy (tei_encoder.analyse.history classifies them),
with @type (declassification, review, release, sanitization, or stamp for a mark that
says no more) and @when where the mark's date is legible. The mark's text is given as
read, then what was parsed from it: authority, reviewer, case or document number."""

from __future__ import annotations

from lxml import etree

from tei_encoder.model import Document, Mark
from tei_encoder.tei.names import E


def stamp_events(document: Document) -> list[etree._Element]:
    return [_event(mark, witness.sigil) for witness in document.witnesses for mark in witness.marks]


def _event(mark: Mark, sigil: str) -> etree._Element:
    event = mark.event
    where = f"Copy {sigil}, " + (f"page {mark.page}" if mark.kind == "stamp" else f"line {mark.line}")
    facts = [f"{name}: {value}" for name, value in (("authority", event.authority), ("reviewer", event.reviewer),
                                                     ("number", event.number)) if value]
    said = f"{where}, {mark.kind} as read: \u201c{mark.text.strip()}\u201d."
    if facts:
        said += " Parsed: " + "; ".join(facts) + "."
    element = E.custEvent(E.p(said), type=event.type)
    if event.when:
        element.set("when", event.when)
    return element
