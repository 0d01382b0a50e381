"""What the OCR engines' formats have in common, and how they become the text model.

hocr.py, alto.py and pagexml.py each turn one file into an `OcrDocument`: pages in the
engine's order, each with its lines in reading order, each line with its words, boxes
and confidences. `to_source` then gives the same `Source` the text reader gives (so every
later stage works unchanged) plus a `Layout`:

- a line of the Source per line the engine found, its words joined by single spaces;
- blank lines where the geometry shows a gap: the vertical step from one line to the
  next, in units of the copy's own line pitch (the step between most neighbouring
  lines), less one. A typescript's blank line is one pitch of white, so a double-spaced
  paragraph break becomes one blank line. A new block of the engine's is at least one
  blank line, as tesseract's own text output has it;
- a form feed line opening each of the engine's pages (explicit page breaks for the
  page stage, like form feeds in a text file: blank lines then never make a page turn).

The format is told from the content (`detect_format`); `--format` forces it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

from lxml import etree

from tei_encoder.errors import InputError
from tei_encoder.model import Box, Layout, Line, LineLayout, PageLayout, Source, WordLayout

FORMATS = ("text", "hocr", "alto", "page")
PIXEL = "pixel"  # the unit of every OCR format's coordinates, but ALTO's mm10 and inch1200 (readers.units)
# The safe XML parser: bytes and the file's name -> tree, or InputError with the place.
XmlParse = Callable[[bytes, str], etree._ElementTree]
# How much of the file detection looks at: the root element and hOCR's first page are near the top.
_SNIFF = 64 * 1024
_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?P<name>[A-Za-z_][\w.-]*)[\s>/]")
_HTML_ROOTS = (b"html", b"head", b"body", b"div", b"title", b"meta")
_EXTERNAL_DOCTYPE = re.compile(rb"<!DOCTYPE[^\[>]*>", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# At most this many blank lines from one gap: a half-empty page says nothing more.
MAX_BLANKS = 4


@dataclass(frozen=True, slots=True)
class OcrLine:
    text: str
    box: Box | None
    words: tuple[WordLayout, ...]
    confidence: float | None
    region: str | None  # the engine's region type (PAGE's TextRegion/@type)
    block: str | None  # the engine's block or paragraph it belongs to
    source_line: int | None


@dataclass(frozen=True, slots=True)
class OcrPage:
    width: int
    height: int
    image: str | None
    file: str
    source_line: int | None
    lines: tuple[OcrLine, ...]
    unit: str = PIXEL  # what width, height and the boxes measure in


@dataclass(frozen=True, slots=True)
class OcrDocument:
    format: str
    pages: tuple[OcrPage, ...]
    engine: str | None = None
    engine_version: str | None = None
    date: str | None = None


def detect_format(data: bytes) -> str:
    """text, hocr, alto or page, from the content: the root element of an XML file (alto,
    PcGts), or hOCR's ocr_page class in an (X)HTML one (HTML need not open with html)."""
    head = data[:_SNIFF].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not _markup(head, data):
        return "text"
    match = _ROOT.search(head)  # the first element: the root (declarations and comments start "<?", "<!")
    name = match.group("name").lower() if match else b""
    if name == b"alto":
        return "alto"
    if name == b"pcgts":
        return "page"
    # hOCR is (X)HTML; an HTML file may lack its html and body tags (HTML allows it).
    if name in _HTML_ROOTS and _hocr_classes(data):
        return "hocr"
    return "xml"  # XML, but none of the OCR formats: the caller refuses it


def _markup(head: bytes, data: bytes) -> bool:
    """Does the file look like XML or HTML, not like text that opens with a "<"? An OCR'd
    typescript can ("<<SECRET>>", "< 1 >", "<REDACTED>"), and the text reader's own
    underline markup does ("<u>MEMORANDUM</u>"). Markup opens with a declaration or a
    comment, or with a start tag (not "<u>") and ends with a tag's ">" (HTML may stop
    short of its end tags: hOCR's classes tell it)."""
    if head.startswith((b"<?", b"<!")):
        return True
    start = _ROOT.match(head)
    if start is None or start.group("name") == b"u":
        return False
    return data.rstrip(b" \t\r\n").endswith(b">") or _hocr_classes(data)


def _hocr_classes(data: bytes) -> bool:
    return b"ocr_page" in data[:_SNIFF * 4] or b"ocr_line" in data[:_SNIFF * 4]


def parse_xml(data: bytes, path: str, parse: XmlParse):
    """The safe parser (no DTD, no entities, no network) on an OCR file.

    tesseract's hOCR declares the public XHTML DTD by URL; libxml2 would try to fetch
    it, which the safe parser refuses. A document type declaration with no internal
    subset says nothing the reader needs, so it is blanked out first (its newlines
    kept, so every reported line stays right); one with an internal subset is left
    for the safe parser, which refuses entity declarations."""
    data = _EXTERNAL_DOCTYPE.sub(lambda m: b"\n" * m.group().count(b"\n"), data[:_SNIFF], count=1) + data[_SNIFF:]
    return parse(data, path)


def clean(text: str | None) -> str:
    """One line's text: NFC, control characters and runs of white space as one space."""
    if not text:
        return ""
    text = _CONTROL.sub(" ", unicodedata.normalize("NFC", text))
    return " ".join(text.split())


def mean(values) -> float | None:
    values = [v for v in values if v is not None]
    return round(sum(values) / len(values), 3) if values else None


def to_source(document: OcrDocument, path: str) -> Source:
    """The engine's pages and lines as the text model: lines, blank lines from the
    geometry, a form feed between pages; and the Layout that says where each line is."""
    pitch = line_pitch(document.pages)
    lines: list[Line] = []
    layouts: list[LineLayout] = []
    pages: list[PageLayout] = []
    for index, page in enumerate(document.pages):
        # A form feed opens every engine page, the first too: the pages are the engine's,
        # so the page stage never takes a tall white gap for a page turn.
        lines.append(Line(len(lines) + 1, "\f"))
        pages.append(PageLayout(page.width, page.height, page.image, page.file, page.source_line, page.unit))
        previous: OcrLine | None = None
        for line in page.lines:
            if not line.text:
                continue
            for _ in range(blank_lines(previous, line, pitch)):
                lines.append(Line(len(lines) + 1, ""))
            number = len(lines) + 1
            lines.append(Line(number, line.text, region=line.region))
            layouts.append(LineLayout(number, index, line.box, line.words, line.confidence,
                                      line.region, line.source_line))
            previous = line
    if not layouts:
        raise InputError(path, f"the {document.format} file holds no text (no line with words)")
    text = "\n".join(line.text for line in lines)
    layout = Layout(document.format, tuple(pages), tuple(layouts), document.engine,
                    document.engine_version, document.date)
    return Source(path=path, text=text, lines=tuple(lines), layout=layout)


def line_pitch(pages) -> float | None:
    """The copy's own line pitch: the lower quartile of the vertical steps between
    neighbouring lines' middles (most steps are one line; paragraph breaks and page
    furniture only ever make steps longer)."""
    steps = []
    for page in pages:
        boxes = [line.box for line in page.lines if line.box is not None and line.text]
        steps += [_middle(b) - _middle(a) for a, b in zip(boxes, boxes[1:]) if _middle(b) > _middle(a)]
    if not steps:
        return None
    steps.sort()
    return float(steps[len(steps) // 4]) or None


def _middle(b: Box) -> float:
    return (b.uly + b.lry) / 2


def blank_lines(previous: OcrLine | None, line: OcrLine, pitch: float | None) -> int:
    """How many blank lines the white between two lines stands for. A new block of the
    engine's (tesseract's paragraph, an ALTO TextBlock, a PAGE region) is at least one,
    as in tesseract's own text output; more where the white is taller."""
    if previous is None:
        return 0
    new_block = 1 if line.block != previous.block else 0
    if pitch is None or previous.box is None or line.box is None:
        return new_block
    step = _middle(line.box) - _middle(previous.box)
    if step <= 0:  # a new column, or the reading order going back up the page
        return new_block
    return min(MAX_BLANKS, max(new_block, round(step / pitch) - 1))


def number(value: str | None, path: str, line: int | None, what: str) -> float:
    """A number attribute of the OCR file, or an InputError naming where it is."""
    try:
        return float(value)
    except (TypeError, ValueError):
        raise InputError(path, f"{what} is not a number: {value!r}", line=line) from None


def box(x0: float, y0: float, x1: float, y1: float) -> Box:
    return Box(round(min(x0, x1)), round(min(y0, y1)), round(max(x0, x1)), round(max(y0, y1)))


def local(tag) -> str:
    """An element's name without its namespace (ALTO and PAGE have several versions)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
