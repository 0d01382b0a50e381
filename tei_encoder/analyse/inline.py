"""Stage 4, inline: one line of text -> inline parts (underline, repetition loops,
garbled spans: analyse.garbled). Each rule keeps every character: a part only says what
the text is.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass

from tei_encoder.analyse import plausibility
from tei_encoder.analyse.garbled import NO_CONTEXT, SHORT_COMMON, WordContext, capitals_line, find_garbled
from tei_encoder.analyse.redactions import LineCuts, find_cuts, statement_head, statement_tail
from tei_encoder.analyse.words import Run, Runs, mark_across, split_words, tokens
from tei_encoder.model import Inline, Line, Redaction, Surplus, Text, Unclear, Underline
from tei_encoder.readers.text import is_page_marker

_UNDERLINE = re.compile(r"<u>(.*?)</u>", re.DOTALL)

# --- repetition loops -----------------------------------------------------------------
# An OCR engine that stalls writes a phrase again and again: "a declaration by the would
# need to go further than a declaration by the would need to go further than ...".
# A loop is a stretch that agrees with itself shifted by a period P (in words):
#   - P = 1: the same word three or more times in a row;
#   - P >= 2: the whole phrase again at once (agreement over at least P words);
#   - or a phrase of at least NEAR_MIN words again after at most NEAR_GAP other words
#     ("of periodic air surveillance ... the modern that the periodic air surveillance").
# Everything after the first occurrence is surplus.
MAX_PERIOD = 40
NEAR_MIN = 6
NEAR_GAP = 3



def find_loops(keys: Sequence[str]) -> list[tuple[int, int]]:
    """Word index ranges [start, end) that are repetitions of the words before them
    (keys: the words' keys, words.tokens)."""
    if len(keys) < 3 or len(set(zip(keys, keys[1:]))) == len(keys) - 1:
        return []  # no two words come again together (most lines): no loop (_loop_starts)
    ranges: list[tuple[int, int]] = []
    end = 0
    for i in _loop_starts(keys):
        found = _loop_at(keys, i) if i >= end else None
        if found is not None:
            ranges.append(found)
            end = found[1]
    return ranges


def _loop_starts(keys: Sequence[str]) -> list[int]:
    """The indexes i, in order, where the two words keys[i], keys[i + 1] come again
    together at most MAX_PERIOD words on: only there can a loop start. Every loop
    _loop_at finds agrees with itself shifted by its period over two words at least
    (run >= 2), so the pair at i is the pair at i + period (period <= MAX_PERIOD); and
    the pair's next place after i is at most that far."""
    last: dict[tuple[str, str], int] = {}
    starts = []
    for index, pair in enumerate(zip(keys, keys[1:])):
        before = last.get(pair)
        if before is not None and index - before <= MAX_PERIOD:
            starts.append(before)
        last[pair] = index
    return sorted(starts)


def _loop_at(keys: Sequence[str], i: int) -> tuple[int, int] | None:
    limit = min(MAX_PERIOD, (len(keys) - i) // 2)
    # the word's later places within the limit, nearest first
    for j in range(i + 1, i + limit + 1):
        if keys[j] != keys[i]:
            continue
        period = j - i
        run = 0
        while i + run + period < len(keys) and keys[i + run] == keys[i + run + period]:
            run += 1
        if not any(len(k) > 2 and k.isalpha() for k in keys[i:i + min(run, period)]):
            continue  # "1 1 1", ". . .": not a loop of words
        if period == 1 and run >= 2:
            return i + 1, i + 1 + run
        if period >= 2 and run >= period:
            return i + period, i + period + run
        if run >= NEAR_MIN and period - run <= NEAR_GAP:
            return i + run, i + period + run
    return None


# An underline opened on one line ("<u>less than 1") may close on a later one
# ("line not declassified</u>"): at most this many lines later, else the "<u>" is a
# stray mark and stays text.
UNDERLINE_MAX_LINES = 3


def underline_carry(texts: list[str]) -> list[bool]:
    """For each line, does it begin inside an underline opened on a line before it?"""
    carry = [False] * len(texts)
    for index, text in enumerate(texts):
        if carry[index] or not _opens_underline(text):
            continue
        for later in range(index + 1, min(index + 1 + UNDERLINE_MAX_LINES, len(texts))):
            close, reopen = texts[later].find("</u>"), texts[later].find("<u>")
            if close >= 0 and (reopen < 0 or close < reopen):
                for inside in range(index + 1, later + 1):
                    carry[inside] = True
                break
            if reopen >= 0:
                break
    return carry


@dataclass(frozen=True, slots=True)
class Underlines:
    """Where a copy's "<u>" and "</u>" are underline markup, paired over all its text
    lines (body and furniture alike, as rebuild.input_text pairs them): for each line
    number inside an underline over a line break, (continues, runs_on) for analyse()
    (other lines: neither; a large file's lines are mostly those); and the lines with a
    tag that pairs.
    A line whose tags are markup is typed text: never page furniture (pages.py), so the
    TEI underlines it as input_text strips its tags."""

    flags: dict[int, tuple[bool, bool]]
    marked: frozenset[int]

    @classmethod
    def of(cls, copy_lines: tuple[Line, ...]) -> Underlines:
        if "<u>" not in "\n".join(line.text for line in copy_lines):
            return cls({}, frozenset())  # (most copies) no tag opens an underline: no line is inside one, none marked
        return cls.read(copy_lines)

    @classmethod
    def read(cls, copy_lines: tuple[Line, ...]) -> Underlines:
        """Underlines.of the long way: the tags paired over the copy's lines of text."""
        lines = text_lines(copy_lines)
        texts = [text for _, text in lines]
        carry = underline_carry(texts)
        after = carry[1:] + [False]
        marked = frozenset(number for (number, text), plain in zip(lines, without_underline_tags(texts))
                           if plain != text)
        return cls({number: flags for (number, _), flags in zip(lines, zip(carry, after)) if any(flags)}, marked)


def text_lines(lines: tuple[Line, ...]) -> list[tuple[int, str]]:
    """A copy's lines of text (number, text): blank lines and page markers left out.
    Underline tags pair over these, in the analysis and in rebuild.input_text alike."""
    return [(line.number, line.text) for line in lines
            if line.text.strip() and line.text != "\f" and not is_page_marker(line.text)]


def _opens_underline(text: str) -> bool:
    """Is an underline still open at the end of this line (a "<u>" with no "</u>")?"""
    rest = _UNDERLINE.sub("", text)
    return "<u>" in rest and "</u>" not in rest[rest.rfind("<u>"):]


def without_underline_tags(texts: list[str]) -> list[str]:
    """The lines less the "<u>" and "</u>" that analyse() takes as underline markup (the
    same pairing: on one line, or over at most UNDERLINE_MAX_LINES lines); a tag that
    pairs with none is text and stays. What rebuild.input_text compares a copy with."""
    carry = underline_carry(texts)
    after = carry[1:] + [False]
    return [_untagged(text, continues, runs_on) for text, continues, runs_on in zip(texts, carry, after)]


def _untagged(text: str, continues: bool, runs_on: bool) -> str:
    head = ""
    if continues:
        close = text.find("</u>")
        if close < 0:
            return text
        head, text = text[:close], text[close + len("</u>"):]
    opened = text.rfind("<u>") if runs_on and _opens_underline(text) else -1
    tail = ""
    if opened >= 0:
        text, tail = text[:opened], text[opened + len("<u>"):]
    return head + _UNDERLINE.sub(lambda m: m.group(1), text) + tail


def analyse(text: str, continues: bool = False, runs_on: bool = False,
            cuts: LineCuts = LineCuts(), context: WordContext = NO_CONTEXT) -> tuple[Inline, ...]:
    """Inline parts of one line of body text. continues: the line begins inside an
    underline opened on the line before, so the text up to its "</u>" (or the whole
    line) is underlined; runs_on: the line's last "<u>" closes on a later line, so the
    text after it is underlined (both from underline_carry); cuts: the redactions its
    neighbours show (redactions.line_context). context: the memo's repeated words
    (WordContext), to judge garbled spans by their neighbours."""
    caps = capitals_line(text)
    if caps != context.caps:  # (most lines: the context as given, not a new one for each)
        context = WordContext(context.seen, caps)
    if not (continues or runs_on or cuts.opens or cuts.closes or cuts.name) and "<u>" not in text:
        return tuple(_plain(text, context))  # most lines: no underline, no statement over a break
    if cuts.name and not continues and not runs_on:
        return (Redaction(tuple(_unredacted(text, context)), "name"),)
    parts: list[Inline] = []
    if cuts.closes:
        end = statement_tail(text)
        parts.append(Redaction(tuple(_statement_tail(text[:end], continues, context)), "excision", part="F"))
        text = text[end:]
    elif continues:
        close = text.find("</u>")
        inside = text if close < 0 else text[:close]
        parts.append(Underline(tuple(_plain(inside, context)), continues=True))
        if close < 0:
            return tuple(parts)
        text = text[close + len("</u>"):]
    head = statement_head(text) if cuts.opens else None
    if head is not None:
        # Only the statement's own underline can run on from here (line_context).
        parts.extend(_line_parts(text[:head], False, context))
        parts.append(Redaction(tuple(_underlined_parts(text[head:], runs_on, context)), "excision", part="I"))
    else:
        parts.extend(_line_parts(text, runs_on, context))
    return tuple(p for p in parts if not (isinstance(p, Text) and not p.text))


def _statement_tail(text: str, continues: bool, context: WordContext) -> list[Inline]:
    """The closing piece of a split statement; when the statement's underline runs on
    from the line before, its words up to "</u>" are a hi of their own inside the piece
    (a hi cannot cross the two seg pieces)."""
    close = text.find("</u>") if continues else -1
    if close < 0:
        return _underlined_parts(text, False, context)
    rest = text[close + len("</u>"):]
    return [Underline(tuple(_plain(text[:close], context)))] + _underlined_parts(rest, False, context)


def _line_parts(text: str, runs_on: bool, context: WordContext) -> list[Inline]:
    """An excision statement whose words the OCR underlined ("[ <u>1 LINE NOT
    DECLASSIFIED</u>]") is one redaction around its underline; the rest as below."""
    parts: list[Inline] = []
    position = 0
    for cut in find_cuts(text):
        region = text[cut.start:cut.end]
        if cut.kind != "excision" or "<u>" not in region or not _balanced(region) or not _balanced(text[:cut.start]):
            continue
        parts.extend(_underlined_parts(text[position:cut.start], False, context))
        parts.append(Redaction(tuple(_underlined_parts(region, False, context)), cut.kind, cut.code))
        position = cut.end
    parts.extend(_underlined_parts(text[position:], runs_on, context))
    return parts


def _balanced(text: str) -> bool:
    return text.count("<u>") == text.count("</u>")


def _underlined_parts(text: str, runs_on: bool, context: WordContext) -> list[Inline]:
    parts: list[Inline] = []
    position = 0
    opened = text.rfind("<u>") if runs_on and _opens_underline(text) else -1
    if opened >= 0:
        tail = Underline(tuple(_plain(text[opened + len("<u>"):], context)))
        text = text[:opened]
    for match in _UNDERLINE.finditer(text):
        parts.extend(_plain(text[position:match.start()], context))
        parts.append(Underline(tuple(_plain(match.group(1), context))))
        position = match.end()
    parts.extend(_plain(text[position:], context))
    if opened >= 0:
        parts.append(tail)
    return parts


def _plain(text: str, context: WordContext) -> list[Inline]:
    """Redaction traces first, then loops and garbled spans, inside a typed excision
    statement too (its OCR slips are still slips); a blacked-out run is junk as a whole."""
    parts: list[Inline] = []
    position = 0
    for cut in find_cuts(text):
        parts.extend(_unredacted(text[position:cut.start], context))
        chunk = text[cut.start:cut.end]
        inner = (Text(chunk),) if cut.kind == "blackout" else tuple(_unredacted(chunk, context))
        parts.append(Redaction(inner, cut.kind, cut.code))
        position = cut.end
    parts.extend(_unredacted(text[position:], context))
    return parts


def _unredacted(text: str, context: WordContext) -> list[Inline]:
    if not text:
        return []
    pieces, keys = split_words(text)
    loops = find_loops(keys)
    garbled = find_garbled(pieces, context)
    if not loops and not garbled:
        return [Text(text)]  # most lines: nothing marked, so no word's place is needed
    words = tokens(text)
    marks = [(words[start].start, words[end - 1].end, "surplus") for start, end in loops]
    covered = {i for s, e in loops for i in range(s, e)}
    for start, end in garbled:
        if not covered.intersection(range(start, end)):
            marks.append((words[start].start, words[end - 1].end, "unclear"))
    parts: list[Inline] = []
    position = 0
    for start, end, kind in sorted(marks):
        # The space before a marked span stays outside it, as text.
        parts.append(Text(text[position:start]))
        chunk = text[start:end]
        parts.append(Surplus(chunk) if kind == "surplus" else Unclear(chunk, "illegible"))
        position = end
    parts.append(Text(text[position:]))
    return [p for p in parts if not (isinstance(p, Text) and not p.text)]


# --- loops over line breaks -----------------------------------------------------------
# A loop may run over a line break ("... effect on morale of junior" / "officers, quite
# clear morale of junior officers, quite clear morale"): the block's lines are read as one
# run of words (plain text only: underlines, labels, dates and marked spans break it), and
# the loops found there that touch more than one line become surplus too.


CROSS_MIN = 3  # words a loop over a line break must repeat ("American Investments" / "American investments in")


def block_loops(lines: list[tuple[Inline, ...]], runs: Runs | None = None) -> list[tuple[Inline, ...]]:
    """The lines' parts with the loops that cross their line breaks marked as Surplus
    (runs: the lines' words already read, words.read_runs). A loop does not run through
    a garbled span (a word of the run that stands for a marked span, key None)."""
    def loops(run: Run) -> list[tuple[int, int, int]]:
        if None not in run.keys:
            return _loops_in(run.keys)
        found, start = [], 0
        for stop in [i for i, key in enumerate(run.keys) if key is None] + [len(run.keys)]:
            found += [(a + start, b + start, c + start) for a, b, c in _loops_in(run.keys[start:stop])]
            start = stop + 1
        return found
    return mark_across(lines, loops, Surplus, runs)


def _loops_in(keys: list[str]) -> list[tuple[int, int, int]]:
    """(start, end, where the repeated phrase starts) of the loops of CROSS_MIN words or
    more in these keys: a loop is judged from its phrase on."""
    joined, owner = _split_words_joined(keys)
    found: list[tuple[int, int, int]] = []
    if not _repeats_phrase(joined):
        return found  # most blocks: no loop of CROSS_MIN words anywhere in them
    owner = owner or [(k,) for k in range(len(joined))]
    for start, end in find_loops(joined):
        if end - start >= CROSS_MIN:  # two words again over a break: a heading and the text it names
            first, last = owner[start], owner[end - 1][-1] + 1
            found.append((first[0], last, owner[max(0, start - (end - start))][0]))
    return found


def _repeats_phrase(keys: Sequence[str]) -> bool:
    """Do some CROSS_MIN words come again at most MAX_PERIOD words on? Every loop of
    CROSS_MIN words or more that find_loops finds agrees with itself shifted by its
    period over CROSS_MIN words at least (run >= CROSS_MIN: CROSS_MIN <= NEAR_MIN), so
    without such a repeat there is none."""
    phrases = list(zip(*(keys[k:] for k in range(CROSS_MIN))))
    if len(set(phrases)) == len(phrases):
        return False  # no phrase comes again anywhere (most blocks): one set, in C
    last: dict[tuple[str, ...], int] = {}
    for index, phrase in enumerate(phrases):
        before = last.get(phrase)
        if before is not None and index - before <= MAX_PERIOD:
            return True
        last[phrase] = index
    return False


def _split_words_joined(keys: list[str]) -> tuple[list[str], list[tuple[int, ...]] | None]:
    """The words' keys with each pair the OCR split inside a word joined again, where the
    run has the whole word elsewhere ("Uni ted" beside "United": a repeated line read with
    a space inside a word is still a repeat); with the word indexes each joined key covers
    (None when no pair joins).
    A pair that is itself good text is typed so and stays two words ("any one" beside
    "anyone", "in to" beside "into": _good_half)."""
    present = set(keys)
    # Only a pair whose two keys make a key of the run can join: whether any does is one
    # set operation (most runs: none); those are found in one pass, and the pairs are
    # joined from the left, one word joining at most once.
    if present.isdisjoint(map(operator.add, keys, keys[1:])):
        return keys, None
    return _joined_pairs(keys, present)


def _joined_pairs(keys: list[str], present: set[str]) -> tuple[list[str], list[tuple[int, ...]] | None]:
    """_split_words_joined walked pair by pair (present: the run's keys)."""
    pairs = [i for i, pair in enumerate(map(operator.add, keys, keys[1:])) if pair in present]
    joined: list[str] = []
    owner: list[tuple[int, ...]] = []
    done = 0  # keys before this index are in joined
    for i in pairs:
        if i < done or not (keys[i].isalpha() and keys[i + 1].isalpha()) \
                or _good_half(keys[i]) and _good_half(keys[i + 1]):
            continue
        joined.extend(keys[done:i])
        owner.extend((k,) for k in range(done, i))
        joined.append(keys[i] + keys[i + 1])
        owner.append((i, i + 1))
        done = i + 2
    if not done:
        return keys, None
    joined.extend(keys[done:])
    owner.extend((k,) for k in range(done, len(keys)))
    return joined, owner


def _good_half(key: str) -> bool:
    """Is this half of a split pair a word a typist writes on its own? A short one only
    when common (Zipf SHORT_COMMON: "any", "one", "in", "to" are, "uni" 3.69 and "ted"
    4.26 are list words but not), a longer one when in the list ("every", "body")."""
    if len(key) <= 3:
        zipf = plausibility.short_word_zipf(key)
        return zipf is not None and zipf >= SHORT_COMMON
    return plausibility.is_word(key)
