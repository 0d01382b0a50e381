"""Redactions (issue 15): excision statements, exemption codes and blacked-out runs are
marked, every OCR character kept; in the merged layout a passage one release withholds
and another shows is an app of type redaction."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tei_encoder.analyse.redactions import Cut, find_cuts
from tei_encoder.pipeline import analyse_copies, to_tei
from tei_encoder.publish.rebuild import input_text, witness_text
from tei_encoder.readers.text import read_source, split_witnesses
from tei_encoder.validation.validator import Validator

T = "{http://www.tei-c.org/ns/1.0}"
FRUS = Path("/work/shared/devset/frus")
MEMO = ("MEMORANDUM FOR THE RECORD\n\nSUBJECT: A test of cuts\n\n"
        "1. The source said that the courier would arrive on Tuesday with the papers.\n\n"
        "2. The meeting was held at the hotel and {cut} attended.\n\n"
        "3. Nothing else was decided at the meeting of the group (b)(1) (b)(3).\n")


@pytest.mark.parametrize("text, cuts", [
    ("said [1 line not declassified] and", [Cut(5, 30, "excision")]),
    ("[ less than 1 1ine not declassified]", [Cut(0, 36, "excision")]),  # the OCR's "1ine"
    ("[2 paragraphs (14 lines) not declassified]", [Cut(0, 42, "excision")]),
    ("Source: (b)(1) (b)(3)", [Cut(8, 14, "exemption", "(b)(1)"), Cut(15, 21, "exemption", "(b)(3)")]),
    ("names (b) (7) (C) here", [Cut(6, 17, "exemption", "(b)(7)(C)")]),
    ("JFK Act 6 (1)(B)", [Cut(0, 16, "exemption", "JFK-Act-6-(1)(B)")]),
    ("the agent XXXXXXX met", [Cut(10, 17, "blackout")]),
    ("see (b) below; Mr. P; the 1961 XX", []),
])
def test_cuts(text, cuts):
    assert find_cuts(text) == cuts


def encode(*texts: str) -> etree._ElementTree:
    inputs = [(text.encode(), f"copy{i}.txt") for i, text in enumerate(texts)]
    xml = to_tei(analyse_copies(inputs))
    tree = etree.ElementTree(etree.fromstring(xml))
    Validator().validate(tree)
    return tree


def test_marked_valid_and_lossless(tei_all):
    text = MEMO.format(cut="[1 line not declassified] and XXXXXXXX")
    tree = encode(text)
    assert tei_all.validate(tree), tei_all.error_log
    segs = tree.getroot().findall(f".//{T}seg[@type='excision']")
    assert [(s.get("subtype"), s.get("n"), s.text) for s in segs] == [
        ("statement", None, "[1 line not declassified]"), ("exemption", "(b)(1)", "(b)(1)"),
        ("exemption", "(b)(3)", "(b)(3)")]
    assert tree.getroot().findtext(f".//{T}unclear[@reason='redacted']") == "XXXXXXXX"
    witness = split_witnesses(read_source(text.encode(), "copy0.txt"))[0]
    assert witness_text(tree, "A").split() == input_text(witness).split()


def test_release_difference_is_a_redaction_not_a_typescript_difference(tei_all):
    tree = encode(MEMO.format(cut="[1 line not declassified]"), MEMO.format(cut="Colonel Smith of the station"))
    assert tei_all.validate(tree), tei_all.error_log
    apps = tree.getroot().findall(f".//{T}app")
    assert [a.get("type") for a in apps] == ["redaction"]
    readings = {r.get("wit"): "".join(r.itertext()) for r in apps[0]}
    assert readings == {"#A": "[1 line not declassified]", "#B": "Colonel Smith of the station"}
    for sigil, text in (("A", "[1 line not declassified]"), ("B", "Colonel Smith of the station")):
        assert text in witness_text(tree, sigil)


@pytest.mark.skipif(not FRUS.is_dir(), reason="the dev set (../shared/devset) is not here")
def test_frus_excision_statements_are_marked():
    """FRUS 19: every excision statement outside an underline is marked (those whose
    words the OCR underlined, "[ <u>1 LINE NOT DECLASSIFIED</u>]", are not: the brackets
    and the words are in different inline parts)."""
    path = FRUS / "19.txt"
    text = path.read_text("utf-8")
    expected = sum(len(find_cuts(line)) for line in text.splitlines() if "<u>" not in line)
    tree = etree.ElementTree(etree.fromstring(to_tei(analyse_copies([(path.read_bytes(), str(path))]))))
    found = tree.getroot().findall(f".//{T}seg[@type='excision']")
    assert expected >= 3 and len(found) >= expected
