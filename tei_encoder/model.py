"""The plain data model between the stages. Frozen dataclasses, no XML here.

Every object that comes from the input keeps the input line number it starts on, so
problems can be reported where they are and the TEI can say where each copy begins.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple, Union

# --- reading --------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Line:
    number: int  # 1-based line number in the input file
    text: str  # the line without indentation or bullet; "" for a blank line; "\f" for a form feed
    bullet: bool = False
    region: str | None = None  # an OCR engine's region type for it (page-number, catch-word, heading)


@dataclass(frozen=True, slots=True)
class Source:
    path: str
    text: str  # decoded, LF, NFC (for OCR engine output: the lines the reader made of it)
    lines: tuple[Line, ...]
    layout: "Layout | None" = None  # where each line stands on its page image (OCR engine output)


# --- page geometry (what an OCR engine's hOCR, ALTO or PAGE XML says about the page) ----
# The readers of those formats give the same Source the text reader gives (its lines,
# blank lines where the geometry shows a gap, a form feed line between the engine's
# pages) plus a Layout: every later stage keeps working on the lines, and the TEI
# builder finds a line's box through its line number.

@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle in page-image pixels: upper left and lower right corners."""

    ulx: int
    uly: int
    lrx: int
    lry: int

    def overlaps(self, other: "Box") -> bool:
        return self.ulx < other.lrx and other.ulx < self.lrx and self.uly < other.lry and other.uly < self.lry

    def inside(self, other: "Box") -> bool:
        return (other.ulx <= self.ulx and other.uly <= self.uly
                and self.lrx <= other.lrx and self.lry <= other.lry)


@dataclass(frozen=True, slots=True)
class WordLayout:
    text: str
    box: Box | None
    confidence: float | None = None  # 0..1, as the engine gave it; None: not given


@dataclass(frozen=True, slots=True)
class LineLayout:
    """One line the engine found: number is the Line.number the reader gave it."""

    number: int
    page: int  # index in Layout.pages
    box: Box | None
    words: tuple[WordLayout, ...] = ()
    confidence: float | None = None  # 0..1: the line's own, else the mean of its words'
    region: str | None = None  # the engine's type for the region holding it (page-number, heading...)
    source_line: int | None = None  # the element's line in the OCR file


@dataclass(frozen=True, slots=True)
class PageLayout:
    """One page image: its size in pixels and its file name when the engine says it.
    unit: "pixel", or the OCR file's own unit (ALTO's mm10, inch1200) when no scale to
    pixels was known (readers.units): then the size and every box are in that unit."""

    width: int
    height: int
    image: str | None
    file: str  # the OCR file the page was read from
    source_line: int | None = None
    unit: str = "pixel"


@dataclass(frozen=True, slots=True)
class Layout:
    """What the OCR engine knew: the format read, the engine, the pages and lines."""

    format: str  # hocr, alto or page
    pages: tuple[PageLayout, ...]
    lines: tuple[LineLayout, ...]
    engine: str | None = None
    engine_version: str | None = None
    date: str | None = None  # ISO date of the OCR run, when the file says it


@dataclass(frozen=True, slots=True)
class WitnessText:
    """One copy's lines, before any analysis."""

    sigil: str
    path: str
    lines: tuple[Line, ...]
    separator: str | None = None  # the separator line that opened this copy


@dataclass(frozen=True, slots=True)
class Canvas:
    """A IIIF canvas a page image is shown on: its id, and the image (or image
    service) the manifest paints on it."""

    id: str
    image: str | None
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class FacsimileOptions:
    """How the TEI links the text to its page images (tei.facsimile).

    zones: "lines" (a zone per line) or "words" (a zone per word as well). image_dir:
    where the page images are (a directory or URL prefix; --images): an image the OCR
    file names is looked up there by its file name, and pages the OCR file names no
    image for take the directory's images in name order (image_files) when there are
    as many as pages. canvases: a IIIF manifest's canvases, in page order (--iiif-manifest).
    """

    zones: str = "lines"
    image_dir: str | None = None
    image_files: tuple[str, ...] = ()
    canvases: tuple[Canvas, ...] = ()


# --- inline content -------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Underline:
    parts: tuple["Inline", ...]
    continues: bool = False  # goes on from an underline opened on the line before (hi holds lb)


@dataclass(frozen=True, slots=True)
class Surplus:
    """An OCR repetition: the repeated text after its first occurrence."""

    text: str


@dataclass(frozen=True, slots=True)
class Unclear:
    text: str
    reason: str  # "illegible" (garbled span) or "noise" (stray marks)
    cert: str | None = None  # low or medium; None: low for illegible (analyse.confidence sets it)
    confidence: float | None = None  # the OCR engine's confidence (0-1) that made it unclear


@dataclass(frozen=True, slots=True)
class DateText:
    text: str  # as the OCR read it, always: alignment and rebuilding read this
    when: str | None  # ISO date, None when the date could not be normalised
    # The same text as Text and Correction parts when reading.correct corrected a word of
    # it (a misread month name: "Movember"); empty otherwise.
    parts: tuple["Text | Correction", ...] = ()


@dataclass(frozen=True, slots=True)
class Label:
    text: str  # the label as typed: "I.", "(a.)"


@dataclass(frozen=True, slots=True)
class Redaction:
    """A trace of text withheld at release (analyse.redactions): kind excision (a
    statement such as "[1 line not declassified]"), exemption (a code such as "(b)(1)"),
    blackout (a blacked-out run the OCR read as junk) or name (a title whose name was
    cut: "Mr, P"); code: the exemption, or None; part: "I" or "F" for the first or last
    piece of a statement split over a line break, else None.
    parts: the OCR's characters, all of them, as inline parts (a statement's own OCR
    slips, "1ine" for "line", are still garbled spans inside it)."""

    parts: tuple["Inline", ...]
    kind: str
    code: str | None = None
    part: str | None = None

    @property
    def text(self) -> str:
        return parts_text(self.parts)


@dataclass(frozen=True, slots=True)
class Correction:
    """An OCR non-word and the word it was taken for (tei_encoder.reading.correct):
    choice/sic/corr. text is the OCR's reading, so that everything that reads a copy
    as typed (alignment, rebuilding) sees the sic; cert is high, medium or low."""

    text: str
    corr: str
    cert: str


Inline = Union[Text, Underline, Surplus, Unclear, DateText, Label, Redaction, Correction]


def plain_text(part) -> str:
    """An inline part's characters as typed (an underline's parts joined). Read a part's
    text only through this (or parts_text): an Underline has no .text of its own, and
    getattr(part, "text", "") silently drops the underlined words."""
    text = getattr(part, "text", None)
    return text if text is not None else "".join(plain_text(p) for p in getattr(part, "parts", ()))


def parts_text(parts) -> str:
    """Inline parts' characters as typed, joined (a line's plain text)."""
    return "".join(plain_text(part) for part in parts)


@dataclass(frozen=True, slots=True)
class TextLine:
    number: int
    parts: tuple[Inline, ...]


# --- page furniture and layout -------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PageBreak:
    n: str  # "2a" as typed (normalised) or "[3]" when inferred
    line: int
    marker: str | None = None  # the converter's page marker ("## Page 3", "---", form feed)


@dataclass(frozen=True, slots=True)
class Furniture:
    """Page furniture: fw. kind is pageNum, catch, classification, archival, header or footer."""

    kind: str
    place: str  # top or bottom
    text: str
    line: int
    correction: str | None = None  # the standard form of a mangled marking ("TOP SECRET")
    noise: str | None = None  # junk the OCR glued to the marking ("Neil")
    run_in: bool = False  # the OCR read it onto the end of a text line (analyse.glued): fw[@rend="run-in"]


@dataclass(frozen=True, slots=True)
class Noise:
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class MarginNote:
    """A line the OCR engine found in the margin (PAGE's marginalia region): an
    annotation beside the text, not part of its flow (note[@place="margin"])."""

    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Stamp:
    """A stamp region: rows of cells; a cell is stamp text or furniture the OCR mixed in."""

    place: str
    rows: tuple[tuple[Union[str, Furniture], ...], ...]
    line: int
    kind: str = "declassification"
    row_lines: tuple[int, ...] = ()  # the input line of each row (for its zone on the page image)


# --- blocks ---------------------------------------------------------------------------

Content = Union[TextLine, PageBreak, Furniture, Noise, MarginNote, Stamp]


@dataclass(frozen=True, slots=True)
class Block:
    """A block of the memo. kind: p, head, dateline, opener, closer.

    role refines it: the opener field (addressee, from, to, subject...), the closer
    part (draftingLine, signed, salute). n is the normalised paragraph number.
    """

    kind: str
    content: tuple[Content, ...]
    line: int
    n: str | None = None
    role: str | None = None
    when: str | None = None


BodyItem = Union[Block, PageBreak, Furniture, Noise, MarginNote, Stamp]


# --- what the archive's forms and marks say (analyse.release, cover_forms, history) ----

@dataclass(frozen=True, slots=True)
class ReleaseForm:
    """An archive's release (identification) form, read field by field.

    fields: label -> value as the OCR has it; form_date: the form's own printing date as
    read (layout 2); layout: 1 ("LABEL : value") or 2 (value under its label). The rest
    are the normal forms of some fields, None (or empty) where the value has none:
    record_number ("176-10031-10069"), when (DATE) and reviewed (DATE OF LAST REVIEW) as
    ISO dates, pages (PAGES as a count), grounds (the JFK Act section 6 codes of
    RESTRICTIONS, "1B"), subjects (SUBJECTS, one per line of the field)."""

    fields: dict[str, str]
    form_date: str | None = None
    layout: int = 1
    record_number: str | None = None
    when: str | None = None
    reviewed: str | None = None
    pages: int | None = None
    grounds: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()

    def get(self, label: str) -> str | None:
        return self.fields.get(label) or None


@dataclass(frozen=True, slots=True)
class CoverForm:
    """Another agency's form in front of the record. kind: "FD-263" or "OF-41"; form:
    its name as read; fields: label -> value as read; period: (from, to) ISO and the
    span of the value it was read from."""

    kind: str
    form: str
    fields: dict[str, str]
    period: tuple[str, str, str] | None = None


@dataclass(frozen=True, slots=True)
class HistoryEvent:
    """What one mark says happened to the record. type: declassification, review,
    release, sanitization or stamp (a mark that says no more); when: ISO date (or
    year) or None; authority, reviewer, number: as read, or None."""

    type: str
    when: str | None = None
    authority: str | None = None
    reviewer: str | None = None
    number: str | None = None


@dataclass(frozen=True, slots=True)
class Mark:
    """A stamp or release banner on a copy, and the event it records. kind: "stamp"
    (a stamp region, on page `page`) or "banner" (a line, `line`); text: as read."""

    kind: str
    text: str
    event: HistoryEvent
    line: int
    page: str | None = None


@dataclass(frozen=True, slots=True)
class Witness:
    """One copy, analysed: its body items in document order and what was found: its
    release form, other agencies' cover forms, the marks of its release history and
    its subject line."""

    sigil: str
    path: str
    first_line: int
    last_line: int
    separator: str | None
    items: tuple[BodyItem, ...]
    pages: tuple[PageBreak, ...]
    form: ReleaseForm | None = None
    covers: tuple[CoverForm, ...] = ()
    marks: tuple[Mark, ...] = ()
    subject: str | None = None  # the subject line without its label (analyse.subject)


@dataclass(frozen=True, slots=True)
class Document:
    """One memo: its copies, read from one file (split at separator lines) or from
    several files given as copies of it."""

    sources: tuple[Source, ...]
    witnesses: tuple[Witness, ...]
    metadata: "Metadata"


@dataclass(frozen=True)
class ReadingOptions:
    """How the reading text is made (tei_encoder.reading). corrections: mark OCR
    non-words near a word as choice/sic/corr; base: the copy substantive readings follow
    (None: the copy whose OCR is most plausible overall). list_index: the corrections
    find the list words near a non-word by the word list's index (reading.correct.
    word_list_index, built once a process: ~20 ms, then ~0.5 ms less a memo), for a
    process that encodes many memos (a batch worker); a speed choice only, the
    corrections are the same either way."""

    corrections: bool = True
    base: str | None = None
    list_index: bool = False


@dataclass(frozen=True)
class Metadata:
    """What the input does not say: from options or a TOML file. None means unknown."""

    title: str | None = None
    author: str | None = None
    repository: str | None = None
    collection: str | None = None
    settlement: str | None = None
    institution: str | None = None
    publisher: str | None = None
    pub_place: str | None = None
    licence: str | None = None
    licence_url: str | None = None
    identifier: str | None = None
    date: str | None = None  # ISO date of the encoding (publication); None: no clock
    schema_href: str = "../schema/tei-memo.xsd"
    rng_href: str = "../schema/tei_all.rng"


# --- collation (the merged form) -----------------------------------------------------
# Copies are aligned block by block, then word by word inside aligned blocks. What is
# not a word (page furniture, stamps, noise, OCR repetitions) is set aside before the
# words are aligned and put back where it stood in its own copy, as a Placed item.

@dataclass(frozen=True, slots=True)
class BlockBreak:
    """Where a copy starts a new block inside a stretch another copy (whose blocks give
    the merged text its structure) paragraphs differently: a milestone of that copy."""

    kind: str
    line: int
    role: str | None = None
    n: str | None = None


@dataclass(frozen=True, slots=True)
class LineStart:
    """A copy's line break that no word carries, because what begins the line was set
    aside from the words (an OCR repetition filling the line): its lb of that copy.
    line: the input line it starts (for the line's facsimile zone)."""

    line: int = 0


Aside = Union[PageBreak, Furniture, Noise, MarginNote, Stamp, Surplus, Unclear, BlockBreak, LineStart]


class Token(NamedTuple):
    """A word as one copy has it: its inline parts (markup kept) and a loose key
    (lower case, no edge punctuation) to align on. lb: a line break precedes it.
    A named tuple, not a dataclass: a memo has thousands, and they are built fast."""

    key: str
    parts: tuple[Inline, ...]
    text: str  # the word as typed, markup aside
    lb: bool = False
    line: int = 0  # the first word of a line: that line's number (its zone, for OCR engine input)
    held: bool = False  # underlined, the underline going on from the line before (its hi holds the lb)


@dataclass(frozen=True, slots=True)
class Placed:
    """Something of one copy only, put back at its position: furniture, a page break,
    a stamp, noise, an OCR repetition (Surplus), or a whole top-level layout item."""

    sigil: str
    item: Aside


@dataclass(frozen=True, slots=True)
class Shared:
    """A word every copy of the context has, the same way. breaks: the copies whose
    line breaks just before it."""

    token: Token
    breaks: tuple[str, ...] = ()
    starts: tuple[tuple[str, int], ...] = ()  # (sigil, line number) of the copies whose line starts here


@dataclass(frozen=True, slots=True)
class Reading:
    """What some copies (sigils) have at a point of variation, as a run they share."""

    sigils: tuple[str, ...]
    content: tuple["Segment", ...]


@dataclass(frozen=True, slots=True)
class Variant:
    """A point where the copies differ: an app. type is ocr, substantive or layout;
    cause is set for a paragraph moved between copies ("transposition"). lem: the index
    of the preferred reading (tei_encoder.reading.choose), None before choosing."""

    type: str
    readings: tuple[Reading, ...]
    cause: str | None = None
    lem: int | None = None


Segment = Union[Shared, Placed, Variant]


@dataclass(frozen=True, slots=True)
class MergedBlock:
    """A block all copies of the context have, of one kind: written once, with its
    differences inside as Variants."""

    kind: str
    content: tuple[Segment, ...]
    sigils: tuple[str, ...]
    n: str | None = None
    role: str | None = None


@dataclass(frozen=True, slots=True)
class BlockReading:
    sigils: tuple[str, ...]
    items: tuple[BodyItem, ...]  # whole blocks and top-level layout of these copies


@dataclass(frozen=True, slots=True)
class BlockVariant:
    """Blocks that differ as a whole (rewritten, added, lost, moved): an app between
    paragraphs whose readings hold whole blocks."""

    type: str
    readings: tuple[BlockReading, ...]
    cause: str | None = None
    lem: int | None = None


MergedItem = Union[MergedBlock, BlockVariant, Placed]


@dataclass(frozen=True, slots=True)
class Collation:
    """The copies of one memo merged: the body as shared blocks, block-level variants
    and each copy's own top-level layout."""

    sigils: tuple[str, ...]
    items: tuple[MergedItem, ...]
    base: str | None = None  # the copy substantive readings follow, once a reading is chosen
