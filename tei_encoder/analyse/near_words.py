"""The words of a fixed list within a small Levenshtein distance of a string, without
measuring the string against the whole list (plausibility.near_word: 50,000 words, a few
milliseconds a scan, several scans for each new memo).

The candidates come from the list sorted forwards and sorted by reversed spelling, where
the words with a given beginning or ending are one slice (bisect). Cut the string in two
halves A and B: a path of at most `limit` edits from it to a word leaves one half
untouched, or (limit 2) spends one edit in each. So a word within 1 begins with A or ends
with B; a word within 2 begins with A, ends with B, or begins with a string one edit from
A. Those slices, and the few words with a character outside the common alphabet (whose
one-edit strings are not generated; only those within `limit` of the string's length),
are measured exactly (rapidfuzz, in C); larger
limits scan the list. Exact, not a heuristic: tests/test_near_words.py holds it to the
scan of the whole list.
"""

from __future__ import annotations

from bisect import bisect_left

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

# The characters of nearly every list word: the one-edit strings of a prefix are spelt
# with these; a word with any other character is always a candidate.
COMMON = frozenset("abcdefghijklmnopqrstuvwxyz'")
_COMMON_SORTED = sorted(COMMON)
_END = "\U0010ffff"  # sorts after every character: the end of a prefix's slice
# A slice of words beginning with the same letters, at most this long, is measured whole
# rather than searched for the one-edit strings that begin so (a search, in Python, costs
# about what rapidfuzz takes to measure a few words, in C).
SLICE_WHOLE = 256


class WordIndex:
    """A sorted list of words, searched for the nearest within a Levenshtein limit."""

    def __init__(self, words: tuple[str, ...]):
        self._words = words  # sorted: the order of the scan, which ties follow
        common = [w for w in words if COMMON.issuperset(w)]
        self._forward = common
        self._backward = sorted(w[::-1] for w in common)
        self._backward_words = [w[::-1] for w in self._backward]  # each as spelt, in the reversed order
        self._odd: dict[int, list[str]] = {}  # by length: only words of about the key's length can be near it
        for w in words:
            if not COMMON.issuperset(w):
                self._odd.setdefault(len(w), []).append(w)

    def nearest(self, key: str, limit: int) -> str | None:
        """The list word nearest to key within `limit` edits (ties: the first in sorted
        order, as a scan of the sorted list finds them), else None."""
        if limit > 2 or len(key) < 2:
            return self._best(key, self._words, limit)
        return self._best(key, self._candidates(key, limit), limit)

    def within(self, key: str, limit: int) -> bool:
        """Is a list word within `limit` edits of key (nearest is not None)? The words
        that begin with key's head or end with its tail are measured first: a word near
        a memo's token is most often among them, and the searches for the words that
        begin one edit from the head (limit 2, most of nearest's time) are then not made."""
        if limit > 2 or len(key) < 2:
            return self._best(key, self._words, limit) is not None
        half = len(key) // 2
        if self._best(key, self._halves_kept(key, limit), limit) is not None:
            return True
        return limit == 2 and self._best(key, self._starting_near(key[:half]), limit) is not None

    def _candidates(self, key: str, limit: int) -> list[str]:
        found = self._halves_kept(key, limit)
        if limit == 2:
            found += self._starting_near(key[:len(key) // 2])
        return found

    def _halves_kept(self, key: str, limit: int) -> list[str]:
        """The words that begin with key's first half or end with its second, and the odd
        words of about its length: every word within one edit, and those within two that
        leave a half untouched."""
        half = len(key) // 2
        head, tail = key[:half], key[half:]
        found = [w for size in range(len(key) - limit, len(key) + limit + 1) for w in self._odd.get(size, ())]
        found += self._starting(head)
        backward = tail[::-1]
        start = bisect_left(self._backward, backward)
        found += self._backward_words[start:bisect_left(self._backward, backward + _END, start)]
        return found

    def _starting(self, prefix: str) -> list[str]:
        words = self._forward
        start = bisect_left(words, prefix)
        return words[start:bisect_left(words, prefix + _END, start)]

    def _starting_near(self, head: str) -> list[str]:
        """The words that begin with a string one edit from head, or more of them (the
        candidates are measured exactly: a few extra cost less than the searches that
        would leave them out). The strings with the edit at position i all begin with
        head[:i]: the slice of words beginning so narrows as i grows, and once it holds
        at most SLICE_WHOLE words it is taken whole for every later position, instead
        of a search for each of the ~55 strings a position gives."""
        words, found = self._forward, []
        start, end = 0, len(words)
        for i in range(len(head) + 1):
            if i:
                start = bisect_left(words, head[:i], start, end)
                end = bisect_left(words, head[:i] + _END, start, end)
            if end - start <= SLICE_WHOLE:
                found += words[start:end]
                break
            for prefix in _edits_at(head, i):
                at = bisect_left(words, prefix, start, end)
                if at < end and words[at].startswith(prefix):
                    found += words[at:bisect_left(words, prefix + _END, at, end)]
        return found

    @staticmethod
    def _best(key: str, candidates, limit: int) -> str | None:
        found = process.extract(key, candidates, scorer=Levenshtein.distance, score_cutoff=limit, limit=None)
        return min((score, word) for word, score, _ in found)[1] if found else None


def _edits_at(text: str, i: int) -> list[str]:
    """The strings one insertion (of a COMMON character) before text[i], or one
    substitution or deletion of text[i], from text."""
    first, rest = text[:i], text[i:]
    edits = [first + c + rest for c in _COMMON_SORTED]
    if rest:
        edits += [first + c + rest[1:] for c in _COMMON_SORTED]
        edits.append(first + rest[1:])
    return edits

