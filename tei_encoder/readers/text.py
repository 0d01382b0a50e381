"""Stage 1, reading: bytes -> checked, normalised text -> witnesses made of lines.

Only what the OCR-to-Markdown converters add as layout is taken off a line here
(indentation, the "- " bullet); everything else stays for the later stages, and
every line keeps its line number in the input file so that problems can be reported
where they are.
"""

from __future__ import annotations

import codecs
import html
import re
import unicodedata
from dataclasses import dataclass, replace

from tei_encoder.errors import InputError
from tei_encoder.model import Line, Source, WitnessText

# A line that says "another copy of the memo starts here". Configurable with --separator.
DEFAULT_SEPARATOR = r"^\W*(?:alternate|second|another|duplicate|next|additional)\s+copy\s+follows\W*$"

# Characters we refuse: those XML 1.0 forbids (controls below U+0020 but TAB, LF and CR;
# surrogates; the noncharacters U+FFFE and U+FFFF), and DEL. A form feed in the file is
# a page break (read_source); as text (an entity, a metadata value) it is refused too.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# The page markers of OCR-to-Markdown converters ("## Page 2", "--- Page 3 ---", "---"):
# layout, not text (ENCODING.md, principle 1).
PAGE_MARKER = re.compile(r"^(?:#{1,6}\s*page\s+\d+|-{2,}\s*page\s+\d+\s*-{2,}|-{3,}|\*{3,}|_{3,})\s*$", re.I)
_BULLET = re.compile(r"^[ \t]*(?:[-*+•][ \t]+)?")
_LAYOUT_START = " \t-*+•"  # a line that starts with none of these has no layout to take off (_BULLET)
# Entities as Markdown converters write them (&amp; &quot; &#39; &nbsp;...).
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_NUMERIC_ENTITY = re.compile(r"&#(\d{1,7}|[xX][0-9a-fA-F]{1,6});")


@dataclass(frozen=True, slots=True)
class ReadOptions:
    encoding: str | None = None  # None: UTF-8 (BOM allowed), checked strictly
    separator: str = DEFAULT_SEPARATOR
    format: str | None = None  # text, hocr, alto or page; None: told from the content (readers.formats)
    dpi: float | None = None  # the scans' resolution, for OCR measured in mm10 or inch1200 (readers.units)


def decode(data: bytes, path: str, encoding: str | None = None) -> str:
    """Decode the input, or raise InputError naming the byte offset and line."""
    if encoding is None:
        if data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8):]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise InputError(path, f"invalid UTF-8 ({exc.reason}); give --encoding if the file uses another encoding",
                             line=line, offset=exc.start) from None
    else:
        try:
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError) as exc:
            raise InputError(path, f"cannot decode as {encoding}: {exc}") from None
    bad = _FORBIDDEN.search(text)
    if bad:
        before = text[: bad.start()]
        line = before.count("\n") + 1
        column = bad.start() - (before.rfind("\n") + 1) + 1
        offset = len(before.encode("utf-8"))
        raise InputError(path, f"U+{ord(bad.group()):04X} is not allowed in OCR text (XML 1.0 forbids it)",
                         line=line, column=column, offset=offset)
    return text


def normalise(text: str) -> str:
    """CRLF and CR to LF, NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def check_entities(part: str, path: str, line: int, column: int = 1) -> None:
    """Refuse a numeric entity for a character XML forbids (&#12;, &#xFFFE;, &#1;):
    decoded it would be the very character the reader refuses in the raw text, and
    html.unescape would drop some of them without a word. `column` is where `part`
    starts in its line."""
    for match in _NUMERIC_ENTITY.finditer(part):
        digits = match.group(1)
        code = int(digits[1:], 16) if digits[:1] in "xX" else int(digits)
        if code == 0 or code > 0x10FFFF or NOT_XML.match(chr(code)):
            raise InputError(path, f"the entity {match.group()} stands for U+{code:04X}, "
                                   "which XML 1.0 does not allow", line=line, column=column + match.start())


def strip_layout(raw: str) -> tuple[str, bool]:
    """Take the converter's layout off one line: indentation and a list bullet.

    Returns the text (entities decoded, trailing space removed, inner tabs kept: they
    are cell boundaries) and whether a bullet was there.
    """
    match = _BULLET.match(raw)
    body = raw[match.end():]
    bullet = match.group().strip() != ""
    if bullet and not body.strip():
        # A lone "-" is text (a dash), not a bullet with nothing after it.
        body, bullet = raw.strip(), False
    if "&" in body:  # an entity needs one (most lines have none: no regex scan)
        body = _ENTITY.sub(lambda m: html.unescape(m.group()), body)
    return body.rstrip(), bullet


def read_source(data: bytes, path: str, options: ReadOptions | None = None) -> Source:
    options = options or ReadOptions()
    text = normalise(decode(data, path, options.encoding))
    lines: list[Line] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        if raw and raw[0] not in _LAYOUT_START and "&" not in raw and "\f" not in raw:
            lines.append(Line(number, raw.rstrip(), False))  # most lines: no layout, entity or form feed
            continue
        start = 1
        for index, part in enumerate(raw.split("\f")):
            if "&" in part:
                check_entities(part, path, number, start)
            start += len(part) + 1
            if index:
                lines.append(Line(number, "\f", False))  # a form feed: a page break marker
            if part or index == 0:
                body, bullet = strip_layout(part)
                lines.append(Line(number, body, bullet))
    while lines and not lines[-1].text:
        lines.pop()
    return Source(path=path, text=text, lines=tuple(lines))


def split_witnesses(source: Source, separator: str = DEFAULT_SEPARATOR) -> list[WitnessText]:
    """Split the file into copies at separator lines; sigla A, B, C... in file order."""
    try:
        pattern = re.compile(separator, re.IGNORECASE)
    except re.error as exc:
        raise InputError(source.path, f"bad separator pattern {separator!r}: {exc}") from None
    parts: list[list[Line]] = [[]]
    separators: list[Line | None] = [None]
    for line in source.lines:
        if line.text and pattern.search(line.text):
            parts.append([])
            separators.append(line)
        else:
            parts[-1].append(line)
    witnesses = []
    for lines, sep in zip(parts, separators):
        if not any(holds_text(line) for line in lines):
            continue  # nothing before the first separator, two in a row, or page markers only
        witnesses.append(WitnessText(sigil=sigil(len(witnesses)), path=source.path,
                                     lines=tuple(lines), separator=sep.text if sep else None))
    if not witnesses:
        raise InputError(source.path, _no_text(source, pattern))
    return witnesses


def holds_text(line: Line) -> bool:
    """Is there text on this line, not only blanks or a page marker?"""
    return bool(line.text.strip()) and line.text != "\f" and not is_page_marker(line.text)


def is_page_marker(text: str) -> bool:
    """Is the line a converter's page marker (PAGE_MARKER)? Every one starts with one of
    "#-*_": most lines are told by their first character, without the regex."""
    return text[:1] in "#-*_" and PAGE_MARKER.match(text) is not None


def _no_text(source: Source, separator: re.Pattern) -> str:
    """Why a file gives no copy: say what it does hold."""
    if not any(line.text.strip() or line.text == "\f" for line in source.lines):
        return "the file holds no text"
    texts = [line.text for line in source.lines if holds_text(line)]
    if texts and all(separator.search(text) for text in texts):
        return (f"the file holds no text: every line matches the separator pattern {separator.pattern!r} "
                "(--separator)")
    return "the file holds no text, only page markers"


def split_copies(sources: list[Source], separator: str = DEFAULT_SEPARATOR) -> list[WitnessText]:
    """The copies of one memo given as several files (each may hold several copies):
    sigla run on across the files in the order given."""
    copies = [copy for source in sources for copy in split_witnesses(source, separator)]
    return [replace(copy, sigil=sigil(index)) for index, copy in enumerate(copies)]


def sigil(index: int) -> str:
    """A, B, ... Z, AA, AB ...: witness sigla in file order."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
