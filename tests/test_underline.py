"""Underlines (<u>...</u> in the OCR text) that run over a line break: one hi holding lb."""

from __future__ import annotations

from lxml import etree

from tei_encoder.analyse.inline import analyse, underline_carry
from tei_encoder.model import Text, Underline
from tei_encoder.pipeline import analyse as analyse_memo
from tei_encoder.pipeline import to_tei
from tei_encoder.publish.rebuild import input_text, witness_text
from tei_encoder.publish.write import serialise
from tei_encoder.readers.text import read_source, split_witnesses
from tei_encoder.tei.document import build_document

T = "{http://www.tei-c.org/ns/1.0}"
# Words underlined over a line break by the typist. (FRUS's excision note wrapped so,
# "[<u>less than 1" / "line not declassified</u>]", is a split statement, two seg pieces
# with a hi each: tests/test_redactions.py.)
MEMO = b"""MEMORANDUM FOR THE RECORD

1. General Stilwell and the <u>chief of the
special forces</u> met Thuan at the Palace and
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
    assert [" ".join("".join(h.itertext()).split()) for h in his] == ["chief of the special forces", "two"]
    assert his[0].find(f"{T}lb") is not None
    assert "<u>" not in " ".join(tree.getroot().itertext())
    witness = split_witnesses(read_source(MEMO, "memo.txt"))[0]
    assert witness_text(tree, "A").split() == input_text(witness).split()


# Two copies of one memo: A wraps the underlined words where B keeps them on one line.
COPY_A = b"""MEMORANDUM FOR THE RECORD

1. The Ambassador said that <u>no action should
be taken</u> before the elections in the spring.
"""
COPY_B = b"""MEMORANDUM FOR THE RECORD

1. The Ambassador said that <u>no action should be taken</u>
before the elections in the spring.
"""
SEPARATOR = b"\nALTERNATE COPY FOLLOWS\n\n"


def _merged(data: bytes):
    return etree.ElementTree(etree.fromstring(to_tei(analyse_memo(data, "memo.txt"))))


def _underlines(tree) -> list[str]:
    return [" ".join("".join(h.itertext()).split())
            for h in tree.getroot().iter(f"{T}hi") if h.get("rend") == "underline"]


def _rebuilds(tree, data: bytes) -> bool:
    return all(witness_text(tree, w.sigil).split() == input_text(w).split()
               for w in split_witnesses(read_source(data, "memo.txt")))


def test_the_merged_form_has_one_hi_over_the_line_break(validator, tei_all):
    """In the apparatus, as in the per-copy form: one hi holding the lb, here A's own
    (lb[@edRef]); both copies rebuild, and the TEI is valid."""
    data = COPY_A + SEPARATOR + COPY_B
    tree = _merged(data)
    assert _underlines(tree) == ["no action should be taken"]
    held = next(tree.getroot().iter(f"{T}hi"))
    assert [lb.get("edRef") for lb in held.iter(f"{T}lb")] == ["#A"]
    assert _rebuilds(tree, data)
    assert [str(p) for p in validator.iter_problems(tree, "memo.xml")] == []
    assert tei_all.validate(tree), "\n".join(str(e) for e in tei_all.error_log)


def test_a_line_break_both_copies_have_inside_the_underline():
    data = COPY_A + SEPARATOR + COPY_A
    tree = _merged(data)
    held = next(tree.getroot().iter(f"{T}hi"))
    assert _underlines(tree) == ["no action should be taken"] and [lb.attrib for lb in held.iter(f"{T}lb")] == [{}]
    assert _rebuilds(tree, data)


def test_two_underlines_on_two_lines_stay_two_in_the_merged_form():
    """An underline that ends a line and another that begins the next are two hi."""
    two = COPY_A.replace(b"should\nbe taken</u>", b"should</u>\n<u>be taken</u>")
    data = two + SEPARATOR + two
    tree = _merged(data)
    assert _underlines(tree) == ["no action should", "be taken"]
    assert _rebuilds(tree, data)
