"""ALTO (v2, v3, v4; tesseract's `alto` output, ABBYY, library pipelines) -> OcrDocument.

Layout/Page (WIDTH, HEIGHT) holds TextBlocks (inside PrintSpace, margins or
ComposedBlocks) of TextLines of Strings (CONTENT, WC 0-1, HPOS/VPOS/WIDTH/HEIGHT),
with SP between words and HYP for a line-end hyphen. The namespace differs by version,
so elements are matched by local name. The image is Description/sourceImageInformation/
fileName, which names one file: it is given to the page of a one-page file only (in a
multi-page file it would be a guess; --images DIR supplies the rest). Engine and version
from OCRProcessing's processingSoftware, the date from processingDateTime.
Description/MeasurementUnit (pixel, mm10, inch1200) is the unit of every position:
readers.units turns mm10 and inch1200 into pixels where the scale is known.
"""

from __future__ import annotations

import re

from tei_encoder.errors import InputError
from tei_encoder.model import WordLayout
from tei_encoder.readers.ocr import (
    PIXEL,
    OcrDocument,
    OcrLine,
    OcrPage,
    XmlParse,
    box,
    clean,
    local,
    mean,
    number,
    parse_xml,
)


def read(data: bytes, path: str, parse: XmlParse) -> OcrDocument:
    root = parse_xml(data, path, parse).getroot()
    if local(root.tag) != "alto":
        raise InputError(path, f"the root element is {local(root.tag)}, not alto", line=root.sourceline)
    pages = [element for element in root.iter("{*}Page", "Page")]
    if not pages:
        raise InputError(path, "no Layout/Page in the ALTO file", line=root.sourceline)
    image = _text(root, "sourceImageInformation", "fileName") if len(pages) == 1 else None
    engine, version = _software(root)
    date = _text(root, "ocrProcessingStep", "processingDateTime") or _text(root, "processingStep",
                                                                          "processingDateTime")
    tesseract = (engine or "").lower() == "tesseract"
    unit = (_text(root, "Description", "MeasurementUnit") or PIXEL).strip()
    return OcrDocument("alto", tuple(_page(page, path, image, tesseract, unit) for page in pages), engine, version,
                       date[:10] if date else None)


def _text(root, parent: str, child: str) -> str | None:
    for element in root.iter(f"{{*}}{parent}", parent):
        for sub in element.iter(f"{{*}}{child}", child):
            if sub.text and sub.text.strip():
                return sub.text.strip()
    return None


def _software(root) -> tuple[str | None, str | None]:
    name = _text(root, "processingSoftware", "softwareName")
    version = _text(root, "processingSoftware", "softwareVersion")
    if name and not version and " " in name:  # tesseract: "tesseract 5.3.0"
        name, version = name.rsplit(" ", 1)
    return name, version


def _page(element, path: str, image: str | None, tesseract: bool, unit: str) -> OcrPage:
    width = number(element.get("WIDTH"), path, element.sourceline, "Page/@WIDTH")
    height = number(element.get("HEIGHT"), path, element.sourceline, "Page/@HEIGHT")
    lines = []
    for block in element.iter("{*}TextBlock", "TextBlock"):
        block_id = block.get("ID") or f"@{block.sourceline}"
        for line in block.iter("{*}TextLine", "TextLine"):
            lines.append(_line(line, block_id, path, tesseract))
    return OcrPage(round(width), round(height), image, path, element.sourceline, tuple(lines), unit)


def _box(element, path: str):
    values = [element.get(name) for name in ("HPOS", "VPOS", "WIDTH", "HEIGHT")]
    if any(v is None for v in values):
        return None
    x, y, w, h = (number(v, path, element.sourceline, local(element.tag)) for v in values)
    return box(x, y, x + w, y + h)


def confidence(wc: str | None, path: str, line: int | None, tesseract: bool) -> float | None:
    """String/@WC, 0-1. tesseract 5.3 writes WC as "0." and its percentage, so a
    confidence under 10% comes out as "0.3" for 3% (everything else has two digits,
    "0.30" for 30%): one digit after the point from tesseract is read as hundredths."""
    if wc is None:
        return None
    value = number(wc, path, line, "String/@WC")
    if tesseract and re.fullmatch(r"0\.\d", wc.strip()):
        return value / 10
    return value


def _line(element, block_id: str, path: str, tesseract: bool) -> OcrLine:
    words: list[WordLayout] = []
    for child in element:
        name = local(child.tag)
        if name == "String":
            text = clean(child.get("CONTENT"))
            conf = confidence(child.get("WC"), path, child.sourceline, tesseract)
            if text:
                words.append(WordLayout(text, _box(child, path), conf))
        elif name == "HYP" and words:  # the line-end hyphen belongs to the word before it
            last = words[-1]
            words[-1] = WordLayout(last.text + (child.get("CONTENT") or "-"), last.box, last.confidence)
    return OcrLine(" ".join(w.text for w in words), _box(element, path), tuple(words),
                   mean(w.confidence for w in words), None, block_id, element.sourceline)
