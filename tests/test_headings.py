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
