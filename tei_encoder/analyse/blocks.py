"""Stage 3, blocks: page events -> the memo's blocks (dateline, head, opener fields,
paragraphs, closer), with the page furniture left where it falls.

A paragraph that runs over a page keeps the page's furniture and its pb inside it:
a page whose text starts mid-sentence (with a lower-case letter) continues the
paragraph before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from tei_encoder.analyse import garbled, inline
from tei_encoder.analyse.closers import closer_role, looks_like_signature
from tei_encoder.analyse.counts import letters_and_capitals
from tei_encoder.analyse.dates import find_date
from tei_encoder.analyse.furniture import match_key
from tei_encoder.analyse.labels import Numbering, parse_label
from tei_encoder.analyse.pages import BodyLine, PageEvent, Spacing
from tei_encoder.analyse.prose import FUNCTION_WORDS, words
from tei_encoder.analyse.redactions import NO_CUTS, LineCuts, line_context
from tei_encoder.analyse.words import read_runs
from tei_encoder.model import (
    Block,
    DateText,
    Furniture,
    Label,
    PageBreak,
    Stamp,
    Text,
    TextLine,
    parts_text,
)

_OPENER_FIELDS = (
    (re.compile(r"^MEMORANDUM\s+(?:FOR|TO)\b", re.I), "addressee"),
    (re.compile(r"^(?:THROUGH|THRU)\s*:", re.I), "through"),
    (re.compile(r"^FROM\s*:", re.I), "from"),
    (re.compile(r"^TO\s*:", re.I), "to"),
    (re.compile(r"^(?:SUBJECT|SUBJ)\s*:?(?=\s|$)", re.I), "subject"),
    (re.compile(r"^(?:REFERENCES?|REF)\s*:", re.I), "reference"),
    (re.compile(r"^PARTICIPANTS\s*:", re.I), "participants"),
    (re.compile(r"^DATE\s*:", re.I), "date"),
)
# A date line: the date and at most this much else ("Washington, November 13, 1962").
DATELINE_EXTRA_WORDS = 2
# A heading: at most this many words, no sentence end, mostly capitals.
HEAD_MAX_WORDS = 12
HEAD_CAPITALS = 0.7
_HEAD_END = re.compile(r"[.;,]$")
_SENTENCE_END = re.compile(r"[.!?:;]['\")]*$")


def mostly_capitals(lines) -> bool:
    """Is the copy typed in capitals throughout (more than 60 % of its letters)?"""
    letters, capitals = letters_and_capitals("".join(line.text for line in lines))
    return bool(letters) and capitals / letters > 0.6


# A line's opener role and date line are asked by the block rules several times over
# (_continues, _start): the last lines' answers are kept.
@lru_cache(maxsize=64)
def opener_role(text: str) -> str | None:
    if text[:1] not in OPENER_STARTS:
        return None  # most lines: no field's first letter
    return next((role for pattern, role in _OPENER_FIELDS if pattern.match(text)), None)


# The first letters of the opener fields, in either case ("\u017f" is a long s, which
# IGNORECASE takes for "s").
OPENER_STARTS = "MmTtFfSsRrPpDd\u017f"


@lru_cache(maxsize=64)
def is_dateline(text: str) -> bool:
    found = find_date(text)
    if found is None:
        return False
    rest = (text[: found.start] + text[found.end:]).split()
    return len(rest) <= DATELINE_EXTRA_WORDS and all(len(word) <= 12 for word in rest)


# Words after which a sentence must go on, a date being what it goes on with.
_BEFORE_A_DATE = FUNCTION_WORDS | {"dated"}


def _dangles(text: str) -> bool:
    """A line that stops where its sentence cannot end: on a function word or "dated",
    with no closing punctuation ("information contained in Butel to Miami dated")."""
    found = words(text)
    return bool(found) and not _SENTENCE_END.search(text.rstrip()) and found[-1].casefold() in _BEFORE_A_DATE \
        and text.rstrip().endswith(found[-1])


def is_heading(text: str, caps_text: bool = False) -> bool:
    """A title or side heading. In a text typed all in capitals (cables, telegrams)
    capitals say nothing, so only a short line (five words at most) can be one."""
    words = text.split()
    if caps_text and (len(words) > 5 or re.search(r"[,\d]", text)):
        return False  # in a cable, "THIEU, NOW CG 5TH DIV" is a list item
    letters, capitals = letters_and_capitals(text)
    if not (1 <= len(words) <= HEAD_MAX_WORDS) or letters < 4 or _HEAD_END.search(text):
        return False
    return capitals / letters >= HEAD_CAPITALS


# The memo's title: before its first paragraph, a line standing alone (blank lines
# around it), in capitals (TITLE_CAPITALS of its letters), of TITLE_MIN_WORDS to
# TITLE_MAX_WORDS words, with no final stop ("TELEGRAM FROM THE EMBASSY IN VIETNAM TO
# THE DEPARTMENT OF STATE", also in a cable typed all in capitals).
TITLE_MIN_WORDS, TITLE_MAX_WORDS = 3, 30
TITLE_CAPITALS = 0.9


def is_title(text: str) -> bool:
    words = text.split()
    letters = [ch for ch in text if ch.isalpha()]
    if not (TITLE_MIN_WORDS <= len(words) <= TITLE_MAX_WORDS) or re.search(r"[.;,:]$", text) or not letters:
        return False
    return sum(ch.isupper() for ch in letters) / len(letters) >= TITLE_CAPITALS


def _engine_heading(line) -> bool:
    """An OCR engine's heading region (PAGE XML's TextRegion/@type, tesseract's
    ocr_header) is strong evidence, not the only one: the line must still be short and
    not end like a sentence, though it need not be in capitals."""
    words = line.text.split()
    return line.region == "heading" and 1 <= len(words) <= HEAD_MAX_WORDS and not re.search(r"[.;,]$", line.text)


@dataclass
class _Open:
    kind: str
    line: int
    content: list = field(default_factory=list)
    n: str | None = None
    role: str | None = None
    when: str | None = None

    def close(self, words: garbled.WordContext = garbled.NO_CONTEXT) -> Block:
        """The block; loops and garbled spans that run over its line breaks marked (words:
        the memo's repeated words, for the garbled spans)."""
        lines = [part for part in self.content if isinstance(part, TextLine)]
        content = self.content
        if len(lines) > 1:
            texts = [line.parts for line in lines]
            runs = read_runs(texts)  # read once for both passes, unless the loops mark something
            looped = inline.block_loops(texts, runs)
            marked = iter(garbled.block_garbled(looped, words, runs if looped is texts else None))
            content = [TextLine(part.number, next(marked)) if isinstance(part, TextLine) else part
                       for part in self.content]
        return Block(self.kind, tuple(content), self.line, self.n, self.role, self.when)


class BlockBuilder:
    """Groups one copy's body lines into blocks. One instance per copy."""

    def __init__(self, spacing: Spacing, caps_text: bool = False, seen: frozenset[str] = frozenset(),
                 underline: dict[int, tuple[bool, bool]] | None = None):
        self.spacing = spacing
        self.words = garbled.WordContext(seen)  # the source's repeated words, for garbled spans
        self.caps_text = caps_text
        self.numbering = Numbering(caps_text)
        self.items: list = []
        self.pending: list = []  # furniture waiting to know if a paragraph runs over it
        self.current: _Open | None = None
        self.previous_text = ""
        # line -> (continues, runs on): inline.Underlines, paired over all the copy's lines
        self.underline = underline
        self.cuts: dict[int, LineCuts] = {}  # line -> the redactions its neighbours show
        self.body: list[BodyLine] = []  # the copy's body lines, in order
        self.at = 0  # the index in body of the line being read
        self.paragraphs_seen = False

    def build(self, events: list[PageEvent]) -> tuple:
        body = [event for event in events if isinstance(event, BodyLine)]
        if self.underline is None:  # the body lines alone (no copy to pair them over)
            carry = inline.underline_carry([event.line.text for event in body])
            after = carry[1:] + [False]
            self.underline = {event.line.number: flags for event, flags in zip(body, zip(carry, after))}
        context = line_context([event.line.text for event in body])
        # only the lines whose neighbours show a cut (most show none: a large copy's lines
        # are not all kept here twice over)
        self.cuts = {event.line.number: cuts for event, cuts in zip(body, context) if any(cuts)}
        self.body, self.at = body, 0
        for event in events:
            if isinstance(event, BodyLine):
                self._line(event)
                self.at += 1
            else:
                self.pending.append(event)
        if self.current is not None and self.current.kind == "p" and _label_only(self.current):
            self.current = _unlabelled(self.current)
        self._flush()
        self.items.extend(self.pending)
        return _mark_signatures(self.items)

    def _stands_alone(self, body: list[BodyLine], index: int) -> bool:
        """Has body[index] a block gap (or a page edge) on both sides? Asked only of the
        lines before the first paragraph (_title), not of every line. Where every line
        is followed by a blank line (spaced: Apple Vision), blank lines say nothing, and a
        line in capitals stands apart from a neighbour that is not (a title between the
        date line and the first paragraph)."""
        def apart(event: BodyLine, line: str, neighbour: str) -> bool:
            if event.page_start or event.gap > self.spacing.block_gap:
                return True
            return self.spacing.spaced and _in_capitals(line) and not _in_capitals(neighbour)
        event = body[index]
        text = event.line.text
        after = index + 1 == len(body) or apart(body[index + 1], text, body[index + 1].line.text)
        return (index == 0 or apart(event, text, body[index - 1].line.text)) and after

    def _line(self, event: BodyLine) -> None:
        text = event.line.text.replace("\t", " ")
        label = parse_label(text)
        if label is not None:
            label = self.numbering.repaired(label, text[len(label.text):])
        if label is not None and not self.numbering.accept(label, text[len(label.text):]):
            label = None
        role = closer_role(text)
        if self._continues(event, text, label, role):
            self.current.content.extend(self.pending)
            self.current.content.append(TextLine(event.line.number, self._inline(event, text)))
            self.pending = []
        else:
            self._flush()
            self.items.extend(self.pending)
            self.pending = []
            self.current = self._start(event, text, label, role)
        self.previous_text = text

    def _continues(self, event: BodyLine, text: str, label, role) -> bool:
        current = self.current
        if current is None or label is not None or role is not None or event.line.bullet:
            return False
        if current.kind == "p" and _label_only(current):
            return True  # "13." alone on its line: its text is the next line, one paragraph
        if current.kind in ("dateline", "head", "closer"):
            return False
        catches = self._pending_catchwords()
        if current.kind == "p" and any(_starts_with(text, c) and match_key(text) != match_key(c) for c in catches):
            return True  # the catchword at the page foot is repeated here: same paragraph
        # (a catchword that is this whole line, "Background", "Fuller report follows.",
        # says nothing about the paragraph: the rules below decide)
        if text[:1].islower() and current.kind == "p":
            # Mid-sentence: the paragraph goes on, unless the page foot announced a new
            # labelled paragraph that this page does not start with (its top was lost).
            return not any(parse_label(c) is not None for c in catches)
        if event.page_start and current.kind == "p" and not catches and not self._heading(text) \
                and not _SENTENCE_END.search(self.previous_text) and not opener_role(text):
            return True  # the page before stopped mid-sentence ("It would be")
        if current.kind == "p" and is_dateline(text) and _dangles(self.previous_text):
            return True  # "... in Butel to Miami dated" / "October 9, 1959": the sentence goes on
        if event.page_start or event.gap > self.spacing.block_gap:
            return False
        if opener_role(text) or is_dateline(text):
            return False
        if self.spacing.spaced:
            # Every line stands alone here: a paragraph ends where a sentence ends on a
            # short line, or where a heading stands.
            return not (_SENTENCE_END.search(self.previous_text) or self._heading(text))
        return True

    def _heading(self, text: str) -> bool:
        return is_heading(text, self.caps_text)

    def _pending_catchwords(self) -> list[str]:
        """Catchwords in the furniture since the last body line, stamp cells included."""
        found = []
        for item in self.pending:
            cells = [c for row in item.rows for c in row] if isinstance(item, Stamp) else [item]
            found += [c.text for c in cells if isinstance(c, Furniture) and c.kind == "catch"]
        return found

    def _start(self, event: BodyLine, text: str, label, role) -> _Open:
        number = event.line.number
        if label is not None:
            rest = text[len(label.text):]
            n = self.numbering.n_for(label, rest)
            parts = (Label(label.text),) + self._inline(event, rest)
            self.paragraphs_seen = True
            return _Open("p", number, [TextLine(number, parts)], n=n)
        if role is not None:
            return _Open("closer", number, [TextLine(number, (Text(text),))], role=role)
        opener = opener_role(text)
        if opener is not None:
            return _Open("opener", number, [TextLine(number, self._inline(event, text))], role=opener)
        if is_dateline(text):
            found = find_date(text)
            parts = tuple(p for p in (Text(text[: found.start]), DateText(text[found.start:found.end], found.when),
                                      Text(text[found.end:])) if not isinstance(p, Text) or p.text)
            return _Open("dateline", number, [TextLine(number, parts)], when=found.when)
        if (self._heading(text) or _engine_heading(event.line) or self._title(event, text)) and not event.line.bullet:
            return _Open("head", number, [TextLine(number, self._inline(event, text))])
        self.paragraphs_seen = True
        return _Open("p", number, [TextLine(number, self._inline(event, text))])

    def _title(self, event: BodyLine, text: str) -> bool:
        return not self.paragraphs_seen and self._stands_alone(self.body, self.at) and is_title(text)

    def _inline(self, event: BodyLine, text: str) -> tuple:
        """The line's inline parts, with underlines that run over line breaks."""
        continues, runs_on = self.underline.get(event.line.number, (False, False))
        return inline.analyse(text, continues, runs_on, self.cuts.get(event.line.number, NO_CUTS), self.words)

    def _flush(self) -> None:
        if self.current is not None:
            self.items.append(self.current.close(self.words))
            self.current = None


def _mark_signatures(items: list) -> tuple:
    """Short name lines after the last paragraph are the signature."""
    result = list(items)
    for index in range(len(result) - 1, -1, -1):
        item = result[index]
        if not isinstance(item, Block):
            continue
        if item.kind == "closer":
            continue
        lines = [c for c in item.content if isinstance(c, TextLine)]
        if item.kind in ("p", "head") and item.n is None and len(lines) == 1 \
                and looks_like_signature(_plain(lines[0])) and index > 0:
            result[index] = Block("closer", item.content, item.line, role="signed")
            continue
        break
    return tuple(result)


def _unlabelled(block: _Open) -> _Open:
    """A label alone on the copy's last body line, with no text after it: it numbers no
    paragraph (08 ends "SECRET" / "(3)", a mark at the last page's foot), so it is the
    line's text, unnumbered."""
    content = [_label_as_text(part) if isinstance(part, TextLine) else part for part in block.content]
    return _Open("p", block.line, content)


def _label_as_text(line: TextLine) -> TextLine:
    """The line with its Label (and the plain text right after it) as one Text; any
    other part (an underline) kept as it is, so that no character is lost."""
    parts = list(line.parts)
    text = ""
    while parts and isinstance(parts[0], (Label, Text)):
        text += parts.pop(0).text
    return TextLine(line.number, (Text(text),) + tuple(parts))


def _in_capitals(text: str) -> bool:
    letters, capitals = letters_and_capitals(text)
    return bool(letters) and capitals / letters >= TITLE_CAPITALS


def _label_only(block: _Open) -> bool:
    """Does the open block hold a paragraph label and nothing else yet?"""
    lines = [part for part in block.content if isinstance(part, TextLine)]
    if len(lines) != 1 or not isinstance(lines[0].parts[0], Label):
        return False
    return not parts_text(lines[0].parts[1:]).strip()


def _starts_with(text: str, catchword: str) -> bool:
    key, catch = match_key(text), match_key(catchword)
    return bool(catch) and key[: len(catch)] == catch


def _plain(line: TextLine) -> str:
    return parts_text(line.parts)


def page_breaks(items: tuple) -> tuple[PageBreak, ...]:
    found = []
    for item in items:
        if isinstance(item, PageBreak):
            found.append(item)
        elif isinstance(item, Block):
            found.extend(c for c in item.content if isinstance(c, PageBreak))
    return tuple(found)
