"""PAGE XML region types as Transkribus and eScriptorium export them, into the TEI.

The samples (tests/fixtures/page-transkribus, made by make_samples.py there, which says
what each imitates) carry the types in @custom, not @type, a reading order that is not
the document order, text at line and at region level, a marginal note, a catch-word,
a running head and foot, a page number. The engine's type is strong evidence, never
the only one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tei_encoder.pipeline import analyse_copies, parse_xml, to_tei
from tei_encoder.publish.rebuild import witness_text
from tei_encoder.publish.transform import reading_page
from tei_encoder.readers import formats
from tei_encoder.readers.pagexml import region_type
from tei_encoder.tei.names import tei

SAMPLES = Path(__file__).parent / "fixtures" / "page-transkribus"
PAGES = [SAMPLES / "memo-p1.xml", SAMPLES / "memo-p2.xml"]


def copy(paths=PAGES, replace: tuple[bytes, bytes] | None = None):
    parts = []
    for path in paths:
        data = path.read_bytes()
        if replace:
            data = data.replace(*replace)
        parts.append((data, str(path)))
    return tuple(parts), "+".join(p for _, p in parts)


def read(paths=PAGES, replace=None):
    data, name = copy(paths, replace)
    return formats.read_any(data, name, parse=parse_xml)


def encode(paths=PAGES, replace=None):
    document = analyse_copies([copy(paths, replace)])
    return etree.ElementTree(etree.fromstring(to_tei(document, "merged")))


def test_regions_in_reading_order_with_their_types():
    source = read()
    typed = [(line.region, source.lines[line.number - 1].text) for line in source.layout.lines]
    assert typed[0] == ("heading", "THE PROBLEM OF \u201cASSURANCES\u201d")
    assert [t for t in typed if t[0] not in (None, "heading")] == [
        ("marginalia", "This has been done."), ("catch-word", "verifcation"), ("footer", "S/P:WWRostow:mm"),
        ("header", "The Problem of Assurances"), ("page-number", "-2-")]
    # Page 2: the header region is written last but read first; the region whose lines are empty
    # gives its own text, a line per line.
    page2 = [text for region, text in typed[typed.index(("header", "The Problem of Assurances")):]]
    assert page2[:3] == ["The Problem of Assurances", "-2-",
                         "verification which would also contain the element of assuring the"]
    assert page2[-2:] == ["6. The U.S. assurances would include:", "(a) An assurance against an invasion of Cuba;"]
    assert (source.layout.engine, source.layout.engine_version, source.layout.date) == \
        ("Transkribus", None, "2024-03-05")


def test_furniture_heading_and_margin_note_in_the_tei(validator, tei_all):
    tree = encode()
    validator.validate(tree, source="transkribus")
    assert tei_all.validate(tree), tei_all.error_log
    furniture = [(fw.get("type"), fw.get("place"), fw.text) for fw in tree.iter(tei("fw"))]
    assert furniture == [("catch", "bottom", "verifcation"), ("footer", "bottom", "S/P:WWRostow:mm"),
                         ("header", "top", "The Problem of Assurances"), ("pageNum", "top", "-2-")]
    assert all(fw.get("facs", "").startswith("#facs-") for fw in tree.iter(tei("fw")))
    notes = [(n.get("type"), n.get("place"), n.text, bool(n.get("facs"))) for n in tree.iter(tei("note"))
             if n.get("type") == "marginal"]
    assert notes == [("marginal", "margin", "This has been done.", True)]
    heads = ["".join(h.itertext()).strip() for h in tree.iter(tei("head"))]
    assert "THE PROBLEM OF \u201cASSURANCES\u201d" in heads
    # The copy's own text comes back whole, its furniture and marginal note included.
    source = read()
    assert witness_text(tree, "A").split() == source.text.split()
    # The reading page shows the note as one, linked to its zone.
    page = etree.HTML(reading_page(etree.tostring(tree)))
    [shown] = page.xpath("//span[contains(@class, 'margin-note')]")
    assert shown.get("data-n") == "in the margin" and "This has been done." in "".join(shown.itertext())
    assert shown.xpath("a[@class='ln']/@href")[0].startswith("#facs-")


def test_catchword_matched_past_the_next_pages_running_head_and_number():
    """Spelled right and not tagged, the catch-word is found by its match with page 2's first
    words, which come after the running head and page number the engine tagged."""
    data, name = copy()
    untagged = data[0][0].replace(b" structure {type:catch-word;}", b"").replace(b">verifcation<", b">verification<")
    document = analyse_copies([(((untagged, data[0][1]), data[1]), name)])
    tree = etree.ElementTree(etree.fromstring(to_tei(document, "merged")))
    assert [(fw.get("type"), fw.text) for fw in tree.iter(tei("fw"))][:2] == [
        ("catch", "verification"), ("footer", "S/P:WWRostow:mm")]


@pytest.mark.parametrize("tag, first", [
    (b"structure {type:marginalia;}", "1. In the original understanding between the President and"),
    (b"structure {type:header;}", "1. In the original understanding between the President and"),
])
def test_region_type_is_not_the_only_evidence(tag, first):
    """A paragraph of full typed lines that the engine calls marginalia or header stays text."""
    opening = b'id="p1_r3" custom="readingOrder {index:2;}'
    retag = (opening + b'"', opening + b" " + tag + b'"')
    assert {line.region for line in read(replace=retag).lines if line.text == first} == {tag[16:-2].decode()}
    tree = encode(replace=retag)
    kept = [text for p in tree.iter(tei("p")) for text in ["".join(p.itertext())]]
    assert any(first.split(" ", 1)[1] in " ".join(text.split()) for text in kept)
    assert all("original understanding" not in "".join(e.itertext()) for e in tree.iter(tei("fw"), tei("note")))


def test_escriptorium_segmonto_types_and_words():
    source = read([SAMPLES / "escriptorium.xml"])
    assert [line.region for line in source.layout.lines] == [
        "header", "page-number", "paragraph", "paragraph", "marginalia", "paragraph", "catch-word"]
    assert (source.layout.engine, source.layout.date) == ("kraken", "2024-05-02")
    assert all(w.confidence is not None and w.box is not None for line in source.layout.lines for w in line.words)
    tree = encode([SAMPLES / "escriptorium.xml"])
    assert [(fw.get("type"), fw.text) for fw in tree.iter(tei("fw"))] == [
        ("header", "The Problem of Assurances"), ("pageNum", "-3-")]
    assert [n.text for n in tree.iter(tei("note")) if n.get("type") == "marginal"] == ["OK - JFK"]


@pytest.mark.parametrize("attributes, expected", [
    ({"type": "page-number"}, "page-number"),
    ({"custom": "readingOrder {index:3;} structure {type:catch-word;}"}, "catch-word"),
    ({"custom": "structure {type:MarginTextZone:handwritten#2;}"}, "marginalia"),
    ({"type": "TOC-entry"}, "toc-entry"),
    ({"custom": "structure {type:Seal;}"}, "Seal"),
    ({"custom": "readingOrder {index:0;}"}, None),
    ({"type": "heading", "custom": "structure {type:footer;}"}, "heading"),
])
def test_region_type_from_type_or_custom(attributes, expected):
    assert region_type(etree.Element("TextRegion", attributes)) == expected
