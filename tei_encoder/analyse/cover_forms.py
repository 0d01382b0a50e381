"""Other agencies' forms in front of a released record, read field by field where the
OCR left them legible:

- the FBI's FD-263 report cover page: its form number as read, the INVESTIGATIVE PERIOD
  (a date range, "10/9 - 12/28/59": from the 9th of October to the 28th of December
  1959, the first date taking the year of the second when it has none) and the first
  line of REFERENCES (the corpus's CHARACTER OF CASE is too scrambled to pair: not read);
- the government-wide Routing and Transmittal Slip (OPTIONAL FORM 41), as the NSA used
  it: the form's name and revision as read, and the name printed on the slip's FROM
  line (the capitalised name before "OPTIONAL FORM 41").

The lines are the copy's input lines; labels are matched fuzzily (rapidfuzz), values
kept as read. A field the OCR lost is not given.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from tei_encoder.analyse.dates import archive_year, iso_day
from tei_encoder.model import CoverForm

LABEL_SIMILARITY = 80
_FD263 = re.compile(r"\bF\W{0,2}D\W{0,2}-?\s?263\b[^\n]*", re.I)
_OF41 = re.compile(r"OPTIONAL\s+FORM\s+41\b(?:\s*\((?P<rev>Rev\.?[^)]*)\))?", re.I)
_RANGE = re.compile(r"(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?\s*-\s*(\d{1,2})/(\d{1,2})/(\d{2,4})")
_NAME_BEFORE = re.compile(r"([A-Z][A-Z.]+(?:\s+[A-Z]\.?)?(?:\s+[A-Z][A-Z.]+)+)\s+OPTIONAL\s+FORM\s+41")


def read_cover_forms(lines: list[str]) -> list[CoverForm]:
    """The cover forms among a copy's input lines, FD-263 first."""
    found = []
    text = "\n".join(lines)
    # Each form's pattern holds its number's digits, which no case or look-alike changes:
    # a copy without them (most) is not searched.
    fd263 = _FD263.search(text) if "263" in text else None
    if fd263:
        found.append(_fd263(lines, fd263.group().strip()))
    of41 = _OF41.search(text) if "41" in text else None
    if of41:
        fields = {}
        name = _NAME_BEFORE.search(text)
        if name:
            fields["FROM"] = name.group(1)
        form = "OPTIONAL FORM 41" + (f" ({of41.group('rev')})" if of41.group("rev") else "")
        found.append(CoverForm("OF-41", form, fields))
    return found


def _fd263(lines: list[str], form: str) -> CoverForm:
    fields: dict[str, str] = {}
    period = None
    for index, line in enumerate(lines):
        for label in ("INVESTIGATIVE PERIOD", "REFERENCES"):
            if label in fields or not _has_label(line, label):
                continue
            value = _after(line, label) or _next_value(lines, index)
            if value:
                fields[label] = value
            if label == "INVESTIGATIVE PERIOD" and value:
                period = _period(value)
    return CoverForm("FD-263", form, fields, period)


def _has_label(line: str, label: str) -> bool:
    words = re.sub(r"[^A-Za-z ]", " ", line).upper().split()
    size = len(label.split())
    return any(fuzz.ratio(" ".join(words[i:i + size]), label) >= LABEL_SIMILARITY for i in range(len(words)))


def _after(line: str, label: str) -> str:
    """What follows the label on its line, up to the next field's junk: as read."""
    words = line.split()
    size = len(label.split())
    for i in range(len(words)):
        if fuzz.ratio(re.sub(r"[^A-Za-z ]", "", " ".join(words[i:i + size])).upper(), label) >= LABEL_SIMILARITY:
            return " ".join(words[i + size:]).strip(" :;|,")
    return ""


def _next_value(lines: list[str], index: int) -> str:
    for line in lines[index + 1:index + 3]:
        if line.strip():
            return line.strip(" :;|,\"'")
    return ""


def _period(value: str) -> tuple[str, str, str] | None:
    match = _RANGE.search(value)
    if not match:
        return None
    m1, d1, y1, m2, d2, y2 = match.groups()
    year_to = archive_year(int(y2))
    year_from = archive_year(int(y1)) if y1 else year_to
    start, end = iso_day(year_from, int(m1), int(d1)), iso_day(year_to, int(m2), int(d2))
    if start is None or end is None:
        return None
    return (start, end, match.group()) if start <= end else None
