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

# Control characters we refuse: everything below U+0020 except TAB, LF, FF and CR, and DEL.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BULLET = re.compile(r"^[ \t]*(?:[-*+•][ \t]+)?")
# Entities as Markdown converters write them (&amp; &quot; &#39; &nbsp;...).
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


@dataclass(frozen=True, slots=True)
class ReadOptions:
    encoding: str | None = None  # None: UTF-8 (BOM allowed), checked strictly
    separator: str = DEFAULT_SEPARATOR
    format: str | None = None  # text, hocr, alto or page; None: told from the content (readers.formats)


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
        raise InputError(path, f"control character U+{ord(bad.group()):04X} is not allowed in OCR text",
                         line=line, column=column, offset=offset)
    return text


def normalise(text: str) -> str:
    """CRLF and CR to LF, NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


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
    body = _ENTITY.sub(lambda m: html.unescape(m.group()), body)
    return body.rstrip(), bullet


def read_source(data: bytes, path: str, options: ReadOptions | None = None) -> Source:
    options = options or ReadOptions()
    text = normalise(decode(data, path, options.encoding))
    lines: list[Line] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        for index, part in enumerate(raw.split("\f")):
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
        if not any(line.text.strip() for line in lines):
            continue  # nothing before the first separator, or two separators in a row
        witnesses.append(WitnessText(sigil=sigil(len(witnesses)), path=source.path,
                                     lines=tuple(lines), separator=sep.text if sep else None))
    if not witnesses:
        raise InputError(source.path, "the file holds no text")
    return witnesses


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
