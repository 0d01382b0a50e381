"""Closing lines of a memo: drafting line, typist's initials, complimentary close."""

from __future__ import annotations

import re

# "IO: HCleveland: mtb", "ARA/CMA:JCHill:tlc", "S/P:WWRostow:jf": office, drafter, typist.
_DRAFTING = re.compile(r"^[A-Z][A-Z/-]{0,9}\s*:\s*[A-Z][A-Za-z'.-]+\s*[:;]\s*[a-z]{2,4}\.?$")
# "JAN/ dia", "RHJ:mb": the typist's reference initials on their own.
_INITIALS = re.compile(r"^[A-Z]{2,4}\s*[/:]\s*[a-z]{2,4}\.?$")
_SALUTE = re.compile(r"^(?:sincerely|sincerely yours|respectfully|respectfully yours|very truly yours|"
                     r"faithfully yours|cordially)\s*[,.;]?$", re.IGNORECASE)


def closer_role(text: str) -> str | None:
    """The closing line's role, or None. Each pattern is tried only where the line holds
    what it must match (most lines: none): a drafting line and initials a colon or a
    slash, a salute its first letter (any case; "\u017f" is a long s, which IGNORECASE
    takes for "s")."""
    text = text.strip()
    if ":" in text or "/" in text:
        if _DRAFTING.match(text):
            return "draftingLine"
        if _INITIALS.match(text):
            return "initials"
    if text[:1] in SALUTE_STARTS and _SALUTE.match(text):
        return "salute"
    return None


SALUTE_STARTS = "sSrRvVfFcC\u017f"


def is_closer_line(text: str) -> bool:
    return closer_role(text) is not None


def looks_like_signature(text: str) -> bool:
    """A name on its own line: at most five words, each capitalised or an initial."""
    words = text.replace(",", " ").split()
    if not 1 <= len(words) <= 5 or re.search(r"\d", text) or text.rstrip().endswith((".", ":", ";")) and len(words) > 3:
        return False
    capitalised = all(w[0].isupper() or w in {"de", "van", "von", "du"} for w in words)
    return capitalised and any(len(w.strip(".'")) > 2 for w in words)
