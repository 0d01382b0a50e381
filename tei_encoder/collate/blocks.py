"""Block alignment: which paragraphs (heads, datelines, closers...) of the copies are the
same stretch of the memo.

Copies are added one at a time to a list of columns. A column is one stretch of the
memo: for each copy that has it, a run of consecutive blocks (usually one; several where
the copies paragraph differently, as two OCR engines do). A new copy's blocks are linked
to columns by the words they share: one longest common subsequence over the whole text
of both copies (rapidfuzz Indel, in C; in linear memory for long copies: collate/lcs.py)
counts, for every pair of blocks, the words they
have in common, so a block cut short by a lost page top still finds its partner.

- two blocks are linked when they share at least LINK_MIN words and at least LINK_SHARE
  of the shorter block's words (a stray "the" does not link two long paragraphs, a
  two-word heading inside a longer paragraph does);
- linked columns and blocks, closed over contiguity, become one column;
- left over between two columns, a block of each copy with the same label ("5." and
  "5.") is the same paragraph rewritten; date lines pair up, and heads and closer lines
  of one kind when they read at least PAIR_SIMILARITY alike (rapidfuzz ratio);
- left over elsewhere, a block whose text is at least MOVE_SIMILARITY alike (rapidfuzz
  ratio) to a column the copy lacks is that block moved: both places are marked.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from tei_encoder.collate import lcs
from tei_encoder.model import Block

LINK_MIN = 2
LINK_SHARE = 0.3
MOVE_SIMILARITY = 80
PAIR_SIMILARITY = 60
MOVE_MIN_WORDS = 5


@dataclass
class Column:
    """One stretch of the memo: for each copy (by its position in the witness list) the
    indexes of its consecutive blocks there. moved: copies whose block is elsewhere."""

    members: dict[int, list[int]]
    moved: set[int] = field(default_factory=set)

    def blocks(self):
        return ((w, b) for w, run in self.members.items() for b in run)


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
    columns = [Column({0: [index]}) for index in range(len(copies[0].blocks))]
    for number in range(1, len(copies)):
        columns = _add_copy(columns, copies, number)
    return columns


def _add_copy(columns: list[Column], copies: list[CopyBlocks], number: int) -> list[Column]:
    links = _links(columns, copies, number)
    small_columns = {c for c, column in enumerate(columns)
                     if sum(len(copies[w].keys[b]) for w, b in column.blocks()) < MOVE_MIN_WORDS * len(column.members)}
    small_blocks = {j for j, keys in enumerate(copies[number].keys) if len(keys) < MOVE_MIN_WORDS}
    merged: list[Column] = []
    column_at, block_at = 0, 0
    for columns_run, blocks_run in _components(links, (small_columns, small_blocks)):
        merged.extend(_gap(columns[column_at:columns_run[0]], list(range(block_at, blocks_run[0])), copies, number))
        joined = Column({})
        for column in columns[columns_run[0]:columns_run[1]]:
            for w, run in column.members.items():
                joined.members.setdefault(w, []).extend(run)
            joined.moved |= column.moved
        joined.members[number] = list(range(*blocks_run))
        merged.append(joined)
        column_at, block_at = columns_run[1], blocks_run[1]
    merged.extend(_gap(columns[column_at:], list(range(block_at, len(copies[number].blocks))), copies, number))
    _mark_moves(merged, copies, number)
    return merged


def _links(columns: list[Column], copies: list[CopyBlocks], number: int) -> set[tuple[int, int]]:
    """(column, new block) pairs that share enough words (see LINK_MIN, LINK_SHARE),
    counted against the earlier copy that shares most words with the new one. One
    common subsequence is monotone, so its links never cross: a moved block stays
    unlinked (and is found as a move) instead of tying far columns together."""
    new_words, new_owner = copies[number].words()
    best: Counter = Counter()
    reference = 0
    for other in range(number):
        words, owner = copies[other].words()
        counts: Counter = Counter()
        for tag, i1, i2, j1, _ in lcs.opcodes(words, new_words):
            if tag == "equal":
                counts.update(zip(owner[i1:i2], new_owner[j1:j1 + i2 - i1]))
        if sum(counts.values()) > sum(best.values()):
            best, reference = counts, other
    where = {(w, b): c for c, column in enumerate(columns) for w, b in column.blocks()}
    sizes = (copies[reference].keys, copies[number].keys)
    pairs = {(b, j) for (b, j), count in best.items()
             if count >= LINK_MIN and count >= LINK_SHARE * min(len(sizes[0][b]), len(sizes[1][j]))}
    pairs |= _spread_links(best, pairs, copies[reference], copies[number])
    return {(where[(reference, b)], j) for b, j in pairs}


def _spread_links(counts: Counter, linked: set[tuple[int, int]], reference: CopyBlocks,
                  new: CopyBlocks) -> set[tuple[int, int]]:
    """Links of a block that no single block of the other copy shares enough words with,
    but a few neighbouring ones together do: a paragraph one copy's OCR cut or split
    (lines read short, a heading run into the text), whose words the other copy holds
    spread over several blocks. The block is linked with each of them that shares at
    least LINK_MIN of its words, when together they hold LINK_SHARE of its words and lie
    side by side in their copy (only blocks of fewer than MOVE_MIN_WORDS words between
    them: a catchword, a section number), so far places are not tied together."""
    spread: set[tuple[int, int]] = set()
    for side, blocks in ((0, reference), (1, new)):
        other = new if side == 0 else reference
        done = {pair[side] for pair in linked}
        partners: dict[int, list[tuple[int, int]]] = {}
        for pair, count in counts.items():
            if pair[side] not in done and count >= LINK_MIN:
                partners.setdefault(pair[side], []).append(pair)
        for index, found in partners.items():
            shared = sum(counts[pair] for pair in found)
            places = sorted(pair[1 - side] for pair in found)
            between = range(places[0], places[-1] + 1)
            if len(found) > 1 and shared >= LINK_SHARE * len(blocks.keys[index]) and \
                    all(k in places or len(other.keys[k]) < MOVE_MIN_WORDS for k in between):
                spread.update(found)
    return spread


Span = tuple[int, int]


def _components(links: set[tuple[int, int]], small: tuple[set[int], set[int]] = (set(), set())) \
        -> list[tuple[Span, Span]]:
    """Linked stretches as ((first column, end), (first block, end)), in order.

    Links of one column to several blocks (or of several columns to one block) make one
    stretch: the copies paragraph differently there. But a stretch whose run has an
    unlinked block inside is two far places tied by a shared fragment (a moved page
    carries the end of a paragraph with it): only its best-linked part is kept, and the
    rest is left for the gaps (omissions, moves). Small blocks (`small`: columns and new
    blocks of fewer than MOVE_MIN_WORDS words, a catchword, a section number, a garbled
    furniture line) do not part a stretch: they carry too few words to link."""
    spans = sorted([c, c + 1, j, j + 1] for c, j in links)
    out: list[list[int]] = []
    for span in spans:
        if out and (span[0] < out[-1][1] or span[2] < out[-1][3]):
            last = out[-1]
            last[1], last[3] = max(last[1], span[1]), max(last[3], span[3])
        else:
            out.append(list(span))
    # Most stretches are one column linked to one block (the copies paragraph alike):
    # that one link is the stretch's best part (_best_part), found without looking.
    return [((a, b), (c, d)) if b - a == 1 and d - c == 1 else _best_part(links, (a, b, c, d), small)
            for a, b, c, d in out]


def _best_part(links: set[tuple[int, int]], stretch: tuple[int, int, int, int],
               small: tuple[set[int], set[int]]) -> tuple[Span, Span]:
    """The best-linked part of one stretch (first column, end, first block, end) of
    _components: its links in the longest run of blocks, then of columns."""
    a, b, c, d = stretch
    inside = [(col, j) for col, j in links if a <= col < b and c <= j < d]
    best = _best_run(inside, 1, small[1])
    best = _best_run(best, 0, small[0])
    cols = [col for col, _ in best]
    rows = [j for _, j in best]
    return (min(cols), max(cols) + 1), (min(rows), max(rows) + 1)


def _best_run(links: list[tuple[int, int]], axis: int, bridged: set[int]) -> list[tuple[int, int]]:
    """The links whose index on `axis` lies in the contiguous run with most links (a run
    may step over the `bridged` indexes)."""
    present = sorted({link[axis] for link in links})
    runs, current = [], [present[0]]
    for value in present[1:]:
        if all(k in bridged for k in range(current[-1] + 1, value)):
            current.append(value)
        else:
            runs.append(current)
            current = [value]
    runs.append(current)
    chosen = set(max(runs, key=lambda run: sum(link[axis] in run for link in links)))
    return [link for link in links if link[axis] in chosen]


def _gap(columns: list[Column], blocks: list[int], copies: list[CopyBlocks], number: int) -> list[Column]:
    """Columns the new copy lacks and its blocks no column took: pair those that carry
    the same label (a rewritten paragraph) or are the same kind of non-paragraph block
    (a dateline, a heading, a closer line read differently); keep the rest apart, in
    order."""
    out: list[Column] = []
    pending = list(blocks)
    for column in columns:
        described = _describe(column, copies) if pending else None
        partner = next((j for j in pending if _same_block(column, described, copies, number, j)), None)
        if partner is not None:
            before = pending[:pending.index(partner)]
            out.extend(Column({number: [j]}) for j in before)
            pending = pending[len(before) + 1:]
            column.members[number] = [partner]
        out.append(column)
    out.extend(Column({number: [j]}) for j in pending)
    return out


def _same_block(column: Column, described: tuple[str, str | None, str | None], copies: list[CopyBlocks],
                number: int, j: int) -> bool:
    """Left-over blocks that are the same block read or typed differently: the same
    label on paragraphs of one kind, the date line, or a head or closer line of one
    kind that reads at least PAIR_SIMILARITY alike. described: the column's _describe."""
    kind, role, label = described
    block = copies[number].blocks[j]
    if block.kind != kind:
        return False
    if label and block.n == label:
        return True
    if kind == "dateline":
        return True
    if kind == "p" or block.role != role:
        return False
    text = " ".join(copies[number].keys[j])
    return any(fuzz.ratio(text, " ".join(copies[w].keys[b]), score_cutoff=PAIR_SIMILARITY)
               for w, b in column.blocks())


def _describe(column: Column, copies: list[CopyBlocks]) -> tuple[str, str | None, str | None]:
    """Kind and role of a column's first block, and the first label among its blocks."""
    w, b = next(column.blocks())
    first = copies[w].blocks[b]
    label = next((copies[w].blocks[b].n for w, b in column.blocks() if copies[w].blocks[b].n), None)
    return first.kind, first.role, label


def _mark_moves(columns: list[Column], copies: list[CopyBlocks], number: int) -> None:
    """A block alone in its column that reads like a column this copy lacks was moved."""
    alone = [c for c in columns if list(c.members) == [number] and len(c.members[number]) == 1]
    lacking = [c for c in columns if number not in c.members]
    for column in alone:
        text = " ".join(copies[number].keys[column.members[number][0]])
        if len(text.split()) < MOVE_MIN_WORDS:
            continue
        for other in lacking:
            if any(fuzz.ratio(text, " ".join(copies[w].keys[b]), score_cutoff=MOVE_SIMILARITY)
                   for w, b in other.blocks()):
                column.moved.add(number)
                other.moved.add(number)
                break
