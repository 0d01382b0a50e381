"""A record's declassification history, from the marks a release leaves on it: what
each stamp or banner says happened (declassification, review, release, sanitization),
when, on whose authority and by whom, where the OCR left it legible.

The marks and what is parsed from them (the table is in docs/ENCODING.md):
sanitized-version stamps and declassification stamps ("DECLASSIFIED Authority NND ...",
E.O. 12958/13526 blocks, "DECLASSIFY ON"; sanitization or declassification: authority,
reviewer, date and the library's or agency's case number, analyse.case_numbers), State
review stamps and agency concurrences (review: reviewer, date, case number),
"Approved For Release YYYY/MM/DD : CIA-RDP..." heads (release: date, number), the
JFK Act's release banners (release: year) and NARA's "Released under the John F.
Kennedy Assassination Records Collection Act ... Case#: ... Date: ..." stamps (release:
the Act, the case, the date).

A mark that fits none (a reproduction notice, an unreadable stamp) is an event of type
"stamp", with its case number if it has one. Dates are month/day/year as American
archives write them ("4/2/92" is 2 April 1992), year/month/day after a release's
"Approved For Release", or a year alone; a date the OCR garbled ("2 2/-88") is not given.
"""

from __future__ import annotations

import bisect
import re

from rapidfuzz import fuzz

from tei_encoder.analyse.case_numbers import case_number, crest_number
from tei_encoder.analyse.dates import archive_year, iso_day
from tei_encoder.model import Block, BodyItem, HistoryEvent, Line, Mark, PageBreak, Stamp

WORD_SIMILARITY = 75


_JFK_BANNER = re.compile(r"\b((?:19|20)\d\d)\s+RELEASE\s+UNDER\s+THE\s+PRESIDENT\s+JOHN\s+F\.?\s+KENNEDY", re.I)
_JFK_ACT = re.compile(r"Kennedy\s+Assassination\s+Records\s+Collection\s+Act|44\s+USC\s+2107|Case\s*#", re.I)
# "Case#:NW 66000", the number on the next row of the stamp ("Case#:N\\ / 66000").
_CASE = re.compile(r"Case\s*#\s*:?\s*(N[WH\\]?)[\s/]*(\d+)", re.I)
_APPROVED = re.compile(r"Approved\s+For\s+Release\s+((?:19|20)\d\d)/(\d\d)/(\d\d)", re.I)
# A banner's match holds its word ("release", "approved") in lower case once the text is,
# unless a letter of it is one only IGNORECASE takes for an ASCII letter: "\u017f", a
# long s ("\u0130", "\u0131" and "\u212a" stand for i and k, in neither word).
_EO = re.compile(r"\bE\.?\s*O\.?\s*(12958|13526|12356|13292|12065|11652)\b"
                 r"(?:[, ]+(?:Sec(?:tion|\.)?)\s*([\d.()a-z]+))?", re.I)
_REVIEWED_BY = re.compile(r"REVIEWED\s+by\s+([A-Za-z][\w.]*(?:\s+(?!DATE\b)[A-Z][\w.]*)?)", re.I)
_BY = re.compile(r"\bBy\s+([A-Z][\w.]*(?:\s+(?!NARA\b)[A-Z][\w.]*)?)\s+(?:NARA|Date)", re.I)
_STATE_REVIEW = re.compile(r"DEPARTMENT\s+OF\s+STATE|A/CDC/MR|\bREVIEWED\b|NO\s+OBJECTION", re.I)
_MDY = re.compile(r"\b(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})\b")


def classify(text: str) -> HistoryEvent:
    """The event one mark records."""
    if _JFK_BANNER.search(text):
        return HistoryEvent("release", _JFK_BANNER.search(text).group(1),
                            authority="President John F. Kennedy Assassination Records Collection Act of 1992")
    approved = _APPROVED.search(text)
    if approved:
        year, month, day = approved.groups()
        return HistoryEvent("release", _valid(int(year), int(month), int(day)), number=crest_number(text))
    if _JFK_ACT.search(text):
        case = _CASE.search(text)
        return HistoryEvent("release", _date_after(text, "Date"),
                            authority="John F. Kennedy Assassination Records Collection Act of 1992 "
                                      "(44 USC 2107 Note)",
                            number=f"{case.group(1)} {case.group(2)}" if case else None)
    case = case_number(text)
    number = case.group().strip() if case else None
    rest = text[:case.start()] + " " + text[case.end():] if case else text  # its digits are no date
    if _has(text, "SANITIZED"):  # before the others: a sanitized version also says "release"
        return _declassification("sanitization", text, rest, number)
    if _STATE_REVIEW.search(text) or _has(text, "REVIEWED"):
        # A review stamp offers declassify / downgrade boxes: it records the review.
        by = _REVIEWED_BY.search(text)
        return HistoryEvent("review", _date_after(rest, "Date"), reviewer=by.group(1) if by else None, number=number)
    if _EO.search(text) or _has(text, "DECLASSIFIED") or _has(text, "DECLASSIFY") or (case and case["prefix"] == "NND"):
        return _declassification("declassification", text, rest, number)
    return HistoryEvent("stamp", number=number)


def _declassification(kind: str, text: str, rest: str, number: str | None) -> HistoryEvent:
    """A declassification or sanitization stamp: its authority (the executive order and
    section, else the case it names as "Authority", else a NARA project, NND), its
    reviewer ("By SM NARA"), its date, and its case number when that is not the authority."""
    eo = _EO.search(text)
    authority = None
    if eo:
        authority = f"E.O. {eo.group(1)}" + (f", Sec. {eo.group(2)}" if eo.group(2) else "")
    elif number and (number.startswith("NND") or re.search(rf"Authority\W*{re.escape(number)}", text, re.I)):
        authority, number = number, None
    by = _BY.search(text)
    return HistoryEvent(kind, _date_after(rest, "Date"), authority=authority, reviewer=by.group(1) if by else None,
                        number=number)


def _has(text: str, word: str) -> bool:
    """The word, a misreading of it ("SANITIZEO", "SAVITTZED") or a longer word it
    begins ("DECLASSIFICATIO")."""
    return any(fuzz.ratio(token, word) >= WORD_SIMILARITY or token.startswith(word[:8])
               for token in (t.upper() for t in re.findall(r"[A-Za-z]{5,}", text)))


def _date_after(text: str, label: str) -> str | None:
    """The first month/day/year date after the label ("Date: 4/2/92"), or anywhere."""
    at = re.search(rf"\b{label}\b", text, re.I)
    for scope in ((text[at.end():],) if at else ()) + (text,):
        match = _MDY.search(scope)
        if match:
            month, day, year = (int(g) for g in match.groups())
            year = archive_year(year)
            return _valid(year, month, day)
    return None


def _valid(year: int, month: int, day: int) -> str | None:
    return iso_day(year, month, day) if 1900 <= year <= 2100 else None


def banners(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The release banners among a copy's numbered lines: the JFK Act's "YEAR RELEASE
    UNDER THE PRESIDENT ..." and CIA's "Approved For Release" heads, each kind once per
    copy (a running head repeats on every page)."""
    # Each pattern searched once over the lines joined by a character none of them can
    # match (a match stays inside its line, as searched line by line): its first match
    # is on the first line that has one.
    starts, position = [], 0
    for _, line in lines:
        starts.append(position)
        position += len(line) + 1
    joined = "\0".join(line for _, line in lines)
    lowered = joined.lower()
    firsts = []  # (line, kind order) of each kind's first line
    for order, (pattern, needs) in enumerate(((_JFK_BANNER, "release"), (_APPROVED, "approved"))):
        if needs not in lowered and "\u017f" not in lowered:
            continue  # (most copies) not the word every match holds, so no match: no regex scan
        match = pattern.search(joined)
        if match:
            firsts.append((bisect.bisect_right(starts, match.start()) - 1, order))
    return [(lines[at][0], lines[at][1].strip()) for at, _ in sorted(firsts)]


def witness_marks(lines: tuple[Line, ...], items: tuple[BodyItem, ...]) -> tuple[Mark, ...]:
    """A copy's marks in order: its release banners (from its input lines), then its
    stamps (from its analysed items), each with the event it records."""
    found = [Mark("banner", text, classify(text), number)
             for number, text in banners([(line.number, line.text) for line in lines])]
    found += [Mark("stamp", text, classify(text), stamp.line, page) for page, stamp, text in stamps(items)]
    return tuple(found)


def stamps(items: tuple[BodyItem, ...]) -> list[tuple[str, Stamp, str]]:
    """Each stamp region of a copy with the page it is on (the page number as typed, "1"
    before the first break) and its text, row by row ("row one / row two")."""
    found, page = [], "1"
    for item in items:
        for part in item.content if isinstance(item, Block) else (item,):
            if isinstance(part, PageBreak):
                page = part.n
            elif isinstance(part, Stamp):
                text = " / ".join(" ".join(c for c in row if isinstance(c, str)) for row in part.rows)
                found.append((page, part, text))
    return found
