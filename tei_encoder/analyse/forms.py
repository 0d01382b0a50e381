"""Release forms: the identification form an archive puts before a released document
(the JFK collection's "JFK Assassination System Identification Form", RIF) is archival
metadata, not the memo. Its blocks become blocks of kind "form" (written as
ab[@type='releaseForm']), so that they give the memo neither its title nor its date.

A block is part of a form when it names the form ("Identification Form"), or when at
least half its lines are form fields or short values and one of them is a field only
such forms have (RECORD NUMBER, AGENCY FILE NUMBER, DATE OF LAST REVIEW...), read
fuzzily (rapidfuzz ratio >= FIELD_SIMILARITY: "CLASSIFICATIO!", "DATE OF LASTREVIEW"). SUBJECTS
is left out: it reads too much like a memo's own SUBJECT.
Blocks between two form blocks that are fields, short values or one or two lines (a
value on a line of its own, the form's FROM : and TO :, a long title) belong to it.
The memo's own header fields (FROM, TO, SUBJECT, DATE) are not enough: a memo has them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rapidfuzz import fuzz, process

from tei_encoder.model import Block, PageBreak, Stamp, TextLine, parts_text

FORM_ROLE = "releaseForm"
FIELD_SIMILARITY = 85
SHORT_VALUE_WORDS = 5
FORM_ONLY_FIELDS = ("AGENCY", "RECORD NUMBER", "RECORD SERIES", "RECORDS SERIES", "AGENCY FILE NUMBER",
                    "ORIGINATOR", "PAGES", "DOCUMENT TYPE", "CLASSIFICATION", "RESTRICTIONS", "CURRENT STATUS",
                    "DATE OF LAST REVIEW", "OPENING CRITERIA", "COMMENTS", "AGENCY INFORMATION",
                    "DOCUMENT INFORMATION")
_TITLE = re.compile(r"identification\s+form|assassination\s+system", re.IGNORECASE)
_FIELD = re.compile(r"^\W{0,2}([A-Za-z][A-Za-z .'/&()!-]{1,32}?)\s*[:;]|^\s*[:;]\s*\S")
_LABEL = re.compile(r"^\W{0,2}([A-Za-z][A-Za-z .'/&()!-]{1,32}?)\s*(?:[:;]|$)")


def mark_forms(items: tuple) -> tuple:
    """The copy's items with its release-form blocks turned into form blocks."""
    blocks = [i for i, item in enumerate(items) if isinstance(item, Block)]
    form = {i for i in blocks if _is_form(items[i], _lines(items[i]))}
    marked = [position for position, i in enumerate(blocks) if i in form]
    for first, last in zip(marked, marked[1:]):
        between = blocks[first + 1:last]
        if all(_fieldish(_lines(items[i])) or _line_count(items[i]) <= 2 for i in between):
            form.update(between)
    out: list = []
    for i, item in enumerate(items):
        out.extend(_form_block(item) if i in form else [item])
    return tuple(out)


def _form_block(block: Block) -> list:
    """The block as a form block. A form is one page: what the block runs on to over a
    page break (the memo's first page, its scan marks) is an ordinary block after it."""
    cut = next((i for i, part in enumerate(block.content) if isinstance(part, PageBreak)), None)
    form = replace(block, kind="form", role=FORM_ROLE, n=None, when=None)
    if cut is None or not all(any(isinstance(part, TextLine) for part in side)
                              for side in (block.content[:cut], block.content[cut:])):
        return [form]
    rest = block.content[cut + 1:]
    first = next(part for part in rest if isinstance(part, TextLine))
    return [replace(form, content=block.content[:cut]), block.content[cut], Block("p", rest, first.number)]


def _lines(block: Block) -> list[str]:
    """The block's lines of text that are not blank."""
    return [text for text in (parts_text(part.parts) for part in block.content if isinstance(part, TextLine))
            if text.strip()]


def _line_count(block: Block) -> int:
    return sum(isinstance(part, TextLine) for part in block.content)


def _is_form(block: Block, lines: list[str]) -> bool:
    if not lines or any(isinstance(part, Stamp) for part in block.content):
        return False
    if _names_the_form(lines):
        return True
    return _fieldish(lines) and any(is_form_only_field(line) for line in lines)


def _names_the_form(lines: list[str]) -> bool:
    text = "\n".join(lines)
    if text.isascii() and "identification" not in text.lower() and "assassination" not in text.lower():
        return False  # most blocks: neither word of the title, so no line matches _TITLE
    return any(_TITLE.search(line) for line in lines)


def _fieldish(lines: list[str]) -> bool:
    """At least half the (non-blank) lines are "LABEL : value" fields or short values."""
    if not lines:
        return False
    misses, allowed = 0, len(lines) // 2  # 2 * fields >= len(lines): at most len // 2 lines are not
    for line in lines:
        if not (_FIELD.match(line) or len(line.split()) <= SHORT_VALUE_WORDS):
            misses += 1
            if misses > allowed:
                return False  # (most blocks, paragraphs: decided by their first lines)
    return True


def is_form_only_field(line: str) -> bool:
    """A "LABEL : value" line (or a label alone) whose label only release forms have."""
    match = _LABEL.match(line)
    if not match:
        return False
    label = " ".join(match.group(1).upper().split())
    return process.extractOne(label, FORM_ONLY_FIELDS, scorer=fuzz.ratio, score_cutoff=FIELD_SIMILARITY) is not None


