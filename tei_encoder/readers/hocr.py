"""hOCR (tesseract's `hocr` output, hOCR 1.2; kraken, OCRopus, Cuneiform) -> OcrDocument.

hOCR is (X)HTML whose class attributes say what an element is and whose title attribute
holds properties: `ocr_page` (title: image "FILE"; bbox 0 0 W H; ppageno N), `ocr_carea`,
`ocr_par` and kraken's `ocrx_block` (blocks; kraken's data-region-type is the region
type), `ocr_line` (and tesseract's `ocr_header`, `ocr_caption`, `ocr_textfloat` lines),
`ocrx_word` (bbox, x_wconf 0-100, or kraken's x_confs per character). A file may hold
several pages (tesseract given a list of images). Engine and version come from the
ocr-system meta.

Two parsers, chosen by what the file says it is, never by trial: a file that declares
itself XML (an XML declaration, as tesseract writes) is read by the project's safe XML
parser, and its faults are reported with line and column. Any other file is HTML as
engines and browsers write it (unclosed `<meta>` and `<br>`, `&nbsp;`, no XML
declaration: OCRopus, Cuneiform, kraken; the XHTML namespace alone is no promise of
well-formed XML, Cuneiform writes it over HTML 4 tags), read with
lxml's HTML parser under the same rules: no network, no DTD, an entity declaration
refused, the size already bounded by the reader (readers.bounded). OCRopus names the
image with `file` and gives no page bbox: the page is then as large as its text reaches.
"""

from __future__ import annotations

import codecs
import re

from lxml import etree

from tei_encoder.errors import InputError
from tei_encoder.model import Box, WordLayout
from tei_encoder.readers.ocr import OcrDocument, OcrLine, OcrPage, XmlParse, box, clean, mean, number, parse_xml

_LINE_CLASSES = {"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat", "ocrx_line"}
_BLOCK_CLASSES = {"ocr_carea", "ocr_par", "ocrx_block"}
# tesseract's own line classes that say what a line is.
_REGION = {"ocr_header": "heading", "ocr_caption": "caption"}
_PROPERTY = re.compile(r'\s*([A-Za-z_]+)\s+("(?:[^"\\]|\\.)*"|[^;]*)\s*(?:;|$)')
# What makes a file XML rather than HTML: its XML declaration.
_XML_DECLARATION = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<\?xml\s", re.IGNORECASE)
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_HEAD = 4096  # where an HTML file's charset declaration must be (HTML: in the first 1024 bytes)


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
    root = parse_xml(data, path, parse).getroot() if is_xml(data) else parse_html(data, path)
    engine, version = _engine(root)
    scale = _character_confidence_scale(root)
    pages = tuple(_page(element, path, scale) for element in root.iter() if "ocr_page" in _classes(element))
    if not pages:
        raise InputError(path, "no ocr_page in the hOCR file")
    return OcrDocument("hocr", pages, engine, version)


def is_xml(data: bytes) -> bool:
    """Whether an hOCR file declares itself XML (XHTML) rather than HTML."""
    return bool(_XML_DECLARATION.match(data[:_HEAD]))


def parse_html(data: bytes, path: str):
    """HTML hOCR -> its root element, safely: lxml's HTML parser with no network, and
    any entity declaration refused (HTML's own entities, &nbsp; and the like, are
    built into the parser; nothing else is expanded)."""
    declared = _ENTITY_DECLARATION.search(data)
    if declared:
        raise InputError(path, "refused: an entity declaration (hOCR needs none)",
                         line=data[:declared.start()].count(b"\n") + 1)
    text = _decode(data, path)
    parser = etree.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, huge_tree=False,
                              default_doctype=False)
    root = etree.fromstring(text, parser) if text.strip() else None
    if root is None:
        raise InputError(path, "an empty hOCR file", line=1)
    return root


def _decode(data: bytes, path: str) -> str:
    """The text of an HTML file: in the charset its BOM or meta names, else UTF-8 (what
    every engine writes); a byte that is not of that charset is reported with its line."""
    if data.startswith(codecs.BOM_UTF8):
        charset, data = "utf-8", data[len(codecs.BOM_UTF8):]
    else:
        found = _META_CHARSET.search(data[:_HEAD])
        charset = found.group(1).decode("ascii").lower() if found else "utf-8"
    try:
        codecs.lookup(charset)
    except LookupError:
        raise InputError(path, f"unknown charset {charset!r} in the meta element", line=1) from None
    try:
        return data.decode(charset)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not {charset}: byte {data[exc.start]:#04x}",
                         line=data[:exc.start].count(b"\n") + 1) from None


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


def _character_confidence_scale(root) -> float:
    """What a file's x_confs are out of: hOCR says 0-100, kraken writes 0-1. Told for
    the whole file at once (a file whose every character scores at most 1 % is no
    file an engine writes), never word by word."""
    highest = 0.0
    for element in root.iter():
        if "ocrx_word" in _classes(element):
            values = properties(element.get("title")).get("x_confs", "").split()
            highest = max([highest] + [float(v) for v in values if _is_number(v)])
    return 100.0 if highest > 1 else 1.0


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def _page(element, path: str, scale: float) -> OcrPage:
    props = properties(element.get("title"))
    page_box = _bbox(props, path, element.sourceline)
    image = props.get("image") or props.get("file") or None  # OCRopus: "file"
    lines = []
    for line in element.iter():
        classes = _classes(line)
        if classes & _LINE_CLASSES:
            lines.append(_line(line, classes, path, scale))
    if page_box is None:
        page_box = _extent(lines)
        if page_box is None:
            raise InputError(path, "an ocr_page without a bbox (the page size) and no line with one",
                             line=element.sourceline)
    return OcrPage(page_box.lrx, page_box.lry, image, path, element.sourceline, tuple(lines))


def _extent(lines: list[OcrLine]) -> Box | None:
    """A page that gives no size (OCRopus): as wide and tall as its lines reach."""
    boxes = [line.box for line in lines if line.box is not None]
    boxes += [word.box for line in lines for word in line.words if word.box is not None]
    if not boxes:
        return None
    return Box(0, 0, max(b.lrx for b in boxes), max(b.lry for b in boxes))


def _word_confidence(props: dict[str, str], path: str, line: int | None, scale: float) -> float | None:
    """x_wconf (0-100), else the mean of the characters' x_confs."""
    if props.get("x_wconf") is not None:
        return number(props["x_wconf"], path, line, "x_wconf") / 100
    if props.get("x_confs"):
        values = [number(v, path, line, "x_confs") / scale for v in props["x_confs"].split()]
        return mean(values)
    return None


def _line(element, classes: set[str], path: str, scale: float) -> OcrLine:
    words = []
    for word in element.iter():
        if "ocrx_word" in _classes(word):
            props = properties(word.get("title"))
            text = clean("".join(word.itertext()))
            if text:
                words.append(WordLayout(text, _bbox(props, path, word.sourceline),
                                        _word_confidence(props, path, word.sourceline, scale)))
    text = " ".join(w.text for w in words) if words else clean("".join(element.itertext()))
    region = next((_REGION[c] for c in classes if c in _REGION), None) or _block_region(element)
    return OcrLine(text, _bbox(properties(element.get("title")), path, element.sourceline), tuple(words),
                   mean(w.confidence for w in words), region, _block_id(element), element.sourceline)


def _block_region(element) -> str | None:
    """kraken's region type, on the block a line is in (data-region-type), in PAGE's
    words where it has them ("page-number", "heading"...)."""
    parent = element.getparent()
    while parent is not None:
        kind = parent.get("data-region-type")
        if kind:
            return kind.strip().lower().replace("_", "-") or None
        parent = parent.getparent()
    return None


def _block_id(element) -> str | None:
    parent = element.getparent()
    while parent is not None:
        if _classes(parent) & _BLOCK_CLASSES:
            return parent.get("id") or f"@{parent.sourceline}"
        parent = parent.getparent()
    return None
