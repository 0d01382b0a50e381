"""Case numbers on declassification and review stamps: the number of the review or
declassification case under which a record was released, as archives write them.

- a presidential library's case: "NL" and the library's letter (NLK the Kennedy
  Library, NLJ Johnson, NLC Carter, NLR Reagan ...), then digit groups, the first the
  year the case was opened: "NLK-98-84", "NLJ 95-123", "NLK-04-12-3-1". The OCR reads
  the L as U, I, 1 or | ("NUK: 98: 84");
- NARA's declassification projects: "NND 959000" (one group of digits);
- a mandatory review: "MR 92-105 #4", "MDR 2010-0125" (an item after "#").

The number is given as read (from its prefix to its last digit or item), so nothing is
made up where the OCR misread it; a number whose digits the OCR turned into letters
("YUK-BA~GH") is not a number.

CIA's CREST document numbers stand in "Approved For Release" heads (analyse.history):
"CIA-RDP", the job (the year it was accessioned, two digits, then a hyphen or a series
letter, then five digits: "80-00810", "80B01676", "79T00975"), the job's letter (A, or R
for a reviewed copy), the box, folder and document (twelve digits) and a check digit
after a hyphen: "CIA-RDP80-00810A004300040001-7", "CIA-RDP80B01676R000100010001-9". The
OCR spaces the parts or drops the hyphens; crest_number gives the number in CREST's own
spelling (the hyphen after the year is there exactly when no series letter is), or None
when the twelve digits are not all legible: a job alone names a box of records, not one.
"""

from __future__ import annotations

import re

# The prefix in capitals: a word before figures in running text ("Mr 92") is not one.
_PREFIX = r"N[LUI1|][A-Z]|NND|MDR|MR"
CASE_NUMBER = re.compile(rf"\b(?P<prefix>{_PREFIX})\s*[-:.]?\s*(?P<groups>\d{{2,7}}(?:\s*[-:~]\s*\d{{1,7}})*)"
                         r"(?:\s*#\s*(?P<item>\d+))?(?!\w)")


_CREST = re.compile(
    r"CIA\s*[-–]?\s*RDP\s*(?P<year>\d\s*\d)\s*[-–]?\s*(?P<series>[A-Z]?)\s*(?P<job>(?:\d\s*){4}\d)"
    r"\s*(?P<letter>[A-Z]?)\s*(?P<item>(?:\d\s*){11}\d)(?:\s*[-–]\s*(?P<check>\d)|(?P<joined>\d))?(?!\d)",
    re.I)


def crest_number(text: str) -> str | None:
    """The CREST document number in a release head, in CREST's spelling, or None."""
    match = _CREST.search(text)
    if not match:
        return None
    year, series, job, letter, item = (re.sub(r"\s+", "", match[name]).upper()
                                       for name in ("year", "series", "job", "letter", "item"))
    check = match["check"] or match["joined"]
    return f"CIA-RDP{year}{series or '-'}{job}{letter}{item}" + (f"-{check}" if check else "")


def case_number(text: str) -> re.Match | None:
    """The first case number in a mark's text, as a match (its span, the prefix, the
    digit groups and the item), or None."""
    return CASE_NUMBER.search(text)
