"""Paragraph labels as typed ("1.", "I.", "(a)", "(b.)", "a.") and their normal form."""

from __future__ import annotations

import re
from dataclasses import dataclass

_LABEL = re.compile(r"""
    ^(?:
        \((?P<paren_letter>[a-zA-Z])\.?\)            # (a)  (a.)
      | \((?P<paren_number>\d{1,2})\.?\)             # (1)
      | (?P<number>\d{1,2}|[Il])(?:\.{1,2}|,)        # 1.  1..  2,  I. and l. (a one misread)
      | (?P<letter>[a-zA-Z])\.                       # a.  A.
    )(?=\s|$)""", re.VERBOSE)


@dataclass(frozen=True, slots=True)
class ParsedLabel:
    text: str  # as typed
    kind: str  # number, letter, subnumber
    value: str  # "1", "a", "2"


def parse_label(text: str) -> ParsedLabel | None:
    match = _LABEL.match(text)
    if not match:
        return None
    if match.group("paren_letter"):
        return ParsedLabel(match.group(), "letter", match.group("paren_letter").lower())
    if match.group("paren_number"):
        return ParsedLabel(match.group(), "subnumber", match.group("paren_number"))
    if match.group("number"):
        value = match.group("number")
        return ParsedLabel(match.group(), "number", "1" if value in ("I", "l") else str(int(value)))
    return ParsedLabel(match.group(), "letter", match.group("letter").lower())


class Numbering:
    """Normalised @n for labelled paragraphs: "4" for "4.", "4a" for "(a)" after 4.

    Keeps the last paragraph number of one copy; one instance per copy.
    """

    def __init__(self) -> None:
        self.number: str | None = None
        self.letter: str | None = None  # the last sub-paragraph letter under self.number

    def accept(self, label: ParsedLabel, text_after: str) -> bool:
        """Is this label a paragraph label here? A single capital letter is one only
        after a numbered paragraph (else it is an initial: "A. Smith"); "I." is a one
        only where paragraph 1 is due, "l." likewise."""
        if label.kind == "letter" and label.text[-1] == "." and label.value.upper() == label.text[0]:
            return self.number is not None
        if label.kind == "number" and label.text[0] in "Il":
            return self.number is None
        return bool(text_after.strip()) or label.kind != "letter"

    def n_for(self, label: ParsedLabel) -> str:
        if label.kind == "number":
            self.number, self.letter = label.value, None
            return label.value
        if label.kind == "letter":
            if self.letter is not None and label.value <= self.letter and self.number and self.number.isdigit():
                # The letters start again: a new numbered paragraph began whose number
                # the OCR lost ("(a) ... (c)" of 6, then "(a)" again: that is 7a).
                self.number = str(int(self.number) + 1)
            self.letter = label.value
            return f"{self.number or ''}{label.value}"
        base = self.number or ""
        return f"{base}.{label.value}" if base else label.value
