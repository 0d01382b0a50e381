"""Word alignment inside one aligned block, and the segments it gives.

Each copy is aligned with the block's first copy (the base) by a longest common
subsequence over loose keys (rapidfuzz's Indel opcodes, bit-parallel, in C). A word is
shared where every copy has it, exactly as the base has it; the stretches between shared
words are the points of variation. Two rules keep the points of variation honest:

- a short run of matches (at most WEAK_RUN words) between two changes is not an anchor
  when it is only function words ("the", "of", "not") next to a large change
  (at least LARGE_CHANGE words on a side), or when both changes around it are large:
  a rewritten sentence stays one variant instead of being shredded at every "the";
- a paragraph in which every copy shares less than REWRITE_SHARE of its words with the
  others is rewritten as a whole: the caller makes it one paragraph-level variant (a
  copy that only adds a clause is not a rewrite: the other shares nearly all its words).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from operator import attrgetter
from types import MappingProxyType

from tei_encoder.collate import lcs
from tei_encoder.collate.tokens import Stream, has_alphanumeric
from tei_encoder.model import (
    Correction,
    LineStart,
    Placed,
    Reading,
    Segment,
    Shared,
    Surplus,
    Text,
    Token,
    Unclear,
    Variant,
)

WEAK_RUN = 2
LARGE_CHANGE = 3
REWRITE_SHARE = 0.5
CUT_SHARE = 0.5  # a line inside a paragraph under half its longest line was cut by the OCR

FUNCTION_WORDS = frozenset("""
a about above after again against all also am an and any are as at be been before being
both but by can could did do does either for from had has have he her his how i if in into
is it its may me might more most must my no nor not of on once only or other our out over
per shall she should so some such than that the their them then there these they this
those through to too under until up upon very was we were what when where which while who
whom why will with would you your
""".split())


@dataclass(frozen=True, slots=True)
class Alignment:
    """A stretch's copies aligned: the segments of each block of the base copy, and the
    share of words held in common."""

    parts: tuple[tuple[Segment, ...], ...]
    shared_share: float


def matches(base: list[str], other: list[str]) -> dict[int, int]:
    """base index -> other index for the words the two copies share, weak anchors
    removed."""
    opcodes = _without_weak_anchors(changes(base, other), base)
    pairs: dict[int, int] = {}
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            pairs.update(zip(range(i1, i2), range(j1, j2)))
    return pairs


def changes(a: list, b: list) -> list[list]:
    """Indel opcodes with each run of deletions and insertions joined into one
    'replace' (Indel itself never substitutes): a change is what lies between matches."""
    out: list[list] = []
    for tag, i1, i2, j1, j2 in lcs.opcodes(a, b):
        if tag != "equal" and out and out[-1][0] != "equal":
            out[-1] = _joined(out[-1], [tag, i1, i2, j1, j2])
        else:
            out.append([tag, i1, i2, j1, j2])
    return out


def _without_weak_anchors(opcodes: list[list], base: list[str]) -> list[list]:
    changed = True
    while changed:
        changed = False
        for index in range(1, len(opcodes) - 1):
            tag, i1, i2, _, _ = opcodes[index]
            if tag != "equal" or i2 - i1 > WEAK_RUN:
                continue
            before, after = _size(opcodes[index - 1]), _size(opcodes[index + 1])
            function_only = all(key in FUNCTION_WORDS for key in base[i1:i2])
            if (function_only and max(before, after) >= LARGE_CHANGE) or min(before, after) >= LARGE_CHANGE + 1:
                opcodes[index - 1:index + 2] = [_joined(opcodes[index - 1], opcodes[index + 1])]
                changed = True
                break
    return opcodes


def _size(opcode: list) -> int:
    _, i1, i2, j1, j2 = opcode
    return max(i2 - i1, j2 - j1)


def _joined(first: list, last: list) -> list:
    return ["replace", first[1], last[2], first[3], last[4]]


def align(streams: dict[str, Stream], classify, base: str | None = None,
          bounds: list[int] | None = None, tails: list[int] | None = None) -> Alignment:
    """Segments for one stretch present in the copies of `streams` (in witness order).

    base: the copy the others are aligned with (default: the first). bounds: token
    indexes where a new block of the base begins (the stretch is cut there into one
    part per block); tails: at each bound, how many of the base's set-aside items still
    belong to the block before. classify(readings, lost) -> app type (lost: a copy lost words there, at a page
    edge or where the OCR cut its line short).
    """
    sigils = list(streams)
    base = base or sigils[0]
    b = sigils.index(base)
    anchors = _anchors(streams, sigils, b)
    cut = _Cutter(bounds or [], tails or [], base)
    lines = _LineWidths()
    walk = _walk_two if len(sigils) == 2 else _walk
    walk(cut, streams, sigils, b, anchors, classify, lines)
    # The largest share of any one copy's words that is held in common: below
    # REWRITE_SHARE every copy has most of its words to itself (a rewrite), while a
    # copy that only adds a clause still shares nearly all of the other's words.
    share = max((len(anchors) / len(streams[s].tokens) for s in sigils if streams[s].tokens), default=1.0)
    return Alignment(cut.result(), share)


_NONE_PLACED: Mapping[int, int] = MappingProxyType({})


def _walk(cut: "_Cutter", streams: dict[str, Stream], sigils: list[str], b: int, anchors: list[tuple[int, ...]],
          classify, lines: "_LineWidths") -> None:
    """Each shared word (anchor) of the stretch into its block's part, with the points of
    variation between them and each copy's set-aside items before each (or the end)."""
    base = sigils[b]
    tokens = [streams[s].tokens for s in sigils]
    asides = [streams[s].aside for s in sigils]
    part_of = cut.part_of if cut.bounds else None  # without bounds, everything is part 0
    ends = tuple(len(t) for t in tokens)
    previous = (-1,) * len(sigils)
    for anchor in anchors + [ends]:
        placed = _NONE_PLACED  # base position -> how many of its set-aside items a variation placed already
        for at, before in zip(anchor, previous):  # a loop, not any(): asked at every shared word
            if at > before + 1:  # some copy has words before this one that not all copies share
                spans = {s: (before + 1, at) for s, before, at in zip(sigils, previous, anchor)}
                placed = _place_variation(cut, streams, spans, classify, base, lines)
                break
        for s, aside, at in zip(sigils, asides, anchor):  # what each copy set aside just before this word (or the end)
            items = aside.get(at)
            if items:
                _place_items(cut, s, items, anchor[b], placed.get(at, 0) if s == base else 0)
        if anchor is ends:
            break
        here = [t[at] for t, at in zip(tokens, anchor)]
        cut.add(part_of(anchor[b]) if part_of else 0, _shared(here[b], sigils, here))
        previous = anchor


def _walk_two(cut: "_Cutter", streams: dict[str, Stream], sigils: list[str], b: int,
              anchors: list[tuple[int, ...]], classify, lines: "_LineWidths") -> None:
    """_walk for two copies (most merged memos), the same segments in the same order with
    less asked at each shared word: most follow the one before in both copies, with
    nothing set aside before them and no line starting at them (tests/test_collate_fast.py
    holds it to _walk)."""
    base, (first, second) = sigils[b], sigils
    tokens0, tokens1 = streams[first].tokens, streams[second].tokens
    aside0, aside1 = streams[first].aside, streams[second].aside
    part_of = cut.part_of if cut.bounds else None
    into = cut.parts[0].append
    before0 = before1 = -1
    for at0, at1 in anchors + [(len(tokens0), len(tokens1))]:
        placed = _NONE_PLACED
        if at0 > before0 + 1 or at1 > before1 + 1:
            spans = {first: (before0 + 1, at0), second: (before1 + 1, at1)}
            placed = _place_variation(cut, streams, spans, classify, base, lines)
        at_base = at1 if b else at0
        if at0 in aside0:
            _place_items(cut, first, aside0[at0], at_base, placed.get(at0, 0) if b == 0 else 0)
        if at1 in aside1:
            _place_items(cut, second, aside1[at1], at_base, placed.get(at1, 0) if b == 1 else 0)
        if at0 == len(tokens0):  # the end: only the end has no word (an anchor is a word of each copy)
            break
        word0, word1 = tokens0[at0], tokens1[at1]
        token = word1 if b else word0
        if word0.lb or word0.line or word1.lb or word1.line:
            segment = _shared(token, sigils, [word0, word1])
        else:
            segment = _plain_shared(token)
        if part_of:
            cut.add(part_of(at_base), segment)
        else:
            into(segment)
        before0, before1 = at0, at1


def _place_items(cut: "_Cutter", sigil: str, items: tuple, at_base: int, first: int) -> None:
    """A copy's items set aside before a shared word (at base position at_base) or the
    end, but the first `first` of them (a variation placed them already)."""
    for index in range(first, len(items)):
        cut.add(cut.part_of_item(sigil, at_base, index), Placed(sigil, items[index]))


def _place_variation(cut: "_Cutter", streams: dict[str, Stream], spans: dict[str, tuple[int, int]], classify,
                     base: str, lines: "_LineWidths") -> dict[int, int]:
    """The segments of one point of variation, cut into the base's blocks. Where a piece
    begins a block of the base, the base's items that end the block before (its tail: an
    OCR repeat of its last line) go there, after its words. Returns, by base position,
    how many of the items set aside there were placed so: where the base reads nothing in
    the piece, they stand before the anchor word too, and must not be placed twice."""
    placed: dict[int, int] = {}
    for part, part_spans, tail in cut.spans(spans, streams):
        view = streams
        if tail:
            at = part_spans[base][0]
            for item in streams[base].before(at)[:tail]:
                cut.add(part - 1, Placed(base, item))
            placed[at] = tail
            view = dict(streams, **{base: _without_tail(streams[base], at, tail)})
        for segment in _variation(view, part_spans, classify, base, lines):
            cut.add(part, segment)
    return placed


def _anchors(streams: dict[str, Stream], sigils: list[str], b: int) -> list[tuple[int, ...]]:
    """The words every copy has exactly as the base (copy number b) has them: for each,
    its index in each copy (in the order of sigils), in reading order."""
    base_tokens = streams[sigils[b]].tokens
    keys = streams[sigils[b]].keys
    others = [(k, streams[s].tokens, matches(keys, streams[s].keys)) for k, s in enumerate(sigils) if k != b]
    if len(others) == 1:  # two copies, most merged memos: each matched pair whose parts agree
        _, tokens, pairs = others[0]
        found = [(i, j) for i, j in pairs.items() if tokens[j].parts == base_tokens[i].parts]
        return found if b == 0 else [(j, i) for i, j in found]
    anchors = []
    for i, token in enumerate(base_tokens):
        position = [i] * len(sigils)
        for k, tokens, pairs in others:
            j = pairs.get(i)
            if j is None or tokens[j].parts != token.parts:
                break
            position[k] = j
        else:
            anchors.append(tuple(position))
    return anchors


def _shared(token: Token, sigils, here: list[Token]) -> Shared:
    """The word `token` as the copies `sigils` have it, each as `here` (in that order): which
    of them break their line before it, and where each begins a line."""
    breaks = starts = ()
    for word in here:
        if word.lb or word.line:  # a line begins here in some copy (most words: in none)
            breaks = tuple(s for s, t in zip(sigils, here) if t.lb)
            if breaks:
                token = _held(token, [t for t in here if t.lb])
            starts = tuple((s, t.line) for s, t in zip(sigils, here) if t.line)
            break
    return Shared(token, breaks, starts)


def _plain_shared(token: Token, _new=object.__new__, _token=Shared.token.__set__, _breaks=Shared.breaks.__set__,
                  _starts=Shared.starts.__set__) -> Shared:
    """Shared(token): a word no copy breaks its line before, the most common segment
    (most of a memo's words). Made by setting its slots directly: a frozen dataclass's
    __init__ sets each field through object.__setattr__, called from Python, which costs
    twice as much (tests/test_collate_fast.py holds it to Shared(token))."""
    shared = _new(Shared)
    _token(shared, token)
    _breaks(shared, ())
    _starts(shared, ())
    return shared


def _held(token: Token, breaking: list[Token]) -> Token:
    """The shared word with held set when every copy that breaks its line before it has
    the underline go on over the break (then its hi holds the lb in the merged form)."""
    held = all(t.held for t in breaking)
    return token if token.held == held else token._replace(held=held)


class _Cutter:
    """Sorts segments into the base copy's blocks."""

    def __init__(self, bounds: list[int], tails: list[int], base: str):
        self.bounds, self.tails, self.base = bounds, tails, base
        self.parts: list[list[Segment]] = [[] for _ in range(len(bounds) + 1)]

    def part_of(self, position: int) -> int:
        return bisect_right(self.bounds, position)

    def part_of_item(self, sigil: str, position: int, index: int) -> int:
        """Items at a bound open the new block, except the base's tail of the old one."""
        part = self.part_of(position)
        if sigil == self.base and part and self.bounds[part - 1] == position and index < self.tails[part - 1]:
            return part - 1
        return part

    def spans(self, spans: dict[str, tuple[int, int]], streams: dict[str, Stream]):
        """A point of variation that runs over a base block boundary is cut there. A
        block boundary is a line break for every copy, so each other copy's words are
        cut at their own first line break inside the span: the words before it go with
        the first piece, the rest with the last (none: all with the first). Yields
        (part, spans, tail): tail, how many of the base's items before the piece's
        first word belong to the block before, not to this piece (_tail)."""
        start, end = spans[self.base]
        cuts = [b for b in self.bounds if start < b < end]
        if not cuts:
            yield self.part_of(start), spans, self._tail(start)
            return
        split = {s: _first_line_start(streams[s], span) for s, span in spans.items()}
        pieces = [start] + cuts + [end]
        last = len(pieces) - 2
        for number, (a, b) in enumerate(zip(pieces, pieces[1:])):
            piece = {}
            for s, (first, after) in spans.items():
                here = split[s]
                piece[s] = (first, here) if number == 0 else (here, after) if number == last else (here, here)
            piece[self.base] = (a, b)
            yield self.part_of(a), piece, self._tail(a)

    def _tail(self, position: int) -> int:
        """How many of the base's items before word `position` end the block before
        (an OCR repeat of its last line): where a block of the base begins, else 0."""
        part = self.part_of(position)
        return self.tails[part - 1] if part and self.bounds[part - 1] == position else 0

    def add(self, part: int, segment: Segment) -> None:
        self.parts[part].append(segment)

    def result(self) -> tuple[tuple[Segment, ...], ...]:
        return tuple(tuple(part) for part in self.parts)


def _without_tail(stream: Stream, index: int, tail: int) -> Stream:
    """The stream less the first `tail` items set aside before word `index`."""
    aside = dict(stream.aside)
    aside[index] = aside.get(index, ())[tail:]
    return Stream(stream.tokens, aside, stream.after_layout)


def _first_line_start(stream: Stream, span: tuple[int, int]) -> int:
    """The first word of the span that begins a line of its copy (its own lb, or a
    LineStart set aside before it); the span's end when none does."""
    for index in range(*span):
        if stream.tokens[index].lb or any(isinstance(item, LineStart) for item in stream.before(index)):
            return index
    return span[1]


def _variation(streams: dict[str, Stream], spans: dict[str, tuple[int, int]], classify, base: str,
               lines: "_LineWidths") -> list[Segment]:
    """The segments of one point of variation: a Variant, or the words themselves where
    every copy reads them alike. Each copy is aligned with the base on its own, so two
    copies can pair a repeated word ("|" ... "|") with different places of the base, and
    a stretch cut at a block boundary can leave a piece the copies agree on: an app
    there would have one reading."""
    groups = _groups(streams, spans)
    if len(groups) == 1:
        return _run(streams, spans, list(spans))
    return [_variant(streams, spans, classify, base, lines, groups)]


_PARTS, _TEXT = attrgetter("parts"), attrgetter("text")


def _groups(streams: dict[str, Stream], spans: dict[str, tuple[int, int]]) -> list[tuple[tuple, list[str]]]:
    """The copies that read a span alike (the same words, markup and all), each group
    with its words, in the order of their first copy. Compared, never hashed: a part's
    hash is a Python call (a frozen dataclass), its equality mostly identity (one Text
    object a word: tokens._text_part)."""
    groups: list[tuple[tuple, list[str]]] = []
    for sigil, (start, end) in spans.items():
        words = tuple(map(_PARTS, streams[sigil].tokens[start:end]))
        for known, members in groups:
            if known == words:
                members.append(sigil)
                break
        else:
            groups.append((words, [sigil]))
    return groups


def _variant(streams: dict[str, Stream], spans: dict[str, tuple[int, int]], classify, base: str,
             lines: "_LineWidths | None" = None, groups: list[tuple[tuple, list[str]]] | None = None) -> Variant:
    """groups: _groups of the spans (computed here when not given)."""
    groups = groups if groups is not None else _groups(streams, spans)
    members_of = [members for _, members in groups]
    lacking = next(members for members in members_of if base in members)
    others = [words for words, members in groups if base not in members]
    base_words = len(next(words for words, members in groups if base in members))
    if len(others) >= 2 and 2 * base_words < min(len(words) for words in others):
        readings = _nested(streams, spans, lacking, classify)
    else:
        readings = [Reading(tuple(members), tuple(_run(streams, spans, members))) for members in members_of]
    token_lists = [list(streams[m[0]].tokens[slice(*spans[m[0]])]) for m in members_of]
    lost = any(_at_layout(streams[m[0]], spans[m[0]]) for m in members_of
               if spans[m[0]][0] == spans[m[0]][1])
    if not lost:
        counts = [_word_count(tokens) for tokens in token_lists]
        longest = max(counts)
        lines = lines or _LineWidths()
        lost = any(lines.cut_short(streams[m[0]], spans[m[0]]) for m, count in zip(members_of, counts)
                   if count < longest)
    kind = classify(token_lists, lost)
    judge = getattr(classify, "garbled_reading", None)  # a bare classify (tests) judges nothing
    if kind == "ocr" and judge is not None and len(readings) == len(token_lists):
        garbled = judge(token_lists)
        if garbled is None:
            garbled = _stray(streams, spans, members_of, classify)
        if garbled is not None:
            readings[garbled] = _as_unclear(readings[garbled])
    return Variant(kind, tuple(readings))


def _stray(streams: dict[str, Stream], spans: dict[str, tuple[int, int]], members: list[list[str]],
           classify) -> int | None:
    """Of a reading one copy has and the other lacks, its index when it is a stray
    fragment (kinds.VariantTyper.stray_fragment), judged from the words around it.
    members: the copies of each reading."""
    judge = getattr(classify, "stray_fragment", None)
    if judge is None or len(members) != 2:
        return None
    lengths = [spans[m[0]][1] - spans[m[0]][0] for m in members]
    if sorted(lengths)[0] != 0:
        return None
    present = 0 if lengths[0] else 1
    sigil = members[present][0]
    start, end = spans[sigil]
    before = streams[sigil].tokens[start - 1] if start else None
    after = [streams[s].tokens[spans[s][1]] if spans[s][1] < len(streams[s].tokens) else None for s in spans]
    return present if judge(list(streams[sigil].tokens[start:end]), before, after) else None


def _as_unclear(reading: Reading) -> Reading:
    """A reading the other copy shows garbled (kinds.VariantTyper.garbled_reading): its
    words as one illegible span, the OCR's string kept (a correction the reading stage
    guessed for one of them gives way: "westers" is no slip of "western" there; a part
    the copy's own analysis found garbled joins it: "lie mmm heierll" / "him several").
    Left as it is where it holds more than plain words on one line (markup, set-aside
    items, a line break inside)."""
    content = reading.content
    if not all(isinstance(s, Shared) for s in content) or any(s.token.lb or s.breaks for s in content[1:]) \
            or not all(_plain_or_garbled(part) for s in content for part in s.token.parts):
        return reading
    first = content[0].token
    text = " ".join(s.token.text for s in content)
    token = Token(" ".join(s.token.key for s in content), (Unclear(text, "illegible"),), text, first.lb, first.line)
    return Reading(reading.sigils, (Shared(token, content[0].breaks, content[0].starts),))


def _plain_or_garbled(part) -> bool:
    return isinstance(part, (Text, Correction)) or isinstance(part, Unclear) and part.reason == "illegible"


def _nested(streams: dict[str, Stream], spans: dict[str, tuple[int, int]], lacking: list[str],
            classify) -> list[Reading]:
    """Where the base copy (and those reading with it) lacks most of a passage that
    the other copies have in different forms, the others are aligned with one another:
    one reading for all of them, their own differences as apps inside it, beside the
    base's reading. Without this they would be separate readings repeating the passage."""
    sigils = [s for s in spans if s not in lacking]
    inner = align({s: _slice(streams[s], spans[s]) for s in sigils}, classify)
    base_reading = Reading(tuple(lacking), tuple(_run(streams, spans, lacking)))
    return [base_reading, Reading(tuple(sigils), inner.parts[0])]


def _slice(stream: Stream, span: tuple[int, int]) -> Stream:
    """The words of a span as a stream of their own, with what was set aside among them
    (what stands after the last word belongs to the word that follows the span)."""
    start, end = span
    aside = {i - start: items for i, items in stream.aside.items() if start <= i < end}
    return Stream(stream.tokens[start:end], aside)


def _run(streams: dict[str, Stream], spans: dict[str, tuple[int, int]], members: list[str]) -> list[Segment]:
    """One reading's words, shared by `members`, with their set-aside items in place.
    Items before the reading's first word stay inside it; items after its last word
    belong to the next shared word, outside the variant."""
    start, end = spans[members[0]]
    if len(members) == 1:
        return _own_run(streams[members[0]], start, end, members)
    copies = [(s, streams[s].tokens, streams[s].aside, spans[s][0]) for s in members]
    run: list[Segment] = []
    for offset in range(end - start):
        here = []
        for sigil, tokens, aside, begin in copies:
            items = aside.get(begin + offset)
            if items:
                run.extend(Placed(sigil, item) for item in items)
            here.append(tokens[begin + offset])
        run.append(_shared(here[0], members, here))
    return run


def _own_run(stream: Stream, start: int, end: int, members: list[str]) -> list[Segment]:
    """_run of the reading of one copy (most readings, where two copies differ): its words,
    each as it is where it starts no line, with its set-aside items in place."""
    sigil = members[0]
    tokens, aside = stream.tokens, stream.aside
    run: list[Segment] = []
    for index in range(start, end):
        items = aside.get(index)
        if items:
            run.extend(Placed(sigil, item) for item in items)
        token = tokens[index]
        run.append(_shared(token, members, [token]) if token.lb or token.line else _plain_shared(token))
    return run


def _at_layout(stream: Stream, span: tuple[int, int]) -> bool:
    """An empty reading next to a page turn or furniture: words an OCR lost at a page
    top or foot, not words the typist left out."""
    return bool(stream.before(span[0])) or (span[0] == 0 and stream.after_layout)


class _LineWidths:
    """Each stream's line widths, measured once per alignment (a stretch has many
    points of variation, each may ask)."""

    def __init__(self):
        self.measured: dict[int, tuple[dict[int, int], int]] = {}

    def cut_short(self, stream: Stream, span: tuple[int, int]) -> bool:
        """Does the reading hold (or follow) the end of a line of its copy that stops
        short, under CUT_SHARE of the longest line of the copy's stretch, while its block
        goes on on the next line? A typed paragraph's lines run to the margin but its
        last; a line that stops short inside one is a line the OCR cut (a fold, a stamp,
        the scan's edge: 01 reads "Trujillo was irc" where 02 reads the whole "Trujillo
        was incensed at the failure of the United"), and the words its copy lacks there
        were lost with it."""
        tokens = stream.tokens
        start, end = span
        ends = [k for k in range(max(start - 1, 0), min(end, len(tokens) - 1)) if tokens[k + 1].lb]
        if not ends:
            return False
        key = id(tokens)
        if key not in self.measured:
            widths = _line_widths(tokens)
            self.measured[key] = widths, max(widths.values())
        widths, full = self.measured[key]
        return any(widths[_line_of(tokens, k)] < CUT_SHARE * full for k in ends)


def _line_widths(tokens: tuple[Token, ...]) -> dict[int, int]:
    """Each line's characters, by the index of its first word."""
    widths: dict[int, int] = {}
    first = 0
    for index, token in enumerate(tokens):
        if index and (token.lb or token.line):
            first = index
        widths[first] = widths.get(first, -1) + len(token.text) + 1  # the words and a space between each two
    return widths


def _line_of(tokens: tuple[Token, ...], index: int) -> int:
    while index and not (tokens[index].lb or tokens[index].line):
        index -= 1
    return index


def _word_count(tokens: list[Token]) -> int:
    return sum(map(has_alphanumeric, map(_TEXT, tokens)))


def keeps_lines(parts: tuple[tuple[Segment, ...], ...], others: tuple[str, ...]) -> bool:
    """Does every other copy break its line where the structure copy's blocks meet? A block
    boundary is a line break for all copies: a copy that reads on there (its line
    "that States" with "that" ending one merged paragraph and "States" opening the
    next) would come back from the TEI with its line cut in two."""
    for sigil in others:
        spoke, pending = False, False  # words of this copy so far; a boundary not yet met by a break
        for number, part in enumerate(parts):
            pending = pending or (number > 0 and spoke)
            for starts_line in _line_events(part, sigil):
                if pending and not starts_line:
                    return False
                pending, spoke = False, True
    return True


def _line_events(segments, sigil: str):
    """For each word or item of copy `sigil` in order: does a new line begin there?"""
    for segment in segments:
        if isinstance(segment, Shared):
            yield sigil in segment.breaks
        elif isinstance(segment, Placed):
            if segment.sigil == sigil:
                yield not isinstance(segment.item, Surplus)
        else:
            for reading in segment.readings:
                if sigil in reading.sigils:
                    yield from _line_events(reading.content, sigil)
