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
# Each multi-letter confusion: its long side, its short side, and the mapped steps it
# can cost, those that cost most first.
_MULTI = sorted(((long, short, OSA.distance(long.translate(_CLASS), short.translate(_CLASS)))
                 for long, short in (sorted(pair, key=len, reverse=True) for pair in CONFUSIONS)
                 if len(long) > 1), key=lambda m: -m[2])


def mapped(word: str) -> str:
    return word.translate(_CLASS)


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
        self._plain = [w for w in words if not any(m[0] in w for m in _MULTI)]
        self._rest = [w for w in words if any(m[0] in w for m in _MULTI)]
        self._plain_mapped = [mapped(w) for w in self._plain]
        self._rest_mapped = [mapped(w) for w in self._rest]

    def within(self, word: str, limit: float) -> list[str]:
        """The words not ruled out: a superset of those within `limit` of word."""
        key = mapped(word)
        plain = process.extract(key, self._plain_mapped, scorer=OSA.distance,
                                score_cutoff=reach(word, limit, other_has_long=False), limit=None)
        rest = process.extract(key, self._rest_mapped, scorer=OSA.distance,
                               score_cutoff=reach(word, limit), limit=None)
        # Against the others, the reach with both words' confusable letters known is often smaller.
        return [self._plain[index] for _, _, index in plain] + [
            self._rest[index] for _, steps, index in rest if steps <= reach(word, limit, self._rest[index])]
