"""Dates as typists wrote them, and as OCR misread them, normalised to ISO 8601."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                  "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
# A misread month name must still look like the month: rapidfuzz ratio against the
# full name, at least this ("Movember" -> November scores 87.5; "Moment" -> May 44).
MONTH_MATCH = 80

_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
# A month name may hold the figures a typeface's letters are misread as ("0ctober",
# "Apri1"), but at least two letters side by side: "105" is no month.
_MONTH = r"(?P<month>(?=[015]?[A-Za-z]{2})[A-Za-z015]{3,10})\.?"
_FIGURE_FOR_LETTER = str.maketrans("015", "ols")
_PATTERNS = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),  # November 13, 1962; Nov. 13, 1962
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b"),  # 13 November 1962
    re.compile(r"\b(?P<nmonth>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>(?:19)?\d\d)\b"),  # 11/13/62
)

# What every match of the first two patterns holds (their year), as a quick test.
_YEAR_FIGURES = re.compile(r"1[89]\d\d|20\d\d")


@dataclass(frozen=True, slots=True)
class FoundDate:
    start: int
    end: int
    when: str


def month_number(word: str) -> int | None:
    word = word.lower().rstrip(".").translate(_FIGURE_FOR_LETTER)
    if word in _ABBREVIATIONS:
        return _ABBREVIATIONS[word]
    if len(word) < 3:
        return None
    best = max(range(12), key=lambda i: fuzz.ratio(word, MONTHS[i]))
    exact_prefix = MONTHS[best].startswith(word) and len(word) >= 3
    if exact_prefix or fuzz.ratio(word, MONTHS[best]) >= MONTH_MATCH:
        return best + 1
    return None


def find_date(text: str) -> FoundDate | None:
    """The first date in the text, with its ISO form; None if there is none."""
    if "/" not in text and not _YEAR_FIGURES.search(text):
        return None  # most lines: no year for the named-month patterns, no slash for 11/13/62
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            when = _iso(match)
            if when:
                return FoundDate(match.start(), match.end(), when)
    return None


def _iso(match: re.Match) -> str | None:
    groups = match.groupdict()
    month = int(groups["nmonth"]) if groups.get("nmonth") else month_number(groups["month"])
    year = int(groups["year"])
    if year < 100:  # a memo's own date line: the memos were typed in the 1900s
        year += 1900
    return iso_day(year, month or 0, int(groups["day"]))


def iso_day(year: int, month: int, day: int) -> str | None:
    """YYYY-MM-DD for a day the calendar has, else None: "2/31/92" is no date, and a
    header must never say it is (xs:date and tei_all refuse it)."""
    if not 1 <= month <= 12 or not 1 <= day <= _days_in(month, year):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def archive_year(year: int) -> int:
    """A two-digit year on an archive's stamp or form (review, release, declassification
    dates, which run from the 1950s on): "92" is 1992, "01" 2001. A memo's own date line
    reads two digits as 19xx instead (see _iso)."""
    if year >= 100:
        return year
    return year + (2000 if year < 50 else 1900)


def _days_in(month: int, year: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31
