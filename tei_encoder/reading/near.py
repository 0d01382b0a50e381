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

from rapidfuzz import process
from rapidfuzz.distance import OSA

from tei_encoder.reading.lexicon import CONFUSION_COST, CONFUSIONS


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
# Each multi-letter confusion: its two sides, and the mapped steps it can cost.
_MULTI = tuple((a, b, OSA.distance(a.translate(_CLASS), b.translate(_CLASS)))
               for a, b in CONFUSIONS if len(a) + len(b) > 2)


_BY_STEPS = sorted(_MULTI, key=lambda m: -m[2])


def mapped(word: str) -> str:
    return word.translate(_CLASS)


def reach(word: str, limit: float, other: str | None = None) -> int:
    """The largest mapped OSA distance of a word within `limit` of `word` (of `other`,
    when given): the confusions that give the most mapped steps first (each needs an
    occurrence of one of its sides in word, and of the other side in `other`), then
    plain edits, one step each, with what is left."""
    budget = limit
    steps = 0
    for a, b, cost in _BY_STEPS:
        if other is None:
            possible = word.count(a) + word.count(b)
        else:
            possible = min(word.count(a), other.count(b)) + min(word.count(b), other.count(a))
        usable = min(possible, int(budget / CONFUSION_COST))
        steps += usable * cost
        budget -= usable * CONFUSION_COST
    return steps + int(budget)


class NearWords:
    """A fixed list of words, searched for those that may lie within a limit of a word."""

    def __init__(self, words: list[str]):
        self.words = words
        self._mapped = [mapped(w) for w in words]

    def within(self, word: str, limit: float) -> list[str]:
        """The words not ruled out: a superset of those within `limit` of word."""
        found = process.extract(mapped(word), self._mapped, scorer=OSA.distance,
                                score_cutoff=reach(word, limit), limit=None)
        # The reach with both words' confusable letters known is often smaller.
        return [self.words[index] for _, steps, index in found if steps <= reach(word, limit, self.words[index])]
