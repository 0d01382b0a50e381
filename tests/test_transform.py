"""XSLT (issue 5): the reading page and one copy's text, through lxml, xsltproc and the
transform command."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree, html

from tei_encoder.cli import main
from tei_encoder.pipeline import analyse_copies, to_tei
from tei_encoder.publish.rebuild import witness_text, witnesses
from tei_encoder.publish.transform import load_stylesheet, stylesheet_path, transform
from tests.conftest import ROOT, SEED
from tests.test_apparatus import CASES

SAMPLES = ROOT / "tests" / "fixtures" / "samples"
T = "{http://www.tei-c.org/ns/1.0}"


@pytest.fixture(scope="module")
def sheets():
    return {"html": load_stylesheet("html"), "text": load_stylesheet("text")}


@pytest.fixture(scope="module", params=sorted(CASES), ids=sorted(CASES))
def encodings(request):
    document = analyse_copies(CASES[request.param])
    return [etree.ElementTree(etree.fromstring(to_tei(document, layout))) for layout in ("merged", "copies")]


def test_text_stylesheet_gives_what_witness_gives(encodings, sheets):
    """For every input and multi-copy case, both layouts, every copy."""
    for tree in encodings:
        for sigil in witnesses(tree.getroot()):
            result = transform(tree, sheets["text"], {"wit": sigil}).decode("utf-8")
            assert result == witness_text(tree, sigil)


def test_text_stylesheet_defaults_to_the_first_copy(sheets):
    tree = etree.parse(str(ROOT / "output" / "assurances-1962-11-13.xml"))
    assert transform(tree, sheets["text"]).decode() == witness_text(tree, "A")


def _words(element) -> list[str]:
    return " ".join(element.itertext()).split()


def _tei_words(element) -> list[str]:
    """The text's words, corrections (corr) included: the page holds both forms of a
    choice as text (CSS shows the sic in a copy, the corr in the reading text)."""
    return _words(element)


@pytest.mark.parametrize("source", ["output/assurances-1962-11-13.xml", "tests/fixtures/samples/frus1936v03-d225.xml",
                                    "tests/fixtures/samples/apparatus-choice-test.xml"])
def test_reading_page_keeps_every_word_of_the_text(source, sheets):
    """The page's main holds exactly the words of the TEI text (all readings), in order:
    decorations are CSS, nothing is dropped. Also for TEI the project did not write."""
    tree = etree.parse(str(ROOT / source))
    page = html.fromstring(transform(tree, sheets["html"]))
    main = page.find(".//main")
    assert _words(main) == _tei_words(tree.getroot().find(f"{T}text"))
    assert page.findtext(".//title") == " ".join(tree.getroot().findtext(f".//{T}titleStmt/{T}title").split())


def test_reading_page_of_the_merged_seed(sheets):
    tree = etree.parse(str(ROOT / "output" / "assurances-1962-11-13.xml"))
    page = html.fromstring(transform(tree, sheets["html"]))
    header = page.find(".//header").text_content()
    assert "1962-11-13" in header and "ALTERNATE COPY FOLLOWS" in header and "unknown" in header
    assert [i.get("id") for i in page.findall(".//input")] == ["show-reading", "show-all", "show-A", "show-B"]
    assert page.get_element_by_id("show-reading").get("checked") == "checked"  # the first view
    lems = page.find_class("lem")
    assert lems and all(lem.get("title", "").startswith("reading of ") for lem in lems)
    apps = page.find_class("app")
    assert {a.get("data-type") for a in apps if a.get("data-type")} == {"ocr", "substantive", "layout"}
    readings = page.find_class("rdg")
    assert all("w-" in r.get("class") for r in readings)
    assert page.find_class("pb") and page.find_class("stamp-note") and page.find_class("fw-catch")
    assert page.find_class("surplus") and page.find_class("unclear-noise") and page.find_class("rend-underline")
    assert not page.findall(".//script") and "http" not in "".join(page.xpath("//link/@href | //script/@src"))


def test_reading_page_of_the_per_copy_layout(sheets):
    tree = etree.ElementTree(etree.fromstring(to_tei(analyse_copies([(SEED.read_bytes(), str(SEED))]), "copies")))
    page = html.fromstring(transform(tree, sheets["html"]))
    sections = page.find_class("copy")
    assert [s.get("data-wit") for s in sections] == ["A", "B"]


@pytest.mark.skipif(shutil.which("xsltproc") is None, reason="xsltproc is not installed (apt-get install xsltproc)")
def test_xsltproc_runs_both_stylesheets(sheets):
    tei = ROOT / "output" / "assurances-1962-11-13.xml"
    text = subprocess.run(["xsltproc", "--stringparam", "wit", "B", str(stylesheet_path("text")), str(tei)],
                          capture_output=True, check=True).stdout.decode("utf-8")
    assert text == witness_text(etree.parse(str(tei)), "B")
    page = subprocess.run(["xsltproc", str(stylesheet_path("html")), str(tei)], capture_output=True, check=True).stdout
    assert _words(html.fromstring(page).find(".//main")) == _tei_words(etree.parse(str(tei)).getroot().find(f"{T}text"))


# --- the command ---------------------------------------------------------------------------

def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_transform_command(tmp_path):
    tei = ROOT / "output" / "assurances-1962-11-13.xml"
    result = run("transform", tei, "--xsl", "text", "--param", "wit=B")
    assert result.exit_code == 0 and result.stdout == witness_text(etree.parse(str(tei)), "B")
    out = tmp_path / "page.html"
    assert run("transform", tei, "-o", out).exit_code == 0 and out.read_bytes().startswith(b"<!DOCTYPE html>")


def test_transform_with_a_user_stylesheet(tmp_path):
    sheet = tmp_path / "heads.xsl"
    sheet.write_text('<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" '
                     'xmlns:tei="http://www.tei-c.org/ns/1.0"><xsl:output method="text"/><xsl:param name="sep"/>'
                     '<xsl:template match="/"><xsl:for-each select="//tei:head">'
                     '<xsl:value-of select="concat(., $sep)"/></xsl:for-each></xsl:template></xsl:stylesheet>')
    result = run("transform", ROOT / "output" / "assurances-1962-11-13.xml", "--xsl", sheet, "--param", "sep=|")
    assert result.exit_code == 0 and result.stdout == 'THE PROBLEM OF "ASSURANCES"|'


def test_stylesheet_faults_are_clear(tmp_path):
    tei = ROOT / "output" / "assurances-1962-11-13.xml"
    broken = tmp_path / "broken.xsl"
    broken.write_text('<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
                      '<xsl:template match="/"><xsl:value-of select="count(("/></xsl:template></xsl:stylesheet>')
    result = run("transform", tei, "--xsl", broken)
    assert result.exit_code == 3 and f"{broken}: error: not a usable XSLT 1.0 stylesheet" in result.stderr
    malformed = tmp_path / "malformed.xsl"
    malformed.write_text("<xsl:stylesheet")
    result = run("transform", tei, "--xsl", malformed)
    assert result.exit_code == 3 and "not well-formed" in result.stderr
    writer = tmp_path / "writer.xsl"
    writer.write_text('<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" '
                      'xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">'
                      f'<xsl:template match="/"><exsl:document href="{tmp_path}/written.txt" method="text">x'
                      '</exsl:document></xsl:template></xsl:stylesheet>')
    result = run("transform", tei, "--xsl", writer)
    assert result.exit_code == 3 and not (tmp_path / "written.txt").exists()
    assert run("transform", tei, "--param", "novalue").exit_code == 2


def test_encode_html_writes_the_reading_page(tmp_path):
    result = run("encode", SEED, "-o", tmp_path, "--html")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "assurances-1962-11-13.html").read_bytes() == (
        ROOT / "output" / "assurances-1962-11-13.html").read_bytes()
    assert run("encode", SEED, "-o", "-", "--html").exit_code == 2


SAXON = Path("/usr/share/java/Saxon-HE.jar")


@pytest.mark.skipif(shutil.which("java") is None or not SAXON.exists(),
                    reason="Saxon-HE is not installed (apt-get install libsaxonhe-java)")
def test_saxon_runs_both_stylesheets(tmp_path):
    """Saxon (an XSLT 3 processor, running these 1.0 stylesheets in compatibility mode)."""
    tei = ROOT / "output" / "assurances-1962-11-13.xml"

    def saxon(name, *params):
        command = ["java", "-cp", str(SAXON), "net.sf.saxon.Transform", f"-s:{tei}",
                   f"-xsl:{stylesheet_path(name)}", *params]
        return subprocess.run(command, capture_output=True, check=True).stdout

    assert saxon("text", "wit=A").decode("utf-8") == witness_text(etree.parse(str(tei)), "A")
    page = html.fromstring(saxon("html"))
    assert _words(page.find(".//main")) == _tei_words(etree.parse(str(tei)).getroot().find(f"{T}text"))


def test_reading_page_keeps_every_word_of_every_case(encodings, sheets):
    """All inputs and multi-copy cases, both layouts: nested apps, milestones, block
    variants and per-copy sections lose no word."""
    for tree in encodings:
        page = html.fromstring(transform(tree, sheets["html"]))
        titles = [h.text_content() for h in page.find_class("copy-title")]
        words = _words(page.find(".//main"))
        for title in titles:  # "Copy A": the per-copy layout's section headings
            index = next(i for i in range(len(words) - 1) if words[i:i + 2] == title.split())
            del words[index:index + 2]
        assert words == _tei_words(tree.getroot().find(f"{T}text"))


def test_readings_of_an_app_are_apart_in_the_page_text(sheets):
    """Copy and paste, search engines and screen readers read the text nodes: two
    readings of one app, or a sic and its corr, never run into one word."""
    tree = etree.parse(str(ROOT / "output" / "assurances-1962-11-13.xml"))
    page = html.fromstring(transform(tree, sheets["html"]))
    text = page.find(".//main").text_content()
    assert "triginal" in text and "original" in text
    for glued in ("triginaloriginal", "originaltriginal", "IL-26IL-28", "IL-28IL-26", "KhrushehevKhrushchev"):
        assert glued not in text
