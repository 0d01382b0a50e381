"""analyse.words: split_words reads a line's words and keys without their places (the
line analysis's fast path); it must give exactly the words and keys of tokens(), whose
places the marking still uses, or a line would be judged on other words than it is cut by."""

from __future__ import annotations

import random

from tei_encoder.analyse.words import split_words, tokens
from tests.conftest import ALL_INPUTS

# Lines an OCR engine or a mutation can make: spaces of every kind (no-break, ideographic,
# the separators str.isspace knows: \x1c-\x1f, \x85), letters whose lower case is longer
# (İ) or not ASCII, words of punctuation only, tabs and edges.
ODD = ["", " ", "\t", "a", "  two  words  ", "İstanbul İZMİR", "ÉTÉ été", "--", "...)", "(b)(1)",
       "word\u00a0glued", "x\u3000y", "a\x1cb\x1dc\x1ed\x1ff", "line\x85next", "“quoted,”", "Uni ted",
       "ＦＵＬＬ width", "ǅungla ǈ", "ß STRASSE", "'tis o'clock", "\u2028sep\u2029"]


def _expected(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    found = tokens(text)
    return tuple(text[t.start:t.end] for t in found), tuple(t.key for t in found)


def test_split_words_gives_the_words_and_keys_of_tokens_on_every_real_line():
    lines = [line for path in ALL_INPUTS for line in path.read_text("utf-8").split("\n")]
    assert len(lines) > 1000
    for line in lines + ODD:
        assert split_words(line) == _expected(line), line


def test_split_words_gives_the_words_and_keys_of_tokens_on_random_strings():
    rnd = random.Random(6)
    alphabet = "aZ9 .,;-'\t\u00a0İéß“\x1c\u3000(b)"
    for _ in range(5000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30)))
        assert split_words(text) == _expected(text), repr(text)


def test_split_words_gives_the_keys_of_tokens_on_random_ascii_strings():
    """An ASCII line's keys are stripped with str.strip (words.ASCII_PUNCTUATION), not the regex."""
    rnd = random.Random(8)
    alphabet = [chr(c) for c in range(128)] + ["ab", "Zy", "_", "9", " "] * 8
    for _ in range(5000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30)))
        assert split_words(text) == _expected(text), repr(text)


def test_split_words_keeps_a_punctuation_word_as_its_own_key():
    assert split_words("-- a (b) ... x.") == (("--", "a", "(b)", "...", "x."), ("--", "a", "b", "...", "x"))
    assert split_words("--") == (("--",), ("--",))
