"""Underlines (<u>...</u> in the OCR text) that run over a line break: one hi holding lb."""

from __future__ import annotations

from lxml import etree

from tei_encoder.analyse.inline import analyse, underline_carry
from tei_encoder.model import Text, Underline
from tei_encoder.pipeline import analyse as analyse_memo
from tei_encoder.publish.rebuild import input_text, witness_text
from tei_encoder.publish.write import serialise
from tei_encoder.readers.text import read_source, split_witnesses
from tei_encoder.tei.document import build_document

T = "{http://www.tei-c.org/ns/1.0}"
# FRUS's excision note, underlined and wrapped by the typist (the example).
MEMO = b"""MEMORANDUM FOR THE RECORD

1. General Stilwell and the [<u>less than 1
line not declassified</u>] met Thuan at the Palace and
talked for <u>two</u> hours.
"""


def test_carry_marks_the_lines_inside_an_open_underline():
    lines = ["the [<u>less than 1", "line not declassified</u>] met", "talked for <u>two</u> hours."]
    assert underline_carry(lines) == [False, True, False]


def test_a_stray_opening_tag_underlines_nothing():
    """No "</u>" within a few lines: the "<u>" is a mark, not an underline."""
    lines = ["a <u>stray", "one", "two", "three", "four</u>"]
    assert underline_carry(lines) == [False] * 5
    assert analyse(lines[0]) == (Text("a <u>stray"),)


def test_the_parts_on_each_side_of_the_break():
    assert analyse("the [<u>less than 1", runs_on=True)[-1] == Underline((Text("less than 1"),))
    first = analyse("line not declassified</u>] met", continues=True)
    assert first[0] == Underline((Text("line not declassified"),), continues=True)
    assert first[1] == Text("] met")


def _tree(data: bytes):
    document = analyse_memo(data, "memo.txt")
    return etree.ElementTree(etree.fromstring(serialise(build_document(document))))


def test_one_hi_holds_the_line_break_and_the_copy_rebuilds():
    tree = _tree(MEMO)
    his = [h for h in tree.getroot().iter(f"{T}hi") if h.get("rend") == "underline"]
    assert [" ".join("".join(h.itertext()).split()) for h in his] == ["less than 1 line not declassified", "two"]
    assert his[0].find(f"{T}lb") is not None
    assert "<u>" not in " ".join(tree.getroot().itertext())
    witness = split_witnesses(read_source(MEMO, "memo.txt"))[0]
    assert witness_text(tree, "A").split() == input_text(witness).split()
