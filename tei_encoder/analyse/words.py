"""A line's words and a block's words over its line breaks: tokens (each word's place and
its key for comparing), and mark_across, which reads a block's plain words as one run so
that a span found in it (a loop, a garbled stretch) can be marked where it crosses a
line break. Shared by the loop rule (inline) and the garbled-span rule (garbled).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from tei_encoder.model import Inline, Text


class Token(NamedTuple):
    """A word of a line: where it is, and its key for comparing (a tuple: made for
    every word of every memo, it is built several times faster than a frozen dataclass)."""

    start: int
    end: int
    key: str


_TOKEN = re.compile(r"\S+")
_EDGE_PUNCTUATION = re.compile(r"^\W+|\W+$")


# A block's analyses (loops and garbled spans over its line breaks) read again the lines
# the line analysis has just read: a long block's worth of lines is kept (no more: a
# memo's lines seldom repeat, and bench_scale's repeated text must not hit it).
@lru_cache(maxsize=256)
def tokens(text: str) -> tuple[Token, ...]:
    """The words of a line with their places; the key is the word in lower case without
    the punctuation around it (compiled once: this runs for every word of every memo)."""
    strip = _EDGE_PUNCTUATION.sub
    found = []
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        word = text[start:end]
        # Most words are letters and digits only: nothing at their edges to strip.
        key = word.lower() if word.isalnum() else strip("", word.lower()) or word
        found.append(_new_token(Token, (start, end, key)))  # as Token(...), without its Python-level __new__
    return tuple(found)


_new_token = tuple.__new__


def mark_across(lines: list[tuple[Inline, ...]], find, make, owners: bool = False,
                 joins=lambda part: False) -> list[tuple[Inline, ...]]:
    """Read the lines' plain words as one run (underlines, labels, dates and marked spans
    break it; a part for which joins(part) holds stands in it as one word, its piece None,
    already marked), find ranges in it with find(words, pieces[, line of each word]) ->
    (start, end, first word judged), and mark the words of each range that touches more
    than one line with make(text)."""
    places: list[tuple[int, int, Token | None, str | None]] = []  # (line, part, token, its text) of each word
    runs: list[list[int]] = [[]]  # indexes into places, split where a non-plain part stands
    for li, parts in enumerate(lines):
        for pi, part in enumerate(parts):
            if joins(part):
                runs[-1].append(len(places))
                places.append((li, pi, None, None))
                continue
            if not isinstance(part, Text):
                runs.append([])
                continue
            for token in tokens(part.text):
                runs[-1].append(len(places))
                places.append((li, pi, token, part.text[token.start:token.end]))
    cuts: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for run in runs:
        words = [places[i][2] for i in run]
        pieces = [places[i][3] for i in run]
        found = find(words, pieces, [places[i][0] for i in run]) if owners else find(words, pieces)
        for start, end, judged_from in found:
            chosen = [places[i] for i in run[start:end]]
            if places[run[judged_from]][0] == chosen[-1][0]:
                continue  # within one line: the line's own analysis judged it
            for li, pi, token, _ in chosen:
                if token is not None:
                    cuts.setdefault((li, pi), []).append((token.start, token.end))
    if not cuts:
        return lines
    return [tuple(piece for pi, part in enumerate(parts)
                  for piece in (_cut(part.text, cuts[(li, pi)], make) if (li, pi) in cuts else (part,)))
            for li, parts in enumerate(lines)]


def _cut(text: str, spans: list[tuple[int, int]], make) -> list[Inline]:
    """Text with the given word spans (in order, merged where only spaces part them) as make(span)."""
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and not text[merged[-1][1]:start].strip():
            merged[-1][1] = end
        else:
            merged.append([start, end])
    out: list[Inline] = []
    position = 0
    for start, end in merged:
        if start > position:
            out.append(Text(text[position:start]))
        out.append(make(text[start:end]))
        position = end
    if position < len(text):
        out.append(Text(text[position:]))
    return out
