"""hOCR that is HTML, not XHTML: OCRopus, kraken and Cuneiform write it so.

The samples (tests/fixtures/hocr-html, made by make_samples.py there) hold tesseract's
real page (tests/fixtures/ocr/congo-p1) as each of those engines writes hOCR: unclosed
tags, &nbsp;, no XML declaration, no namespace, `file` for the image, no page size,
per-character confidences from 0 to 1. Each must give the model tesseract's own XHTML
gives.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tei_encoder.errors import InputError
from tei_encoder.pipeline import analyse_copies, parse_xml, to_tei
from tei_encoder.readers import formats
from tei_encoder.readers.hocr import is_xml
from tei_encoder.readers.ocr import detect_format

HERE = Path(__file__).parent / "fixtures"
SAMPLES = HERE / "hocr-html"
XHTML = HERE / "ocr" / "congo-p1.hocr"
TESSERACT_TEXT = HERE / "ocr" / "congo-p1.txt"
DIALECTS = ("ocropus.html", "kraken.html", "cuneiform.html")


def read(data: bytes, path: str = "page.html"):
    return formats.read_any(data, path, parse=parse_xml)


def text_lines(source) -> list[list[str]]:
    return [line.text.split() for line in source.lines if line.text.strip()]


@pytest.fixture(scope="module")
def tesseract():
    return read(XHTML.read_bytes(), str(XHTML))


@pytest.mark.parametrize("name", DIALECTS)
def test_same_lines_and_boxes_as_tesseract_xhtml(name, tesseract):
    data = (SAMPLES / name).read_bytes()
    assert not is_xml(data) and detect_format(data) == "hocr"
    source = read(data, name)
    assert source.layout.format == "hocr"
    assert text_lines(source) == [line.split() for line in TESSERACT_TEXT.read_text("utf-8").splitlines()
                                  if line.strip()]
    assert [line.box for line in source.layout.lines] == [line.box for line in tesseract.layout.lines]


def test_kraken_words_character_confidences_and_regions(tesseract):
    source = read((SAMPLES / "kraken.html").read_bytes(), "kraken.html")
    ours = [(w.text, w.box, round(w.confidence, 2)) for line in source.layout.lines for w in line.words]
    theirs = [(w.text, w.box, round(w.confidence, 2)) for line in tesseract.layout.lines for w in line.words]
    assert ours == theirs  # x_confs 0-1 per character: the mean is the word's confidence
    assert (source.layout.engine, source.layout.engine_version) == ("kraken", "4.3.13")
    assert source.layout.pages[0].image == "congo-p1.png"
    assert [line.region for line in source.layout.lines][:2] == ["header", "text"]


def test_ocropus_page_without_size_and_file_property(tesseract):
    source = read((SAMPLES / "ocropus.html").read_bytes(), "ocropus.html")
    page = source.layout.pages[0]
    assert page.image == "book/0001.bin.png"
    # No page bbox: the page reaches as far as its text does.
    boxes = [line.box for line in tesseract.layout.lines]
    assert (page.width, page.height) == (max(b.lrx for b in boxes), max(b.lry for b in boxes))
    assert all(not line.words for line in source.layout.lines)


def test_xhtml_without_its_declaration_reads_the_same(tesseract):
    """Read by the HTML parser, tesseract's own file gives the same model."""
    data = b"\n" + XHTML.read_bytes().split(b"\n", 1)[1]  # the declaration's line left blank: lines stay
    assert not is_xml(data)
    source = read(data, str(XHTML))
    assert source.lines == tesseract.lines
    assert source.layout.lines == tesseract.layout.lines and source.layout.pages[0] == tesseract.layout.pages[0]


def test_encodes_valid_tei(validator):
    path = SAMPLES / "cuneiform.html"
    document = analyse_copies([(path.read_bytes(), str(path))])
    validator.validate(etree.ElementTree(etree.fromstring(to_tei(document, "merged"))), source="cuneiform")


def test_entity_declaration_refused_with_its_line():
    data = (b"<!DOCTYPE html [\n<!ENTITY x SYSTEM 'file:///etc/passwd'>\n]>\n<html><body>"
            b"<div class='ocr_page' title='bbox 0 0 100 100'><span class='ocr_line' title='bbox 1 1 50 9'>&x;"
            b"</span></div></body></html>")
    with pytest.raises(InputError) as caught:
        read(data)
    assert caught.value.line == 2 and "entity declaration" in caught.value.message


def test_charset_from_meta_and_bad_bytes_reported_with_line():
    page = ("<html><head><meta charset='windows-1252'></head><body>\n<div class='ocr_page' title='bbox 0 0 600 800'>"
            "\n<span class='ocr_line' title='bbox 10 10 300 30'>RECORD \u2018NUMBER caf\u00e9</span>\n</div>")
    assert text_lines(read(page.encode("cp1252"))) == [["RECORD", "\u2018NUMBER", "caf\u00e9"]]
    utf8 = page.replace("windows-1252", "utf-8").encode("utf-8").replace("caf\u00e9".encode(), b"caf\xe9")
    with pytest.raises(InputError) as caught:
        read(utf8)
    assert caught.value.line == 3 and "not utf-8" in caught.value.message


def test_html_without_html_and_body_tags():
    """HTML lets a file start at its content: still hOCR, still read."""
    data = b"<div class='ocr_page' title='bbox 0 0 600 800'><span class='ocr_line' title='bbox 10 10 300 30'>A B"
    assert detect_format(data) == "hocr" and text_lines(read(data)) == [["A", "B"]]


def test_html_with_no_page_is_refused():
    with pytest.raises(InputError, match="no ocr_page"):
        read(b"<html><body><p class='ocr_line'>hello</p>", "x.html")
