"""Block alignment: which paragraphs (heads, datelines, closers...) of the copies are the
same block of the memo.

Copies are added one at a time to a list of columns (a column: one block per copy that
has it). A new copy's blocks are matched to columns by the words they share: one
longest-common-subsequence over the whole text of both copies (rapidfuzz Indel, in C)
counts, for every pair of blocks, the words they have in common, so a block cut short
by a lost page top still finds its partner. Then:

- a pair is a match when each is the other's best partner and they share at least
  MATCH_SHARE of the longer block's words (labels that disagree forbid it);
- the order of matched columns is kept by a second common subsequence, over column ids;
- left over between two matched columns, a block of each copy with the same label
  ("5." and "5.") is the same paragraph rewritten: one column;
- left over elsewhere, a block whose text is at least MOVE_SIMILARITY alike (rapidfuzz
  ratio) to a column the copy lacks is that block moved: both places are marked.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from tei_encoder.collate.words import changes
from tei_encoder.model import Block

MATCH_SHARE = 0.3
MOVE_SIMILARITY = 80
MOVE_MIN_WORDS = 5


@dataclass
class Column:
    """One block of the memo: for each copy (by position in the witness list) the index
    of its block, or absent. moved: the copies whose block is elsewhere."""

    members: dict[int, int]
    moved: set[int] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class CopyBlocks:
    blocks: tuple[Block, ...]
    keys: tuple[tuple[str, ...], ...]  # each block's word keys

    def words(self) -> tuple[list[str], list[int]]:
        flat, owner = [], []
        for index, keys in enumerate(self.keys):
            flat.extend(keys)
            owner.extend([index] * len(keys))
        return flat, owner


def align_blocks(copies: list[CopyBlocks]) -> list[Column]:
    columns = [Column({0: index}) for index in range(len(copies[0].blocks))]
    for number in range(1, len(copies)):
        columns = _add_copy(columns, copies, number)
    return columns


def _add_copy(columns: list[Column], copies: list[CopyBlocks], number: int) -> list[Column]:
    new = copies[number]
    scores = _scores(columns, copies, number)
    best_column = {j: max(row, key=row.get) for j, row in scores.items() if row}
    best_block: dict[int, tuple[int, float]] = {}
    for j, row in scores.items():
        for c, score in row.items():
            if score > best_block.get(c, (None, -1.0))[1]:
                best_block[c] = (j, score)
    ids = [-(j + 1) for j in range(len(new.blocks))]
    for j, c in best_column.items():
        if best_block[c][0] == j and scores[j][c] >= MATCH_SHARE:
            ids[j] = c
    merged: list[Column] = []
    for tag, i1, i2, j1, j2 in changes(list(range(len(columns))), ids):
        if tag == "equal":
            for c, j in zip(range(i1, i2), range(j1, j2)):
                columns[c].members[number] = j
                merged.append(columns[c])
        else:
            merged.extend(_gap(columns[i1:i2], list(range(j1, j2)), copies, number))
    _mark_moves(merged, copies, number)
    return merged


def _scores(columns: list[Column], copies: list[CopyBlocks], number: int) -> dict[int, dict[int, float]]:
    """score[j][c]: share of words new block j has in common with column c's blocks."""
    new_words, new_owner = copies[number].words()
    shared: dict[int, Counter] = {}
    for other in range(number):
        words, owner = copies[other].words()
        counts: Counter = Counter()
        for tag, i1, i2, j1, _ in Indel.opcodes(words, new_words):
            if tag == "equal":
                counts.update((owner[i1 + k], new_owner[j1 + k]) for k in range(i2 - i1))
        shared[other] = counts
    where = {(w, b): c for c, column in enumerate(columns) for w, b in column.members.items()}
    scores: dict[int, dict[int, float]] = {j: {} for j in range(len(copies[number].blocks))}
    for other, counts in shared.items():
        for (b, j), count in counts.items():
            c = where[(other, b)]
            longest = max(len(copies[other].keys[b]), len(copies[number].keys[j]), 1)
            if _labels_agree(copies[other].blocks[b], copies[number].blocks[j]):
                scores[j][c] = max(scores[j].get(c, 0.0), count / longest)
    return scores


def _labels_agree(a: Block, b: Block) -> bool:
    return a.n is None or b.n is None or a.n == b.n


def _gap(columns: list[Column], blocks: list[int], copies: list[CopyBlocks], number: int) -> list[Column]:
    """Columns the new copy lacks and its blocks no column took: pair those that carry
    the same label (a rewritten paragraph) or are the same kind of non-paragraph block
    (a dateline, a heading, a closer line read differently); keep the rest apart, in
    order."""
    new = copies[number].blocks
    out: list[Column] = []
    pending = list(blocks)
    for column in columns:
        label, kind = _label(column, copies), _kind(column, copies)
        partner = next((j for j in pending if new[j].kind == kind[0] and (
            (label and new[j].n == label) or (kind[0] != "p" and new[j].role == kind[1]))), None)
        if partner is not None:
            before = pending[:pending.index(partner)]
            out.extend(Column({number: j}) for j in before)
            pending = pending[len(before) + 1:]
            column.members[number] = partner
        out.append(column)
    out.extend(Column({number: j}) for j in pending)
    return out


def _label(column: Column, copies: list[CopyBlocks]) -> str | None:
    return next((copies[w].blocks[b].n for w, b in column.members.items() if copies[w].blocks[b].n), None)


def _kind(column: Column, copies: list[CopyBlocks]) -> tuple[str, str | None]:
    w, b = next(iter(column.members.items()))
    return copies[w].blocks[b].kind, copies[w].blocks[b].role


def _mark_moves(columns: list[Column], copies: list[CopyBlocks], number: int) -> None:
    """A block alone in its column that reads like a column this copy lacks was moved."""
    alone = [c for c in columns if list(c.members) == [number]]
    lacking = [c for c in columns if number not in c.members]
    for column in alone:
        text = " ".join(copies[number].keys[column.members[number]])
        if len(text.split()) < MOVE_MIN_WORDS:
            continue
        for other in lacking:
            if any(fuzz.ratio(text, " ".join(copies[w].keys[b]), score_cutoff=MOVE_SIMILARITY)
                   for w, b in other.members.items()):
                column.moved.add(number)
                other.moved.add(number)
                break
