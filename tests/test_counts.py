"""The fast character counts agree with the str methods, ASCII or not."""

from __future__ import annotations

import pytest

from tei_encoder.analyse.counts import alphanumerics, letters_and_capitals
from tests.conftest import ALL_INPUTS


@pytest.mark.parametrize("text", ["", "SECRET", "Movember 13, 1962",
                                  "caf\u00e9 \u00c9T\u00c9 \u2018x\u2019 \u00bd \u0662",
                                  "\u01c5ungla \u0130stanbul \u212a", "}_t . ;"])
def test_counts_match_the_str_methods(text):
    letters = [ch for ch in text if ch.isalpha()]
    assert letters_and_capitals(text) == (len(letters), sum(ch.isupper() for ch in letters))
    assert alphanumerics(text) == sum(ch.isalnum() for ch in text)


def test_counts_match_on_every_line_of_the_inputs():
    for path in ALL_INPUTS:
        for line in path.read_text("utf-8").splitlines():
            letters = [ch for ch in line if ch.isalpha()]
            assert letters_and_capitals(line) == (len(letters), sum(ch.isupper() for ch in letters)), line
            assert alphanumerics(line) == sum(ch.isalnum() for ch in line), line
