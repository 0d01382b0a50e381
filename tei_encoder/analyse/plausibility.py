"""How much a token looks like an English word: a character trigram model.

The model (`data/char-trigrams.tsv`, built by `tools/make_plausibility.py` from the
bundled list of 50,000 English words) gives the probability of each letter after the
two before it, a word being padded as "^^word$". A token's plausibility is the
geometric mean of those probabilities over its letters and its end: about 0.15-0.3 for
English words and names ("committee", "Trujillo"), under 0.06 for OCR garbage
("ewpsm", "Aueassidna", "nlnh"). Case, digits and punctuation are left out; a token
with no letters has no plausibility (None).

API, for any stage that must judge OCR readings (inline garbled spans, the reading
text's corrections):

- `word_plausibility(word) -> float | None`: the score above, in (0, 1];
- `is_word(word) -> bool`: in the bundled word list (case and edge punctuation aside);
- `is_plausible(word, threshold=PLAUSIBLE) -> bool`: a word of the list, or a token
  without letters to judge, or a score at least `threshold`;
- `near_word(word) -> str | None`: a list word at most one edit away (two for tokens of
  NEAR_LONG letters or more), the word an OCR slip would have hidden ("briefcd" ->
  "briefed"); None when there is none; `has_near_word(word)`: whether there is one
  (the same answer, found sooner: the graders need no more);
- `short_word_zipf(word) -> float | None`: how common a word of one to three letters is
  (its Zipf frequency, `data/short-words.tsv`, built by `tools/make_short_words.py`):
  about 7 for "of", 6 for "its", under 4 for the list's rare scraps ("ia", "lh", "oa");
  None for a longer token or one not in the list;
- `confused_word(word) -> str | None`: a list word the token becomes by undoing at most
  two of the OCR's visual confusions of typescript (VISUAL_CONFUSIONS: "statcd" ->
  "stated", "wou1d" -> "would", "Govermnent" -> "government"), the mark of an OCR slip
  rather than of garble ("ihat", "tll" need other edits); None when there is none.

Pure functions over a table loaded once (read-only, cached): no state changes.
"""

from __future__ import annotations

import math
import re
from functools import cache, lru_cache

from tei_encoder import PACKAGE_DIR
from tei_encoder.analyse.confusion_forms import ByConfusionForm, confusion_form
from tei_encoder.analyse.near_words import WordIndex

# Add-k smoothing of the counts, and the alphabet it spreads over (a-z and the end mark).
SMOOTHING = 0.1
ALPHABET = 27
# Below this score a token not in the word list is implausible: about the 5th
# percentile of the list's own words (0.041; median 0.10). OCR garbage scores lower
# ("ewpsm" 0.015, "nlnh" 0.006, "shouod" 0.021); names mostly higher ("Trujillo" 0.066).
PLAUSIBLE = 0.045
NEAR_LONG = 8

_LETTERS = re.compile(r"[^a-z]+")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")


def _bare(word: str) -> str:
    """The token in case-folded form without the punctuation (or "_") at its edges; an
    ASCII token of letters and digits (most) has none to strip: no regex is run."""
    folded = word.casefold()
    return folded if folded.isalnum() and folded.isascii() else _EDGE.sub("", folded)


@cache
def _model() -> tuple[dict[str, dict[str, int]], dict[str, int]]:
    text = (PACKAGE_DIR / "data" / "char-trigrams.tsv").read_text("utf-8")
    following: dict[str, dict[str, int]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        context, char, count = line.split("\t")
        following.setdefault(context, {})[char] = int(count)
    totals = {context: sum(chars.values()) for context, chars in following.items()}
    return following, totals


@cache
def _word_list() -> list[str]:
    """The bundled words in sorted order (the file's own order: sorting it is one pass)."""
    return sorted((PACKAGE_DIR / "data" / "english-words.txt").read_text("utf-8").split())


@cache
def english_words() -> frozenset[str]:
    """The bundled word list (lower case) as a set, loaded once a process."""
    return frozenset(_word_list())


_words = english_words


@lru_cache(maxsize=65536)
def word_plausibility(word: str) -> float | None:
    """Geometric mean probability of the token's letters (and its end) under the model."""
    letters = _LETTERS.sub("", word.casefold())
    if not letters:
        return None
    following, totals = _model()
    padded = "^^" + letters + "$"
    total = 0.0
    for index in range(2, len(padded)):
        context, char = padded[index - 2:index], padded[index]
        seen = following.get(context, {}).get(char, 0)
        total += math.log((seen + SMOOTHING) / (totals.get(context, 0) + SMOOTHING * ALPHABET))
    return math.exp(total / (len(padded) - 2))


def is_word(word: str) -> bool:
    """Is the token (case and edge punctuation aside) in the bundled word list?"""
    key = _bare(word)
    return bool(key) and key in _words()


def is_plausible(word: str, threshold: float = PLAUSIBLE) -> bool:
    if is_word(word):
        return True
    score = word_plausibility(word)
    return score is None or score >= threshold


@lru_cache(maxsize=16384)
def near_word(word: str, distance: int | None = None) -> str | None:
    """See the module docstring; distance: the edits allowed, instead of 1 (2 from NEAR_LONG letters)."""
    key = _bare(word)
    if not key:
        return None
    if key in _words():
        return key
    return _index().nearest(key, _edits(key, distance))


@lru_cache(maxsize=16384)
def has_near_word(word: str, distance: int | None = None) -> bool:
    """Is near_word(word, distance) not None? Told without finding the nearest: the
    search stops at the first candidates that hold a word within the limit."""
    key = _bare(word)
    if not key:
        return False
    if key in _words():
        return True
    return _index().within(key, _edits(key, distance))


def _edits(key: str, distance: int | None) -> int:
    """The edits near_word allows: distance, else 1 (2 from NEAR_LONG letters)."""
    return distance if distance is not None else 2 if len(key) >= NEAR_LONG else 1


# Shapes a typewriter face gives an OCR engine to confuse, both ways (the pairs seen in the
# seed and the dev set). reading.lexicon weighs these for its corrections; i/1 is added only
# here, for telling a slip from garble: in the reading stage it would make a label "I." as
# cheap as "1." and pick the wrong one.
TYPEFACE_CONFUSIONS: tuple[tuple[str, str], ...] = (
    ("rn", "m"), ("cl", "d"), ("e", "c"), ("c", "o"), ("e", "o"), ("l", "1"), ("l", "i"),
    ("o", "0"), ("h", "b"), ("g", "c"), ("n", "m"), ("u", "n"), ("ii", "u"), ("vv", "w"),
)
VISUAL_CONFUSIONS: tuple[tuple[str, str], ...] = TYPEFACE_CONFUSIONS + (("i", "1"),)
_CONFUSION_PAIRS = tuple(sorted({(a, b) for a, b in VISUAL_CONFUSIONS} | {(b, a) for a, b in VISUAL_CONFUSIONS}))


CONFUSIONS_UNDONE = 2


@lru_cache(maxsize=16384)
def confused_word(word: str) -> str | None:
    """See the module docstring. Where this process has the word list's index by
    confusion form (a batch worker builds it at its start), by the index; else by
    building every form CONFUSIONS_UNDONE confusions away, which costs a memo less than
    building the index would (about 120 M instructions, once). The same word either way
    (tests/test_confusion_forms.py)."""
    key = _bare(word)
    by_form = _built_by_form()
    return _confused_by_form(key, by_form) if by_form is not None else _confused_by_undoing(key)


def _confused_by_undoing(key: str) -> str | None:
    """Each round undoes one confusion of every form so far; the first round that meets
    list words gives the first of them."""
    frontier = {key}
    for _ in range(CONFUSIONS_UNDONE):
        frontier = {variant for form in frontier for variant in _unconfused(form)}
        found = frontier & _words()
        if found:
            return min(found)
    return None


def _confused_by_form(key: str, by_form: ByConfusionForm) -> str | None:
    """_confused_by_undoing by the index: a list word reached by confusions has the key's
    confusion form, so only the list's words of that form are looked at (a few; none for
    most keys): those one confusion away, else those one confusion from a form one
    confusion away (undoing one is a confusion too: every pair goes both ways). Two
    rounds: CONFUSIONS_UNDONE."""
    candidates = by_form.of_form(confusion_form(key))
    if not candidates:
        return None
    near = _unconfused(key)
    found = [candidate for candidate in candidates if candidate in near]
    if not found and near:
        found = [candidate for candidate in candidates if not near.isdisjoint(_unconfused(candidate))]
    return min(found) if found else None


def unconfused(word: str) -> frozenset[str]:
    """The forms one visual confusion away from the token (lower case)."""
    return frozenset(_unconfused(_bare(word)))


def _unconfused(form: str) -> set[str]:
    """The forms one confusion away: at each character, the confusions that start with it."""
    out = set()
    for at, char in enumerate(form):
        for a, b in _CONFUSIONS_FROM.get(char, ()):
            if form.startswith(a, at):
                out.add(form[:at] + b + form[at + len(a):])
    return out


# The confusion pairs by their first character, for _unconfused's walk over a form.
_CONFUSIONS_FROM: dict[str, tuple[tuple[str, str], ...]] = {
    char: tuple(pair for pair in _CONFUSION_PAIRS if pair[0][0] == char)
    for char in {a[0] for a, _ in _CONFUSION_PAIRS}}


@cache
def _short_words() -> dict[str, float]:
    text = (PACKAGE_DIR / "data" / "short-words.tsv").read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {word: float(zipf) for word, zipf in rows}


def short_word_zipf(word: str) -> float | None:
    key = _bare(word)
    return _short_words().get(key)


@cache
def word_list_by_form() -> ByConfusionForm:
    """The word list by confusion form, built once a process that encodes many memos (a
    batch worker, at its start: reading.correct.index_word_list)."""
    return ByConfusionForm(_word_list())


def _built_by_form() -> ByConfusionForm | None:
    """word_list_by_form() where this process has built it, else None (not built here:
    a process that encodes one memo would pay more for it than the memo saves). Only
    what an answer costs depends on it, never the answer."""
    return word_list_by_form() if word_list_by_form.cache_info().currsize else None


@cache
def _index() -> WordIndex:
    return WordIndex(tuple(_word_list()))
