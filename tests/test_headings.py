"""Headings: the memo's title line, side heads, and what is not a heading."""

from __future__ import annotations

import pytest

from tei_encoder.analyse.blocks import is_heading, is_title
from tests.conftest import CORPUS, encoded

T = "{http://www.tei-c.org/ns/1.0}"


@pytest.mark.parametrize("line", [
    'THE PROBLEM OF "ASSURANCES"',  # the seed's title
    "TELEGRAM FROM THE EMBASSY IN VIETNAM TO THE DEPARTMENT OF STATE",  # a FRUS title, 11 words
    "MEMORANDUM FROM THE DIRECTOR OF CENTRAL INTELLIGENCE (McCONE) TO SECRETARY OF DEFENSE McNAMARA",
])
def test_a_title_line_in_capitals(line):
    assert is_title(line)


@pytest.mark.parametrize("line", [
    "The Secretary stated that the Spanish Government might wish to review",  # prose
    "SUBJECT:",  # a field label, too short
    "YOU MAY CATEGORICALLY, AND IN A MANNER MOST LIKELY TO CONVINCE THEM, SAY TO THE GENERALS THAT.",
])
def test_prose_and_labels_are_not_titles(line):
    assert not is_title(line)


def test_in_a_cable_a_list_item_is_no_heading():
    """Corpus 10 (a cable in capitals): "1• ACCORDING AMFASI-6 REPORT 25" and the like are
    the text's lines, not side heads."""
    assert not is_heading("1• ACCORDING AMFASI-6 REPORT 25", caps_text=True)
    assert not is_heading("THIEU, NOW CG 5TH DIV", caps_text=True)
    assert is_heading("TASK FORCE VN", caps_text=True)


def test_corpus_10_heads_hold_no_numbered_line():
    path = next(p for p in CORPUS if p.name.startswith("10"))
    heads = [" ".join(h.itertext()) for h in encoded(path).getroot().iter(f"{T}head")]
    assert not any(h.startswith("1•") for h in heads)


# A cable typed all in capitals, where only a short line can be a side heading
# (is_heading): the long title is a head only by the title rule (is_title, and a line
# that stands alone before the first paragraph), which blocks asks lazily, of the body
# line being read (review R8-1: these fail if it asks of another line, or of every line).
_CABLE_TITLE = "TELEGRAM FROM THE EMBASSY IN VIETNAM TO THE DEPARTMENT OF STATE"
_CABLE_PARAGRAPHS = ("1. THE GENERALS MET TODAY AND AGREED ON THE PLAN FOR THE MOVE\n"
                     "NEXT WEEK, AS THE EMBASSY HAD BEEN TOLD THEY WOULD.",
                     "2. THE AMBASSADOR WAS TOLD OF IT AT NOON AND SAID HE WOULD\n"
                     "REPORT TO THE DEPARTMENT BY THE EVENING CABLE.")


@pytest.mark.parametrize("lines, kinds", [
    # standing alone between the date line and the first paragraph: the title
    ([_CABLE_TITLE, *_CABLE_PARAGRAPHS], ["dateline", "head", "p", "p"]),
    # a line follows it with no gap: it does not stand alone
    ([_CABLE_TITLE + "\nFROM SAIGON TO WASHINGTON AT ONCE", *_CABLE_PARAGRAPHS], ["dateline", "p", "p", "p"]),
    # after the first paragraph a title is no longer looked for
    ([_CABLE_PARAGRAPHS[0], _CABLE_TITLE, _CABLE_PARAGRAPHS[1]], ["dateline", "p", "p", "p"]),
])
def test_a_cable_title_is_a_head_only_standing_alone_before_the_first_paragraph(lines, kinds):
    from tei_encoder.model import Block
    from tei_encoder.pipeline import analyse

    text = "\n\n".join(["SECRET", "SAIGON, NOVEMBER 1, 1963", *lines]) + "\n"
    items = analyse(text.encode(), "cable.txt").witnesses[0].items
    assert [item.kind for item in items if isinstance(item, Block)] == kinds
