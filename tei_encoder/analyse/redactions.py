"""Text withheld at release and the traces it leaves, found in a line of OCR text, so
that the TEI can say the gap is deliberate (docs/ENCODING.md, "Redactions"):

- excision statements a release types in place of what it withholds: "[1 line not
  declassified]", "[name not declassified]", "[2 paragraphs (14 lines) not declassified]",
  "[text deleted]", "[excised]";
- FOIA exemption codes in the text or the margin: "(b)(1)", "(b)(3)", "(b)(7)(C)"; and
  the JFK Act's section 6 grounds as the CIA stamps them beside a cut ("JFK Act 6 (1)(B)");
- blacked-out runs, which the OCR reads as block characters or as a row of X's.

Each is a span of the line (every character stays in the TEI); the kind says which, and
the code is the exemption as typed without spaces ("(b)(7)(C)"), when there is one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The OCR may underline the statement's words: "[ <u>1 LINE NOT DECLASSIFIED</u>]".
_EXCISION = re.compile(r"\[\s*[^\[\]\n]{0,60}?\b(?:not\s+declassified|deleted|excised|withheld|redacted|"
                       r"sanitized)(?:\s*</u>)?\s*\]", re.IGNORECASE)
# The subparagraph letter is a capital: "(b)(7)(C)"; "(b)(1) (b)(3)" are two codes.
_FOIA = re.compile(r"\(\s*[bB]\s*\)\s*\(\s*[1-9]\s*\)(?:\s*\(\s*[A-F]\s*\))?")
_JFK = re.compile(r"\bJFK\s+Act\s+6\s*\(\s*[1-5]\s*\)(?:\s*\(\s*[A-E]\s*\))?", re.IGNORECASE)
_BLACKOUT = re.compile(r"[\u2588\u2587\u2586\u25a0\u25ac]{2,}|\bX{5,}\b|\bx{6,}\b")


@dataclass(frozen=True)
class Cut:
    """start, end: the span in the line; kind: excision, exemption or blackout; code:
    the exemption code, or None."""

    start: int
    end: int
    kind: str
    code: str | None = None


def find_cuts(text: str) -> list[Cut]:
    """The redaction traces of a line, in order, never overlapping."""
    found: list[Cut] = []
    for pattern, kind in ((_EXCISION, "excision"), (_FOIA, "exemption"), (_JFK, "exemption"),
                          (_BLACKOUT, "blackout")):
        for match in pattern.finditer(text):
            if any(c.start < match.end() and match.start() < c.end for c in found):
                continue  # a code inside an excision statement belongs to the statement
            code = _code(match.group()) if kind != "blackout" else None
            found.append(Cut(match.start(), match.end(), kind, code))
    return sorted(found, key=lambda c: c.start)


def _code(text: str) -> str | None:
    codes = [re.sub(r"\s+", "", m.group()) for m in _FOIA.finditer(text)]
    codes += ["-".join(m.group().split()) for m in _JFK.finditer(text)]
    return " ".join(codes) or None
