"""adminInfo/custodialHist: the record's history as its marks tell it, one custEvent
per stamp or release banner of each copy (tei_encoder.analyse.history classifies them),
with @type (declassification, review, release, sanitization, or stamp for a mark that
says no more) and @when where the mark's date is legible. The mark's text is given as
read, then what was parsed from it: authority, reviewer, case or document number."""

from __future__ import annotations

from lxml import etree

from tei_encoder.analyse.history import Event, banners, classify
from tei_encoder.model import Document, Witness
from tei_encoder.tei.names import E


def stamp_events(document: Document, stamps: dict[str, list[tuple[str, str]]]) -> list[etree._Element]:
    events = []
    for witness in document.witnesses:
        for line, text in banners(_lines(document, witness)):
            events.append(_event(classify(text), f"Copy {witness.sigil}, line {line}", text, "banner"))
        for page, text in stamps.get(witness.sigil, []):
            events.append(_event(classify(text), f"Copy {witness.sigil}, page {page}", text, "stamp"))
    return events


def _event(event: Event, where: str, text: str, kind: str) -> etree._Element:
    facts = [f"{name}: {value}" for name, value in (("authority", event.authority), ("reviewer", event.reviewer),
                                                     ("number", event.number)) if value]
    said = f"{where}, {kind} as read: \u201c{text.strip()}\u201d."
    if facts:
        said += " Parsed: " + "; ".join(facts) + "."
    element = E.custEvent(E.p(said), type=event.type)
    if event.when:
        element.set("when", event.when)
    return element


def _lines(document: Document, witness: Witness) -> list[tuple[int, str]]:
    """The copy's input lines with their line numbers."""
    source = next((s for s in document.sources if s.path == witness.path), document.sources[0])
    return [(line.number, line.text) for line in source.lines
            if witness.first_line <= line.number <= witness.last_line]
