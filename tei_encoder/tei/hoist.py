"""An app whose readings are all one and the same element moves inside that element.

Parallel segmentation puts the app around the text that differs, as low as it can go:
`<label><app><lem>1.</lem><rdg>I.</rdg></app></label>`, not an app of two labels. Then
the element is written once (both copies have a label, a date of the same day, a
paragraph of the same number) and each reading holds only text, which is where
apparatus readers look for it: teiphy takes a reading's own text and that of w, hi,
choice and a few more, and skips every other element, so a reading that was one label,
date or paragraph read as an omission. A copy is still rebuilt from @wit alone.
"""

from __future__ import annotations

from lxml import etree

from tei_encoder.collate.tokens import XML_WHITESPACE
from tei_encoder.tei.names import TEI_NS

# Elements written once around an app when every reading is one of them with the same
# attributes. Not fw, note or hi: a layout app has one reading (the other copies have
# no such element at all), and hi spans are cut by other helpers' rules.
_SHARED = {f"{{{TEI_NS}}}{name}" for name in ("label", "date", "p", "head", "ab")}
_READINGS = {f"{{{TEI_NS}}}lem", f"{{{TEI_NS}}}rdg"}
_LABEL = f"{{{TEI_NS}}}label"
# What may be taken out of the start of every reading when all start with it alike.
_LEADING = {_LABEL, f"{{{TEI_NS}}}lb"}


def lift_shared_element(app: etree._Element) -> etree._Element:
    """The app, or the shared element around it (repeatedly, and with what all the
    readings start with taken out before the app) when every reading is one such element."""
    readings = [child for child in app if child.tag in _READINGS]
    inner = _only_children(readings)
    if inner is None:
        return app
    wrapper = etree.Element(inner[0].tag, dict(inner[0].attrib))
    # An empty text node makes the wrapper mixed content for the serialiser, which then
    # adds no indentation inside it: whitespace there would be text of the date or label.
    wrapper.text = ""
    for reading, element in zip(readings, inner):
        text, children = element.text, list(element)
        reading.remove(element)
        reading.text = text
        reading.extend(children)
    wrapper.extend(take_common_start(app))
    wrapper.append(lift_shared_element(app))
    return wrapper


def _only_children(readings: list[etree._Element]) -> list[etree._Element] | None:
    """Each reading's one element, if every reading (two or more) is exactly one
    element of a shared kind, all with the same tag and attributes."""
    if len(readings) < 2:
        return None
    inner = []
    for reading in readings:
        if _has_text(reading.text) or len(reading) != 1 or _has_text(reading[0].tail):
            return None
        inner.append(reading[0])
    first = inner[0]
    if first.tag not in _SHARED or any(e.tag != first.tag or e.attrib != first.attrib for e in inner):
        return None
    return inner


def take_common_start(app: etree._Element) -> list[etree._Element]:
    """What every reading starts with alike, taken out to stand before the app: a line
    break at the same word in every copy, a paragraph's number that every reading has
    ("5." in both copies). It is shared text, not a difference, and inside the readings
    an apparatus reader would lose what follows it (teiphy skips an lb and its tail)."""
    readings = [child for child in app if child.tag in _READINGS]
    taken: list[etree._Element] = []
    while len(readings) > 1:
        firsts = [reading[0] if len(reading) and not _has_text(reading.text) else None for reading in readings]
        first = firsts[0]
        if first is None or first.tag not in _LEADING or len(first) or any(
                e is None or e.tag != first.tag or e.attrib != first.attrib or len(e) or e.text != first.text
                for e in firsts):
            break
        shared = etree.Element(first.tag, dict(first.attrib))
        shared.text = first.text
        shared.tail = " " if first.tag == _LABEL else None
        taken.append(shared)
        for reading, element in zip(readings, firsts):
            tail = (element.tail or "").lstrip(XML_WHITESPACE)  # a no-break space is text: it stays
            reading.remove(element)
            reading.text = tail or None
    return taken


def _has_text(text: str | None) -> bool:
    """Any text but XML white space (a no-break space is text, as in the copy)."""
    return bool(text and text.strip(XML_WHITESPACE))
