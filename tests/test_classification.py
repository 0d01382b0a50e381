"""Classification markings of the real corpus: mid-page, with stray marks, two on a line."""

from __future__ import annotations

import pytest

from tei_encoder.analyse.furniture import classification, sure_marking
from tests.conftest import CORPUS, encoded

T = "{http://www.tei-c.org/ns/1.0}"


@pytest.mark.parametrize("line, standard", [
    (". EYES ONLY S-EC-R-E-T", "SECRET"),  # 07, line 111: two markings, a stray mark before
    ("woe EYES ONLY", "EYES ONLY"),  # 07, line 182
    ("; EYES ONLY", "EYES ONLY"),  # 07, line 241
    ("SECR-ET", "SECRET"),  # 07, line 175
])
def test_markings_as_the_corpus_types_them(line, standard):
    found = classification(line)
    assert found is not None and found[0] == standard and found[1] == line


@pytest.mark.parametrize("line", ["SUBJECT", "INFORMANTS", "THE SECRETARY OF STATE"])
def test_words_like_a_marking_are_not_sure_ones(line):
    assert not sure_marking(line)


def test_mid_page_markings_of_a_cable_are_furniture():
    """10 (Apple Vision: a blank line after every line) has SECRET at the top and foot of
    every page; four of them were headings (in mid-page by the blank lines' count)."""
    root = encoded(next(p for p in CORPUS if p.name.startswith("10"))).getroot()
    heads = [" ".join(h.itertext()).strip() for h in root.iter(f"{T}head")]
    marks = [e for e in root.iter(f"{T}fw") if e.get("type") == "classification"]
    assert "SECRET" not in heads and len(marks) >= 9
