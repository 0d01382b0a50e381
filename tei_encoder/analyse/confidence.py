"""The OCR engine's confidence: a word it was unsure of becomes unclear text.

For input from hOCR, ALTO or PAGE XML every word has the engine's confidence (0-1). A
word below THRESHOLD is written `unclear[@reason="illegible"][@cert]` with the OCR
string kept as its content, so an editor can find the weak spots:

    confidence < LOW         cert="low"
    LOW <= confidence < THRESHOLD   cert="medium"

Why 0.5 and 0.25: on the fixture pages (tesseract on typewritten pages,
tests/fixtures/ocr) 83% of the words score 0.85 or more and 6% below 0.5, of which
about two in three are misreadings, stamp text or specks. ALTO (WC) and PAGE
(TextEquiv/@conf) give confidences on the same 0-1 scale; hOCR's x_wconf is 0-100. A
word already inside a garbled span or another inline part is left as it is. A line
whose words do not spell its text (an engine that edited the line text) is left as it
is too: confidence is only trusted where it is known which word it belongs to.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tei_encoder.model import Block, LineLayout, Text, TextLine, Unclear

THRESHOLD = 0.5
LOW = 0.25
_WORD = re.compile(r"\S+")


def mark_uncertain(items: tuple, lines: dict[int, LineLayout], threshold: float = THRESHOLD) -> tuple:
    """The items with every body line's low-confidence words made Unclear."""
    if not lines:
        return items
    result = []
    for item in items:
        if isinstance(item, Block):
            content = tuple(_line(part, lines.get(part.number), threshold) if isinstance(part, TextLine) else part
                            for part in item.content)
            item = replace(item, content=content)
        result.append(item)
    return tuple(result)


def certainty(confidence: float) -> str:
    return "low" if confidence < LOW else "medium"


def _line(line: TextLine, layout: LineLayout | None, threshold: float) -> TextLine:
    if layout is None or not layout.words:
        return line
    texts = [text_of(part) for part in line.parts]
    joined = "".join(texts)
    if joined.split() != [word.text for word in layout.words]:
        return line
    confidences = [word.confidence for word in layout.words]
    if not any(c is not None and c < threshold for c in confidences):
        return line
    # The word index of every character of the line's text.
    owner = [None] * len(joined)
    for index, match in enumerate(_WORD.finditer(joined)):
        owner[match.start():match.end()] = [index] * (match.end() - match.start())
    parts, offset = [], 0
    for part, text in zip(line.parts, texts):
        if isinstance(part, Text):
            parts.extend(_split(text, offset, owner, confidences, threshold))
        else:
            parts.append(part)
        offset += len(text)
    return TextLine(line.number, tuple(parts))


def _split(text: str, offset: int, owner: list, confidences: list, threshold: float) -> list:
    """A Text part cut at its low-confidence words, each of those an Unclear."""
    parts: list = []
    plain_start = 0
    for match in _WORD.finditer(text):
        index = owner[offset + match.start()]
        confidence = confidences[index]
        if confidence is None or confidence >= threshold:
            continue
        if match.start() > plain_start:
            parts.append(Text(text[plain_start:match.start()]))
        parts.append(Unclear(match.group(), "illegible", certainty(confidence), confidence))
        plain_start = match.end()
    if plain_start < len(text):
        parts.append(Text(text[plain_start:]))
    return parts


def text_of(part) -> str:
    """An inline part's text, markup aside (an underline's parts joined)."""
    if hasattr(part, "text"):
        return part.text
    return "".join(text_of(p) for p in getattr(part, "parts", ()))
