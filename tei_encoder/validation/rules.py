"""Rules that no grammar expresses, run after the schema on any TEI file.

Written as Python checks rather than ISO Schematron (or XSD 1.1 assertions, which
xmlschema evaluates slowly): they run in about a millisecond on a memo (lxml's
isoschematron compiles through XSLT 1.0 on every start and reports no line
numbers), and each problem carries its line, column and a readable path like a schema
error. Each rule has an id, shown in every report.

The rules here hold for any TEI (they follow from the Guidelines: an xml:id is unique, a
pointer points somewhere, parallel segmentation gives every witness a reading); the
house conventions of the project's own encoding (tei_encoder.validation.house: pb-n,
p-label-n, div-block, app-single-copy) run only with the project schema, so legal TEI
from elsewhere is not failed for not being written the house way.

    id-unique          every xml:id is used once
    pointer-target     every "#id" in @wit @edRef @corresp @ref @target @who @scheme
                       @facs names an xml:id of the document
    zone-in-surface    a zone's box (@ulx @uly @lrx @lry) lies inside its surface's
    app-declared       a document with app declares its witnesses (listWit) and its
                       variantEncoding
    app-complete       in parallel segmentation every app has a reading for every
                       witness of its context (the whole text, or the rdg it sits in);
                       app[@type='layout'], one copy's page furniture, is exempt
    lem-resp           a lem without @wit (an emendation: no copy reads so) says whose it
                       is in @resp
    date-when          date/@when is an ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD,
                       optionally with a time)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from tei_encoder.errors import SchemaProblem
from tei_encoder.tei.names import TEI_NS, XML_ID
from tei_encoder.validation.paths import readable_path

POINTER_ATTRIBUTES = ("wit", "edRef", "corresp", "ref", "target", "who", "scheme", "facs")
_T = f"{{{TEI_NS}}}"
_WHEN = re.compile(r"-?\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?"
                   r"(Z|[+-]\d{2}:\d{2})?)?)?)?$")


def check_rules(tree: etree._ElementTree, source: str = "<memory>", house: bool = True) -> Iterator[SchemaProblem]:
    """The TEI-level rules; with house, the project's conventions too."""
    root = tree.getroot()
    ids = yield from _unique_ids(root, source)
    yield from _pointers(root, ids, source)
    yield from _apparatus(root, source)
    yield from _zones(root, source)
    for date in root.iter(f"{_T}date"):
        when = date.get("when")
        if when is not None and not _WHEN.match(when):
            yield problem(date, f"date/@when {when!r} is not an ISO 8601 date", "date-when", source)
    if house:
        from tei_encoder.validation.house import check_house

        yield from check_house(root, source)


def _zones(root: etree._Element, source: str) -> Iterator[SchemaProblem]:
    for surface in root.iter(f"{_T}surface"):
        outer = _box(surface)
        if outer is None:
            continue
        for zone in surface.iter(f"{_T}zone"):
            inner = _box(zone)
            if inner is not None and not (outer[0] <= inner[0] <= inner[2] <= outer[2]
                                          and outer[1] <= inner[1] <= inner[3] <= outer[3]):
                yield problem(zone, f"zone {inner} is not inside its surface {outer}", "zone-in-surface", source)


def _box(element: etree._Element) -> tuple[float, ...] | None:
    try:
        return tuple(float(element.get(name)) for name in ("ulx", "uly", "lrx", "lry"))
    except (TypeError, ValueError):
        return None


def problem(element: etree._Element, message: str, rule: str, source: str) -> SchemaProblem:
    return SchemaProblem(message=message, path=readable_path(element), line=element.sourceline,
                         source=source, rule=rule)


# The elements that carry an xml:id, or a pointer attribute, in document order (root.iter()'s
# order): selected in C, not by asking every element for every attribute. Strings, compiled
# at each use (microseconds): a compiled XPath object is not to be shared between threads.
_WITH_ID = "descendant-or-self::*[@xml:id]"
_WITH_POINTER = "descendant-or-self::*[" + " or ".join(f"@{name}" for name in POINTER_ATTRIBUTES) + "]"


def _unique_ids(root: etree._Element, source: str):
    seen: dict[str, int | None] = {}
    for element in root.xpath(_WITH_ID):
        value = element.get(XML_ID)
        if value in seen:
            yield problem(element, f"xml:id {value!r} is used again (first on line {seen[value]})",
                           "id-unique", source)
        else:
            seen[value] = element.sourceline
    return set(seen)


# The pointer attributes' values themselves, one path per attribute name (an XPath
# predicate naming the eight attributes costs more than the whole walk; every attribute
# of a 10 MB document at once costs memory), as plain strings (smart strings would each
# hold their element): a document whose pointers all reach an xml:id (every document
# encode writes) is answered without asking each element for each attribute; one that
# has a stray pointer is walked element by element, for the problems in their order. An
# unprefixed name selects the attributes in no namespace, those element.get(name) reads.
_POINTER_VALUES = " | ".join(f"descendant-or-self::*/@{name}" for name in POINTER_ATTRIBUTES)


def _pointers(root: etree._Element, ids: set[str], source: str) -> Iterator[SchemaProblem]:
    values = " ".join(root.xpath(_POINTER_VALUES, smart_strings=False))
    targets = {pointer[1:] for pointer in values.split() if pointer.startswith("#")}
    if targets <= ids:
        return
    for element in root.xpath(_WITH_POINTER):
        for name in POINTER_ATTRIBUTES:
            for pointer in (element.get(name) or "").split():
                if pointer.startswith("#") and pointer[1:] not in ids:
                    yield problem(element, f"@{name} points to {pointer}, which is no xml:id of this document",
                                   "pointer-target", source)


def _apparatus(root: etree._Element, source: str) -> Iterator[SchemaProblem]:
    apps = list(root.iter(f"{_T}app"))
    if not apps:
        return
    witnesses = [w.get(XML_ID) for w in root.iter(f"{_T}witness") if w.get(XML_ID)]
    encoding = root.find(f".//{_T}variantEncoding")
    if not witnesses:
        yield problem(apps[0], "the document has app but declares no witness (listWit/witness[@xml:id])",
                       "app-declared", source)
    if encoding is None:
        yield problem(apps[0], "the document has app but no encodingDesc/variantEncoding", "app-declared", source)
    if not witnesses or encoding is None or encoding.get("method") != "parallel-segmentation":
        return
    everyone = {f"#{w}" for w in witnesses}
    for lem in root.iter(f"{_T}lem"):
        if lem.get("wit") is None and lem.get("resp") is None:
            yield problem(lem, "lem has neither @wit (the copies that read so) nor @resp (whose emendation it is)",
                           "lem-resp", source)
    for app in apps:
        if app.get("type") == "layout":
            continue
        context = _context(app, everyone)
        named = {w for reading in app if isinstance(reading.tag, str) for w in (reading.get("wit") or "").split()}
        missing = sorted(context - named)
        if missing:
            yield problem(app, f"app has no reading for {' '.join(missing)} (an omission is an empty rdg)",
                           "app-complete", source)


def _context(app: etree._Element, everyone: set[str]) -> set[str]:
    """The witnesses an app speaks for: those of the nearest reading around it."""
    for ancestor in app.iterancestors(f"{_T}rdg", f"{_T}lem"):
        if ancestor.get("wit"):
            return set(ancestor.get("wit").split())
    return everyone
