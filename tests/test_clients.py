"""Real TEI clients show the whole reading text (issue 12): CETEIcean (the npm package) in
Debian's Chromium, and the TEI Consortium's Stylesheets (vendored under
tests/fixtures/tei-stylesheets/, see SOURCE.md there) run by Debian's Saxon-HE. Each test
skips, saying what to install, when its client is absent; `.ci/run` installs them all."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree, html

from tei_encoder.pipeline import analyse_copies, to_tei
from tei_encoder.publish.reading import reading_text
from tei_encoder.publish.rebuild import extract_witness
from tests.conftest import ROOT
from tests.conftest import SEED as SEED_TEXT

TEI = ROOT / "output" / "assurances-1962-11-13.xml"
CETEI_JS = Path(os.environ.get("CETEICEAN_JS", ROOT / "build" / "node_modules" / "CETEIcean" / "dist" / "CETEI.js"))
CETEI_CSS = CETEI_JS.parent.parent / "test" / "CETEIcean.css"
TEI_XSL = ROOT / "tests" / "fixtures" / "tei-stylesheets" / "html" / "html.xsl"
SAXON = Path("/usr/share/java/Saxon-HE.jar")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def missing_in_order(words: list[str], text: str) -> list[str]:
    """The reading text's words that `text` does not hold in order (a client may add
    footnote marks or labels between them, or glue a mark to a word)."""
    missing, position = [], 0
    for word in words:
        found = text.find(word, position)
        if found < 0:
            missing.append(word)
        else:
            position = found + len(word)
    return missing


@pytest.fixture(scope="module")
def reading_words() -> list[str]:
    return reading_text(etree.parse(str(TEI))).split()


# --- CETEIcean -------------------------------------------------------------------------

@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
@pytest.mark.skipif(not CETEI_JS.exists(), reason="CETEIcean is not installed "
                    "(npm install --prefix build CETEIcean@1.9.5, as .ci/run does; or set CETEICEAN_JS)")
def test_ceteicean_shows_every_word_of_the_reading_text(reading_words, tmp_path):
    """A viewer built on CETEIcean shows the lem and hides the other readings (tei-rdg):
    every word of the reading text is on screen, in order, with no console error."""
    playwright = pytest.importorskip("playwright.sync_api")
    css = CETEI_CSS.read_text("utf-8") if CETEI_CSS.exists() else ""
    page_html = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><style>{css}\n"
                 "tei-rdg, tei-teiheader { display: none; }</style></head><body><div id='TEI'></div>"
                 f"<script>{CETEI_JS.read_text('utf-8')}</script><script>"
                 f"new CETEI().makeHTML5({json.dumps(TEI.read_text('utf-8'))}, function (data) {{"
                 "document.getElementById('TEI').appendChild(data); window.teiDone = true; });</script></body></html>")
    with playwright.sync_playwright() as driver:
        context = driver.chromium.launch_persistent_context(str(tmp_path / "profile"), executable_path=CHROMIUM,
                                                           headless=True, args=FLAGS)
        tab = context.new_page()
        errors: list[str] = []
        tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        tab.on("pageerror", lambda error: errors.append(str(error)))
        page_file = tmp_path / "ceteicean.html"
        page_file.write_text(page_html, "utf-8")
        tab.goto(page_file.as_uri())
        tab.wait_for_function("window.teiDone === true", timeout=60000)
        shown = tab.inner_text("tei-text")
        context.close()
    assert missing_in_order(reading_words, shown) == []
    assert "triginal" not in shown and "Khrushehev" not in shown
    assert errors == []


# --- the TEI Consortium's Stylesheets ----------------------------------------------------

@pytest.fixture(scope="module")
def tei_stylesheets_html(tmp_path_factory) -> str:
    if shutil.which("java") is None or not SAXON.exists():
        pytest.skip("Saxon-HE is not installed (apt-get install libsaxonhe-java default-jre-headless)")
    if not TEI_XSL.exists():
        pytest.skip(f"the TEI Stylesheets are not vendored at {TEI_XSL.parent.parent}")
    out = tmp_path_factory.mktemp("tei-xsl") / "seed.html"
    return _stylesheets_text(TEI, out)


def _stylesheets_text(tei: Path, out: Path) -> str:
    """The text a reader of the Stylesheets' HTML gets (copy and paste, a search engine):
    inline nodes run together as they are, blocks apart; footnote marks left out."""
    subprocess.run(["java", "-jar", str(SAXON), f"-s:{tei}", f"-xsl:{TEI_XSL}", f"-o:{out}"],
                   check=True, capture_output=True, timeout=600)
    body = html.parse(str(out)).getroot().find(".//body")
    for mark in body.xpath(".//a[contains(@class, 'notelink')]"):
        mark.drop_tree()
    for element in body.iter(*_HTML_BLOCKS):
        element.text, element.tail = "\n" + (element.text or ""), "\n" + (element.tail or "")
    return body.text_content()


_HTML_BLOCKS = ("p", "div", "section", "header", "h1", "h2", "h3", "li", "br", "td")


def test_tei_stylesheets_keep_every_word_of_the_reading_text(reading_words, tei_stylesheets_html):
    """The Stylesheets print the lem as the text (the other readings become notes)."""
    assert missing_in_order(reading_words, tei_stylesheets_html) == []


def test_tei_stylesheets_run_no_readings_or_furniture_together(tei_stylesheets_html):
    """Before the lem, the Stylesheets printed the first reading, copy A's, as the text:
    its bottom line "TOT MORET" with its correction ran into "TOT MORETTOP SECRET", and
    the page-top fw of one copy would run together if they were siblings in a div
    ("011691962/11/13": the Stylesheets strip the whitespace between them). Stray noise
    keeps its text ("whoir"), not a gap printed as "[...]"."""
    words = tei_stylesheets_html.split()
    for glued in ("MORETTOP", "011691962/11/13", "triginaloriginal", "KhrushehevKhrushchev"):
        assert not any(glued in word for word in words), glued
    assert "[...]" not in tei_stylesheets_html and "whoir" in tei_stylesheets_html


@pytest.mark.parametrize("how", ["cut from the merged file", "encoded alone"])
def test_tei_stylesheets_keep_a_copys_page_top_furniture_apart(tei_stylesheets_html, tmp_path, how):
    """A per-copy transcription of copy A: its page-top fw "01169" and "1962/11/13" are
    siblings in a div, which the Stylesheets strip of whitespace and print as bare text;
    an lb between them keeps them apart (tei.body.separate_furniture)."""
    copy = tmp_path / "copy-a.xml"
    if how == "encoded alone":
        a = SEED_TEXT.read_text("utf-8").split("ALTERNATE COPY FOLLOWS")[0]
        copy.write_bytes(to_tei(analyse_copies([(a.encode("utf-8"), "copy-a.txt")])))
    else:
        copy.write_bytes(extract_witness(etree.parse(str(TEI)), "A", "tei"))
    words = _stylesheets_text(copy, tmp_path / "copy-a.html").split()
    assert "01169" in words and "1962/11/13" in words
    assert not any("011691962" in word for word in words)
