"""A block's content -> the words to align, with everything else set aside.

A token is a whitespace-delimited word with its markup: "Cubans," may be an underlined
"Cubans" glued to a plain ",". Dates, labels and garbled (illegible) spans are single
tokens, whatever their spaces: they are one reading each, and splitting them would split
their element. Page furniture, stamps, noise and OCR repetitions are not words: they are
set aside, remembered as "before token i", and put back there after alignment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tei_encoder.model import (
    Aside,
    Block,
    Correction,
    DateText,
    Inline,
    Label,
    LineStart,
    Redaction,
    Surplus,
    Text,
    TextLine,
    Token,
    Unclear,
    Underline,
)

# Words are split at white space as XML knows it (and XSLT's normalize-space): a no-break
# space is a character of the text, kept in the word it stands in, never a boundary.
XML_WHITESPACE = " \t\r\n"
_XML_SPACE = re.compile(r"[ \t\r\n]+")

_EDGE_PUNCTUATION = re.compile(r"^\W+|\W+$")


@dataclass(frozen=True, slots=True)
class Stream:
    """One copy's block as words. aside[i]: items that stand before tokens[i];
    aside[len(tokens)]: items after the last word. Sparse: most words have none."""

    tokens: tuple[Token, ...]
    aside: dict[int, tuple[Aside, ...]]
    after_layout: bool = False  # the block follows a page break or furniture in its copy

    def before(self, index: int) -> tuple[Aside, ...]:
        return self.aside.get(index, ())

    @property
    def keys(self) -> list[str]:
        return [token.key for token in self.tokens]


# The two tests below are asked of the same few hundred words of a memo over and over
# (each variant's readings, each rule of kinds, the lexicon's keys): a cache hit costs
# a third of the test itself, which is a Python call (and, for a word with punctuation,
# a regex search or a generator).
@lru_cache(maxsize=65536)
def has_letter(text: str) -> bool:
    """Any letter in text (str.isalpha on a character): a word, as opposed to a figure
    or a mark. Most keys are letters only, which str.isalpha tells at once."""
    return text.isalpha() or any(c.isalpha() for c in text)


# A character str.isalnum calls alphanumeric: re's \w is exactly those and "_".
_ALPHANUMERIC = re.compile(r"[^\W_]")


@lru_cache(maxsize=65536)
def has_alphanumeric(text: str) -> bool:
    """Any letter or figure in text (str.isalnum on a character), found in C."""
    return text.isalnum() or _ALPHANUMERIC.search(text) is not None


@lru_cache(maxsize=65536)
def loose_key(text: str) -> str:
    """What two readings must share to be aligned: case and edge punctuation ignored."""
    folded = text.casefold()
    return _EDGE_PUNCTUATION.sub("", folded) or folded


class Streams:
    """Each block's stream, read once for one memo: the lexicon, the relatedness test,
    the collation and the choice of readings all read a block's words, and a block the
    corrections leave alone is the same object throughout. Keyed by the block's identity
    (hashing a block would walk its whole content), the block kept beside its stream."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[Block, Stream]] = {}

    def of(self, block: Block) -> Stream:
        known = self._known.get(id(block))
        if known is None or known[0] is not block:
            known = self._known[id(block)] = (block, stream(block.content))
        return known[1]


def stream(content: tuple) -> Stream:
    builder = _StreamBuilder()
    after_line = False
    for part in content:
        if isinstance(part, TextLine):
            builder.line(part.parts, line_break=after_line, number=part.number)
            after_line = True
        else:
            builder.set_aside(part)
            after_line = False
    return builder.finish()


class _StreamBuilder:
    def __init__(self) -> None:
        self.tokens: list[Token] = []
        self.aside: dict[int, list[Aside]] = {}
        self.word: list[Inline] = []  # parts of the word being read
        self.line_break = False
        self.line_start = 0  # the number of the line whose first word is still to come
        self.held = False  # the line's first word goes on with the underline the line before ended in

    def set_aside(self, item: Aside) -> None:
        self._end_word()
        aside = self.aside.setdefault(len(self.tokens), [])
        if self.line_break:  # the line begins with what is set aside: keep its break
            aside.append(LineStart(self.line_start))
            self.line_break, self.line_start, self.held = False, 0, False
        aside.append(item)

    def line(self, parts: tuple[Inline, ...], line_break: bool, number: int = 0) -> None:
        self._end_word()
        self.line_break = line_break
        self.line_start = number
        self.held = line_break and bool(parts) and isinstance(parts[0], Underline) and parts[0].continues
        for index, part in enumerate(parts):
            if isinstance(part, Text):
                self._plain_text(part.text)
            elif isinstance(part, Underline):
                for inner in part.parts:
                    self._text(_plain(inner), lambda words: Underline((Text(words),)))
            elif isinstance(part, Surplus) or (isinstance(part, Unclear) and part.reason == "noise"):
                if self.word or _glued_to_next(parts, index):
                    self.word.append(part)  # no space between it and a word: part of that word
                else:
                    self.set_aside(part)
            elif isinstance(part, (DateText, Label, Unclear, Redaction, Correction)):
                self.word.append(part)  # atomic: one reading, whatever its spaces
            else:
                raise TypeError(f"no token form for {type(part).__name__}")
        self._end_word()

    def _plain_text(self, text: str) -> None:
        """_text for plain text, the bulk of a memo: whole words become tokens at once;
        only the first and last piece may glue to a neighbouring part."""
        words = xml_words(text)
        if not words:
            self._end_word()
            return
        if text[0] in XML_WHITESPACE:
            self._end_word()
        if len(words) == 1:
            self.word.append(_text_part(words[0]))
        else:
            self.word.append(_text_part(words[0]))
            self._end_word()
            self.tokens.extend(map(_inner_token, words[1:-1]))
            self.word.append(_text_part(words[-1]))
        if text[-1] in XML_WHITESPACE:
            self._end_word()

    def _text(self, text: str, make) -> None:
        """Split text at whitespace; a piece with no space before it glues to the word."""
        for index, piece in enumerate(re.split(r"([ \t\r\n]+)", text)):
            if index % 2:
                self._end_word()
            elif piece:
                self.word.append(make(piece))

    def _end_word(self) -> None:
        if not self.word:
            return
        if len(self.word) == 1:  # the common case: one plain or underlined piece
            parts, text = (self.word[0],), _plain(self.word[0])
        else:
            parts = _joined(self.word)
            text = "".join(_plain(part) for part in parts)
        token = (loose_key(text), parts, text, self.line_break, self.line_start, self.held)
        self.tokens.append(_new_token(Token, token))
        self.word = []
        self.line_break = False
        self.line_start = 0
        self.held = False

    def finish(self) -> Stream:
        self._end_word()
        return Stream(tuple(self.tokens), {i: tuple(items) for i, items in self.aside.items()})


def xml_words(text: str) -> list[str]:
    """A plain text's words, split at XML white space as a stream splits them. In
    printable text (most of it) the only white space is the space: str.split splits it
    alike without a regex. Every other character str.split takes for white space (a tab,
    a no-break space, a form feed, a separator control) is not printable: the regex
    then (tests/test_collate_fast.py)."""
    if text.isprintable():
        return text.split()
    stripped = text.strip(XML_WHITESPACE)
    return _XML_SPACE.split(stripped) if stripped else []


def _glued_to_next(parts: tuple[Inline, ...], index: int) -> bool:
    """Does the part after parts[index] begin a word with no space before it? A repeat or
    noise is set aside between words, with a word space either side in the merged form;
    one with no XML white space between it and a word (a no-break space is not, and the
    analysis splits words at it) stays inside that word, so the copy rebuilds exactly."""
    if index + 1 >= len(parts):
        return False
    following = parts[index + 1]
    if not isinstance(following, (Text, Underline)):
        return True  # a date, a label, another repeat: no text, so no space, between them
    text = _plain(following)
    return bool(text) and text[0] not in XML_WHITESPACE


# Token's own __new__ is a Python function around this one: a memo has thousands.
_new_token = tuple.__new__


@lru_cache(maxsize=65536)
def _inner_token(word: str) -> Token:
    """A plain word between two others of one text piece (no line break before it, no
    markup): the same token wherever it stands, and tokens are immutable."""
    return _new_token(Token, (loose_key(word), (_text_part(word),), word, False, 0, False))


@lru_cache(maxsize=65536)
def _text_part(word: str) -> Text:
    """Text parts are immutable: one object per distinct word is enough."""
    return Text(word)


def _joined(parts: list[Inline]) -> tuple[Inline, ...]:
    """Glue neighbouring plain (or underlined) pieces, so that a word compares equal
    however the inline stage happened to cut it."""
    out: list[Inline] = []
    for part in parts:
        last = out[-1] if out else None
        if isinstance(part, Text) and isinstance(last, Text):
            out[-1] = Text(last.text + part.text)
        elif isinstance(part, Underline) and isinstance(last, Underline):
            out[-1] = Underline((Text(_plain(last) + _plain(part)),))
        else:
            out.append(part)
    return tuple(out)


def _plain(part: Inline) -> str:
    if isinstance(part, Underline):
        return "".join(_plain(p) for p in part.parts)
    return part.text
