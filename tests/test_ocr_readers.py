"""The OCR engines' formats: hOCR, ALTO and PAGE XML read into the text model.

The fixtures in tests/fixtures/ocr are real tesseract 5.3 output of page images that
tools/render_pages.py typed from the seed's copy B and a corpus memo; the .page.xml
files were written from the ALTO by tools/alto_to_page.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tei_encoder.errors import InputError
from tei_encoder.pipeline import analyse_copies, parse_xml
from tei_encoder.readers import formats
from tei_encoder.readers.ocr import detect_format
from tei_encoder.readers.text import ReadOptions

FIXTURES = Path(__file__).parent / "fixtures" / "ocr"
PAGES = ("assurances-B-p1", "assurances-B-p2", "congo-p1")
OCR_FORMATS = {"hocr": "hocr", "xml": "alto", "page.xml": "page"}


def read_any(data, path, options=None):
    return formats.read_any(data, path, options, parse=parse_xml)


def fixture(name: str) -> tuple[bytes, str]:
    path = FIXTURES / name
    return path.read_bytes(), str(path)


def source(name: str, **options):
    return read_any(*fixture(name), ReadOptions(**options))


def paragraphs(lines: list[str]) -> list[list[str]]:
    """Runs of non-blank lines: where the blank lines fall."""
    runs: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            runs[-1].append(line.strip())
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


@pytest.mark.parametrize("stem", PAGES)
@pytest.mark.parametrize("ext", OCR_FORMATS)
def test_same_words_as_tesseract_text(stem, ext):
    text = (FIXTURES / f"{stem}.txt").read_text(encoding="utf-8")
    read = source(f"{stem}.{ext}")
    assert read.layout.format == OCR_FORMATS[ext]
    assert [line.text.split() for line in read.lines if line.text.strip()] == \
        [line.split() for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("stem", PAGES)
def test_paragraph_breaks_of_tesseract_text_are_kept(stem):
    """Every blank line tesseract's text output has is a blank line here too (the
    geometry may show more: the typed blank lines tesseract does not write)."""
    text = (FIXTURES / f"{stem}.txt").read_text(encoding="utf-8")
    ours = paragraphs([line.text for line in source(f"{stem}.hocr").lines])
    theirs = paragraphs(text.splitlines())
    assert sum(ours, []) == sum(theirs, [])
    starts = {len(sum(ours[:i], [])) for i in range(len(ours))}
    assert {len(sum(theirs[:i], [])) for i in range(len(theirs))} <= starts
    assert len(ours) >= len(theirs)


@pytest.mark.parametrize("ext", OCR_FORMATS)
def test_formats_agree_on_lines_boxes_and_confidences(ext):
    hocr = source("assurances-B-p1.hocr")
    other = source(f"assurances-B-p1.{ext}")
    assert [line.text for line in other.lines] == [line.text for line in hocr.lines]
    assert [line.box for line in other.layout.lines] == [line.box for line in hocr.layout.lines]
    for ours, theirs in zip(other.layout.lines, hocr.layout.lines):
        assert [w.box for w in ours.words] == [w.box for w in theirs.words]
        assert [round(w.confidence, 2) for w in ours.words] == [round(w.confidence, 2) for w in theirs.words]


def test_page_geometry_and_engine():
    read = source("assurances-B-p1.hocr")
    assert read.layout.engine == "tesseract" and read.layout.engine_version == "5.3.0"
    (page,) = read.layout.pages
    assert (page.width, page.height, page.image) == (850, 1100, "assurances-B-p1.png")
    numbers = [line.number for line in read.lines if line.text.strip()]
    assert [line.number for line in read.layout.lines] == numbers
    for line in read.layout.lines:
        assert line.box.inside(type(line.box)(0, 0, page.width, page.height))
        assert 0 <= line.confidence <= 1 and line.words
        assert all(word.box.overlaps(line.box) for word in line.words)


@pytest.mark.parametrize("ext", ("hocr", "xml"))
def test_tesseract_multi_page_file(ext):
    """tesseract given a list of images writes one file of several pages: each is a
    page of the copy, a form feed line between them, in order."""
    read = source(f"assurances-B.{ext}")
    assert len(read.layout.pages) == 2
    assert [line.text for line in read.lines].count("\f") == 2  # a form feed opens each page
    one = [line.text for line in source(f"assurances-B-p1.{ext}").lines]
    two = [line.text for line in source(f"assurances-B-p2.{ext}").lines]
    assert [line.text for line in read.lines] == one + two
    assert [read.layout.pages[line.page] for line in read.layout.lines][-1] is read.layout.pages[1]
    if ext == "hocr":
        assert [p.image for p in read.layout.pages] == ["assurances-B-p1.png", "assurances-B-p2.png"]


@pytest.mark.parametrize("ext", ("hocr", "xml", "page.xml"))
def test_page_files_as_one_copy(ext):
    """Page files named as one copy read as that copy's pages, in the order given."""
    pages = (fixture(f"assurances-B-p1.{ext}"), fixture(f"assurances-B-p2.{ext}"))
    read = read_any(pages, "p1+p2")
    assert len(read.layout.pages) == 2
    assert [p.file for p in read.layout.pages] == [pages[0][1], pages[1][1]]
    one, two = ([line.text for line in read_any(*page).lines] for page in pages)
    assert [line.text for line in read.lines] == one + two
    backwards = read_any(pages[::-1], "p2+p1")
    assert [line.text for line in backwards.lines] == two + one
    document = analyse_copies([(pages, "p1+p2")])
    assert len(document.witnesses) == 1 and len(document.witnesses[0].pages) >= 2


def test_detect_format():
    for name, expected in (("congo-p1.hocr", "hocr"), ("congo-p1.xml", "alto"), ("congo-p1.page.xml", "page"),
                           ("congo-p1.txt", "text")):
        assert detect_format(fixture(name)[0]) == expected
    assert detect_format(b"<?xml version='1.0'?>\n<TEI xmlns='http://www.tei-c.org/ns/1.0'/>") == "xml"


def test_format_forced():
    with pytest.raises(InputError, match="no ocr_page"):
        source("congo-p1.xml", format="hocr")
    read = source("congo-p1.hocr", format="text")  # the markup read as text, as asked
    assert read.layout is None and "ocr_page" in read.text


def test_xml_that_is_no_ocr_format_is_refused():
    with pytest.raises(InputError, match="not hOCR, ALTO or PAGE"):
        read_any(b"<?xml version='1.0'?>\n<TEI/>", "x.xml")


def test_bad_input_names_file_and_line():
    data = fixture("congo-p1.hocr")[0].replace(b"</body>", b"", 1)
    with pytest.raises(InputError) as caught:
        read_any(data, "broken.hocr")
    assert caught.value.path == "broken.hocr" and caught.value.line is not None
    data = fixture("congo-p1.xml")[0].replace(b'WIDTH="850"', b'WIDTH="wide"', 1)
    with pytest.raises(InputError, match="not a number") as caught:
        read_any(data, "bad.xml")
    assert caught.value.line == 17


def test_entities_and_network_refused():
    bomb = (b'<?xml version="1.0"?>\n<!DOCTYPE alto [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n'
            b'<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout><Page WIDTH="1" HEIGHT="1">'
            b'<TextBlock><TextLine><String CONTENT="&b;"/></TextLine></TextBlock></Page></Layout></alto>')
    with pytest.raises(InputError, match="entit"):
        read_any(bomb, "bomb.xml")
    external = (b'<?xml version="1.0"?>\n<!DOCTYPE alto [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                b'<alto><Layout><Page WIDTH="1" HEIGHT="1"/></Layout></alto>')
    with pytest.raises(InputError, match="entit"):
        read_any(external, "xxe.xml")


def _alto(namespace: str, body: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<alto xmlns="{namespace}"><Description>'
            '<MeasurementUnit>pixel</MeasurementUnit><sourceImageInformation><fileName>scan.tif</fileName>'
            '</sourceImageInformation><OCRProcessing ID="o"><ocrProcessingStep>'
            '<processingDateTime>2024-05-06T10:00:00</processingDateTime><processingSoftware>'
            '<softwareName>ABBYY FineReader</softwareName><softwareVersion>12.0</softwareVersion>'
            '</processingSoftware></ocrProcessingStep></OCRProcessing></Description>'
            f'<Layout><Page WIDTH="1000" HEIGHT="1400"><PrintSpace>{body}</PrintSpace></Page></Layout></alto>'
            ).encode()


@pytest.mark.parametrize("version", ("ns-v2#", "ns-v3#", "ns-v4#"))
def test_alto_versions_hyphen_and_engine(version):
    body = ('<TextBlock ID="b1"><TextLine HPOS="100" VPOS="100" WIDTH="500" HEIGHT="20">'
            '<String HPOS="100" VPOS="100" WIDTH="80" HEIGHT="20" CONTENT="The" WC="0.9"/><SP/>'
            '<String HPOS="200" VPOS="100" WIDTH="120" HEIGHT="20" CONTENT="verifi" WC="0.5"/><HYP CONTENT="-"/>'
            '</TextLine><TextLine HPOS="100" VPOS="125" WIDTH="300" HEIGHT="20">'
            '<String HPOS="100" VPOS="125" WIDTH="100" HEIGHT="20" CONTENT="cation" WC="0.7"/></TextLine>'
            '</TextBlock>')
    read = read_any(_alto(f"http://www.loc.gov/standards/alto/{version}", body), "a.xml")
    assert [line.text for line in read.lines] == ["\f", "The verifi-", "cation"]
    assert read.layout.engine == "ABBYY FineReader" and read.layout.engine_version == "12.0"
    assert read.layout.date == "2024-05-06" and read.layout.pages[0].image == "scan.tif"
    assert read.layout.lines[0].confidence == 0.7


def _page(namespace: str, regions: str, order: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<PcGts xmlns="{namespace}"><Metadata>'
            '<Creator>Transkribus 1.2.3</Creator><Created>2023-02-01T00:00:00</Created></Metadata>'
            f'<Page imageFilename="f1.jpg" imageWidth="1000" imageHeight="1400"><ReadingOrder>'
            f'<OrderedGroup id="g">{order}</OrderedGroup></ReadingOrder>{regions}</Page></PcGts>').encode()


def _region(rid: str, kind: str, y: int, text: str, conf: str = "0.9") -> str:
    return (f'<TextRegion id="{rid}" type="{kind}"><Coords points="100,{y} 900,{y} 900,{y + 30} 100,{y + 30}"/>'
            f'<TextLine id="{rid}l"><Coords points="100,{y} 900,{y} 900,{y + 30} 100,{y + 30}"/>'
            f'<TextEquiv conf="{conf}"><Unicode>{text}</Unicode></TextEquiv></TextLine></TextRegion>')


@pytest.mark.parametrize("year", ("2013-07-15", "2019-07-15"))
def test_page_xml_reading_order_regions_engine(year):
    regions = (_region("body", "paragraph", 300, "The text of the memo goes on here at length.", "0.4")
               + _region("num", "page-number", 100, "2"))
    order = '<RegionRefIndexed index="1" regionRef="body"/><RegionRefIndexed index="0" regionRef="num"/>'
    read = read_any(_page(f"http://schema.primaresearch.org/PAGE/gts/pagecontent/{year}", regions, order), "p.xml")
    texts = [line.text for line in read.lines if line.text.strip()]
    assert texts == ["2", "The text of the memo goes on here at length."]
    assert [line.region for line in read.layout.lines] == ["page-number", "paragraph"]
    assert read.layout.engine == "Transkribus" and read.layout.engine_version == "1.2.3"
    assert read.layout.lines[1].confidence == 0.4


PAGE_2019 = "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"


def _analysed(regions: str):
    document = analyse_copies([(_page(PAGE_2019, regions, ""), "p.xml")])
    return document.witnesses[0]


def test_region_types_are_strong_evidence():
    """A page-number region that the typed-number patterns would not take, a heading in
    lower case, a catchword whose next page was misread: the engine's word decides."""
    regions = (_region("n", "page-number", 60, "Page 2 of 3")
               + _region("h", "heading", 140, "The problem of assurances")
               + _region("p", "paragraph", 220, "Some text of the memo that runs on and ends here.")
               + _region("c", "catch-word", 1300, "verification"))
    witness = _analysed(regions)
    kinds = [(type(i).__name__, getattr(i, "kind", None)) for i in witness.items]
    assert ("Furniture", "pageNum") in kinds and ("Block", "head") in kinds
    assert any(getattr(i, "kind", None) == "catch" for i in witness.items)


def test_region_types_are_not_the_only_evidence():
    """A long sentence the engine calls a page number, or a heading, stays text."""
    regions = (_region("n", "page-number", 60, "This is the first sentence of the memo, typed at the top.")
               + _region("h", "heading", 140, "A long line that the engine took for a heading but which ends "
                                                 "like a sentence does.")
               + _region("p", "paragraph", 220, "More text."))
    witness = _analysed(regions)
    assert not any(getattr(i, "kind", None) in ("pageNum", "head") for i in witness.items)


def test_cli_encodes_page_files_as_one_copy_and_forces_format(tmp_path):
    from click.testing import CliRunner

    from tei_encoder.cli import main

    joined = f"{FIXTURES / 'assurances-B-p1.hocr'}+{FIXTURES / 'assurances-B-p2.hocr'}"
    result = CliRunner().invoke(main, ["encode", joined, "-o", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "assurances-B-p1.xml").exists() and not (tmp_path / "assurances-B-p2.xml").exists()
    result = CliRunner().invoke(main, ["encode", str(FIXTURES / "congo-p1.xml"), "--format", "hocr",
                                       "-o", str(tmp_path / "x.xml")])
    assert result.exit_code == 3 and "no ocr_page" in result.output
    missing = f"{FIXTURES / 'assurances-B-p1.hocr'}+{tmp_path / 'nowhere.hocr'}"
    result = CliRunner().invoke(main, ["encode", missing, "-o", str(tmp_path)])
    assert result.exit_code == 3 and "nowhere.hocr" in result.output


PRIMA = Path(__file__).parent / "fixtures" / "page-prima" / "SimplePage.xml"


def test_prima_example_text_at_region_level():
    """PRImA's own PAGE example (vendored, Apache 2.0): text only in the regions'
    TextEquiv (lines without text, regions without lines), a table of regions, a
    graphic region, schema 2017. Every region's text is read, in reading order, and the
    heading region is the memo's head."""
    read = read_any(PRIMA.read_bytes(), str(PRIMA))
    texts = [line.text for line in read.lines if line.text.strip()]
    assert texts[0] == "The PAGE Format" and texts[1].startswith("There is a plethora")
    assert texts[-1] == "Cell 6" and "page content." in texts and len(texts) == 1 + 12 + 6 + 9
    assert read.layout.pages[0].image == "SimplePage.png" and read.layout.pages[0].width == 800
    witness = analyse_copies([(PRIMA.read_bytes(), str(PRIMA))]).witnesses[0]
    assert len(witness.pages) == 1  # the white between regions is no page turn
    heads = [item for item in witness.items if getattr(item, "kind", None) == "head"]
    assert [part.parts for item in heads for part in item.content][0][0].text == "The PAGE Format"


@pytest.mark.parametrize("first_line", ["<u>MEMORANDUM FOR THE RECORD</u>", "<<SECRET>>", "< 1 >", "<REDACTED>"])
def test_a_typescript_that_opens_with_a_less_than_sign_is_text(first_line):
    """Found by the session-6 review: any file opening with "<" was taken for XML and
    refused, the text reader's own underline markup included. Markup opens with a
    declaration, a comment, or a start tag, and ends with a tag."""
    data = f"{first_line}\nThe Secretary met the Ambassador on 13 November.\n".encode()
    assert detect_format(data) == "text"
    first = formats.read_any(data, "m.txt", parse=parse_xml).lines[0].text
    assert first_line.replace("<u>", "").replace("</u>", "") in first


def test_markup_without_a_declaration_is_still_markup():
    assert detect_format(b"<memo>\n<p>text</p>\n</memo>\n") == "xml"
    assert detect_format(b"<!-- a comment -->\n<memo/>") == "xml"
    assert detect_format(b"<alto xmlns='http://www.loc.gov/standards/alto/ns-v4#'>\n</alto>") == "alto"
