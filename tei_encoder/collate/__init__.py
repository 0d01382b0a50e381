"""The collate stage: the analysed copies of one memo -> one Collation (the merged form).

    blocks   which blocks of the copies are the same block      (collate.blocks)
    words    inside each such block, which words are shared     (collate.words)
    kinds    what each difference is: ocr, substantive, layout  (collate.kinds)

Each copy's top-level layout (page breaks, furniture and stamps between blocks) is set
aside and put back before the block it preceded in that copy.
"""

from __future__ import annotations

from collections import Counter
from itertools import chain

from tei_encoder.collate.blocks import Column, CopyBlocks, align_blocks
from tei_encoder.collate.kinds import VariantTyper
from tei_encoder.collate.related import block_words, unrelated_words
from tei_encoder.collate.tokens import Stream, Streams
from tei_encoder.collate.words import REWRITE_SHARE, align, keeps_lines
from tei_encoder.errors import CollationError
from tei_encoder.model import (
    Block,
    BlockBreak,
    BlockReading,
    BlockVariant,
    Collation,
    MergedBlock,
    MergedItem,
    Placed,
    Witness,
)


class _Copy:
    """One witness prepared for collation: its blocks, their word streams, and the
    top-level layout before each block (index len(blocks): after the last)."""

    def __init__(self, witness: Witness, streams: Streams):
        self.sigil = witness.sigil
        self.blocks: list[Block] = []
        self.before: list[list] = [[]]
        for item in witness.items:
            if isinstance(item, Block):
                self.blocks.append(item)
                self.before.append([])
            else:
                self.before[-1].append(item)
        self.streams: list[Stream] = [streams.of(block) for block in self.blocks]
        self.keys = [s.keys for s in self.streams]  # each block's word keys
        self.words = [block_words(keys) for keys in self.keys]  # each block's words, for block matching

    def memo_words(self) -> list[str]:
        """collate.related's memo_words, from the streams at hand."""
        return [word for block, words in zip(self.blocks, self.words) if block.kind != "form" for word in words]

    def placed_before(self, index: int) -> list[Placed]:
        return [Placed(self.sigil, item) for item in self.before[index]]


def collate(witnesses: tuple[Witness, ...], streams: Streams | None = None) -> Collation:
    """streams: the blocks' streams read so far for this memo (reading.lexicon's)."""
    streams = streams or Streams()
    copies = [_Copy(w, streams) for w in witnesses]
    _refuse_unrelated(witnesses, copies)
    columns = align_blocks([CopyBlocks(tuple(c.blocks), tuple(c.words)) for c in copies])
    typer = VariantTyper(_common_keys(copies), tuple(tuple(chain.from_iterable(c.keys)) for c in copies))
    items: list[MergedItem] = []
    for position, column in enumerate(columns):
        items.extend(_column(column, copies, typer, columns, position))
    for copy in copies:
        items.extend(copy.placed_before(len(copy.blocks)))
    empty = [c.sigil for c in copies if not c.blocks]
    if len(copies) > 1 and empty:
        raise CollationError(f"copy {', '.join(empty)} holds no text, only page furniture: there is nothing to merge "
                             "(--layout copies writes them side by side)", [w.path for w in witnesses])
    if len(copies) == 2:
        items = _unread_counterparts(items, typer, streams)
    return Collation(tuple(w.sigil for w in witnesses), tuple(_joined_omissions(items)))


def _refuse_unrelated(witnesses: tuple[Witness, ...], copies: list[_Copy]) -> None:
    """Copies of other memos are not merged into this one (collate.related): the
    refusal names each of them, its file and lines."""
    strays = unrelated_words([c.memo_words() for c in copies]) if len(witnesses) > 1 else []
    if not strays:
        return
    kept = [w.sigil for i, w in enumerate(witnesses) if i not in strays]
    named = "; ".join(f"copy {w.sigil} ({w.path}, lines {w.first_line}-{w.last_line})"
                      for w in (witnesses[i] for i in strays))
    raise CollationError(f"{named}: not a copy of the memo that copy {', '.join(kept)} holds (they share no run "
                         f"of words beyond the release form); encode each memo on its own, or write them side by "
                         f"side with --layout copies", [witnesses[i].path for i in strays])


def _common_keys(copies: list[_Copy]) -> frozenset[str]:
    """Words found in at least two copies: typed words, whatever a word list says."""
    seen: Counter = Counter()
    for copy in copies:
        seen.update(set(chain.from_iterable(copy.keys)))
    return frozenset(key for key, count in seen.items() if count >= 2)


def _column(column: Column, copies: list[_Copy], typer, columns: list[Column], position: int) -> list[MergedItem]:
    present = sorted(column.members)
    if any(copies[w].blocks[b].kind == "form" for w in present for b in column.members[w]):
        typer = typer.archival()  # release forms: where they differ, the memo does not
    outside = [p for w in present for p in copies[w].placed_before(column.members[w][0])]
    merged = _merged(present, column, copies, typer)
    if merged is not None and len(present) == len(copies) and not column.moved:
        return outside + merged
    readings = []
    if merged is not None and len(present) > 1:
        readings.append(BlockReading(tuple(copies[w].sigil for w in present), tuple(outside + merged)))
    else:
        for w in present:
            items = [i for b in column.members[w] for i in copies[w].placed_before(b) + [copies[w].blocks[b]]]
            readings.append(BlockReading((copies[w].sigil,), tuple(items)))
    absent = tuple(c.sigil for i, c in enumerate(copies) if i not in column.members)
    if absent:
        readings.append(BlockReading(absent, ()))
    token_lists = [[t for b in column.members[w] for t in copies[w].streams[b].tokens] for w in present]
    token_lists += [[]] if absent else []
    lost = any(_next_has_layout(i, copies, columns, position) for i in range(len(copies)) if i not in column.members)
    cause = "transposition" if column.moved else None
    return [BlockVariant(typer(token_lists, lost), tuple(readings), cause)]


def _merged(present: list[int], column: Column, copies: list[_Copy], typer) -> list[MergedBlock] | None:
    """The column's blocks written once, with their differences inside; None when they
    cannot be (blocks of different kinds, or a paragraph rewritten as a whole).

    Where the copies paragraph differently (runs of several blocks), the copy with the
    fewest blocks there gives the structure and the others' block starts are milestones.
    """
    runs = {w: column.members[w] for w in present}
    single = all(len(run) == 1 for run in runs.values())
    if single and not _mergeable([copies[w].blocks[run[0]] for w, run in runs.items()]):
        return None
    for base in sorted(present, key=lambda w: len(runs[w])):
        alignment, streams = _aligned(present, runs, copies, typer, base)
        if single or keeps_lines(alignment.parts, tuple(s for s in streams if s != copies[base].sigil)):
            break
    else:
        return None  # no copy's paragraphs fit the others' lines: each copy's blocks as its reading
    structure = [copies[base].blocks[b] for b in runs[base]]
    if len(present) > 1 and all(b.kind == "p" for b in structure) and alignment.shared_share < REWRITE_SHARE:
        return None  # rewritten: the paragraph is one variant, not a word-level patchwork
    sigils = tuple(streams)
    labels = [b.n for b in structure]
    if single:
        labels = [next((copies[w].blocks[run[0]].n for w, run in runs.items() if copies[w].blocks[run[0]].n), None)]
    return [MergedBlock(block.kind, segments, sigils, label, block.role)
            for block, segments, label in zip(structure, alignment.parts, labels)]


def _aligned(present: list[int], runs: dict[int, list[int]], copies: list[_Copy], typer, base: int):
    """The run's words aligned, with copy `base` giving the paragraph structure."""
    streams, bounds, tails = {}, [], []
    for w in present:
        joined, joins, kept = _joined_stream(copies[w], runs[w], milestones=w != base)
        streams[copies[w].sigil] = joined
        if w == base:
            bounds, tails = joins, kept
    return align(streams, typer, copies[base].sigil, bounds, tails), streams


def _joined_stream(copy: _Copy, run: list[int], milestones: bool) -> tuple[Stream, list[int], list[int]]:
    """A run of a copy's blocks as one stream. At each join: the trailing items of the
    block before, the copy's top-level layout before the next block, and (for copies that
    do not give the structure) a BlockBreak. Returns the stream, the token index of each
    join, and how many items at each join are the previous block's tail."""
    first = copy.streams[run[0]]
    tokens = list(first.tokens)
    aside = {i: list(items) for i, items in first.aside.items()}
    joins, tails = [], []
    for b in run[1:]:
        block, part = copy.blocks[b], copy.streams[b]
        join = len(tokens)
        joins.append(join)
        here = aside.setdefault(join, [])
        tails.append(len(here))
        here.extend(copy.before[b])
        if milestones:
            here.append(BlockBreak(block.kind, block.line, block.role, block.n))
        for i, items in part.aside.items():
            aside.setdefault(join + i, []).extend(items)
        tokens.extend(part.tokens)
    stream = Stream(tuple(tokens), {i: tuple(items) for i, items in aside.items() if items},
                    after_layout=bool(copy.before[run[0]]))
    return stream, joins, tails


def _mergeable(blocks: list[Block]) -> bool:
    """Blocks are written once when they are of one kind and their labels agree."""
    first = blocks[0]
    labels = {b.n for b in blocks if b.n}
    return all((b.kind, b.role) == (first.kind, first.role) for b in blocks) and len(labels) <= 1


def _next_has_layout(copy_index: int, copies: list[_Copy], columns: list[Column], position: int) -> bool:
    """Does the copy lacking a block turn a page (or show furniture) right there?"""
    following = next((columns[i].members[copy_index][0] for i in range(position + 1, len(columns))
                      if copy_index in columns[i].members), None)
    copy = copies[copy_index]
    return bool(copy.before[following if following is not None else len(copy.blocks)])


def _joined_omissions(items: list[MergedItem]) -> list[MergedItem]:
    """Neighbouring block variants that only say "these copies have blocks the others
    lack" (same copies, same type, both moved or neither) are one app with several
    blocks per reading: a lost or moved page is one variant, not one per paragraph."""
    out: list[MergedItem] = []
    for item in items:
        last = out[-1] if out else None
        if (isinstance(item, BlockVariant) and isinstance(last, BlockVariant) and item.cause == last.cause
                and item.type == last.type and _omission(item) and _omission(last)
                and [r.sigils for r in item.readings] == [r.sigils for r in last.readings]):
            out[-1] = BlockVariant(last.type, tuple(BlockReading(a.sigils, a.items + b.items)
                                                    for a, b in zip(last.readings, item.readings)), last.cause)
        else:
            out.append(item)
    return out


def _omission(variant: BlockVariant) -> bool:
    return any(not r.items for r in variant.readings)


def _unread_counterparts(items: list[MergedItem], typer, streams: Streams) -> list[MergedItem]:
    """Of two copies: a block only one copy has, typed substantive (whole sentences a
    typist added), is ocr when, among the neighbouring blocks only the other copy has (the
    same run of one-sided variants), one has about as many words (SUBSTITUTE_WORDS_APART)
    and is mostly doubtful tokens (half of them at least, analyse.garbled): the other
    engine's reading of the same line, which it could not read ("This has bren done." in
    02 where 01 has "Fe tne bun deus ."), not an addition."""
    out = list(items)
    start = 0
    while start < len(out):
        end = start
        while end < len(out) and _one_sided(out[end]):
            end += 1
        for index in range(start, end):
            variant = out[index]
            if variant.type != "substantive":
                continue
            side = _side(variant)
            others = [b for v in out[start:end] if _side(v) != side for b in _blocks(v)]
            if any(typer.unread_counterpart(list(streams.of(b).tokens), list(streams.of(o).tokens))
                   for b in _blocks(variant) for o in others):
                out[index] = BlockVariant("ocr", variant.readings, variant.cause)
        start = end + 1
    return out


def _one_sided(item: MergedItem) -> bool:
    return isinstance(item, BlockVariant) and item.cause is None and len(item.readings) == 2 \
        and sum(not reading.items for reading in item.readings) == 1


def _side(variant: BlockVariant) -> tuple[str, ...]:
    return next(reading.sigils for reading in variant.readings if reading.items)


def _blocks(variant: BlockVariant) -> list[Block]:
    return [item for reading in variant.readings for item in reading.items if isinstance(item, Block)]

