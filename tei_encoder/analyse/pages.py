"""Stage 2, pages: a copy's lines -> pages, and on each page, which lines are furniture.

Page breaks come from explicit markers (form feeds, "## Page N" headers and "---"
rules of Apple Vision OCR, "--- Page N ---") where the copy has any; otherwise from
runs of blank lines that are longer than the copy's own paragraph spacing. A catchword
followed by its repetition also marks a page turn. Then each page's top and foot are
peeled: page numbers, classification markings, archival lines, stamps, catchwords and
noise there are furniture; the rest is the body.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Union

from tei_encoder.analyse import furniture as fw
from tei_encoder.analyse import plausibility
from tei_encoder.analyse.closers import is_closer_line
from tei_encoder.analyse.counts import letters_and_capitals
from tei_encoder.analyse.labels import parse_label
from tei_encoder.analyse.stamps import is_anchor, stamp_spans
from tei_encoder.model import Furniture, Line, MarginNote, Noise, PageBreak, Stamp, WitnessText

_MARKER_PAGE = re.compile(r"^(?:#{1,6}\s*page\s+(?P<n1>\d+)|-{2,}\s*page\s+(?P<n2>\d+)\s*-{2,})\s*$", re.I)
_MARKER_RULE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$")
# How many lines a catchword may stand before its repetition (noise, page numbers between).
CATCH_LOOKAHEAD = 4
# A catchword is short: at most this many words and characters.
CATCH_MAX_WORDS = 6
CATCH_MAX_CHARACTERS = 40
NEXT_START_LINES = 2  # lines of the next page's text a catchword is matched against


@dataclass
class PageLine:
    line: Line
    gap: int  # blank lines before it on its page


@dataclass
class RawPage:
    lines: list[PageLine] = field(default_factory=list)
    marker: str | None = None
    explicit: bool = False  # opened by a marker, not inferred from blank lines


@dataclass(frozen=True, slots=True)
class BodyLine:
    line: Line
    gap: int
    page_start: bool  # the first body line of its page


PageEvent = Union[PageBreak, Furniture, Noise, MarginNote, Stamp, BodyLine]


@dataclass(frozen=True, slots=True)
class Spacing:
    """How this copy separates things: blank lines between paragraphs, and whether
    every line is followed by a blank line (Apple Vision), so blank lines say nothing."""

    paragraph_gap: int
    spaced: bool

    @property
    def block_gap(self) -> int:
        return 1 if self.spaced else 0


def measure_spacing(lines: tuple[Line, ...]) -> Spacing:
    gaps = _gaps(lines)
    nonzero = Counter(g for g in gaps if g > 0)
    paragraph_gap = nonzero.most_common(1)[0][0] if nonzero else 1
    adjacent = sum(1 for g in gaps[1:] if g == 0)
    # "Spaced": fewer than one line in ten follows another without a blank between.
    spaced = len(gaps) > 4 and adjacent < 0.1 * (len(gaps) - 1)
    return Spacing(paragraph_gap, spaced)


def _gaps(lines: tuple[Line, ...]) -> list[int]:
    gaps, blank = [], 0
    for line in lines:
        if not line.text.strip() and line.text != "\f":
            blank += 1
        elif line.text != "\f":
            gaps.append(blank)
            blank = 0
    return gaps


def _is_marker(line: Line) -> bool:
    text = line.text
    # every marker but the form feed starts with one of MARKER_STARTS (most lines: no regex)
    return text == "\f" or text[:1] in MARKER_STARTS and bool(_MARKER_PAGE.match(text) or _MARKER_RULE.match(text))


MARKER_STARTS = "#-*_"  # what a page marker line starts with (or is empty: no marker either)


def split_pages(witness: WitnessText, spacing: Spacing) -> list[RawPage]:
    markers = [_is_marker(line) for line in witness.lines]
    explicit = any(markers)
    threshold = max(2, spacing.paragraph_gap + 1)
    pages = [RawPage(explicit=True)]
    blank, pending = 0, None
    for line, marker in zip(witness.lines, markers):
        if marker:
            pending = line.text if pending is None else f"{pending} {line.text}"
            continue
        if not line.text.strip():
            blank += 1
            continue
        turn = pending is not None if explicit else blank >= threshold
        if turn and pages[-1].lines:
            pages.append(RawPage(marker=pending, explicit=explicit))
        pages[-1].lines.append(PageLine(line, 0 if not pages[-1].lines else blank))
        blank, pending = 0, None
    pages = [page for page in pages if page.lines] or [RawPage()]
    return _split_at_catchwords(pages)


def _split_at_catchwords(pages: list[RawPage]) -> list[RawPage]:
    """A catchword inside a page, repeated a few lines on, is a page turn the blank
    lines did not show (the seed's "continue" ... "continue to receive")."""
    result = []
    for page in pages:
        current = RawPage(marker=page.marker, explicit=page.explicit)
        keys: dict[int, list[str]] = {}  # each line's match key, made once, not once per look back
        for index, entry in enumerate(page.lines):
            # (a line with no gap before it repeats no catchword: most lines, no call)
            if current.lines and entry.gap and _repeats_catchword(page.lines, index, keys):
                result.append(current)
                current = RawPage(marker="catchword")
                entry = PageLine(entry.line, 0)
            current.lines.append(entry)
        result.append(current)
    return result


def _repeats_catchword(lines: list[PageLine], index: int, keys: dict[int, list[str]]) -> bool:
    """Does lines[index] repeat a catchword standing a few lines before it? keys: the
    lines' fw.match_key already made, by index (filled in here)."""
    if lines[index].gap == 0:
        return False

    def key_of(at: int) -> list[str]:
        if at not in keys:
            keys[at] = fw.match_key(lines[at].line.text)
        return keys[at]
    for back in range(1, min(CATCH_LOOKAHEAD, index - 1) + 1):
        candidate = lines[index - back].line.text
        if len(candidate) > CATCH_MAX_CHARACTERS:
            continue  # too long to be a catchword (_looks_like_catchword): most lines, no key made
        catch = key_of(index - back)  # cheap tests first: most lines repeat nothing
        key = key_of(index)
        if catch and key[: len(catch)] == catch and len(key) > len(catch) and _looks_like_catchword(candidate):
            # only page furniture may stand between the catchword and its repetition
            return all(_is_edge_furniture(lines[index - between].line.text) for between in range(1, back))
    return False


def _looks_like_catchword(text: str, capitals: bool = False, marking_like: bool = False) -> bool:
    """Short, with a real word in it, and not a marking, page number or side heading
    ("American Investments" above "American investments in ..."). capitals: a line all
    in capitals may be one (a cable's "BEEN DENIED" at the foot, the next page opening
    "BEEN DENIED ..."); only where the next page's start is known, not inside a page.
    marking_like: a line like a marking may be one (the caller has ruled out a sure marking
    and knows the next page opens with it)."""
    words = text.split()
    if not (0 < len(words) <= CATCH_MAX_WORDS and len(text) <= CATCH_MAX_CHARACTERS) \
            or not re.search(r"[A-Za-z]{2,}", text):
        return False
    title_case = len(words) >= 2 and all(w[:1].isupper() for w in words if w[:1].isalpha())
    if capitals and text.upper() == text:
        title_case = False
    if title_case and parse_label(text) is None:
        return False
    return (marking_like or fw.classification(text) is None) and not fw.page_number(text, allow_bare=True)


def _is_edge_furniture(text: str) -> bool:
    return bool(fw.page_number(text, allow_bare=True) or fw.classification(text)
                or fw.is_archival(text) or fw.is_noise(text))


# --- furniture on each page -----------------------------------------------------------

@dataclass
class _Unit:
    """One line, or a run of lines that together are a stamp."""

    lines: list[PageLine]
    stamp: bool = False


def _units(page: RawPage, spacing: Spacing) -> list[_Unit]:
    runs: list[list[PageLine]] = []
    block_gap = spacing.block_gap
    for entry in page.lines:
        if runs and entry.gap <= block_gap:
            runs[-1].append(entry)
        else:
            runs.append([entry])
    units = []
    for run in runs:
        position = 0
        for start, end in stamp_spans([entry.line.text for entry in run]):
            units.extend(_Unit([entry]) for entry in run[position:start])
            units.append(_Unit(run[start:end], stamp=True))
            position = end
        units.extend(_Unit([entry]) for entry in run[position:])
    return units


class PageAnalyser:
    """Decides, page by page, what is furniture. Holds only this copy's settings."""

    def __init__(self, spacing: Spacing, underlined: frozenset[int] = frozenset()):
        self.spacing = spacing
        self.underlined = underlined  # lines whose <u> tags are markup: typed text, never furniture

    def events(self, pages: list[RawPage]) -> list[PageEvent]:
        analysed = []
        for index, page in enumerate(pages):
            analysed.append(self._page(page, _first_text(pages[index + 1:]), first=index == 0))
        analysed = _merge_empty_pages(analysed)
        return _number_pages(analysed)

    def _page(self, page: RawPage, next_start: list[str], first: bool = False) -> "_Page":
        units = _units(page, self.spacing)
        typed_text = [any(entry.line.number in self.underlined for entry in unit.lines) for unit in units] \
            if self.underlined else [False] * len(units)  # (most copies: no line's tags are markup)
        layout: dict[int, object] = {}
        top = 0
        while top < len(units):
            item = None if typed_text[top] else self._edge_item(units[top], "top", next_start=None, signed=not first)
            if item is None:
                break
            layout[top] = item
            top += 1
        bottom = len(units) - 1
        while bottom >= top:
            item = None if typed_text[bottom] else self._edge_item(units[bottom], "bottom", next_start)
            if item is None:
                break
            layout[bottom] = item
            bottom -= 1
        # a banner on a line is one in the page's lines joined (most pages: none, one search)
        banners = fw.is_banner("\n".join(entry.line.text for entry in page.lines))
        for index in range(top, bottom + 1):  # a stamp, or a standalone marking, in mid-page
            unit = units[index]
            place = "top" if index < len(units) / 3 else "bottom"
            if typed_text[index]:
                continue
            if unit.stamp:
                layout[index] = _stamp(unit, place, next_start)
            elif _engine_margin_note(unit.lines[0].line):
                layout[index] = MarginNote(unit.lines[0].line.text, unit.lines[0].line.number)
            elif banners and fw.is_banner(unit.lines[0].line.text):
                layout[index] = Furniture("archival", place, unit.lines[0].line.text, unit.lines[0].line.number)
            elif _standalone(units, index, self.spacing) or _whole_marking(unit.lines[0].line.text):
                line = unit.lines[0].line
                item = _classification(line, place)
                if item is None and _standalone(units, index, self.spacing) and _stray(line.text):
                    item = Noise(line.text, line.number)
                if item is not None:
                    layout[index] = item
        events: list = []
        typed = None
        for index, unit in enumerate(units):
            if index in layout:
                item = layout[index]
                events.append(item)
                if typed is None and isinstance(item, Furniture) and item.kind == "pageNum":
                    typed = fw.page_number(item.text, allow_bare=True)
            else:
                for entry in unit.lines:
                    events.append(BodyLine(entry.line, entry.gap, False))
        return _Page(events, typed, page.marker, page.lines[0].line.number, page.explicit)

    def _edge_item(self, unit: _Unit, place: str, next_start: list[str] | None, signed: bool = True):
        """signed: a name alone here may be the signature (not at the first page's top,
        where a form's label stands alone: "AGENCY")."""
        if unit.stamp:
            return _stamp(unit, place, next_start)
        line = unit.lines[0].line
        text = line.text
        if _engine_margin_note(line):  # beside the text, not above or below it: the edge goes on past it
            return MarginNote(text, line.number)
        if place == "bottom" and next_start is not None and (_is_catch(text, next_start, line.bullet)
                                                             or _engine_catchword(line)):
            return Furniture("catch", place, text, line.number)
        number = fw.page_number(text, allow_bare=True)
        if number is not None or _engine_page_number(line):
            return Furniture("pageNum", place, text, line.number)
        marking = _classification(line, place)
        if marking is not None:
            return marking
        if fw.is_archival(text):
            return Furniture("archival", place, text, line.number)
        if _engine_running_head(line, place):
            return Furniture("header" if place == "top" else "footer", place, text, line.number)
        if fw.is_noise(text) and not re.search(r"[A-Za-z]{2,}[.,;:!?)\"']$", text) and parse_label(text) is None \
                and not (signed and _name_alone(text)):
            return Noise(text, line.number)
        return None


# An OCR engine's region type (PAGE XML's TextRegion/@type) is strong evidence of what a
# line at a page's edge is, never the only evidence: the line must still look the part.
ENGINE_PAGE_NUMBER_MAX = 12  # characters


def _engine_page_number(line: Line) -> bool:
    """The engine says page-number, and the line is short with a figure in it ("- 2 -",
    "Page 2 of 5"), which the typed-number patterns alone might not take."""
    return line.region == "page-number" and len(line.text) <= ENGINE_PAGE_NUMBER_MAX \
        and bool(re.search(r"\d", line.text))


# A running head or foot is one short line: a typed line is some 65 characters, and a
# line the engine calls header that runs on like a sentence is the memo's own text.
RUNNING_HEAD_MAX = 70  # characters
RUNNING_HEAD_MAX_WORDS = 10


def _engine_running_head(line: Line, place: str) -> bool:
    """The engine says header (at the page's top) or footer (at its foot), and the line
    looks the part: short, not a paragraph's label, not breaking off mid-sentence."""
    if (line.region, place) not in (("header", "top"), ("footer", "bottom")):
        return False
    text = line.text.strip()
    return 0 < len(text) <= RUNNING_HEAD_MAX and len(text.split()) <= RUNNING_HEAD_MAX_WORDS \
        and not text.endswith((",", ";", "-")) and parse_label(text) is None


MARGIN_NOTE_MAX = 50  # characters: a note in a margin is narrow; a typed line is some 65


def _engine_margin_note(line: Line) -> bool:
    """The engine says marginalia, and the line is short enough to stand in a margin;
    a full typed line it calls marginalia is the memo's own text."""
    return line.region == "marginalia" and 0 < len(line.text.strip()) <= MARGIN_NOTE_MAX


def _engine_catchword(line: Line) -> bool:
    """The engine says catch-word, and the line is short words, not a marking or number,
    even where the next page's first words were misread and do not match it."""
    return line.region == "catch-word" and _looks_like_catchword(line.text)


@dataclass
class _Page:
    events: list
    typed: str | None
    marker: str | None
    first_line: int
    explicit: bool

    @property
    def body(self) -> list[BodyLine]:
        return [e for e in self.events if isinstance(e, BodyLine)]


def _standalone(units: list[_Unit], index: int, spacing: Spacing) -> bool:
    gap_before = units[index].lines[0].gap > spacing.block_gap or index == 0
    gap_after = index + 1 == len(units) or units[index + 1].lines[0].gap > spacing.block_gap
    return gap_before and gap_after


def _stray(text: str) -> bool:
    """A stray mark standing alone in mid-page ("om,", "ee,", "Ey,"): noise however it
    ends. Not a name, a word or initials ("RUSK", "Lodge", "CUBA", "WR"): a signature
    or a heading stands alone too."""
    if not fw.is_noise(text) or parse_label(text) is not None or fw.page_number(text, allow_bare=True):
        return False
    if fw.is_scraps(text):
        return True
    words = re.findall(r"[A-Za-z]+", text)
    return not any(len(w) >= 3 or (len(w) > 1 and w.isupper()) for w in words)


# A name alone at a page's edge: one word of NAME_MIN letters or more, in capitals or
# Title case, a word of the list or of a name's shape (plausibility NAME_PLAUSIBLE).
NAME_MIN = 4
NAME_PLAUSIBLE = 0.045


def _name_alone(text: str) -> bool:
    """"RUSK", "Lodge": the signature that opens or closes the last page, not a stray
    mark ("FIS", "Oita" stay noise)."""
    word = text.strip().strip(".,;:")
    if len(word) < NAME_MIN or not word.isalpha() or not (word.isupper() or word.istitle()):
        return False
    if plausibility.is_word(word):
        return True
    score = plausibility.word_plausibility(word)  # None: no Latin letter ("Ñęýĭ"), the model cannot tell
    return score is not None and score >= NAME_PLAUSIBLE


def _whole_marking(text: str) -> bool:
    """A line in capitals that is a marking and nothing else ("SECRET", "SECR-ET", "EYES
    ONLY"): furniture wherever it stands, even where blank lines say nothing (Apple
    Vision puts one after every line)."""
    if len(text) > 40:
        return False
    letters, capitals = letters_and_capitals(text)
    return bool(letters) and capitals == letters and fw.sure_marking(text)


def _classification(line: Line, place: str) -> Furniture | None:
    found = fw.classification(line.text)
    if found is None:
        return None
    standard, typed, junk = found
    correction = standard if fw.match_key(typed) != fw.match_key(standard) else None
    return Furniture("classification", place, typed, line.number, correction=correction, noise=junk or None)


def _is_catch(text: str, next_start: list[str], bullet: bool = False) -> bool:
    """A catchword: the next page starts with these words; or a short line that starts
    with a paragraph label ("(b) From the"): the typist's cue for the next paragraph."""
    key = fw.match_key(text)
    label = parse_label(text)
    if key and label is not None and text.strip() == label.text and next_start[: len(key)] == key:
        return True  # "2." alone at the foot, the next page opening "2. ..."
    opens_next = bool(key) and next_start[: len(key)] == key and len(next_start) > len(key)
    if opens_next and label is not None and len(key) <= CATCH_MAX_WORDS and len(text) <= 40:
        return True  # a label and its first words ("C. M." above "C. M. GENERAL MAI ...")
    if opens_next and len(key) >= 2 and text.upper() == text and not fw.sure_marking(text) \
            and _looks_like_catchword(text, capitals=True, marking_like=True):
        return True  # in a cable, "TROOPS ARE" above "TROOPS ARE DEPLOYED": not "TOP SECRET" misread
    if not key or not _looks_like_catchword(text, capitals=True):
        return False
    if opens_next:
        return True
    return label is not None and label.kind == "letter" and len(key) <= 4 and len(text) > len(label.text) + 2


def _stamp(unit: _Unit, place: str, next_start: list[str] | None) -> Stamp:
    rows = []
    for entry in unit.lines:
        cells = []
        for cell in (c.strip() for c in entry.line.text.split("\t")):
            if not cell:
                continue
            if next_start is not None and _is_catch(cell, next_start):
                cells.append(Furniture("catch", place, cell, entry.line.number))
            elif fw.page_number(cell, allow_bare=True):
                cells.append(Furniture("pageNum", place, cell, entry.line.number))
            else:
                cells.append(cell)
        rows.append(tuple(cells))
    return Stamp(place, tuple(rows), unit.lines[0].line.number,
                 row_lines=tuple(entry.line.number for entry in unit.lines))


def _first_text(following: list[RawPage]) -> list[str]:
    """The words the text of the pages after this one starts with (after furniture): its
    first NEXT_START_LINES lines of text, so that a catchword may repeat a whole line
    ("Fuller report follows.", a heading "Background") and still be followed by more."""
    words: list[str] = []
    taken = 0
    for page in following:
        for entry in page.lines:
            text = entry.line.text
            if taken and not text.strip():
                continue
            if not taken and (_is_edge_furniture(text) or is_anchor(text) or _engine_aside(entry.line)):
                continue
            words += fw.match_key(text)
            taken += 1
            if taken == NEXT_START_LINES:
                return words
    return words


def _engine_aside(line: Line) -> bool:
    """A line the engine puts beside the text, as the page analysis will take it: a
    running head, a page number, a marginal note (the next page's text starts after)."""
    return _engine_running_head(line, "top") or _engine_page_number(line) or _engine_margin_note(line)


def _merge_empty_pages(pages: list[_Page]) -> list[_Page]:
    """A "page" with no text (only furniture or noise: a page number above a gap) is
    the top of the next page; a last page holding only a closing line (drafting line,
    initials) below a gap is the foot of the page before."""
    merged: list[_Page] = []
    carry: _Page | None = None
    for page in pages:
        if carry is not None:
            page = _Page(carry.events + page.events, page.typed or carry.typed,
                         carry.marker or page.marker, carry.first_line, carry.explicit or page.explicit)
            carry = None
        if not page.body:
            carry = page
            continue
        merged.append(page)
    if carry is not None:
        if merged:
            last = merged[-1]
            merged[-1] = _Page(last.events + carry.events, last.typed, last.marker, last.first_line, last.explicit)
        else:
            merged.append(carry)
    if len(merged) > 1 and not merged[-1].explicit and merged[-1].marker != "catchword" and not merged[-1].typed \
            and all(is_closer_line(b.line.text) for b in merged[-1].body):
        last, previous = merged.pop(), merged.pop()
        merged.append(_Page(previous.events + last.events, previous.typed, previous.marker,
                            previous.first_line, previous.explicit))
    return merged


def _number_pages(pages: list[_Page]) -> list[PageEvent]:
    """Each page gets its pb: the typed number where there is one, else the number
    after the previous page's, in brackets."""
    events: list[PageEvent] = []
    previous: str | None = None
    for page in pages:
        typed = page.typed if _plausible(page.typed, previous) else None
        n = typed or f"[{_next_number(previous)}]"
        previous = n
        events.append(PageBreak(n, page.first_line, page.marker))
        first_body = True
        for event in page.events:
            if first_body and isinstance(event, BodyLine):
                # the page's first body line; the others stay as _page made them (page_start False)
                event = BodyLine(event.line, event.gap, True)
                first_body = False
            events.append(event)
    return events


# A typed page number may jump ahead (pages withheld from a release) by at most this.
MAX_PAGE_JUMP = 6


def _plausible(typed: str | None, previous: str | None) -> bool:
    """A typed number is taken as the page's number unless it is out of sequence
    (an "64" at a page foot is a stray figure, not page 64 after page 3)."""
    if typed is None:
        return False
    digits = re.match(r"\d+", typed)
    return digits is not None and int(digits.group()) <= _next_number(previous) + MAX_PAGE_JUMP


def _next_number(previous: str | None) -> int:
    if previous is None:
        return 1
    digits = re.match(r"\[?(\d+)", previous)
    return int(digits.group(1)) + 1 if digits else 1
