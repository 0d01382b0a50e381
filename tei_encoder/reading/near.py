"""An index of words that rules out, in C, the words further than a limit from a word in
reading.lexicon.distance (the OCR-weighted edit distance), so that the exact distance,
pure Python, runs only on the few it cannot rule out.

The bound: map each letter to its confusion class (the letters that single-letter
confusions join: e c o 0 g, l 1 i, h b, n m u) and take the optimal-string-alignment
distance (rapidfuzz, C) of the two mapped words. Every step of a path of `distance`
costs at most so many steps there: a plain edit (substitution, insertion, deletion, swap
of neighbours) 1, a single-letter confusion 0, a multi-letter confusion the OSA distance
of its two sides mapped (rn/m 1, cl/d 2, ii/u 2, vv/w 2). Within a limit L, a path takes at
most 2L confusions, each needing its long or short side in the word, so the mapped distance
is at most `reach(word, L)`, the most those steps can add up to: no word within L is
ever ruled out (exact, not a heuristic).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from rapidfuzz import process
from rapidfuzz.distance import OSA

from tei_encoder.analyse.confusion_forms import ByConfusionForm, confusion_form
from tei_encoder.reading.lexicon import CONFUSION_COST, CONFUSIONS, one_confusion


def _classes() -> dict[int, str]:
    """str.translate table: each letter of a single-letter confusion to its class's
    first letter (union of the pairs)."""
    parent: dict[str, str] = {}

    def root(c: str) -> str:
        while parent.setdefault(c, c) != c:
            c = parent[c]
        return c

    for a, b in CONFUSIONS:
        if len(a) == len(b) == 1:
            ra, rb = sorted((root(a), root(b)))
            parent[rb] = ra
    return {ord(c): root(c) for c in parent}


_CLASS = _classes()
# Each multi-letter confusion: its long side, its short side, and the mapped steps it
# can cost, those that cost most first.
_MULTI = sorted(((long, short, OSA.distance(long.translate(_CLASS), short.translate(_CLASS)))
                 for long, short in (sorted(pair, key=len, reverse=True) for pair in CONFUSIONS)
                 if len(long) > 1), key=lambda m: -m[2])


# The same mapping for many words at once, as bytes (in C): the classes are ASCII, and a
# character outside ASCII is bytes of 0x80 and above in UTF-8, which the table keeps.
_CLASS_BYTES = bytes(ord(_CLASS[i]) if i in _CLASS else i for i in range(256))
_LONG_SIDES = re.compile("|".join(re.escape(m[0]) for m in _MULTI))


def mapped(word: str) -> str:
    return word.translate(_CLASS)


def mapped_all(words: list[str]) -> list[str]:
    """[mapped(word) for word in words]: all in one string, unless a word holds the line
    break that separates them."""
    out = "\n".join(words).encode().translate(_CLASS_BYTES).decode().split("\n") if words else []
    return out if len(out) == len(words) else [mapped(word) for word in words]


def reach(word: str, limit: float, other: str | None = None, other_has_long: bool = True) -> int:
    """The largest mapped OSA distance of a word within `limit` of `word` (of `other`,
    when given; of a word without the long side of any confusion, "rn", "cl", "ii", "vv",
    when other_has_long is False): the confusions that give the most mapped steps first
    (each needs one of its sides in word and the other side in the other word), then
    plain edits, one step each, with what is left."""
    budget = limit
    steps = 0
    for long, short, cost in _MULTI:
        if other is not None:
            possible = min(word.count(long), other.count(short)) + min(word.count(short), other.count(long))
        elif other_has_long:
            possible = word.count(long) + word.count(short)
        else:
            possible = word.count(long)
        usable = min(possible, int(budget / CONFUSION_COST))
        steps += usable * cost
        budget -= usable * CONFUSION_COST
    return steps + int(budget)


class NearWords:
    """A fixed list of words, searched for those that may lie within a limit of a word."""

    def __init__(self, words: list[str]):
        # Most words hold no long side of a confusion ("rn", "cl", "ii", "vv"): against
        # them only the searched word's long sides can be confused, a much smaller
        # reach, so they are searched apart from the others.
        plain, rest = [], []
        for word in words:
            (plain if _LONG_SIDES.search(word) is None else rest).append(word)
        self._plain, self._rest = _ByLength(plain), _ByLength(rest)

    def within(self, word: str, limit: float, spread: int | None = None) -> list[str]:
        """The words not ruled out: a superset of those within `limit` of word. spread:
        of the words whose length differs from word's by at most that much (the others
        are not searched)."""
        key = mapped(word)
        lengths = (0, None) if spread is None else (len(word) - spread, len(word) + spread)
        plain_words, plain_mapped = self._plain.of_lengths(*lengths)
        rest_words, rest_mapped = self._rest.of_lengths(*lengths)
        plain = process.extract(key, plain_mapped, scorer=OSA.distance,
                                score_cutoff=reach(word, limit, other_has_long=False), limit=None)
        rest = process.extract(key, rest_mapped, scorer=OSA.distance,
                               score_cutoff=reach(word, limit), limit=None)
        # Against the others, the reach with both words' confusable letters known is often smaller.
        return [plain_words[index] for _, _, index in plain] + [
            rest_words[index] for _, steps, index in rest if steps <= reach(word, limit, rest_words[index])]


class _ByLength:
    """Words (and their mapped forms) shortest first, so that the words of a range of
    lengths are one slice of each."""

    def __init__(self, words: list[str]):
        self.words = sorted(words, key=len)  # stable: the given order within a length
        self.mapped = mapped_all(self.words)
        self._lengths = [len(word) for word in self.words]

    def of_lengths(self, shortest: int, longest: int | None) -> tuple[list[str], list[str]]:
        """The words of shortest to longest letters (None: no upper bound), and their
        mapped forms."""
        start = bisect_left(self._lengths, shortest)
        end = len(self.words) if longest is None else bisect_right(self._lengths, longest)
        if start == 0 and end == len(self.words):
            return self.words, self.mapped
        return self.words[start:end], self.mapped[start:end]


class TwoConfusions:
    """A fixed list of words, searched for those one or two OCR confusions from a word:
    what lexicon.confusions_within_two(word) holds of the list, without building every
    string two confusions away (a few hundred a word). A word reached by confusions has
    the same confusion_form, so only the list's words of that form are looked at, and of
    those the ones one confusion away, or one confusion from a string one confusion away
    (a confusion undone is one too: every pair goes both ways)."""

    def __init__(self, by_form: ByConfusionForm):
        """by_form: the words by their form (the word list's is the analysis's own:
        plausibility.word_list_by_form)."""
        self._by_form = by_form

    @classmethod
    def of_words(cls, words: list[str]) -> "TwoConfusions":
        """words: words of letters (none holds a line break)."""
        return cls(ByConfusionForm(words))

    def of(self, word: str, near: set[str]) -> set[str]:
        """near: one_confusion(word)."""
        return {candidate for candidate in self._by_form.of_form(confusion_form(word))
                if candidate in near or (candidate != word and not near.isdisjoint(one_confusion(candidate)))}
