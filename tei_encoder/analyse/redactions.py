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

Two traces need the lines around them (line_context, for the block analysis):
- an excision statement split over a line break: a line that ends with a bracket it does
  not close ("three companies are civilian [", "the [<u>less than 1 line</u>", "the [less
  than 1") and the next line that begins with the rest of it ("less than 1 1ine not
  declassified]. ...", "<u>not declassified</u>]", "line not declassified]"): the two
  pieces are one statement when, joined at the break, they read as a statement on one
  line would (_EXCISION, its 60-character bound included) and the statement's underline
  tags pair within it (the text before its bracket balanced too);
- a name cut at its title: in a list of names (the line before or after it also begins
  with a title), a line that holds only a title and at most two letters of the name
  ("Mr, P", "Mr, Ri", "Mr."), the rest withheld. A title alone on a line that is not in
  such a list is a line wrapped before the name ("Mr." / "Ray was very critical"), and two
  letters the memo writes elsewhere are a short name ("Mr. Ky" beside "Ky said"): not cuts.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

# The OCR may underline the statement's words: "[ <u>1 LINE NOT DECLASSIFIED</u>]".
_EXCISION = re.compile(r"\[\s*[^\[\]\n]{0,60}?\b(?:not\s+declassified|deleted|excised|withheld|redacted|"
                       r"sanitized)(?:\s*</u>)?\s*\]", re.IGNORECASE)
# The subparagraph letter is a capital: "(b)(7)(C)"; "(b)(1) (b)(3)" are two codes.
_FOIA = re.compile(r"\(\s*[bB]\s*\)\s*\(\s*[1-9]\s*\)(?:\s*\(\s*[A-F]\s*\))?")
_JFK = re.compile(r"\bJFK\s+Act\s+6\s*\(\s*[1-5]\s*\)(?:\s*\(\s*[A-E]\s*\))?", re.IGNORECASE)
# The pieces of a statement split over a line break: the last bracket of a line that it
# does not close, and the start of the next line up to the statement's closing bracket.
_STATEMENT_HEAD = re.compile(r"\[[^\[\]\n]*$")
_STATEMENT_TAIL = re.compile(r"^\s*(?:<u>)?[^\[\]\n]{0,60}?\b(?:not\s+declassified|deleted|excised|withheld|redacted|"
                             r"sanitized)(?:\s*</u>)?\s*\]", re.IGNORECASE)
# Personal and service titles before a name in a list of participants or personnel.
_TITLE = r"(?:Mr|Mrs|Ms|Miss|Dr|Col|Gen|Capt|Maj|Lt|Adm|Amb|Sen|Gov)"
_NAME_CUT = re.compile(rf"^\s*{_TITLE}\s*[.,]?\s*(?P<rest>[A-Za-z]{{0,2}})\s*$")
# _NAME_CUT over lines joined by line breaks: a line it matches is matched there too
# (from the line's start to its end), so where this finds nothing, no line is a name cut.
_NAME_CUT_LINES = re.compile(_NAME_CUT.pattern, re.MULTILINE)
_TITLED = re.compile(rf"^\W*{_TITLE}\b\s*[.,]?")
_BLOCKS = "\u2588\u2587\u2586\u25a0\u25ac"
_BLACKOUT = re.compile(f"[{_BLOCKS}]{{2,}}|\\bX{{5,}}\\b|\\bx{{6,}}\\b")


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
    for pattern, kind in _patterns_for(text):
        for match in pattern.finditer(text):
            if any(c.start < match.end() and match.start() < c.end for c in found):
                continue  # a code inside an excision statement belongs to the statement
            code = _code(match.group()) if kind != "blackout" else None
            found.append(Cut(match.start(), match.end(), kind, code))
    return sorted(found, key=lambda c: c.start)


def _patterns_for(text: str) -> list[tuple[re.Pattern, str]]:
    """The patterns that can match in text, found by the characters each must match
    (most lines have no bracket, no parenthesis, no run of X's or blocks: searching
    them for nothing is most of the work otherwise)."""
    if not _has_trace_mark(text):
        return []  # most lines: none of the characters any trace needs
    patterns = []
    if "[" in text:
        patterns.append((_EXCISION, "excision"))
    if "(" in text:
        patterns += [(_FOIA, "exemption"), (_JFK, "exemption")]
    if "XXXXX" in text or "xxxxxx" in text or any(c in text for c in _BLOCKS):
        patterns.append((_BLACKOUT, "blackout"))
    return patterns


# What each pattern needs, as one search: a bracket, a parenthesis, a run of X's, a block.
_TRACE_MARK = re.compile(f"[\\[(]|XXXXX|xxxxxx|[{_BLOCKS}]")


def _has_trace_mark(text: str) -> bool:
    """Does _TRACE_MARK find anything in text? Told by str's own searches, several times
    faster than the regex's alternation tried at every character; an ASCII line holds no block."""
    return "[" in text or "(" in text or "XXXXX" in text or "xxxxxx" in text \
        or not text.isascii() and any(block in text for block in _BLOCKS)


def _code(text: str) -> str | None:
    codes = [re.sub(r"\s+", "", m.group()) for m in _FOIA.finditer(text)]
    codes += ["-".join(m.group().split()) for m in _JFK.finditer(text)]
    return " ".join(codes) or None


class LineCuts(NamedTuple):
    """What a line's neighbours say about its cuts: opens, it ends with the opening
    bracket of a statement the next line closes; closes, it begins with the rest of a
    statement the line before opened (statement_tail gives its span); name, the whole
    line is a title whose name was cut."""

    opens: bool = False
    closes: bool = False
    name: bool = False


NO_CUTS = LineCuts()  # most lines': one object for them all


def line_context(texts: list[str]) -> list[LineCuts]:
    """For each line of a copy's body in order (blank lines and page furniture left out),
    the cuts that only its neighbours show. A body with no bracket and no line that is a
    title alone (most) has none (_NAME_CUT_LINES)."""
    joined = "\n".join(texts)
    if "[" not in joined and not _NAME_CUT_LINES.search(joined):
        return [NO_CUTS] * len(texts)
    return context_read(texts)


def context_read(texts: list[str]) -> list[LineCuts]:
    """line_context read line by line."""
    # a statement split over each break (the line before opens it, the line after closes it)
    split = [_split_statement(first, second) for first, second in zip(texts, texts[1:])]
    words = _WordCounts(texts)
    found = []
    for index, text in enumerate(texts):
        before = texts[index - 1] if index else ""
        after = texts[index + 1] if index + 1 < len(texts) else ""
        opens = index + 1 < len(texts) and split[index]
        closes = index > 0 and split[index - 1]
        name = _name_cut(text, before, after, words)
        found.append(LineCuts(opens, closes, name) if opens or closes or name else NO_CUTS)
    return found


class _WordCounts:
    """How often each word (letters only) stands in the lines, counted the first time a
    name cut asks (few copies have a title with two letters after it; a large one's words
    are then never all in one list)."""

    def __init__(self, texts: list[str]):
        self.texts = texts
        self.counts: Counter[str] | None = None

    def __getitem__(self, word: str) -> int:
        if self.counts is None:
            self.counts = Counter()
            for text in self.texts:
                self.counts.update(_LETTER_RUN.findall(text))
        return self.counts[word]


_LETTER_RUN = re.compile(r"[A-Za-z]+")


def _split_statement(first: str, second: str) -> bool:
    """Does first end with the opening piece of a statement that second begins with the
    rest of? The pieces joined at the break must be one statement as find_cuts knows
    them, and their underline tags must pair inside it, so that an underline running over
    the break ("[<u>less than 1" / "line not declassified</u>]") is the statement's own."""
    if "[" not in first or "]" not in second:
        return False  # most lines: no bracket to open a statement, or none to close it
    head, end = statement_head(first), statement_tail(second)
    if head is None or end is None or not _tags_pair(first[:head]):
        return False
    joined = f"{first[head:].rstrip()} {second[:end].lstrip()}"
    return _EXCISION.fullmatch(joined) is not None and _tags_pair(joined)


def _tags_pair(text: str) -> bool:
    return text.count("<u>") == text.count("</u>")


def _name_cut(text: str, before: str, after: str, words: _WordCounts) -> bool:
    """A title and what is left of a name, in a list of names. A title with no letter or
    one after it is a cut; two letters may be a whole short name (Ky, Wu, Ho, Li), so
    they count as a cut only where the list is being cut (a neighbour is a title with at
    most one letter after it) and the memo does not write them elsewhere ("Ky said")."""
    rest = _cut_rest(text)
    if rest is None or not any(_TITLED.match(line) for line in (before, after)):
        return False
    if len(rest) < 2:
        return True
    return words[rest] == 1 and any(_sure_cut(line) for line in (before, after))


def _cut_rest(text: str) -> str | None:
    """The letters after a title that stands with at most two of them, or None."""
    match = _NAME_CUT.match(text)
    return match.group("rest") if match else None


def _sure_cut(text: str) -> bool:
    rest = _cut_rest(text)
    return rest is not None and len(rest) < 2


def statement_tail(text: str) -> int | None:
    """Where the rest of a statement opened on the line before ends, or None: a line
    that begins with its words and closing bracket, with no bracket opened before it."""
    match = _STATEMENT_TAIL.match(text)
    return match.end() if match else None


def statement_head(text: str) -> int | None:
    """Where the line's last opening bracket, one it does not close, starts, or None."""
    match = _STATEMENT_HEAD.search(text)
    return match.start() if match else None
