"""plausibility.near_word's index (analyse.near_words) gives what a scan of the whole
sorted word list gives: the nearest word within the limit, ties to the first in sorted
order, None when there is none. A faster search, never a different answer."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from tei_encoder.analyse import plausibility
from tei_encoder.analyse.near_words import COMMON, SLICE_WHOLE, WordIndex
from tei_encoder.analyse.words import tokens
from tests.conftest import ALL_INPUTS

_WORDS = tuple(sorted(plausibility.english_words()))
# Letters of the list, and characters it never or rarely spells with (a digit, a hyphen,
# an accented letter: its few words with such characters are searched apart).
_SLIPS = "abcdefghijklmnopqrstuvwxyz'0-é"


def _scan(key: str, limit: int) -> str | None:
    found = process.extractOne(key, _WORDS, scorer=Levenshtein.distance, score_cutoff=limit)
    return found[0] if found else None


def _slipped(word: str, rng: random.Random) -> str:
    for _ in range(rng.randint(0, 3)):
        at, slip = rng.randrange(len(word) + 1), rng.choice(_SLIPS)
        word = rng.choice([word[:at] + slip + word[at + 1:], word[:at] + word[at + 1:], word[:at] + slip + word[at:]])
    return word


@pytest.fixture(scope="module")
def index() -> WordIndex:
    return WordIndex(_WORDS)


def test_list_words_with_slips(index):
    rng = random.Random(13)
    keys = {_slipped(rng.choice(_WORDS), rng) for _ in range(600)} - {""}
    for key in sorted(keys):
        for limit in (1, 2):
            assert index.nearest(key, limit) == _scan(key, limit), (key, limit)


def test_memo_tokens(index):
    """The corpus's and the seed's own tokens, garble and names included."""
    keys = set()
    for path in ALL_INPUTS:
        text = path.read_text("utf-8")
        keys |= {plausibility._EDGE.sub("", text[t.start:t.end].casefold()) for t in tokens(text)}
    keys = sorted(k for k in keys if k and k not in plausibility.english_words())
    for key in random.Random(11).sample(keys, min(400, len(keys))):
        for limit in (1, 2):
            assert index.nearest(key, limit) == _scan(key, limit), (key, limit)


def test_ties_short_keys_and_other_limits(index):
    # "bat" has many words one edit away: the first in sorted order is the answer
    for key, limit in [("bat", 1), ("bat", 2), ("zq", 1), ("x", 1), ("q", 2), ("ab", 2),
                       ("briefcd", 1), ("iictmaswh", 2), ("g0vernment", 2), ("resolutionz", 3)]:
        assert index.nearest(key, limit) == _scan(key, limit), (key, limit)


def test_near_word_uses_it():
    assert plausibility.near_word("briefcd") == "briefed"
    assert plausibility.near_word("iictmaswh") is None


def _one_edit_long_way(text: str) -> set[str]:
    """Every string one deletion, substitution or insertion (of a COMMON character) from text."""
    out = set()
    for i in range(len(text) + 1):
        first, rest = text[:i], text[i:]
        out.update(first + c + rest for c in COMMON)
        if rest:
            out.add(first + rest[1:])
            out.update(first + c + rest[1:] for c in COMMON)
    return out


def test_starting_near_holds_every_word_beginning_one_edit_away(index):
    """_starting_near (slices narrowed position by position, a small one taken whole) holds
    every word that begins with a string one edit from the head, as a check of each word
    against all those strings finds them; extra words are allowed (they are measured)."""
    rng = random.Random(5)
    heads = {_slipped(rng.choice(_WORDS), rng)[:rng.randint(1, 6)] for _ in range(40)}
    heads |= {"a", "co", "st", "q", "zx", "re'", "éa", "brief", "governm", "xqzvj"}
    wide = 0
    for head in sorted(heads - {""}):
        edits = _one_edit_long_way(head)
        lengths = {len(edit) for edit in edits}
        expected = {w for w in index._forward if any(w[:size] in edits for size in lengths)}
        found = index._starting_near(head)
        assert expected <= set(found), head
        wide += len(found) > SLICE_WHOLE
    assert wide  # some heads took the searches, not only a slice taken whole


def _memo_keys() -> list[str]:
    keys = set()
    for path in ALL_INPUTS:
        text = path.read_text("utf-8")
        keys |= {text[t.start:t.end] for t in tokens(text)}
    return sorted(keys)


def test_within_is_nearest_found(index):
    """within (the words keeping a half measured first, the one-edit prefixes' words only
    when those hold none) answers whether nearest finds a word, on slipped list words (one
    or two slips in either half: some found only among the one-edit prefixes' words)."""
    rng = random.Random(17)
    keys = sorted({_slipped(rng.choice(_WORDS), rng) for _ in range(500)} - {""})
    keys += ["bat", "zq", "x", "ab", "briefcd", "iictmaswh", "g0vernment", "resolutionz"]
    late = 0  # keys whose only words within 2 begin one edit from the head and end otherwise
    for key in keys:
        for limit in (1, 2, 3) if len(key) < 5 else (1, 2):
            assert index.within(key, limit) == (index.nearest(key, limit) is not None), (key, limit)
        late += index.nearest(key, 2) is not None and index._best(key, index._halves_kept(key, 2), 2) is None
    assert late  # the second stage is reached and matters


def test_has_near_word_is_near_word_found():
    """plausibility.has_near_word, the graders' question, against near_word on the memos' tokens."""
    for token in random.Random(19).sample(_memo_keys(), 800):
        for distance in (None, 2):
            found = plausibility.near_word(token, distance) is not None
            assert plausibility.has_near_word(token, distance) == found, (token, distance)
