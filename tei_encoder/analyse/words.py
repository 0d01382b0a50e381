"""A line's words and a block's words over its line breaks: tokens (each word's place and
its key for comparing), and mark_across, which reads a block's plain words as one run so
that a span found in it (a loop, a garbled stretch) can be marked where it crosses a
line break. Shared by the loop rule (inline) and the garbled-span rule (garbled).
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from typing import NamedTuple

from tei_encoder.model import Inline, Text, Unclear


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
    found = []
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        word = text[start:end]
        key = _key(word, word.lower())
        found.append(_new_token(Token, (start, end, key)))  # as Token(...), without its Python-level __new__
    return tuple(found)


_new_token = tuple.__new__


@lru_cache(maxsize=256)  # shared by a line's analysis and its block's, as tokens is
def split_words(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words of a line as typed and their keys (those of tokens(text), in order),
    without their places: most lines are read for their words and never marked, and
    str.split finds the same words as tokens' \\S+ (both split on str.isspace)."""
    pieces = text.split()
    if text.isascii():  # lower case keeps an ASCII line's spaces where they were
        # An ASCII word's \W is a character of ASCII_PUNCTUATION: the key is the word in
        # lower case stripped of them (str.strip, mapped in C), or the word if nothing is left.
        keys = tuple(map(str.strip, text.lower().split(), itertools.repeat(ASCII_PUNCTUATION)))
        if "" in keys:  # a word of punctuation only is its own key
            keys = tuple([key or word for key, word in zip(keys, pieces)])
        return tuple(pieces), keys
    return tuple(pieces), tuple([_key(word, word.lower()) for word in pieces])


# The ASCII characters that are not \w (regex): what _EDGE_PUNCTUATION strips from an ASCII word.
ASCII_PUNCTUATION = "".join(chr(c) for c in range(128) if not re.match(r"\w", chr(c)))


def _key(word: str, lowered: str) -> str:
    """A word's key: in lower case, without the punctuation around it (a word of
    punctuation only is its own key). Most words are letters and digits only: nothing at
    their edges to strip, no regex to run."""
    return lowered if word.isalnum() else _EDGE_PUNCTUATION.sub("", lowered) or word


class Run(NamedTuple):
    """A block's plain words read as one run (read_runs): each word as typed (None for a
    part that stands as one word: a garbled span already marked), its key (None
    likewise), the line it is on, and the indexes i where a line break falls between word
    i and word i + 1."""

    pieces: list[str | None]
    keys: list[str | None]
    owners: list[int]
    breaks: list[int]


# A run and its parts: (index of the part's first word in the run, line, part, how many words).
Runs = list[tuple[Run, list[tuple[int, int, int, int]]]]


def stands_as_word(part: Inline) -> bool:
    """A garbled span already marked stands in a run as one word (block_garbled judges
    its neighbours with it); loops do not run through it."""
    return isinstance(part, Unclear) and part.reason == "illegible"


def read_runs(lines: list[tuple[Inline, ...]]) -> Runs:
    """The lines' plain words as runs: underlines, labels, dates and marked spans break
    a run, except a part that stands_as_word, which is one word of it (piece None)."""
    runs: Runs = []
    run, parts_of = Run([], [], [], []), []
    for li, parts in enumerate(lines):
        for pi, part in enumerate(parts):
            if isinstance(part, Text):
                pieces, keys = split_words(part.text)
                if not pieces:
                    continue
            elif stands_as_word(part):
                pieces, keys = (None,), (None,)
            else:
                if run.pieces:
                    runs.append((run, parts_of))
                run, parts_of = Run([], [], [], []), []
                continue
            if run.owners and run.owners[-1] != li:
                run.breaks.append(len(run.pieces) - 1)
            parts_of.append((len(run.pieces), li, pi, len(pieces)))
            run.pieces.extend(pieces)
            run.keys.extend(keys)
            run.owners.extend(itertools.repeat(li, len(pieces)))
    if run.pieces:
        runs.append((run, parts_of))
    return runs


def mark_across(lines: list[tuple[Inline, ...]], find, make, runs: Runs | None = None) -> list[tuple[Inline, ...]]:
    """Find ranges in the lines' runs (read_runs; runs: those already read of these very
    lines) with find(Run) -> (start, end, first word judged), and mark the words of each
    range that touches more than one line with make(text). The lines themselves when
    nothing is marked."""
    cuts: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for run, parts_of in read_runs(lines) if runs is None else runs:
        for start, end, judged_from in find(run):
            if run.owners[judged_from] == run.owners[end - 1]:
                continue  # within one line: the line's own analysis judged it
            for first, li, pi, count in parts_of:
                if first + count <= start or first >= end or run.pieces[first] is None:
                    continue
                words = tokens(lines[li][pi].text)
                for wi in range(max(start, first) - first, min(end, first + count) - first):
                    cuts.setdefault((li, pi), []).append((words[wi].start, words[wi].end))
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
