"""Paragraph labels as typed ("1.", "I.", "(a)", "(b.)", "a.") and their normal form."""

from __future__ import annotations

import re
from dataclasses import dataclass

_LABEL = re.compile(r"""
    ^(?:
        \((?P<paren_letter>[a-zA-Z])\.?\)            # (a)  (a.)
      | \((?P<paren_number>\d{1,2})\.?\)             # (1)
      | (?P<roman>II|III|IV|VI{0,3}|IX|XI{0,2})\.        # II.  IV.  a section of the memo
      | (?P<number>\d{1,2}|[Il])(?:\.{1,2}|,)        # 1.  1..  2,  I. and l. (a one misread)
      | (?P<letter>[a-zA-Z])\.                       # a.  A.
      | (?P<letter_comma>[a-z]),                      # a,  (the stop misread)
    )(?=\s|$)""", re.VERBOSE)


# Letters an OCR engine reads for a label's figure.
_LOOKALIKE = {"S": "5", "s": "5", "B": "8", "G": "6", "Z": "2", "z": "2", "O": "0", "l": "1", "I": "1", "T": "7"}


@dataclass(frozen=True, slots=True)
class ParsedLabel:
    text: str  # as typed
    kind: str  # number, letter, subnumber, section (roman)
    value: str  # "1", "a", "2"


def parse_label(text: str) -> ParsedLabel | None:
    match = _LABEL.match(text)
    if not match:
        return None
    if match.group("paren_letter"):
        return ParsedLabel(match.group(), "letter", match.group("paren_letter").lower())
    if match.group("paren_number"):
        return ParsedLabel(match.group(), "subnumber", match.group("paren_number"))
    if match.group("roman"):
        return ParsedLabel(match.group(), "section", match.group("roman").lower())
    if match.group("number"):
        value = match.group("number")
        return ParsedLabel(match.group(), "number", "1" if value in ("I", "l") else str(int(value)))
    letter = match.group("letter") or match.group("letter_comma")
    return ParsedLabel(match.group(), "letter", letter.lower())


CAPS_ITEM_WORDS = 4

# A lettered part's heading: a few words, each long word capitalised ("Definitions--",
# "Basic Elements of Policy", "Assistance to Others:"), up to a dash or colon that ends
# it (the part's text may follow on the line), else the whole line, a stop allowed.
# A sentence has a lower-case verb among its first words ("Dulles said that ...").
PART_HEAD_WORDS = 6
_PART_HEAD_END = re.compile(r"\s*(?:-{2,}|[\u2013\u2014]|:)")
_SHORT_WORD = 3  # "of", "to", "and" stay lower case in a title-case heading


def _part_heading(text_after: str) -> bool:
    """Does the text after a capital letter's label read as a part's heading?"""
    text = text_after.strip()
    end = _PART_HEAD_END.search(text)
    head = text[:end.start()] if end else text.rstrip(".")
    words = head.split()
    if not (1 <= len(words) <= PART_HEAD_WORDS) or not words[0][:1].isupper():
        return False
    return all(word[:1].isupper() or len(word.strip(",;\"'()")) <= _SHORT_WORD for word in words)


class Numbering:
    """Normalised @n for labelled paragraphs: "4" for "4.", "4a" for "(a)" after 4.

    Keeps the last paragraph number of one copy; one instance per copy.
    """

    def __init__(self, caps_text: bool = False) -> None:
        self.caps_text = caps_text  # the copy is typed in capitals throughout (a cable)
        self.number: str | None = None
        self.letter: str | None = None  # the last sub-paragraph letter under self.number
        self.section: str | None = None  # the last roman section ("III.")
        self.part: str | None = None  # the last lettered part of that section ("A. Definitions")

    def accept(self, label: ParsedLabel, text_after: str) -> bool:
        """Is this label a paragraph label here? A single capital letter is one only
        after a numbered paragraph (else it is an initial: "A. Smith"); "I." is a one
        only where paragraph 1 is due, "l." likewise."""
        if label.text.endswith(",") and not re.match(r"\s*[A-Z\"'“(]", text_after):
            return False  # "16, 1961": a date broken over lines; a comma label opens a sentence
        if label.kind == "letter" and label.text[-1] == "." and label.value.upper() == label.text[0]:
            # In a cable typed in capitals an initial is rare and the number before the
            # lettered items is often lost with a page top: there a capital letter
            # followed by a clause of CAPS_ITEM_WORDS words or more is a label too.
            return self.number is not None or self._next_part(label, text_after) \
                or (self.caps_text and len(text_after.split()) >= CAPS_ITEM_WORDS)
        if label.kind == "number" and label.text[0] in "Il":
            return self.number is None
        return bool(text_after.strip()) or label.kind != "letter"

    def repaired(self, label: ParsedLabel, text_after: str) -> ParsedLabel:
        """A letter label out of the letters' order that looks like the number due next
        is that number misread ("S." after paragraph 4 is "5.", "B." after 7 is "8.")."""
        if label.kind != "letter" or self.number is None or not self.number.isdigit() \
                or self._next_part(label, text_after):
            return label
        expected = chr(ord(self.letter) + 1) if self.letter else "a"
        if label.value in (expected, chr(ord(expected) + 1)):
            return label
        due = str(int(self.number) + 1)
        if _LOOKALIKE.get(label.text.strip("()")[0]) == due:
            return ParsedLabel(label.text, "number", due)
        return label

    def _next_part(self, label: ParsedLabel, text_after: str) -> bool:
        """Is this a capital letter ("A.", "B.") next in order after a roman section or
        the section's last lettered part, heading a part of the section ("III. Basic
        Elements" / "A. Definitions--"), not an item under the paragraph before it nor
        a name's initial ("A. Dulles said ...")? The first part stands right under its
        section (no numbered paragraph between), and every part names itself with a
        heading (_part_heading)."""
        if self.section is None or label.kind != "letter" or not label.text[:1].isupper() \
                or not label.text.endswith("."):
            return False
        if self.part is None and self.number is not None:
            return False  # "II." / "1. ..." / "A. ...": a capital sub-item of paragraph 1
        due = chr(ord(self.part) + 1) if self.part else "a"
        return label.value == due and _part_heading(text_after)

    def n_for(self, label: ParsedLabel, text_after: str) -> str:
        """The label's @n; text_after is the rest of its line."""
        if label.kind == "section":
            # A roman section ("II. Background"): the paragraphs under it number afresh.
            self.number, self.letter, self.section, self.part = None, None, label.value, None
            return label.value
        if self._next_part(label, text_after):
            # A lettered part of a section ("III." / "A. Definitions--" / "1." "2." /
            # "B. Use--"): the paragraphs under it number afresh too.
            self.number, self.letter, self.part = None, None, label.value
            return label.value
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
