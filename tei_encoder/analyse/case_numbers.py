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
("YUK-BA~GH") is not a number. CIA's CREST numbers (CIA-RDP...) are read with the
"Approved For Release" heads they stand in (analyse.history).
"""

from __future__ import annotations

import re

# The prefix in capitals: a word before figures in running text ("Mr 92") is not one.
_PREFIX = r"N[LUI1|][A-Z]|NND|MDR|MR"
CASE_NUMBER = re.compile(rf"\b(?P<prefix>{_PREFIX})\s*[-:.]?\s*(?P<groups>\d{{2,7}}(?:\s*[-:~]\s*\d{{1,7}})*)"
                         r"(?:\s*#\s*(?P<item>\d+))?(?!\w)")


def case_number(text: str) -> re.Match | None:
    """The first case number in a mark's text, as a match (its span, the prefix, the
    digit groups and the item), or None."""
    return CASE_NUMBER.search(text)
