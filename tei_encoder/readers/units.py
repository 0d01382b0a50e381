"""OCR coordinates in other units than pixels -> pixels (ALTO's mm10 and inch1200).

ALTO may measure in tenths of a millimetre (mm10) or 1200ths of an inch (inch1200)
instead of pixels (Description/MeasurementUnit); ALTO itself does not say the image's
resolution (METS/MIX does, beside it). The scale to pixels comes from, in this order:

1. `--dpi N`, the scan's resolution: N / 254 pixels per mm10, N / 1200 per inch1200;
2. the page image itself, when the OCR file names it and it lies beside the OCR file
   (PNG, JPEG or TIFF): its pixel size over the page's size in the file's units, each
   axis on its own;
3. neither: the coordinates stay in the file's units. The TEI surface then spans the
   page in those units (TEI's coordinates are on any grid the surface sets up), so the
   zones keep their places and proportions and the reading page's boxes line up with
   the image; but they are not the image's pixel positions, and graphic has no pixel
   width or height (PageLayout.unit says which unit it is).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tei_encoder.errors import InputError
from tei_encoder.model import Box, WordLayout
from tei_encoder.readers.images import pixel_size
from tei_encoder.readers.ocr import PIXEL, OcrDocument, OcrPage

# Units per inch of each ALTO measurement unit.
PER_INCH = {"mm10": 254.0, "inch1200": 1200.0}


def to_pixels(document: OcrDocument, dpi: float | None) -> OcrDocument:
    """The document with every page measured in pixels where a scale is known."""
    if all(page.unit == PIXEL for page in document.pages):
        return document
    return replace(document, pages=tuple(page if page.unit == PIXEL else _page(page, dpi) for page in document.pages))


def _scale(page: OcrPage, unit: str, dpi: float | None) -> tuple[float, float] | None:
    if dpi:
        return dpi / PER_INCH[unit], dpi / PER_INCH[unit]
    if page.image and "://" not in page.image:
        size = pixel_size(Path(page.file).parent / Path(page.image.replace("\\", "/")).name)
        if size and page.width and page.height:
            return size[0] / page.width, size[1] / page.height
    return None


def _page(page: OcrPage, dpi: float | None) -> OcrPage:
    if page.unit not in PER_INCH:
        raise InputError(page.file, f"unknown MeasurementUnit {page.unit!r} (ALTO has pixel, mm10, inch1200)",
                         line=page.source_line)
    scale = _scale(page, page.unit, dpi)
    if scale is None:
        return page
    sx, sy = scale

    def box(b: Box | None) -> Box | None:
        return None if b is None else Box(round(b.ulx * sx), round(b.uly * sy), round(b.lrx * sx), round(b.lry * sy))

    lines = tuple(replace(line, box=box(line.box), words=tuple(WordLayout(w.text, box(w.box), w.confidence)
                                                               for w in line.words))
                  for line in page.lines)
    return replace(page, width=round(page.width * sx), height=round(page.height * sy), lines=lines, unit=PIXEL)

