"""TEI from the OCR engines' own output: the facsimile, the links to it, confidence.

On tesseract's real output (tests/fixtures/ocr, see test_ocr_readers.py): the same
words as tesseract's text output, pages and lines in order, every zone inside its
page and on the words tesseract located there, every @facs resolving, valid against
the project schema and tei_all. One test runs tesseract itself when it is installed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from tei_encoder.analyse.confidence import THRESHOLD
from tei_encoder.model import Box, FacsimileOptions
from tei_encoder.pipeline import analyse_copies, to_tei
from tei_encoder.publish.rebuild import witness_text
from tei_encoder.readers.hocr import properties
from tei_encoder.tei.names import XML_ID, tei

FIXTURES = Path(__file__).parent / "fixtures" / "ocr"
ONE_COPY = {
    "hocr": ["assurances-B.hocr"],
    "alto": ["assurances-B.xml"],
    "page": ["assurances-B-p1.page.xml", "assurances-B-p2.page.xml"],
    "hocr pages": ["assurances-B-p1.hocr", "assurances-B-p2.hocr"],
}
XHTML = "{http://www.w3.org/1999/xhtml}"


def read(names: list[str]):
    parts = tuple(((FIXTURES / n).read_bytes(), str(FIXTURES / n)) for n in names)
    return parts[0][0] if len(parts) == 1 else parts, "+".join(p for _, p in parts)


def encode(copies: list[list[str]], layout: str = "merged", options: FacsimileOptions | None = None):
    document = analyse_copies([read(names) for names in copies])
    return document, etree.ElementTree(etree.fromstring(to_tei(document, layout, options)))


def tesseract_words(names=("assurances-B-p1.txt", "assurances-B-p2.txt")) -> list[str]:
    return [w for n in names for w in (FIXTURES / n).read_text(encoding="utf-8").split()]


def tesseract_boxes(name: str) -> list[tuple[list[Box], list[Box]]]:
    """Per page of a tesseract hOCR file, read here with plain lxml: its line boxes and word boxes."""
    root = etree.parse(str(FIXTURES / name), etree.XMLParser(load_dtd=False, no_network=True)).getroot()
    pages = []
    for page in root.iter(f"{XHTML}div"):
        if page.get("class") != "ocr_page":
            continue
        found = {"ocr_line": [], "ocrx_word": []}
        for element in page.iter(f"{XHTML}span"):
            if element.get("class") in found:
                found[element.get("class")].append(Box(*map(int, properties(element.get("title"))["bbox"].split())))
        pages.append((found["ocr_line"], found["ocrx_word"]))
    return pages


def box(element) -> Box:
    return Box(*(int(element.get(name)) for name in ("ulx", "uly", "lrx", "lry")))


@pytest.mark.parametrize("kind", ONE_COPY)
@pytest.mark.parametrize("layout", ("merged", "copies"))
def test_valid_against_project_schema_and_tei_all(kind, layout, validator, tei_all):
    _, tree = encode([ONE_COPY[kind]], layout)
    validator.validate(tree, source=kind)
    assert tei_all.validate(tree), tei_all.error_log.last_error
    assert len(tree.findall(f"{tei('facsimile')}/{tei('surface')}")) == 2


@pytest.mark.parametrize("kind", ONE_COPY)
def test_same_words_as_tesseract_text(kind):
    _, tree = encode([ONE_COPY[kind]])
    assert witness_text(tree, "A").split() == tesseract_words()


@pytest.mark.parametrize("kind", ONE_COPY)
def test_pages_and_lines_in_order(kind):
    _, tree = encode([ONE_COPY[kind]])
    surfaces = [s.get(XML_ID) for s in tree.iter(tei("surface"))]
    zones = [z.get(XML_ID) for z in tree.iter(tei("zone"))]
    body = tree.find(f"{tei('text')}/{tei('body')}")
    pb_targets = [pb.get("facs")[1:] for pb in body.iter(tei("pb"))]
    assert pb_targets[0] == surfaces[0] and pb_targets == sorted(pb_targets, key=surfaces.index)
    assert set(pb_targets) == set(surfaces)  # every page image opens a page of the text
    linked = [e.get("facs")[1:] for e in body.iter() if e.get("facs") and e.tag != tei("pb")]
    assert linked == sorted(linked, key=zones.index)  # the text reads the zones in order
    assert set(linked) == set(zones)  # and every line the engine found is linked from the text
    assert len(zones) == sum(len(lines) for lines, _ in tesseract_boxes("assurances-B.hocr"))


def test_zones_inside_their_page_and_on_tesseracts_words():
    _, tree = encode([ONE_COPY["hocr"]], options=FacsimileOptions(zones="words"))
    expected = tesseract_boxes("assurances-B.hocr")
    for surface, (lines, words) in zip(tree.iter(tei("surface")), expected, strict=True):
        page = box(surface)
        line_zones = [box(z) for z in surface.iter(tei("zone")) if z.get("type") == "line"]
        word_zones = [box(z) for z in surface.iter(tei("zone")) if z.get("type") == "word"]
        assert all(zone.inside(page) for zone in line_zones + word_zones)
        assert line_zones == lines and word_zones == words
        for word in words:  # every word tesseract located lies on a line zone of its page
            assert any(word.overlaps(zone) for zone in line_zones)


@pytest.mark.parametrize("layout", ("merged", "copies"))
def test_every_facs_resolves_and_images_exist(layout):
    _, tree = encode([ONE_COPY["hocr"]], layout)
    ids = {e.get(XML_ID) for e in tree.iter() if e.get(XML_ID)}
    pointers = [p for e in tree.iter() if e.get("facs") for p in e.get("facs").split()]
    assert pointers and all(p.startswith("#") and p[1:] in ids for p in pointers)
    urls = [g.get("url") for g in tree.iter(tei("graphic"))]
    assert urls == ["assurances-B-p1.png", "assurances-B-p2.png"]
    assert all((FIXTURES / url).is_file() for url in urls)


def test_each_copy_keeps_its_own_surfaces_in_the_merged_layout(validator, tei_all):
    """Two copies (the hOCR and the PAGE files of the same pages) merged: each has its
    facsimile, and its page breaks (pb[@edRef]) point at its own surfaces."""
    document, tree = encode([ONE_COPY["hocr"], ONE_COPY["page"]])
    validator.validate(tree, source="two copies")
    assert tei_all.validate(tree), tei_all.error_log.last_error
    facsimiles = tree.findall(tei("facsimile"))
    assert [f.get("corresp") for f in facsimiles] == ["#A", "#B"]
    for pb in tree.iter(tei("pb")):
        assert pb.get("facs").startswith(f"#facs-{pb.get('edRef')[1:]}-p")
    for sigil in "AB":
        assert witness_text(tree, sigil).split() == tesseract_words()
    # Shared lines point at both copies' zones: every zone of either copy is linked.
    zones = {z.get(XML_ID) for z in tree.iter(tei("zone"))}
    linked = {p[1:] for e in tree.iter() if e.get("facs") and e.tag != tei("pb") for p in e.get("facs").split()}
    assert zones == linked and any(len(lb.get("facs", "").split()) == 2 for lb in tree.iter(tei("lb")))


def test_images_directory_and_iiif_manifest(tmp_path, validator):
    manifest = {"@context": "http://iiif.io/api/presentation/3/context.json", "type": "Manifest",
                "items": [{"id": f"https://example.org/canvas/{n}", "type": "Canvas", "width": 850, "height": 1100,
                           "items": [{"type": "AnnotationPage", "items": [{"type": "Annotation", "body": {
                               "type": "Image", "service": [{"id": f"https://example.org/iiif/p{n}",
                                                             "type": "ImageService3"}]}}]}]} for n in (1, 2)]}
    from tei_encoder.readers.iiif import read_manifest
    canvases = read_manifest(json.dumps(manifest).encode(), "m.json")
    _, tree = encode([ONE_COPY["alto"]], options=FacsimileOptions(canvases=canvases))
    validator.validate(tree, source="iiif")
    surfaces = list(tree.iter(tei("surface")))
    assert [s.get("sameAs") for s in surfaces] == ["https://example.org/canvas/1", "https://example.org/canvas/2"]
    assert [s.find(tei("graphic")).get("url") for s in surfaces] == [
        "https://example.org/iiif/p1/full/max/0/default.jpg", "https://example.org/iiif/p2/full/max/0/default.jpg"]
    # ALTO from tesseract's list of images names no image per page: --images DIR gives them in order.
    _, tree = encode([ONE_COPY["alto"]], options=FacsimileOptions(
        image_dir="../scans", image_files=("assurances-B-p1.png", "assurances-B-p2.png")))
    assert [g.get("url") for g in tree.iter(tei("graphic"))] == ["../scans/assurances-B-p1.png",
                                                                 "../scans/assurances-B-p2.png"]


def test_engine_declared_in_the_header():
    _, tree = encode([ONE_COPY["hocr"]])
    applications = tree.findall(f".//{tei('appInfo')}/{tei('application')}")
    assert [(a.get("ident"), a.get("version"), a.get("type")) for a in applications][1:] == [
        ("tesseract", "5.3.0", "ocr")]


def test_low_confidence_words_are_unclear():
    document, tree = encode([ONE_COPY["hocr"]])
    layout = document.sources[0].layout
    body_lines = {part.number for item in document.witnesses[0].items for part in getattr(item, "content", ())
                  if type(part).__name__ == "TextLine"}
    weak = [(w.text, w.confidence) for line in layout.lines if line.number in body_lines for w in line.words
            if w.confidence < THRESHOLD]
    marked = [(u.text, u.get("cert")) for u in tree.iter(tei("unclear")) if u.get("cert") in ("low", "medium")
              and u.text in {text for text, _ in weak}]
    assert weak and len(marked) >= len(weak) * 0.9  # a few sit in garbled spans already
    assert {cert for _, cert in marked} == {"low", "medium"}
    strong = {w.text for line in layout.lines for w in line.words if w.confidence >= 0.9}
    unclear_words = {u.text for u in tree.iter(tei("unclear")) if u.get("reason") == "illegible"}
    assert not (unclear_words - {t for t, _ in weak}) & strong - {"the", "of", "and", "to", "a"}


def test_text_input_gets_no_facsimile(seed_tree):
    assert seed_tree.find(tei("facsimile")) is None
    assert not [e for e in seed_tree.iter() if e.get("facs")]


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed (apt-get install "
                                                              "tesseract-ocr tesseract-ocr-eng)")
def test_tesseract_run_now_encodes_to_its_own_words(tmp_path, validator, tei_all):
    """tesseract on a fixture page image, here and now: its hOCR and ALTO encode to the
    words of its own text output, whatever this tesseract's version reads."""
    image = tmp_path / "page.png"
    shutil.copy(FIXTURES / "congo-p1.png", image)
    subprocess.run(["tesseract", image.name, "page", "--dpi", "100", "-l", "eng", "txt", "hocr", "alto"],
                   cwd=tmp_path, check=True, capture_output=True)
    words = (tmp_path / "page.txt").read_text(encoding="utf-8").split()
    for name in ("page.hocr", "page.xml"):
        document = analyse_copies([((tmp_path / name).read_bytes(), str(tmp_path / name))])
        tree = etree.ElementTree(etree.fromstring(to_tei(document)))
        validator.validate(tree, source=name)
        assert tei_all.validate(tree), tei_all.error_log.last_error
        assert witness_text(tree, "A").split() == words
        assert tree.find(f"{tei('facsimile')}/{tei('surface')}/{tei('graphic')}").get("url") == "page.png"


SAMPLE = Path(__file__).resolve().parents[1] / "output" / "ocr"
SAMPLE_ARGS = ["encode", str(FIXTURES / "assurances-B.hocr"), "--html", "--schema-href", "../../schema/tei-memo.xsd",
               "--rng-href", "../../schema/tei_all.rng"]


def test_output_sample_from_hocr_is_current(tmp_path):
    """output/ocr holds the seed's copy B encoded from tesseract's hOCR, with its page
    images and reading page; regenerate with
    tei-encoder encode tests/fixtures/ocr/assurances-B.hocr -o output/ocr/assurances-B.xml --html
    --schema-href ../../schema/tei-memo.xsd --rng-href ../../schema/tei_all.rng"""
    from click.testing import CliRunner

    from tei_encoder.cli import main

    target = tmp_path / "assurances-B.xml"
    result = CliRunner().invoke(main, SAMPLE_ARGS + ["-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == (SAMPLE / "assurances-B.xml").read_bytes()
    assert target.with_suffix(".html").read_bytes() == (SAMPLE / "assurances-B.html").read_bytes()
    for url in etree.parse(str(SAMPLE / "assurances-B.xml")).xpath("//*[local-name()='graphic']/@url"):
        assert (SAMPLE / url).read_bytes() == (FIXTURES / url).read_bytes()


def test_reading_page_without_script_is_the_same_text():
    """The facsimile adds only images, zone boxes and empty line links: the page's text
    is the memo's, and the one script is only written for a page with a facsimile."""
    from lxml import html

    page = html.parse(str(SAMPLE / "assurances-B.html")).getroot()
    assert len(page.findall(".//script")) == 1
    links = page.find_class("ln")
    rects = {r.get("id") for r in page.iter("{http://www.w3.org/2000/svg}rect", "rect")}
    assert links and all(a.text_content() == "" and a.get("href")[1:] in rects for a in links)
    assert len(page.xpath("//*[local-name()='svg']")) == 2  # one per page image, not per page break


def test_words_link_to_their_word_zones(validator, tei_all):
    """--zones words: each word of a body line is w[@facs] to the zone of the very word
    tesseract located (its text is that word's), and the copy's text is unchanged."""
    _, tree = encode([ONE_COPY["hocr"]], options=FacsimileOptions(zones="words"))
    validator.validate(tree, source="words")
    assert tei_all.validate(tree), tei_all.error_log.last_error
    zones = {z.get(XML_ID): z for z in tree.iter(tei("zone"))}
    words = [w for surface in tesseract_boxes("assurances-B.hocr") for w in surface[1]]
    texts = [w.text for line in analyse_copies([read(ONE_COPY["hocr"])]).sources[0].layout.lines for w in line.words]
    by_box = dict(zip(words, texts))
    linked = [e for e in tree.iter(tei("w"), tei("unclear")) if e.get("facs")]
    assert len(linked) > 0.8 * len(words)
    for element in linked:
        zone = zones[element.get("facs")[1:]]
        assert zone.get("type") == "word" and by_box[box(zone)] == element.text
    assert witness_text(tree, "A").split() == tesseract_words()
    from lxml import html

    from tei_encoder.publish.transform import reading_page
    page = html.fromstring(reading_page(etree.tostring(tree), "words.xml"))
    assert page.find_class("word") and not [e for e in page.find_class("w") if "word" in e.get("class")]
