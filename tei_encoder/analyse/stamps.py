"""Stamps: which lines of a page are a declassification or review stamp.

A stamp has a shape: short lines, table cells, checkbox brackets "( )", reviewer
initials ("By DLC"), dates ("8/8/81"), authority citations ("NND 877467", "E.O. 12958").
Its words are the stamp's own: "DECLASSIFIED", "REVIEWED by", "SANITIZED", "A/CDC/MR".
Running prose that mentions a review or a sanitized copy is never a stamp, and a release
form's fields ("DATE OF LAST REVIEW : 8/28/2002") stay the form's.

A line *anchors* a stamp when it has

- a strong stamp word (only stamps use it: declassify, sanitized, A/CDC, NND, E.O. 12958,
  exemptions...) and is not a sentence in ordinary case (`prose.is_lower_case_prose`), or
- a weak one (review, authority, deny, reproduction, no objection: prose uses them too)
  and a stamp's shape (`has_stamp_shape`, or a short line in capitals), and is no prose
  at all (`prose.is_prose`).

FRUS's excision notes ("[less than 1 line not declassified]") are not stamp words.
A stamp is the anchor lines and the lines next to them that have a stamp's shape;
a short line between two such lines (a mangled cell) belongs to it too. It ends at
prose, at a release-form field, or at a line with neither shape nor stamp words.
"""

from __future__ import annotations

import re

from tei_encoder.analyse.forms import is_form_only_field
from tei_encoder.analyse.prose import is_lower_case_prose, is_prose, words

# The stamp words are matched on the lower-cased line, without IGNORECASE, and every
# alternative starts with a literal letter (a word boundary before it is written as a
# look-behind after it: n(?<!\wn)nd is \bnnd): the regex engine then jumps to where one
# of those letters stands instead of trying every alternative at every character, about
# 6x faster on the corpus and dev set, with the same verdict on every line of them.
_STRONG = re.compile(r"""
    declass\w* | downgrad\w* | a/cdc | n(?<!\wn)nd\b | n(?<!\wn)uk\b | n(?<!\wn)lk?\b | f(?<!\wf)pc\b
  | e\.?\s?o\.?\s?(?:12958|13526|12065|11652) | e(?<!\we)o\s+citations | approved\s+for\s+release
  | releas(?:e|ed)\s+(?:in\s+full|in\s+part) | exempt\w* | sanitiz\w* | savittzed
  | classify\s+as | case\s*\#
""", re.VERBOSE)
_WEAK = re.compile(r"""
    review\w* | authority | d(?<!\wd)eny\b | reproduction | no\s+objection
""", re.VERBOSE)
# Either kind, for a line's pre-test: a match in a cell is one in its line (a tab is no
# word character to the look-behinds and \b), and a cell's excision notes are words of
# the line too ("declassified": strong), so a line without a match has no anchor cell.
_STAMP_WORD = re.compile(_STRONG.pattern + "|" + _WEAK.pattern, re.VERBOSE)
# FRUS's notes of what was withheld: "[less than 1 line not declassified]".
_EXCISION = re.compile(r"\[[^\]]*declassified[^\]]*\]?|n(?<!\wn)ot\s+declassified\b")
_SHAPE = re.compile(r"""
    \t                                        # table cells
  | \(\s?\)                                   # checkbox: ( )  ()
  | \b\d{1,2}\s?[/-]\s?[\dlI]{1,2}\s?[/-]\s?[\dlI]{2,4}\b   # a date: 8/8/8l, 11-04-2021
  | \b[A-Z]{2,5}[\s:#-]*\d{2,}                # a citation or case number: NND 877467, NW 66000
  | \bby\s+[A-Za-z]{2,4}\b\s*(?:\t|NARA|date|$)   # reviewer initials: By DLC
  | \bdate\s*:                                # a stamp's date field
""", re.VERBOSE | re.IGNORECASE)
# A line in capitals this short, with a weak stamp word, has a stamp's shape.
SHORT_CAPS_WORDS = 6
# A line with neither shape nor stamp words may stand between two stamp lines when it
# is this short (a mangled cell, initials).
BETWEEN_MAX_WORDS = 4


def _stamp_words(text: str) -> str | None:
    """"strong", "weak" or None: which stamp words the line has, excision notes left out."""
    text = _EXCISION.sub(" ", text.lower())
    if _STRONG.search(text):
        return "strong"
    return "weak" if _WEAK.search(text) else None


def has_stamp_shape(text: str) -> bool:
    return bool(_SHAPE.search(text))


def _short_capitals(text: str) -> bool:
    found = words(text)
    return 0 < len(found) <= SHORT_CAPS_WORDS and all(word.isupper() for word in found if len(word) > 2)


def is_anchor(text: str) -> bool:
    """Does this line start a stamp (see the module docstring)? In a row of table
    cells, one cell is enough ("DECLASSIFIED<tab>Their recommendations are": a stamp
    cell beside a catchword)."""
    if not _STAMP_WORD.search(text.lower()):
        return False  # most lines: no stamp word anywhere in them, so in none of their cells
    return any(_anchor_cell(cell) for cell in text.split("\t"))


def _anchor_cell(text: str) -> bool:
    kind = _stamp_words(text)
    if kind is None or is_form_only_field(text):
        return False
    if kind == "strong":
        return not is_lower_case_prose(text)
    return not is_prose(text) and (has_stamp_shape(text) or _short_capitals(text))


def _extends(text: str) -> bool:
    """Can this line be part of a stamp next to an anchor? A row of cells can when one
    of its cells is neither prose nor the rest of a sentence (lower case: "of the Uni")."""
    if is_form_only_field(text) or text[:1].islower():
        return False
    if "\t" in text:
        return any(cell.strip() and not is_prose(cell) and not cell.strip()[:1].islower()
                   for cell in text.split("\t"))
    return has_stamp_shape(text) and not is_prose(text)


def stamp_spans(lines: list[str]) -> list[tuple[int, int]]:
    """[start, end) ranges of `lines` (one run of adjacent lines) that are stamps."""
    if not _STAMP_WORD.search("\n".join(lines).lower()):
        # No stamp word in the run (most runs), so none on any of its lines (a line's match
        # is one in the joined run: a line break is no word character to \b and the
        # look-behinds, as the line's ends are): no anchor, no stamp.
        return []
    return anchored_spans(lines)


def anchored_spans(lines: list[str]) -> list[tuple[int, int]]:
    """stamp_spans asked line by line: each anchor and the lines around it that extend it."""
    anchors = [is_anchor(text) for text in lines]
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(lines):
        if not anchors[index]:
            index += 1
            continue
        start = index
        floor = spans[-1][1] if spans else 0
        while start > floor and _extends(lines[start - 1]):
            start -= 1
        end = index + 1
        while end < len(lines):
            if anchors[end] or _extends(lines[end]):
                end += 1
            elif end + 1 < len(lines) and _between(lines[end]) and (anchors[end + 1] or _extends(lines[end + 1])):
                end += 2
            else:
                break
        spans.append((start, end))
        index = end
    return spans


def _between(text: str) -> bool:
    return len(text.split()) <= BETWEEN_MAX_WORDS and not is_prose(text) and not is_form_only_field(text)



def stamp_word_count(text: str) -> int:
    """How many stamp words (strong or weak) a text holds, excision notes left out: a
    stamp is dense in them, a paragraph that mentions a review once is not."""
    lowered = _EXCISION.sub(" ", text.lower())
    return len(_STRONG.findall(lowered)) + len(_WEAK.findall(lowered))
