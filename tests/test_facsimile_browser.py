"""The reading page of the sample encoded from hOCR (output/ocr) in a real browser:
Debian's Chromium driven by playwright. The page images load, every line's link has
its zone on the image, zones go down the page as the lines do, hovering a link
highlights its zone, and with scripts off following the link still does (CSS
:target). Screenshots are left in build/test-artifacts/."""

from __future__ import annotations

import pytest

from tests.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_FLAGS, ROOT, needs_chromium

PAGE = ROOT / "output" / "ocr" / "assurances-B.html"

pytestmark = needs_chromium

# Per page image: [natural width of its image, [[link index, zone top, zone inside the image]...]].
ZONES = """() => [...document.querySelectorAll('span.facs svg')].map(svg => {
    const box = svg.viewBox.baseVal;
    return [...svg.querySelectorAll('rect')].map(r => {
        const link = document.querySelector('a.ln[href="#' + r.id + '"]');
        const inside = r.x.baseVal.value >= box.x && r.y.baseVal.value >= box.y
            && r.x.baseVal.value + r.width.baseVal.value <= box.x + box.width
            && r.y.baseVal.value + r.height.baseVal.value <= box.y + box.height;
        return [link ? [...document.querySelectorAll('a.ln')].indexOf(link) : -1, r.y.baseVal.value, inside];
    });
})"""
IMAGES = """() => Promise.all([...document.querySelectorAll('svg image')].map(i => new Promise(done => {
    const probe = new Image(); probe.onload = () => done(probe.naturalWidth); probe.onerror = () => done(0);
    probe.src = new URL(i.getAttribute('href'), document.baseURI).href; })))"""


def _browser(driver, tmp_path, scripts: bool):
    context = driver.chromium.launch_persistent_context(str(tmp_path / f"profile-{scripts}"), executable_path=CHROMIUM,
                                                       headless=True, args=CHROMIUM_FLAGS, java_script_enabled=scripts,
                                                       viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.errors = []
    tab.on("console", lambda message: tab.errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    return context, tab


def test_page_images_and_zones_line_up(tmp_path):
    playwright = pytest.importorskip("playwright.sync_api")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with playwright.sync_playwright() as driver:
        context, tab = _browser(driver, tmp_path, scripts=True)
        tab.goto(PAGE.as_uri())
        assert tab.evaluate(IMAGES) == [850, 850]
        for zones in tab.evaluate(ZONES):
            assert zones and all(link >= 0 and inside for link, _, inside in zones)
            links = [link for link, _, _ in zones]
            assert links == sorted(links)  # the lines' links in the text's order
            tops = [top for _, top, _ in zones]
            assert sum(b >= a for a, b in zip(tops, tops[1:])) >= 0.95 * (len(tops) - 1)  # down the page
        link = tab.locator("a.ln").nth(8)
        zone = link.get_attribute("href")[1:]
        link.hover()
        assert tab.evaluate(f"document.getElementById('{zone}').classList.contains('hl')")
        tab.screenshot(path=str(ARTIFACTS / "facsimile-hover.png"))
        tab.mouse.move(0, 0)
        assert not tab.evaluate(f"document.getElementById('{zone}').classList.contains('hl')")
        assert tab.errors == []
        context.close()


def test_scripts_off_the_link_still_highlights_its_zone(tmp_path):
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as driver:
        context, tab = _browser(driver, tmp_path, scripts=False)
        tab.goto(PAGE.as_uri())
        link = tab.locator("a.ln").nth(3)
        zone = link.get_attribute("href")[1:]
        before = tab.evaluate(f"getComputedStyle(document.getElementById('{zone}')).fill")
        link.click()
        after = tab.evaluate(f"getComputedStyle(document.getElementById('{zone}')).fill")
        assert before != after and "rgba(255, 190, 0" in after
        assert "THE PROBLEM" in tab.inner_text("main")
        assert tab.errors == []
        context.close()
