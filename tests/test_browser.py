"""The seed's reading page in a real browser: Debian's Chromium driven by playwright
(never a downloaded browser). Screenshots are left in build/test-artifacts/."""

from __future__ import annotations

import pytest
from lxml import etree

from tei_encoder.publish.reading import reading_text
from tei_encoder.publish.rebuild import witness_text
from tests.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_FLAGS, ROOT, needs_chromium

PAGE = ROOT / "output" / "assurances-1962-11-13.html"
TEI = ROOT / "output" / "assurances-1962-11-13.xml"

pytestmark = needs_chromium

# Elements of the copies not chosen that are still rendered.
SHOWN_OTHERS = """sigil => [...document.querySelectorAll('main .w:not(.w-' + sigil + ')')]
    .filter(e => e.getClientRects().length > 0).map(e => e.outerHTML.slice(0, 120))"""


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    playwright = pytest.importorskip("playwright.sync_api")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with playwright.sync_playwright() as driver:
        context = driver.chromium.launch_persistent_context(str(profile), executable_path=CHROMIUM, headless=True,
                                                           args=CHROMIUM_FLAGS, viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        tab.errors = []
        tab.on("console", lambda message: tab.errors.append(message.text) if message.type == "error" else None)
        tab.on("pageerror", lambda error: tab.errors.append(str(error)))
        tab.goto(PAGE.as_uri())
        yield tab
        context.close()


def test_the_first_view_is_the_reading_text(page):
    """Opened as it comes, the page shows the reading text: every word of it, in order,
    and nothing else (no furniture, noise, or the readings not chosen)."""
    assert page.is_checked("#show-reading")
    assert page.inner_text("main").split() == reading_text(etree.parse(str(TEI))).split()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "reading-page-reading-text.png"), full_page=False)


@pytest.mark.parametrize("sigil", ["A", "B"])
def test_reading_one_copy_shows_exactly_its_words(page, sigil):
    page.click(f"label[for=show-{sigil}]")
    shown = page.inner_text("main").split()
    assert shown == witness_text(etree.parse(str(TEI)), sigil).split()
    assert page.evaluate(SHOWN_OTHERS, sigil) == []
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"reading-page-copy-{sigil}.png"), full_page=True)


def test_all_copies_show_every_reading_and_no_errors(page):
    page.click("label[for=show-all]")
    readings = page.locator("main .rdg:not(.empty)")
    assert readings.count() > 50
    assert all(readings.nth(i).is_visible() for i in range(readings.count()))
    page.screenshot(path=str(ARTIFACTS / "reading-page-all.png"), full_page=False)
    assert page.errors == []
