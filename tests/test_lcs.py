"""The linear-memory alignment (collate/lcs.py): exact on short inputs, a true
alignment (covering both, matches that match) on long ones, close to the exact LCS."""

from __future__ import annotations

import random

import pytest
from rapidfuzz.distance import Indel

from tei_encoder.collate import lcs as align


def _check_cover(ops, a, b):
    i = j = 0
    for tag, i1, i2, j1, j2 in ops:
        assert (i1, j1) == (i, j) and tag in ("equal", "delete", "insert")
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2]
        i, j = i2, j2
    assert (i, j) == (len(a), len(b))


def _matched(ops):
    return sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag == "equal")


def _copy(words, chance, damage=0.05):
    out = []
    for word in words:
        roll = chance.random()
        if roll < damage / 2:
            continue
        out.append(word if roll < 1 - damage / 2 else word + "x")
    return out


def test_short_inputs_get_the_exact_alignment():
    chance = random.Random(1)
    a = [chance.choice("abcdefg") for _ in range(500)]
    b = _copy(a, chance)
    _check_cover(align.opcodes(a, b), a, b)
    assert _matched(align.opcodes(a, b)) == (len(a) + len(b) - Indel.distance(a, b)) // 2


@pytest.mark.parametrize("vocabulary", [30, 5000])
def test_long_inputs_are_aligned_window_by_window_close_to_the_exact_lcs(vocabulary):
    """Repetitive text (few distinct words: no unique anchors) and varied text."""
    chance = random.Random(vocabulary)
    a = [f"w{chance.randrange(vocabulary)}" for _ in range(3 * align.WINDOW + 123)]
    b = _copy(a, chance)
    ops = align.opcodes(a, b)
    _check_cover(ops, a, b)
    exact = (len(a) + len(b) - Indel.distance(a, b)) // 2
    assert _matched(ops) >= 0.98 * exact


def test_a_copy_with_a_long_omission_still_aligns_after_it():
    chance = random.Random(7)
    a = [f"w{chance.randrange(100000)}" for _ in range(4 * align.WINDOW)]
    b = a[: align.WINDOW // 2] + a[int(2.5 * align.WINDOW):]  # 2,000 words lost in the middle
    ops = align.opcodes(a, b)
    _check_cover(ops, a, b)
    assert _matched(ops) == len(b)


def test_one_side_empty():
    a = ["x"] * (align.WINDOW * 2 + 5)
    assert align.opcodes(a, []) == [("delete", 0, len(a), 0, 0)]
    assert align.opcodes([], a) == [("insert", 0, 0, 0, len(a))]
