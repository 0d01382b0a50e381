"""hOCR (tesseract's `hocr` output, hOCR 1.2) -> OcrDocument.

hOCR is XHTML whose class attributes say what an element is and whose title attribute
holds properties: `ocr_page` (title: image "FILE"; bbox 0 0 W H; ppageno N), `ocr_carea`
and `ocr_par` (blocks), `ocr_line` (and tesseract's `ocr_header`, `ocr_caption`,
`ocr_textfloat` lines), `ocrx_word` (bbox, x_wconf 0-100). A file may hold several pages
(tesseract given a list of images). Engine and version come from the ocr-system meta.
"""

from __future__ import annotations

import re

from tei_encoder.errors import InputError
from tei_encoder.model import WordLayout
from tei_encoder.readers.ocr import OcrDocument, OcrLine, OcrPage, XmlParse, box, clean, mean, number, parse_xml

_LINE_CLASSES = {"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat", "ocrx_line"}
_BLOCK_CLASSES = {"ocr_carea", "ocr_par", "ocrx_block"}
# tesseract's own line classes that say what a line is.
_REGION = {"ocr_header": "heading", "ocr_caption": "caption"}
_PROPERTY = re.compile(r'\s*([A-Za-z_]+)\s+("(?:[^"\\]|\\.)*"|[^;]*)\s*(?:;|$)')


def properties(title: str | None) -> dict[str, str]:
    """An hOCR title attribute as a dict: 'bbox 0 0 10 10; x_wconf 95' -> {...}."""
    found: dict[str, str] = {}
    for match in _PROPERTY.finditer(title or ""):
        value = match.group(2).strip()
        if value.startswith('"') and value.endswith('"'):
            value = value[1:-1].replace('\\"', '"')
        found.setdefault(match.group(1), value)
    return found


def read(data: bytes, path: str, parse: XmlParse) -> OcrDocument:
    root = parse_xml(data, path, parse).getroot()
    engine, version = _engine(root)
    pages = tuple(_page(element, path) for element in root.iter() if "ocr_page" in _classes(element))
    if not pages:
        raise InputError(path, "no ocr_page in the hOCR file")
    return OcrDocument("hocr", pages, engine, version)


def _classes(element) -> set[str]:
    value = element.get("class") if isinstance(element.tag, str) else None
    return set(value.split()) if value else set()


def _engine(root) -> tuple[str | None, str | None]:
    for meta in root.iter("{*}meta", "meta"):
        if meta.get("name") == "ocr-system":
            name, _, version = (meta.get("content") or "").strip().partition(" ")
            return name or None, version.strip() or None
    return None, None


def _bbox(props: dict[str, str], path: str, line: int | None):
    if "bbox" not in props:
        return None
    values = props["bbox"].split()
    if len(values) != 4:
        raise InputError(path, f"bbox needs four numbers, not {props['bbox']!r}", line=line)
    return box(*(number(v, path, line, "bbox") for v in values))


def _page(element, path: str) -> OcrPage:
    props = properties(element.get("title"))
    page_box = _bbox(props, path, element.sourceline)
    if page_box is None:
        raise InputError(path, "an ocr_page without a bbox (the page size)", line=element.sourceline)
    image = props.get("image") or None
    lines = []
    for line in element.iter():
        classes = _classes(line)
        if classes & _LINE_CLASSES:
            lines.append(_line(line, classes, path))
    return OcrPage(page_box.lrx, page_box.lry, image, path, element.sourceline, tuple(lines))


def _line(element, classes: set[str], path: str) -> OcrLine:
    words = []
    for word in element.iter():
        if "ocrx_word" in _classes(word):
            props = properties(word.get("title"))
            conf = props.get("x_wconf")
            confidence = number(conf, path, word.sourceline, "x_wconf") / 100 if conf is not None else None
            text = clean("".join(word.itertext()))
            if text:
                words.append(WordLayout(text, _bbox(props, path, word.sourceline), confidence))
    text = " ".join(w.text for w in words) if words else clean("".join(element.itertext()))
    region = next((_REGION[c] for c in classes if c in _REGION), None)
    return OcrLine(text, _bbox(properties(element.get("title")), path, element.sourceline), tuple(words),
                   mean(w.confidence for w in words), region, _block_id(element), element.sourceline)


def _block_id(element) -> str | None:
    parent = element.getparent()
    while parent is not None:
        if _classes(parent) & _BLOCK_CLASSES:
            return parent.get("id") or f"@{parent.sourceline}"
        parent = parent.getparent()
    return None
