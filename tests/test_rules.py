"""Small cases for the recognisers: pages, furniture, labels, dates, loops, blocks."""

from __future__ import annotations

import pytest

from tei_encoder.analyse import furniture as fw
from tei_encoder.analyse.dates import find_date
from tei_encoder.analyse.inline import analyse
from tei_encoder.analyse.labels import Numbering, parse_label
from tei_encoder.model import Block, Surplus, Unclear
from tei_encoder.pipeline import analyse as analyse_document


@pytest.mark.parametrize("typed, n", [("-2-", "2"), ("-2a-", "2a"), ("- 3 -", "3"), ("Page 4", "4"),
                                      ("=2=", "2"), ("- 5-", "5"), ("-1.", "1"), ("PAGE 2 OF 5", "2")])
def test_page_numbers(typed, n):
    assert fw.page_number(typed) == n


def test_bare_number_only_where_allowed():
    assert fw.page_number("2") is None and fw.page_number("2", allow_bare=True) == "2"
    assert fw.page_number("1962") is None and fw.page_number("in 1962") is None


@pytest.mark.parametrize("typed, standard", [("TOT MORET", "TOP SECRET"), ("seeRet", "SECRET"),
                                             ("S-E-C-R-E-T", "SECRET"), ("EVES ONLY", "EYES ONLY"),
                                             ("CONFIDENFIAL", "CONFIDENTIAL"), ("TOP SECRET", "TOP SECRET")])
def test_classification_markings(typed, standard):
    assert fw.classification(typed)[0] == standard


@pytest.mark.parametrize("text", ["Spare", "Congo", "whoir", "Economic Aspects", "WASHINGTON",
                                  "The Secretary said that it was secret"])
def test_not_classification_markings(text):
    assert fw.classification(text) is None


def test_marking_with_glued_junk():
    assert fw.classification("TOP SECRET Neil") == ("TOP SECRET", "TOP SECRET", "Neil")


@pytest.mark.parametrize("text, when", [("November 13, 1962", "1962-11-13"), ("13 November 1962", "1962-11-13"),
                                        ("Nov. 13, 1962", "1962-11-13"), ("11/13/62", "1962-11-13"),
                                        ("Movember 13, 1962", "1962-11-13"), ("12 May 1961", "1961-05-12")])
def test_dates(text, when):
    assert find_date(text).when == when


@pytest.mark.parametrize("text", ["February 30, 1961", "Moment 13, 1962", "paragraph 13, 1962"])
def test_not_dates(text):
    assert find_date(text) is None


def test_labels_and_numbering():
    numbering = Numbering()
    sequence = ["I. In the", "2. The", "(a.) From", "(b) From", "(c) An", "(a) The removal", "3. x"]
    found = []
    for text in sequence:
        label = parse_label(text)
        assert numbering.accept(label, text[len(label.text):])
        found.append(numbering.n_for(label, text[len(label.text):]))
    # "(a)" after "(c)" starts the letters again: paragraph 3's number was lost
    assert found == ["1", "2", "2a", "2b", "2c", "3a", "3"]


def test_capital_initial_is_not_a_label_before_any_number():
    label = parse_label("J. D. Esterline")
    assert not Numbering().accept(label, " D. Esterline")


def test_loop_needs_a_real_repeat():
    assert not [p for p in analyse("stated in the ICC that that body should") if isinstance(p, Surplus)]
    assert not [p for p in analyse("the United States and the United Nations") if isinstance(p, Surplus)]
    parts = analyse("go further than a declaration by the go further than a declaration by the United")
    assert [p.text for p in parts if isinstance(p, Surplus)] == ["go further than a declaration by the"]


def test_garbled_span():
    parts = analyse("a firm and ~“” seeRet” undertaking")
    assert [p.text for p in parts if isinstance(p, Unclear)] == ["~“” seeRet”"]


def _blocks(text: bytes):
    return [i for i in analyse_document(text, "m.txt").witnesses[0].items if isinstance(i, Block)]


def test_page_markers_of_apple_vision_and_dashes():
    text = b"# DOC\n\n## Page 1\n\nFirst page text.\n\n---\n\n## Page 2\n\n-2-\n\nSecond page.\n\n---\n"
    pages = analyse_document(text, "m.txt").witnesses[0].pages
    assert [p.n for p in pages] == ["[1]", "2"]
    text = b"The first page.\n--- Page 1 ---\nThe second page.\n--- Page 2 ---\nThe third page.\n"
    assert len(analyse_document(text, "m.txt").witnesses[0].pages) == 3


def test_blank_runs_are_judged_against_the_paragraph_spacing():
    paragraphs = b"First para.\n\nSecond para.\n\nThird para.\n\n\nNext page.\n"
    assert len(analyse_document(paragraphs, "m.txt").witnesses[0].pages) == 2


def test_memo_header_and_closer():
    text = (b"MEMORANDUM FOR THE PRESIDENT\nSUBJECT: Congo\n\n1. First point.\n\n2. Second point.\n\n"
            b"Sincerely,\n\nGeorge C. McGhee\n")
    blocks = _blocks(text)
    roles = [(b.kind, b.role) for b in blocks]
    assert roles[:2] == [("opener", "addressee"), ("opener", "subject")]
    assert roles[-2:] == [("closer", "salute"), ("closer", "signed")]
    assert [b.n for b in blocks if b.kind == "p"] == ["1", "2"]


@pytest.mark.parametrize("typed, when", [("0ctober 18, 1963", "1963-10-18"), ("Apri1 7, 1966", "1966-04-07"),
                                         ("5eptember 2, 1961", "1961-09-02"), ("12 0ct 1962", "1962-10-12")])
def test_a_month_with_a_figure_for_a_letter(typed, when):
    """The typeface's o, l and s read as 0, 1 and 5 in a month name still date the line."""
    assert find_date(typed).when == when


@pytest.mark.parametrize("typed", ["105 12, 1962", "10 15, 1962", "in 1930 he came", "0l 5, 1961"])
def test_figures_alone_are_no_month(typed):
    assert find_date(typed) is None


SPACED_TITLE = ("November 3, 1963\n\n"
                "LETTER FROM THE ASSISTANT SECRETARY OF STATE FOR ECONOMIC AFFAIRS TO THE AMBASSADOR IN THE CONGO\n\n"
                "Young businessman who is a casual source showed snapshots this\n\n"
                "morning which he said were taken by a photographer.\n\n"
                "Source claims the pictures were given to him on the day.\n\n"
                "He would not say more about them.\n")


def test_a_title_where_every_line_is_followed_by_a_blank():
    """Apple Vision spacing (a blank line after every line): a line in capitals between
    the date line and lower-case text stands alone, and is the title (too long for a side
    heading: 16 words), not the first line of a paragraph."""
    blocks = _blocks(SPACED_TITLE.encode())
    assert [b.kind for b in blocks[:3]] == ["dateline", "head", "p"]

