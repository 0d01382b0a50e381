"""Generators of memo-like inputs and the oracles every input must pass: shared by the
property tests (tests/test_properties.py, a bounded number of examples) and the long
campaigns (bench/fuzz.py, on every core).

The generators build what the OCR of a typewritten memo holds (headings, date lines,
labelled paragraphs, page markers and page numbers, classification markings, archival
lines, declassification stamps as tab rows, OCR loops and noise, separator lines between
copies, odd Unicode, damaged markers) and then damage it as filing and OCR do (lines
dropped, doubled, swapped, cut). The oracles:

1. no exception but the documented input errors (tei_encoder.errors.EncoderError);
2. the TEI validates (project schema and rules);
3. every copy rebuilds from the TEI word for word and line for line;
4. `witness --format tei` of every copy validates;
5. tei-to-text.xsl gives the same text as `witness`.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st
from lxml import etree

WORDS = ("the", "of", "and", "to", "a", "in", "that", "is", "for", "Government", "assurances", "Soviet",
         "Cuba", "missiles", "inspection", "United", "States", "would", "not", "be", "President", "memorandum",
         "transportation", "Belgian", "with", "continue", "receive", "Secretary", "State", "Department",
         "offensive", "weapons", "territory", "agreement", "1962", "13", "(b)", "per", "re:")
ODD = ("é", "ß", "—", "–", "’", "“", "”", "•", "½", "ﬁ", "\u00a0", "\u200b", "\u0301", "Ω", "𝔄", "中", "ٱ",
       "\u202e", "&amp;", "&#39;", "&lt;u&gt;", "<u>", "</u>", "\\", "|", "~", "^", "*", "_", "#", "`", "{", "}")
PAGE_MARKERS = ("---", "## Page 2", "## Page 3", "*****", "--- Page 3 ---", "___", "\f", "## page", "--",
                "- - -", "## Page 2a", "#### Page 10")
LABELS = ("1.", "2.", "3.", "(a)", "(b)", "(1)", "a.", "8.", "II.", "A.")
FURNITURE = ("2", "- 2 -", "Page 3", "-3-", "SECRET", "TOP SECRET", "TOT MORET", "CONFIDENTIAL",
             "SECRET - EYES ONLY", "DECLASSIFIED", "Authority NND 959000", "NW 53244 DocId:32112987 Page 2",
             "By SM NARA Date 1/2/98", "continue", "— 2 —")
STAMP_ROWS = ("E.O. 12958", "(b)(1)\t(b)(3)", "2\t(b)", "\t2\tDECLASSIFY", "DECLASSIFIED\tAuthority",
              "SANITIZED COPY", "Sec. 3.4(b)", "E.O. 13526, SECTION 3.5", "NLK-01-123", "x\t25X1")
DATES = ("November 13, 1962", "Movember 13, 1962", "1962/11/13", "13 November 1962", "June 20, 1961",
         "February 30, 1962", "Sept. 1, 63")
OPENERS = ("MEMORANDUM FOR: The Secretary", "FROM: S/P - Walt W. Rostow", "SUBJECT: The Problem of Assurances",
           "TO: Director", "DATE: 5/12/61")
SEPARATORS = ("ALTERNATE COPY FOLLOWS", "SECOND COPY FOLLOWS", "*** another copy follows ***")
NOISE = ("~ . ' ,", ". , :", "|||", "ZZZZZZ", "' '", "-.-", "°°°")


@st.composite
def prose_line(draw) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12))
    if draw(st.integers(0, 9)) == 0:
        words.insert(draw(st.integers(0, len(words))), draw(st.sampled_from(ODD)))
    if draw(st.integers(0, 14)) == 0:  # an OCR loop: a word run repeated
        run = words[: draw(st.integers(1, min(3, len(words))))]
        words += run * draw(st.integers(3, 6))
    line = " ".join(words)
    if draw(st.integers(0, 11)) == 0:
        line = draw(st.sampled_from(LABELS)) + " " + line
    if draw(st.integers(0, 12)) == 0:
        line = draw(st.sampled_from(("  ", "\t", "- ", "  - ", "* "))) + line
    return line


def _unit(kind: str, draw) -> list[str]:
    if kind == "prose":
        return draw(st.lists(prose_line(), min_size=1, max_size=5))
    if kind == "blank":
        return [""] * draw(st.integers(1, 4))
    if kind == "marker":
        return [draw(st.sampled_from(PAGE_MARKERS))]
    if kind == "furniture":
        return [draw(st.sampled_from(FURNITURE))]
    if kind == "stamp":
        return draw(st.lists(st.sampled_from(STAMP_ROWS), min_size=1, max_size=3))
    if kind == "date":
        return [draw(st.sampled_from(DATES))]
    if kind == "opener":
        return [draw(st.sampled_from(OPENERS))]
    if kind == "noise":
        return [draw(st.sampled_from(NOISE))]
    if kind == "heading":
        return [draw(st.sampled_from(("THE PROBLEM OF ASSURANCES", "SECRET", "Memorandum", "MEMORANDUM")))]
    # Any character but controls and surrogates (the reader's refusal of those has tests
    # of its own; here they would only make most inputs refusals).
    return [draw(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20))]


KINDS = ("prose",) * 8 + ("blank",) * 4 + ("marker", "furniture", "furniture", "stamp", "date", "opener", "noise",
                                          "heading", "unicode")


@st.composite
def memo_copy(draw) -> list[str]:
    """The lines of one copy of a memo-like text."""
    lines: list[str] = []
    for kind in ["prose"] + draw(st.lists(st.sampled_from(KINDS), max_size=30)):
        lines += _unit(kind, draw)
    return lines


@st.composite
def damaged(draw, lines: list[str]) -> list[str]:
    """Another copy of the same memo, damaged as filing and OCR damage copies."""
    other = list(lines)
    for _ in range(draw(st.integers(0, 4))):
        if not other:
            break
        at = draw(st.integers(0, len(other) - 1))
        action = draw(st.sampled_from(("drop", "double", "swap", "cut", "substitute", "blank")))
        if action == "drop":
            del other[at]
        elif action == "double":
            other.insert(at, other[at])
        elif action == "swap" and at + 1 < len(other):
            other[at], other[at + 1] = other[at + 1], other[at]
        elif action == "cut":
            other = other[: max(at, 1)]
        elif action == "substitute" and other[at]:
            i = draw(st.integers(0, len(other[at]) - 1))
            other[at] = other[at][:i] + draw(st.sampled_from("lI1|0Oo.,'rnm")) + other[at][i + 1:]
        elif action == "blank":
            other.insert(at, "")
    return other


@dataclass(frozen=True)
class Case:
    """One generated input: the files (name, text), and whether they are copies of one memo."""

    files: tuple[tuple[str, str], ...]
    merge: bool

    def inputs(self) -> list[tuple[bytes, str]]:
        return [(text.encode("utf-8"), name) for name, text in self.files]


@st.composite
def memo_inputs(draw) -> Case:
    """One file with one to three copies, or two files given as copies (--merge)."""
    first = draw(memo_copy())
    copies = [first] + [draw(damaged(first)) for _ in range(draw(st.integers(0, 2)))]
    if draw(st.integers(0, 9)) == 0:
        copies.append(draw(memo_copy()))  # an unrelated copy among them
    end = draw(st.sampled_from(("\n", "", "\r\n", "\n\n")))
    if len(copies) > 1 and draw(st.booleans()):
        files = tuple((f"copy{i}.txt", "\n".join(c) + end) for i, c in enumerate(copies))
        return Case(files, merge=True)
    separators = [draw(st.sampled_from(SEPARATORS)) for _ in copies[1:]]
    text = "\n".join(copies[0])
    for separator, copy in zip(separators, copies[1:]):
        text += "\n" + separator + "\n" + "\n".join(copy)
    return Case((("memo.txt", text + end),), merge=False)


# --- the oracles ------------------------------------------------------------------------

class OracleFailure(AssertionError):
    """An input broke an oracle: which one, and how."""

    def __init__(self, oracle: str, detail: str):
        super().__init__(f"{oracle}: {detail}")
        self.oracle = oracle


@dataclass
class Tools:
    """What the oracles use, built once per process (schemas, stylesheet)."""

    validator: object
    text_xsl: etree.XSLT

    @classmethod
    def build(cls) -> Tools:
        from tei_encoder.publish.transform import load_stylesheet
        from tei_encoder.validation.validator import Validator
        # libxml2 runs the same project XSD as xmlschema, a hundred times faster (the
        # validate tests hold the two engines to the same verdicts).
        return cls(Validator(engine="libxml2"), load_stylesheet("text"))


def check_case(case: Case, tools: Tools, layouts=("merged", "copies")) -> str:
    """Run every oracle on one input, in both layouts. Returns "ok" or "refused" (a
    documented input error); raises OracleFailure, or the unexpected exception."""
    from tei_encoder.errors import EncoderError
    from tei_encoder.pipeline import analyse_copies, to_tei
    from tei_encoder.readers.text import read_source, split_copies

    inputs = case.inputs()
    try:
        sources = [read_source(data, path) for data, path in inputs]
        copies = split_copies(sources)
        document = analyse_copies(inputs)
    except EncoderError:
        return "refused"
    outcome = "ok"
    for layout in layouts:
        try:
            data = to_tei(document, layout)
        except EncoderError:  # unrelated copies: refused, with a message
            outcome = "refused"
            continue
        tree = etree.ElementTree(etree.fromstring(data))
        _valid(tools, tree, f"{layout}: the TEI")
        for copy in copies:
            _rebuilds(tools, tree, copy, layout)
    return outcome


def _valid(tools: Tools, tree, what: str) -> None:
    problems = [str(p) for p in tools.validator.iter_problems(tree, what)]
    if problems:
        raise OracleFailure("valid", f"{what} is not valid: {problems[:3]}")


def _rebuilds(tools: Tools, tree, copy, layout: str) -> None:
    from tei_encoder.publish.rebuild import input_text, witness_text
    from tei_encoder.publish.write import serialise
    from tei_encoder.tei.witness import witness_tree

    expected = input_text(copy)
    rebuilt = witness_text(tree, copy.sigil)
    if rebuilt.split() != expected.split():
        raise OracleFailure("words", f"{layout}: copy {copy.sigil} loses or changes words: "
                                     f"{_first_difference(rebuilt.split(), expected.split())}")
    if rebuilt != expected:
        raise OracleFailure("lines", f"{layout}: copy {copy.sigil} has its words on other lines: "
                                     f"{_first_difference(rebuilt.split(chr(10)), expected.split(chr(10)))}")
    own = etree.ElementTree(etree.fromstring(serialise(witness_tree(tree, copy.sigil))))
    _valid(tools, own, f"{layout}: witness --format tei of copy {copy.sigil}")
    by_xslt = str(tools.text_xsl(tree, wit=etree.XSLT.strparam(copy.sigil)))
    if by_xslt != rebuilt:
        raise OracleFailure("xslt", f"{layout}: tei-to-text.xsl differs from witness for copy {copy.sigil}: "
                                    f"{_first_difference(by_xslt.split(chr(10)), rebuilt.split(chr(10)))}")


def _first_difference(got: list[str], wanted: list[str]) -> str:
    for index, (a, b) in enumerate(zip(got, wanted)):
        if a != b:
            return f"at {index}: {a!r} where {b!r}"
    return f"lengths {len(got)} and {len(wanted)}"
