"""PAGE XML (PRImA; the 2013 and 2019 schemas: Transkribus, eScriptorium, OCR-D) -> OcrDocument.

PcGts/Page (@imageFilename, @imageWidth, @imageHeight) holds TextRegions (@type:
paragraph, heading, header, footer, page-number, catch-word, marginalia...) of
TextLines of Words; each has Coords/@points ("x,y x,y ...", or the 2010 schema's
Point children) and TextEquiv (Unicode, @conf 0-1). Regions are read in the
ReadingOrder (nested ordered groups by @index), then any region it leaves out, in
document order (regions nested in a TableRegion too). A line's text is its own
TextEquiv, else its words' joined; a region whose lines hold no text gives its own
TextEquiv, a line per line. Elements are matched by local name, so the 2010, 2017
and 2018 schemas read too. One page
per file: several page files make one copy (see readers.inputs). The engine is
Metadata/Creator (Transkribus lists the tools it ran there, a line each, and itself
last: the last line is the engine), the date Metadata/Created.

A region's type is its @type; Transkribus and kraken/eScriptorium often leave @type
out and write it in @custom instead ("readingOrder {index:2;} structure {type:header;}"),
and Transkribus may tag one line so (its own structure wins over its region's).
eScriptorium's usual typology is SegmOnto's, whose zone names are mapped to PAGE's
(NumberingZone: page-number, RunningTitleZone: header, QuireMarksZone: catch-word,
MarginTextZone: marginalia; a "Zone:subtype" keeps its zone).
"""

from __future__ import annotations

import re

from tei_encoder.errors import InputError
from tei_encoder.model import WordLayout
from tei_encoder.readers.ocr import OcrDocument, OcrLine, OcrPage, XmlParse, box, clean, local, mean, number, parse_xml

NAMESPACES = ("http://schema.primaresearch.org/PAGE/gts/pagecontent/2013-07-15",
              "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15")
_POINT = re.compile(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")
_VERSION = re.compile(r"^(?P<name>.*?)[\s/-]+v?(?P<version>\d+(?:\.\d+)+\S*)$")
_STRUCTURE = re.compile(r"structure\s*\{[^}]*?\btype\s*:\s*([^;}]+)")
# SegmOnto's zone and line names (eScriptorium) in PAGE's region types.
_SEGMONTO = {"numberingzone": "page-number", "runningtitlezone": "header", "quiremarkszone": "catch-word",
             "margintextzone": "marginalia", "maintextzone": "paragraph", "mainzone": "paragraph",
             "titlepagezone": "heading", "headingline": "heading", "dropcapitalzone": "drop-capital"}


def read(data: bytes, path: str, parse: XmlParse) -> OcrDocument:
    root = parse_xml(data, path, parse).getroot()
    if local(root.tag) != "PcGts":
        raise InputError(path, f"the root element is {local(root.tag)}, not PcGts", line=root.sourceline)
    pages = [child for child in root if local(child.tag) == "Page"]
    if not pages:
        raise InputError(path, "no Page in the PAGE file", line=root.sourceline)
    creator = _child_text(root, "Metadata", "Creator")
    creator = creator.splitlines()[-1].strip() if creator else None  # Transkribus: its tools, then itself
    engine, version = creator, None
    found = _VERSION.match(creator or "")
    if found:
        engine, version = found.group("name"), found.group("version")
    created = _child_text(root, "Metadata", "Created")
    return OcrDocument("page", tuple(_page(page, path) for page in pages), engine, version,
                       created[:10] if created else None)


def _child_text(root, parent: str, child: str) -> str | None:
    for element in root:
        if local(element.tag) == parent:
            for sub in element:
                if local(sub.tag) == child and sub.text and sub.text.strip():
                    return sub.text.strip()
    return None


def _page(element, path: str) -> OcrPage:
    width = number(element.get("imageWidth"), path, element.sourceline, "Page/@imageWidth")
    height = number(element.get("imageHeight"), path, element.sourceline, "Page/@imageHeight")
    lines = []
    for region in _regions_in_order(element):
        kind = region_type(region)
        region_id = region.get("id") or f"@{region.sourceline}"
        own = [_line(line, kind, region_id, path) for line in region if local(line.tag) == "TextLine"]
        if not any(line.text for line in own):
            own = _region_lines(region, kind, region_id, path) or own
        lines += own
    return OcrPage(round(width), round(height), element.get("imageFilename") or None, path,
                   element.sourceline, tuple(lines))


def region_type(element) -> str | None:
    """@type, else the structure type in @custom (Transkribus, kraken), in PAGE's words."""
    kind = element.get("type")
    if not kind:
        found = _STRUCTURE.search(element.get("custom") or "")
        kind = found.group(1) if found else None
    if not kind or not kind.strip():
        return None
    kind = kind.strip().split(":", 1)[0].split("#", 1)[0]  # SegmOnto's "MainZone:column#1"
    return _SEGMONTO.get(kind.lower(), kind.lower() if kind.lower() in _PAGE_TYPES else kind)


_PAGE_TYPES = {"paragraph", "heading", "caption", "header", "footer", "page-number", "drop-capital", "credit",
               "floating", "signature-mark", "catch-word", "marginalia", "footnote", "footnote-continued",
               "endnote", "toc-entry", "list-label", "other"}


def _region_lines(region, kind: str | None, region_id: str, path: str) -> list[OcrLine]:
    """A region whose text is only at region level (no TextLine, or lines with empty
    TextEquiv: PRImA's own example does this): its TextEquiv, a line per line of it,
    each with the region's box (the file says no more about where the lines are)."""
    text, conf = _equiv(region, path)
    region_box = _coords(region, path)
    return [OcrLine(clean(line), region_box, (), conf, kind, region_id, region.sourceline)
            for line in (text or "").split("\n") if clean(line)]


def _regions_in_order(page) -> list:
    regions = [e for e in page.iter() if local(e.tag) == "TextRegion"]
    by_id = {r.get("id"): r for r in regions if r.get("id")}
    ordered = []
    for child in page:
        if local(child.tag) == "ReadingOrder":
            ordered = [by_id[ref] for ref in _refs(child) if ref in by_id]
    seen = {id(r) for r in ordered}
    return list(dict.fromkeys(ordered)) + [r for r in regions if id(r) not in seen]


def _refs(group) -> list[str]:
    """The region ids of a reading-order group, nested groups flattened, by @index."""
    children = [c for c in group if isinstance(c.tag, str)]
    if all(c.get("index") is not None for c in children):
        children.sort(key=lambda c: int(c.get("index")) if c.get("index", "").isdigit() else 0)
    refs: list[str] = []
    for child in children:
        if child.get("regionRef"):
            refs.append(child.get("regionRef"))
        refs += _refs(child)
    return refs


def _coords(element, path: str):
    for child in element:
        if local(child.tag) != "Coords":
            continue
        if child.get("points"):
            points = [(float(x), float(y)) for x, y in _POINT.findall(child.get("points"))]
        else:
            points = [(number(p.get("x"), path, p.sourceline, "Point/@x"),
                       number(p.get("y"), path, p.sourceline, "Point/@y")) for p in child if local(p.tag) == "Point"]
        if not points:
            raise InputError(path, "Coords without points", line=child.sourceline)
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return box(min(xs), min(ys), max(xs), max(ys))
    return None


def _equiv(element, path: str) -> tuple[str | None, float | None]:
    """The element's own TextEquiv: the first by @index (the engine's best reading)."""
    equivs = [c for c in element if local(c.tag) == "TextEquiv"]
    if not equivs:
        return None, None
    equivs.sort(key=lambda e: int(e.get("index")) if (e.get("index") or "").isdigit() else 0)
    best = equivs[0]
    unicode = next((c for c in best if local(c.tag) == "Unicode"), None)
    conf = best.get("conf")
    return (unicode.text if unicode is not None else None,
            number(conf, path, best.sourceline, "TextEquiv/@conf") if conf is not None else None)


def _line(element, kind: str | None, region_id: str, path: str) -> OcrLine:
    words = []
    for child in element:
        if local(child.tag) == "Word":
            text, conf = _equiv(child, path)
            if clean(text):
                words.append(WordLayout(clean(text), _coords(child, path), conf))
    text, conf = _equiv(element, path)
    text = clean(text) or " ".join(w.text for w in words)
    if words and " ".join(w.text for w in words) != text:
        words = []  # the words do not spell the line (edited line text): trust the line
    confidence = conf if conf is not None else mean(w.confidence for w in words)
    own = _STRUCTURE.search(element.get("custom") or "")  # a line Transkribus tagged itself
    return OcrLine(text, _coords(element, path), tuple(words), confidence, region_type(element) if own else kind,
                   region_id, element.sourceline)
