"""Longest common subsequence of two word lists in time and memory that grow linearly.

rapidfuzz's Indel.opcodes is bit-parallel and fast, but it keeps a bit matrix of
len(a) x len(b) / 64 words to trace the alignment back: two copies of 100,000 words
need over a gigabyte. Copies of one memo differ locally, so the alignment is built in
two steps, each bounded:

1. anchors: words that occur exactly once in each copy, kept where their order agrees
   (the longest increasing subsequence of their positions, as patience diff does),
   split both copies into stretches that must be aligned with each other;
2. a stretch longer than WINDOW words is aligned window by window: the LCS of the next
   WINDOW words of each, of which only the part up to the last match before KEEP of the
   window is kept (its end may have been cut by the window), and the next window
   starts there.

Memory is at most WINDOW x WINDOW / 8 bytes at a time; time is linear in the length
of the copies (WINDOW / 64 machine words per word). Short inputs (the memos of the
corpus) take the single exact LCS, as before.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter

from rapidfuzz.distance import Indel

WINDOW = 2000
KEEP = 0.75

Opcode = tuple[str, int, int, int, int]


def opcodes(a: list[str], b: list[str]) -> list[Opcode]:
    """Indel opcodes (equal, delete, insert) of a against b, covering both whole."""
    if len(a) <= WINDOW and len(b) <= WINDOW:  # the exact LCS, opcode for opcode as rapidfuzz gives it
        return Indel.opcodes(a, b).as_list()
    out: list[Opcode] = []
    i = j = 0
    for ai, bj in _anchors(a, b) + [(len(a), len(b))]:
        out += _stretch(a, b, i, ai, j, bj)
        if ai < len(a):
            out.append(("equal", ai, ai + 1, bj, bj + 1))
        i, j = ai + 1, bj + 1
    return _joined(out)


def _exact(a: list[str], b: list[str], i: int, j: int) -> list[Opcode]:
    return [(op.tag, op.src_start + i, op.src_end + i, op.dest_start + j, op.dest_end + j)
            for op in Indel.opcodes(a, b) if op.src_start != op.src_end or op.dest_start != op.dest_end]


def _anchors(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """(position in a, position in b) of the words unique to each, in an order both agree on."""
    count_a, count_b = Counter(a), Counter(b)
    where_b = {word: index for index, word in enumerate(b) if count_b[word] == 1}
    pairs = [(index, where_b[word]) for index, word in enumerate(a)
             if count_a[word] == 1 and word in where_b]
    return _increasing(pairs)


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of pairs (ordered by their first) whose seconds increase."""
    tails: list[int] = []  # tails[k]: the smallest second ending an increasing run of k+1
    tail_at: list[int] = []
    previous: list[int] = [-1] * len(pairs)
    for index, (_, second) in enumerate(pairs):
        k = bisect_left(tails, second)
        if k == len(tails):
            tails.append(second)
            tail_at.append(index)
        else:
            tails[k], tail_at[k] = second, index
        previous[index] = tail_at[k - 1] if k else -1
    chain, index = [], tail_at[-1] if tail_at else -1
    while index >= 0:
        chain.append(pairs[index])
        index = previous[index]
    return chain[::-1]


def _stretch(a: list[str], b: list[str], i: int, i_end: int, j: int, j_end: int) -> list[Opcode]:
    """Opcodes of a[i:i_end] against b[j:j_end], window by window when they are long."""
    out: list[Opcode] = []
    while i_end - i > WINDOW or j_end - j > WINDOW:
        width_a, width_b = min(WINDOW, i_end - i), min(WINDOW, j_end - j)
        window = _exact(a[i:i + width_a], b[j:j + width_b], i, j)
        kept, i, j = _kept(window, i + _kept_width(width_a), j + _kept_width(width_b))
        out += kept
    out += _exact(a[i:i_end], b[j:j_end], i, j)
    return out


def _kept_width(width: int) -> int:
    """How much of a window's side may be kept: KEEP of it, but at least one word of a
    side that has any, or a window one word wide would keep nothing and come round
    again forever."""
    return max(int(width * KEEP), min(width, 1))


def _kept(window: list[Opcode], limit_a: int, limit_b: int) -> tuple[list[Opcode], int, int]:
    """The window's opcodes up to its last match that ends before the limits (a match
    crossing them is cut there): what the rest of the window cannot change. Without
    such a match, the window's first change up to the limits (progress is guaranteed)."""
    kept: list[Opcode] = []
    for tag, i1, i2, j1, j2 in window:
        if tag == "equal" and i1 < limit_a and j1 < limit_b:
            step = min(i2 - i1, limit_a - i1, limit_b - j1)
            kept.append((tag, i1, i1 + step, j1, j1 + step))
            if step < i2 - i1:
                break
        elif i2 > limit_a or j2 > limit_b:
            break
        else:
            kept.append((tag, i1, i2, j1, j2))
    while kept and kept[-1][0] != "equal":
        kept.pop()  # a change at the end may continue past the window: align it again
    if not kept:
        tag, i1, i2, j1, j2 = window[0]
        kept = [(tag, i1, min(i2, limit_a) if tag == "delete" else i2, j1, min(j2, limit_b) if tag == "insert" else j2)]
    _, _, i2, _, j2 = kept[-1]
    return kept, i2, j2


def _joined(ops: list[Opcode]) -> list[Opcode]:
    """Adjacent opcodes of one tag as one."""
    out: list[Opcode] = []
    for op in ops:
        if op[1] == op[2] and op[3] == op[4]:
            continue
        if out and out[-1][0] == op[0] and out[-1][2] == op[1] and out[-1][4] == op[3]:
            last = out[-1]
            out[-1] = (last[0], last[1], op[2], last[3], op[4])
        else:
            out.append(op)
    return out
