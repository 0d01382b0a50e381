"""Catchwords the OCR glued to a page's last text line, found with another copy.

A catchword stands alone below a page's last line and repeats the next page's first
words (analyse.pages finds it so). An engine sometimes reads it onto the end of the
last text line ("... that the Government of Cuba cannot continue") and, where it also
misread or lost the next page's top ("entipes to require"; the next page's first line
missing), one copy alone cannot show it. A second copy of the same typescript can:
where copy X has catchword W at a page's foot, and copy Y's last text line before its
own page break ends with W's words, right after the words X has before W, Y's W is
that catchword, glued. Y's line is cut there and W becomes Y's catchword (fw), unless

- Y already has a catchword at that break, or the line holds nothing but W;
- the words before W do not agree with X's (at least BEFORE_AGREE of the last BEFORE
  words, underlined words counted; a line of X with fewer words shows nothing): the
  same words at another place are text;
- Y's next page begins with the words X has after W: then Y's page ends with W typed
  as text (a copy paginated otherwise);
- W follows white space other than spaces and tabs (a no-break space): the rebuild
  writes a space before fw[@rend='run-in'], so the line is left as the copy has it.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations

from tei_encoder.analyse.words import tokens
from tei_encoder.model import Block, Furniture, PageBreak, Text, TextLine, Witness, parts_text

BEFORE = 3  # words before the catchword compared between the copies
BEFORE_AGREE = 2  # of them, how many must be the same word
XML_SPACES = " \t"  # the white space a line's XML collapses (and rebuilds as one space); a no-break space is text
AFTER = 2  # words after the catchword on the next page that say Y's page runs on

# Where an item stands in a witness: (index in items, index in the block's content or None).
Place = tuple[int, int | None]


def across_copies(witnesses: tuple[Witness, ...]) -> tuple[Witness, ...]:
    """The witnesses with the catchwords other copies show glued to a last line cut off."""
    if len(witnesses) < 2:
        return witnesses
    catches = [catch for witness in witnesses for catch in _catchwords(witness)]
    return tuple(_unglued(witness, _Catches([c for c in catches if c[0] != witness.sigil])) for witness in witnesses)


class _Catches:
    """Other copies' catchwords, each by what _glued reads of it (W's words, the last
    BEFORE words before it, the first AFTER after it: equal ones decide alike, the first
    is kept), indexed by W's words and each BEFORE_AGREE of the words before it at their
    places: a line can agree only with a catchword it shares such a key with, so a page
    break is compared with those alone, not with every catchword of the other copies
    (which made a copy of N pages cost N x N)."""

    def __init__(self, catches: list) -> None:
        self.found: list[tuple[list[str], list[str], list[str]]] = []
        self.index: dict[tuple, list[int]] = {}
        seen = set()
        for _, words, before, following in catches:
            decides = (tuple(words), tuple(before[-BEFORE:]), tuple(following[:AFTER]))
            if decides in seen:
                continue
            seen.add(decides)
            for key in _agreement_keys(decides[0], decides[1]):
                self.index.setdefault(key, []).append(len(self.found))
            self.found.append((words, before[-BEFORE:], following[:AFTER]))
        self.lengths = sorted({len(words) for words, _, _ in self.found})

    def for_line(self, line: TextLine) -> list[tuple[list[str], list[str], list[str]]]:
        """The catchwords that may be glued to the line's end, in the copies' order."""
        if not line.parts or not isinstance(line.parts[-1], Text):
            return []
        last = [token.key for token in tokens(line.parts[-1].text)]
        keys = _keys(line)
        hits: set[int] = set()
        for length in self.lengths:
            if length < len(last):
                for key in _agreement_keys(tuple(last[-length:]), tuple(keys[:-length][-BEFORE:])):
                    hits.update(self.index.get(key, ()))
        return [self.found[hit] for hit in sorted(hits)]


def _agreement_keys(words: tuple[str, ...], before: tuple[str, ...]) -> list[tuple]:
    """W's words with each BEFORE_AGREE of the words before it, by their places counted
    back from W: two lines agree as _agree asks only if they share one of these."""
    back = before[::-1]
    return [(words, places, tuple(back[place] for place in places))
            for places in combinations(range(len(back)), BEFORE_AGREE)]


def _flat(witness: Witness) -> list[tuple[Place, object]]:
    """The witness's items and its blocks' content in reading order, with their places."""
    flat: list[tuple[Place, object]] = []
    for index, item in enumerate(witness.items):
        if isinstance(item, Block):
            flat.extend(((index, offset), part) for offset, part in enumerate(item.content))
        else:
            flat.append(((index, None), item))
    return flat


def _keys(line: TextLine) -> list[str]:
    return [token.key for token in tokens(parts_text(line.parts))]


def _catchwords(witness: Witness) -> list[tuple[str, list[str], list[str], list[str]]]:
    """(sigil, the catchword's keys, the keys of the text before it, the words after it
    on the next page) for each catchword of the copy with text before and after."""
    flat = _flat(witness)
    found = []
    for at, (_, item) in enumerate(flat):
        if not (isinstance(item, Furniture) and item.kind == "catch"):
            continue
        words = [token.key for token in tokens(item.text)]
        before = _text_line(flat, at, -1)
        after = _text_line(flat, at, +1, past_page=True)
        if words and before is not None and after is not None:
            next_keys = _keys(flat[after][1])
            if next_keys[:len(words)] == words:
                next_keys = next_keys[len(words):]
            found.append((witness.sigil, words, _keys(flat[before][1]), next_keys))
    return found


def _text_line(flat: list, at: int, step: int, past_page: bool = False) -> int | None:
    """The nearest text line from `at` in direction `step`, past furniture, noise and
    stamps (and, when past_page, one page break; else none)."""
    index, pages = at + step, 0
    while 0 <= index < len(flat):
        item = flat[index][1]
        if isinstance(item, TextLine):
            return index if not past_page or pages == 1 else None
        if isinstance(item, PageBreak):
            pages += 1
            if not past_page or pages > 1:
                return None
        index += step
    return None


def _unglued(witness: Witness, catches: _Catches) -> Witness:
    if not catches.found:
        return witness
    flat = _flat(witness)
    cuts: dict[Place, tuple[TextLine, Furniture]] = {}
    for at, (place, item) in enumerate(flat):
        if not isinstance(item, PageBreak):
            continue
        last = _last_line_before(flat, at)
        after = _text_line(flat, at - 1, +1, past_page=True)
        if last is None or after is None:
            continue
        line = flat[last][1]
        for words, before, following in catches.for_line(line):
            cut = _glued(line, words, before, following, _keys(flat[after][1]))
            if cut is not None:
                cuts[flat[last][0]] = cut
                break
    return _with_cuts(witness, cuts) if cuts else witness


def _last_line_before(flat: list, at: int) -> int | None:
    """The text line that ends the page before the break at `at`, when no catchword
    stands between them."""
    index = at - 1
    while index >= 0:
        item = flat[index][1]
        if isinstance(item, TextLine):
            return index
        if isinstance(item, Furniture) and item.kind == "catch" or isinstance(item, PageBreak):
            return None
        index -= 1
    return None


def _glued(line: TextLine, words: list[str], before: list[str], following: list[str],
           next_page: list[str]) -> tuple[TextLine, Furniture] | None:
    """The line cut before its glued catchword, and the catchword, or None."""
    if not line.parts or not isinstance(line.parts[-1], Text):
        return None
    text = line.parts[-1].text
    found = tokens(text)
    keys = [token.key for token in found]
    if len(keys) <= len(words) or keys[-len(words):] != words:
        return None
    if not _agree(_keys(line)[:-len(words)], before):
        return None
    if following[:AFTER] and next_page[:AFTER] == following[:AFTER]:
        return None  # Y's next page goes on after W: W is the end of Y's page, typed
    start = found[-len(words)].start
    gap = text[:start][len(text[:start].rstrip()):]
    if gap.strip(XML_SPACES):
        return None  # a no-break (or other) space before W is the copy's text: fw[@rend='run-in'] rebuilds " "
    kept = line.parts[:-1] + ((Text(text[:start].rstrip(XML_SPACES)),) if text[:start].strip() else ())
    if not kept:
        return None
    return replace(line, parts=kept), Furniture("catch", "bottom", text[start:].strip(), line.number, run_in=True)


def _agree(head: list[str], tail: list[str]) -> bool:
    """Do the words before Y's W (head) agree with those before X's catchword (tail)?
    At least BEFORE_AGREE of the last BEFORE the same, whatever the lines' lengths: a
    line of X with fewer words than that is no evidence, and nothing is cut."""
    head, tail = head[-BEFORE:], tail[-BEFORE:]
    if len(head) < min(BEFORE, len(tail)):
        return False
    return sum(a == b for a, b in zip(reversed(head), reversed(tail))) >= BEFORE_AGREE


def _with_cuts(witness: Witness, cuts: dict[Place, tuple[TextLine, Furniture]]) -> Witness:
    items = list(witness.items)
    for (index, offset), (line, catch) in sorted(cuts.items(), key=lambda c: (c[0][0], c[0][1] or 0), reverse=True):
        if offset is None:
            continue  # text lines live in blocks
        block = items[index]
        content = block.content[:offset] + (line, catch) + block.content[offset + 1:]
        items[index] = replace(block, content=content)
    return replace(witness, items=tuple(items))
