"""The project's rules that no grammar expresses, run after the schema on any TEI file.

Written as Python checks rather than ISO Schematron (or XSD 1.1 assertions, which
xmlschema evaluates slowly): they run in about a millisecond on a memo (lxml's
isoschematron compiles through XSLT 1.0 on every start and reports no line
numbers), and each problem carries its line, column and XPath like a schema error. Each
rule has an id, shown in every report:

    id-unique          every xml:id is used once
    pointer-target     every "#id" in @wit @edRef @corresp @ref @target @who @scheme
                       names an xml:id of the document
    app-declared       a document with app declares its witnesses (listWit) and its
                       variantEncoding
    app-single-copy    a document with one witness has no app (house encoding)
    app-complete       in parallel segmentation every app has a reading for every
                       witness of its context (the whole text, or the rdg it sits in);
                       app[@type='layout'], one copy's page furniture, is exempt
    pb-n               every pb has @n
    p-label-n          a p that carries a label (a numbered paragraph) says its number
                       in @n
    div-block          a div without child divs holds a p or an ab
    date-when          date/@when is an ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD,
                       optionally with a time)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from tei_encoder.errors import SchemaProblem
from tei_encoder.tei.names import TEI_NS, XML_ID

POINTER_ATTRIBUTES = ("wit", "edRef", "corresp", "ref", "target", "who", "scheme")
_T = f"{{{TEI_NS}}}"
_WHEN = re.compile(r"-?\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?"
                   r"(Z|[+-]\d{2}:\d{2})?)?)?)?$")


def check_rules(tree: etree._ElementTree, source: str = "<memory>") -> Iterator[SchemaProblem]:
    root = tree.getroot()
    ids = yield from _unique_ids(root, source)
    yield from _pointers(root, ids, source)
    yield from _apparatus(root, source)
    for p in root.iter(f"{_T}p"):
        if p.get("n") is None and p.find(f"{_T}label") is not None:
            yield _problem(p, "p has a label but no @n (its normalised number)", "p-label-n", source)
    for div in root.iter(f"{_T}div"):
        if div.find(f"{_T}div") is None and div.find(f"{_T}p") is None and div.find(f"{_T}ab") is None:
            yield _problem(div, "div has no p or ab (TEI wants a paragraph in a division)", "div-block", source)
    for pb in root.iter(f"{_T}pb"):
        if pb.get("n") is None:
            yield _problem(pb, "pb has no @n (the page number, typed or inferred)", "pb-n", source)
    for date in root.iter(f"{_T}date"):
        when = date.get("when")
        if when is not None and not _WHEN.match(when):
            yield _problem(date, f"date/@when {when!r} is not an ISO 8601 date", "date-when", source)


def _problem(element: etree._Element, message: str, rule: str, source: str) -> SchemaProblem:
    return SchemaProblem(message=message, path=element.getroottree().getpath(element), line=element.sourceline,
                         source=source, rule=rule)


def _unique_ids(root: etree._Element, source: str):
    seen: dict[str, int | None] = {}
    for element in root.iter():
        value = element.get(XML_ID) if isinstance(element.tag, str) else None
        if value is None:
            continue
        if value in seen:
            yield _problem(element, f"xml:id {value!r} is used again (first on line {seen[value]})",
                           "id-unique", source)
        else:
            seen[value] = element.sourceline
    return set(seen)


def _pointers(root: etree._Element, ids: set[str], source: str) -> Iterator[SchemaProblem]:
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for name in POINTER_ATTRIBUTES:
            for pointer in (element.get(name) or "").split():
                if pointer.startswith("#") and pointer[1:] not in ids:
                    yield _problem(element, f"@{name} points to {pointer}, which is no xml:id of this document",
                                   "pointer-target", source)


def _apparatus(root: etree._Element, source: str) -> Iterator[SchemaProblem]:
    apps = list(root.iter(f"{_T}app"))
    if not apps:
        return
    witnesses = [w.get(XML_ID) for w in root.iter(f"{_T}witness") if w.get(XML_ID)]
    encoding = root.find(f".//{_T}variantEncoding")
    if not witnesses:
        yield _problem(apps[0], "the document has app but declares no witness (listWit/witness[@xml:id])",
                       "app-declared", source)
    if encoding is None:
        yield _problem(apps[0], "the document has app but no encodingDesc/variantEncoding", "app-declared", source)
    if len(witnesses) == 1:
        yield _problem(apps[0], f"the document has one witness ({witnesses[0]}) but app elements: a single "
                                "copy has no apparatus", "app-single-copy", source)
    if not witnesses or encoding is None or encoding.get("method") != "parallel-segmentation":
        return
    everyone = {f"#{w}" for w in witnesses}
    for app in apps:
        if app.get("type") == "layout":
            continue
        context = _context(app, everyone)
        named = {w for reading in app if isinstance(reading.tag, str) for w in (reading.get("wit") or "").split()}
        missing = sorted(context - named)
        if missing:
            yield _problem(app, f"app has no reading for {' '.join(missing)} (an omission is an empty rdg)",
                           "app-complete", source)


def _context(app: etree._Element, everyone: set[str]) -> set[str]:
    """The witnesses an app speaks for: those of the nearest reading around it."""
    for ancestor in app.iterancestors(f"{_T}rdg", f"{_T}lem"):
        if ancestor.get("wit"):
            return set(ancestor.get("wit").split())
    return everyone
