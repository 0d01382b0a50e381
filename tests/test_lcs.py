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


# Run in a child process with a deadline: a regression here is a loop that never ends.
_NARROW_STRETCHES = r"""
import itertools, json, sys
from tei_encoder.collate import lcs
lcs.WINDOW = 8  # small windows reach the narrow cases with short lists
checked = 0
for long_side, short_side in itertools.product(range(9, 30), range(0, 4)):
    a = [f"w{k}" for k in range(long_side)]
    for b in (["zzz"] * short_side, a[-short_side:] if short_side else [], a[:short_side], ["zzz", a[5]][:short_side]):
        for x, y in ((a, b), (b, a)):
            i = j = 0
            for tag, i1, i2, j1, j2 in lcs.opcodes(x, y):
                assert (i1, j1) == (i, j) and (tag != "equal" or x[i1:i2] == y[j1:j2]), (x, y)
                i, j = i2, j2
            assert (i, j) == (len(x), len(y)), (x, y)
            checked += 1
print(checked)
"""


def test_a_long_stretch_against_one_or_two_words_ends_and_covers_both():
    """A stretch longer than a window against a single word it lacks: the window's first
    change was cut to nothing at the limit (int(1 * KEEP) = 0) and the same window came
    round again, forever (found by the session-6 review: three memos and one word)."""
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-c", _NARROW_STRETCHES], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == 21 * 4 * 4 * 2
