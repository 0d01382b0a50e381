"""Write PAGE XML (2019 schema) from a one-page ALTO file: how the PAGE fixtures were made.

    .venv/bin/python tools/alto_to_page.py PAGE.xml OUT.page.xml [--image NAME]

The conversion, element by element (tesseract's ALTO has no region types, so none are
invented; everything PAGE says here, ALTO said):

    ALTO                                  PAGE 2019
    Page/@WIDTH, @HEIGHT                  Page/@imageWidth, @imageHeight
    sourceImageInformation/fileName       Page/@imageFilename (or --image)
    processingSoftware/softwareName       Metadata/Creator
    TextBlock (@ID)                       TextRegion (@id), in the ALTO's order, which is
                                          also ReadingOrder/OrderedGroup/RegionRefIndexed
    TextLine, String                      TextLine, Word
    HPOS, VPOS, WIDTH, HEIGHT             Coords/@points: the box's four corners
    String/@CONTENT, @WC                  Word/TextEquiv/Unicode, TextEquiv/@conf
    the line's Strings joined by spaces   TextLine/TextEquiv/Unicode
    a block's lines joined by newlines    TextRegion/TextEquiv/Unicode

Metadata/Created and LastChange are fixed (the ALTO has no date), so the output is
the same bytes for the same input.
"""

from __future__ import annotations

import argparse
import sys
from itertools import groupby
from pathlib import Path

from lxml import etree

from tei_encoder.model import Box
from tei_encoder.pipeline import parse_xml
from tei_encoder.readers.alto import read

PAGE_NS = "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"
FIXED_DATE = "2026-01-01T00:00:00"


def _e(parent, name: str, **attributes) -> etree._Element:
    return etree.SubElement(parent, f"{{{PAGE_NS}}}{name}", {k: str(v) for k, v in attributes.items()})


def _coords(parent, box) -> None:
    points = f"{box.ulx},{box.uly} {box.lrx},{box.uly} {box.lrx},{box.lry} {box.ulx},{box.lry}"
    _e(parent, "Coords", points=points)


def _equiv(parent, text: str, conf: float | None = None) -> None:
    equiv = _e(parent, "TextEquiv", **({"conf": f"{conf:.2f}"} if conf is not None else {}))
    _e(equiv, "Unicode").text = text


def convert(alto: bytes, path: str, image: str | None) -> bytes:
    document = read(alto, path, parse_xml)
    if len(document.pages) != 1:
        raise SystemExit(f"{path}: {len(document.pages)} pages; PAGE XML holds one page per file")
    page = document.pages[0]
    root = etree.Element(f"{{{PAGE_NS}}}PcGts", nsmap={None: PAGE_NS})
    meta = _e(root, "Metadata")
    creator = " ".join(p for p in (document.engine, document.engine_version) if p) or "unknown"
    _e(meta, "Creator").text = creator
    _e(meta, "Created").text = FIXED_DATE
    _e(meta, "LastChange").text = FIXED_DATE
    _e(meta, "Comments").text = f"Converted from the ALTO file {Path(path).name} by tools/alto_to_page.py."
    page_element = _e(root, "Page", imageFilename=image or page.image or "", imageWidth=page.width,
                      imageHeight=page.height)
    blocks = [(block, list(lines)) for block, lines in groupby(page.lines, key=lambda line: line.block)]
    order = _e(_e(page_element, "ReadingOrder"), "OrderedGroup", id="ro")
    for index, (block, _) in enumerate(blocks):
        _e(order, "RegionRefIndexed", index=index, regionRef=f"r{index}")
    for index, (block, lines) in enumerate(blocks):
        region = _e(page_element, "TextRegion", id=f"r{index}")
        _coords(region, _union([line.box for line in lines]))
        for number, line in enumerate(lines):
            element = _e(region, "TextLine", id=f"r{index}l{number}")
            _coords(element, line.box)
            for count, word in enumerate(line.words):
                word_element = _e(element, "Word", id=f"r{index}l{number}w{count}")
                _coords(word_element, word.box)
                _equiv(word_element, word.text, word.confidence)
            _equiv(element, line.text)
        _equiv(region, "\n".join(line.text for line in lines))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _union(boxes):
    return Box(min(b.ulx for b in boxes), min(b.uly for b in boxes), max(b.lrx for b in boxes),
               max(b.lry for b in boxes))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("alto", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--image", help="the page image's file name (default: the ALTO's)")
    args = parser.parse_args(argv)
    args.output.write_bytes(convert(args.alto.read_bytes(), str(args.alto), args.image))
    return 0


if __name__ == "__main__":
    sys.exit(main())
