"""Recognisers for page furniture: one small function per kind, each with its regex.

They look at one line (or one tab-separated cell) and say what it is. Where on the
page a line may be furniture is decided by pages.py, not here.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from tei_encoder.analyse import plausibility
from tei_encoder.analyse.counts import alphanumerics

# Compiled once: these run on every line of every page.
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_NOT_LETTER_OR_SPACE = re.compile(r"[^A-Za-z ]")
_UNDERLINE_TAG = re.compile(r"</?u>")
_NOT_WORD_OR_SPACE = re.compile(r"[^\w\s]")

# "-2-", "-2a-", "- 3 -", "=2=", "- 5-", "-1.", "~2s"? no: "Page 4", "PAGE 2 OF 5", and a
# bare "2" (pages.py accepts the bare form only as a lone line at a page edge).
_PAGE_NUMBER = re.compile(r"""
    ^\s*(?:
        (?P<deco>[-=~_]+)\s*(?P<n1>\d{1,3}[a-z]?)\s*[-=~_.]*      # -2-  =2=  - 3 -  -1.
      | (?:page|pg\.?)\s+(?P<n2>\d{1,3}[a-z]?)(?:\s+of\s+\d{1,3})?   # Page 4, Page 2 of 5
      | (?P<n3>\d{1,3}[a-z]?)\s*[-=~_]+                             # 2-
      | (?P<bare>\d{1,2}[a-z]?)                                      # 2
    )\s*$""", re.VERBOSE | re.IGNORECASE)


def page_number(text: str, allow_bare: bool = False) -> str | None:
    """The normalised page number a page-number line gives ("-2a-" -> "2a"), or None."""
    match = _PAGE_NUMBER.match(text)
    if not match:
        return None
    if match.group("bare") and not allow_bare:
        return None
    number = match.group("n1") or match.group("n2") or match.group("n3") or match.group("bare")
    return number.lower().lstrip("0") or "0"


# Security classification markings, in the standard form the header uses.
CLASSIFICATIONS = ("TOP SECRET", "SECRET", "CONFIDENTIAL", "EYES ONLY", "NOFORN",
                   "LIMITED OFFICIAL USE", "LIMIT DISTRIBUTION", "OFFICIAL USE ONLY")
# Ranking for the header's "highest level".
LEVELS = {"TOP SECRET": 4, "SECRET": 3, "CONFIDENTIAL": 2, "LIMITED OFFICIAL USE": 1,
          "OFFICIAL USE ONLY": 1}
# Fuzzy thresholds (rapidfuzz ratio, 0-100) on the letters of the line, upper-cased.
STRONG_MATCH = 80  # any case: "seeRet", "SECREY", "EVES ONLY", "S-E-C-R-E-T"
CAPS_MATCH = 60  # only for an all-capitals line: "TOT MORET", "BECREN"


def classification(text: str) -> tuple[str, str, str] | None:
    """(standard form, the marking as typed, trailing junk) if the line is a marking.

    A line that starts with a marking and has one short junk word after it
    ("TOP SECRET Neil") is a marking with noise glued on. A stray mark before it
    ("; EYES ONLY") and two markings on one line ("EYES ONLY S-EC-R-E-T") are the
    marking as typed, whole.
    """
    if len(text) > 40 or not _ASCII_LETTER.search(text):
        return None
    tokens = text.split()
    both = _two_markings(tokens)
    if both:
        return both, text, ""
    candidates = [(text, "")]
    if len(tokens) >= 2 and len(tokens[-1]) <= 5:
        candidates.insert(0, (" ".join(tokens[:-1]), tokens[-1]))
    for typed, junk in candidates:
        standard = _best_marking(typed, strict=bool(junk))
        if standard:
            return standard, typed, junk
    standard = _marking_after_mark(tokens)
    return (standard, text, "") if standard else None


def sure_marking(text: str) -> bool:
    """Is the whole line a marking beyond doubt (ratio >= 95, or a spaced form, or
    two such markings), not just like one ("SUBJECT" is not "SECRET")?"""
    tokens = text.split()
    return bool(tokens) and bool(_best_marking(text, strict=True) or _marking_after_mark(tokens)
                                 or _two_markings(tokens))


def _marking_after_mark(tokens: list[str]) -> str | None:
    """A marking after a stray mark of at most 3 characters ("; EYES ONLY", "woe EYES
    ONLY"): the line, mark and all, is the marking as typed."""
    if len(tokens) >= 2 and len(tokens[0]) <= 3 and not tokens[0].isupper():
        return _best_marking(" ".join(tokens[1:]), strict=True)
    return None


def _two_markings(tokens: list[str]) -> str | None:
    """Two markings on one line ("EYES ONLY S-EC-R-E-T"): the higher one stands for both."""
    found = []
    for cut in range(1, len(tokens)):
        first = _best_marking(" ".join(tokens[:cut]), True)
        second = first and _best_marking(" ".join(tokens[cut:]), True)  # (most first halves are none)
        if first and second:
            found += [first, second]
    return max(found, key=lambda form: LEVELS.get(form, 0)) if found else None


def _best_marking(typed: str, strict: bool) -> str | None:
    letters = _NOT_LETTER_OR_SPACE.sub("", typed)  # letters and spaces only
    compact = letters.replace(" ", "")
    if len(compact) < 4:
        return None
    if compact.upper() in {"SECRET", "TOPSECRET"}:  # spaced forms: S-E-C-R-E-T
        return "SECRET" if compact.upper() == "SECRET" else "TOP SECRET"
    key = " ".join(letters.upper().split())  # one space between words
    # The best form, if it scores at least 95 or (not strict) STRONG_MATCH, or CAPS_MATCH
    # in capitals: rapidfuzz scores all the forms in one call and keeps those over the
    # cutoff (most lines: none); of those the best score, then the last form in
    # alphabetical order, as a max over (score, form).
    cutoff = 95 if strict else CAPS_MATCH if compact.isupper() else STRONG_MATCH
    found = process.extract(key, CLASSIFICATIONS, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
    return max((score, form) for form, score, _ in found)[1] if found else None


_BANNER = r"""
    releas(?:e|ed)\s+under\s+the\s+(?:president|john\s+f) | assassination\s+records?\s+(?:collection\s+)?act
  | doc\s?[il1]d\s?: | doc\s+ref\s+id
"""
# Lines the archive printed on the page: control numbers, record numbers, catalogue dates,
# release banners, scan footers, and the CIA's stamp on the copies it lends for a review
# ("RETURN TO CIA / Background Use Only / Do Not Reproduce", one line each), a handling
# notice added to the record, not a heading of the memo.
_ARCHIVAL = re.compile(r"""
    ^\W*(?:
        \d{4,6}                                   # control number: 01169
      | \d{3}-\d{5}-\d{5}\W*                      # record number: 176-10033-10152
      | \d{4}/\d{1,2}/\d{1,2}                     # catalogue date: 1962/11/13
      | \d{1,2}-0{5}                              # CIA file codes: 1-00000
      | docid-?\d+                                # DOCID-32629330
      | return\s+to\s+cia | background\s+use\s+only | do\s+not\s+reproduce
    )\W*$
  | """ + _BANNER, re.VERBOSE | re.IGNORECASE)
_ARCHIVAL_LOWER = re.compile(_ARCHIVAL.pattern, re.VERBOSE)  # its letters are all lower case
_BANNER_LINE = re.compile(_BANNER, re.VERBOSE | re.IGNORECASE)
_BANNER_LOWER = re.compile(_BANNER, re.VERBOSE)  # its letters are all lower case


def is_archival(text: str) -> bool:
    if text.isascii():  # (most lines) the same match on the line in lower case, without IGNORECASE (as is_banner)
        return bool(_ARCHIVAL_LOWER.search(text.lower()))
    return bool(_ARCHIVAL.search(text))


def is_banner(text: str) -> bool:
    """A release banner or scan footer the archive printed ("Released under the John F.
    Kennedy Assassination Records Collection Act", "DocId: 32629330"): furniture wherever
    it stands, its words being the archive's own."""
    if text.isascii():  # (most lines) the same match on the line in lower case, without IGNORECASE: twice as fast
        return bool(_BANNER_LOWER.search(text.lower()))
    return bool(_BANNER_LINE.search(text))


_WORD = re.compile(r"[A-Za-z]{2,}")


def is_noise(text: str) -> bool:
    """A stray mark the OCR read as text: very short, or mostly not letters.

    Thresholds: at most 6 characters and at most 2 tokens ("whoir", "ì", "P This"), a line
    of scraps (is_scraps: "wt ie cae"), or under 40 % letters and digits over the whole
    line ("} _t", ". ;").
    """
    stripped = text.strip()
    if not stripped:
        return False
    if len(stripped) <= 6 and len(stripped.split()) <= 2 or is_scraps(stripped):
        return True
    return alphanumerics(stripped) / len(stripped) < 0.4


# A line of scraps: at most SCRAPS_MAX tokens, each at most 3 lower-case letters (edge
# punctuation aside) and no common word (Zipf frequency under SCRAP_ZIPF, or no word at
# all): "wt ie cae", "ae ei". A line of short common words ("to be", "of it") is text.
SCRAPS_MAX = 3
SCRAP_ZIPF = 4.5
_SCRAP = re.compile(r"^\W*([a-z]{1,3})\W*$")


def is_scraps(text: str) -> bool:
    tokens = text.split()
    if not 2 <= len(tokens) <= SCRAPS_MAX:
        return False
    for token in tokens:
        match = _SCRAP.match(token)
        zipf = plausibility.short_word_zipf(match.group(1)) if match else None
        if not match or zipf is not None and zipf >= SCRAP_ZIPF:
            return False
    return True


def match_key(text: str) -> list[str]:
    """Words for comparing a catchword with the next page's start: case, markup and
    punctuation do not count."""
    if "<" in text:
        text = _UNDERLINE_TAG.sub("", text)
    return _NOT_WORD_OR_SPACE.sub(" ", text.lower()).split()  # (split leaves no empty word)
