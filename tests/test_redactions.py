"""Redactions (issue 15): excision statements, exemption codes and blacked-out runs are
marked, every OCR character kept; in the merged layout a passage one release withholds
and another shows is an app of type redaction."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tei_encoder.analyse.redactions import Cut, LineCuts, find_cuts, line_context
from tei_encoder.pipeline import analyse_copies, to_tei
from tei_encoder.publish.rebuild import input_text, witness_text
from tei_encoder.readers.text import read_source, split_witnesses
from tei_encoder.validation.validator import Validator
from tests.conftest import CORPUS
from tests.fuzzing import Case, Tools, check_case

T = "{http://www.tei-c.org/ns/1.0}"
FRUS = Path(__file__).parent / "fixtures" / "frus"
MEMO = ("MEMORANDUM FOR THE RECORD\n\nSUBJECT: A test of cuts\n\n"
        "1. The source said that the courier would arrive on Tuesday with the papers.\n\n"
        "2. The meeting was held at the hotel and {cut} attended.\n\n"
        "3. Nothing else was decided at the meeting of the group (b)(1) (b)(3).\n")


@pytest.mark.parametrize("text, cuts", [
    ("said [1 line not declassified] and", [Cut(5, 30, "excision")]),
    ("[ less than 1 1ine not declassified]", [Cut(0, 36, "excision")]),  # the OCR's "1ine"
    ("[2 paragraphs (14 lines) not declassified]", [Cut(0, 42, "excision")]),
    ("Source: (b)(1) (b)(3)", [Cut(8, 14, "exemption", "(b)(1)"), Cut(15, 21, "exemption", "(b)(3)")]),
    ("names (b) (7) (C) here", [Cut(6, 17, "exemption", "(b)(7)(C)")]),
    ("JFK Act 6 (1)(B)", [Cut(0, 16, "exemption", "JFK-Act-6-(1)(B)")]),
    ("the agent XXXXXXX met", [Cut(10, 17, "blackout")]),
    ("see (b) below; Mr. P; the 1961 XX", []),
])
def test_cuts(text, cuts):
    assert find_cuts(text) == cuts


def encode(*texts: str) -> etree._ElementTree:
    inputs = [(text.encode(), f"copy{i}.txt") for i, text in enumerate(texts)]
    xml = to_tei(analyse_copies(inputs))
    tree = etree.ElementTree(etree.fromstring(xml))
    Validator().validate(tree)
    return tree


def test_marked_valid_and_lossless(tei_all):
    text = MEMO.format(cut="[1 line not declassified] and XXXXXXXX")
    tree = encode(text)
    assert tei_all.validate(tree), tei_all.error_log
    segs = tree.getroot().findall(f".//{T}seg[@type='excision']")
    assert [(s.get("subtype"), s.get("n"), s.text) for s in segs] == [
        ("statement", None, "[1 line not declassified]"), ("exemption", "(b)(1)", "(b)(1)"),
        ("exemption", "(b)(3)", "(b)(3)")]
    assert tree.getroot().findtext(f".//{T}unclear[@reason='redacted']") == "XXXXXXXX"
    witness = split_witnesses(read_source(text.encode(), "copy0.txt"))[0]
    assert witness_text(tree, "A").split() == input_text(witness).split()


def test_release_difference_is_a_redaction_not_a_typescript_difference(tei_all):
    tree = encode(MEMO.format(cut="[1 line not declassified]"), MEMO.format(cut="Colonel Smith of the station"))
    assert tei_all.validate(tree), tei_all.error_log
    apps = tree.getroot().findall(f".//{T}app")
    assert [a.get("type") for a in apps] == ["redaction"]
    readings = {r.get("wit"): "".join(r.itertext()) for r in apps[0]}
    assert readings == {"#A": "[1 line not declassified]", "#B": "Colonel Smith of the station"}
    for sigil, text in (("A", "[1 line not declassified]"), ("B", "Colonel Smith of the station")):
        assert text in witness_text(tree, sigil)


def _copies(path: Path) -> etree._Element:
    return etree.fromstring(to_tei(analyse_copies([(path.read_bytes(), str(path))]), "copies"))


def _excisions(root: etree._Element, sigil: str) -> list[etree._Element]:
    text = root.xpath("//tei:text[@xml:id=$id]", namespaces={"tei": T[1:-1]}, id=f"text-{sigil}")[0]
    return text.findall(f".//{T}seg[@type='excision']")


def test_frus_excision_statements_counted_by_hand():
    """FRUS 19 (tests/fixtures/frus/SOURCE.md): twelve statements, counted by hand. Copy A
    has six, each on one line (four with the words underlined); copy B two on one line
    and four split over a line break after an opening bracket: an I and an F piece each."""
    root = _copies(FRUS / "19.txt")
    copy_a, copy_b = _excisions(root, "A"), _excisions(root, "B")
    assert [s.get("part") for s in copy_a] == [None] * 6
    assert [s.get("part") for s in copy_b] == [None, "I", "F", "I", "F", "I", "F", "I", "F", None]
    for seg in copy_a + copy_b:
        assert seg.get("subtype") == "statement"
        text = "".join(seg.itertext())
        assert text.startswith("[") if seg.get("part") != "F" else text.endswith("]")
    pieces = ["".join(s.itertext()) for s in copy_b if s.get("part")]
    assert {a + b for a, b in zip(pieces[::2], pieces[1::2])} == {"[less than 1 1ine not declassified]"}


@pytest.mark.parametrize("lines, context", [
    # a statement split after its opening bracket (FRUS 19, lines 122-124)
    (["MAP-supported; three companies are civilian [", "<u>less than 1 1ine not declassified</u>]. [",
      "<u>less than 1 1ine not declassified</u>] then stated that he was"],
     [LineCuts(opens=True), LineCuts(opens=True, closes=True), LineCuts(closes=True)]),
    # a bracket that ends a line but opens no statement
    (["the list [see annex", "B] follows"], [LineCuts(), LineCuts()]),
    (["the figures [", "12 and 14] follow"], [LineCuts(), LineCuts()]),
    # a statement wrapped after some of its words, underlined or not (issue 10)
    (["and the [<u>less than 1 line</u>", "<u>not declassified</u>] met"],
     [LineCuts(opens=True), LineCuts(closes=True)]),
    (["and the [less than 1", "line not declassified] met"], [LineCuts(opens=True), LineCuts(closes=True)]),
    (["and the [<u>less than 1", "line not declassified</u>] met"], [LineCuts(opens=True), LineCuts(closes=True)]),
    # a whole statement, then a second one wrapped on the same line
    (["[1 line not declassified] and [less than", "1 line not declassified] met"],
     [LineCuts(opens=True), LineCuts(closes=True)]),
    # a bracket never closed; an aside that is no statement; a statement too long joined
    (["the list [see annex B", "and the rest follows"], [LineCuts(), LineCuts()]),
    # what one line would take for a statement is one over two lines too
    (["the list [see annex", "B, not declassified] follows"], [LineCuts(opens=True), LineCuts(closes=True)]),
    (["[" + "word " * 10, "words and more words not declassified]"], [LineCuts(), LineCuts()]),
    # an underline opened before the bracket is not the statement's: no split
    (["<u>and the [less than 1", "line not declassified</u>] met"], [LineCuts(), LineCuts()]),
    # names cut at their title in a list of personnel (corpus 07, lines 218-222)
    (["Mr. David eeenaan Radio Operations", "Mr, P", "Mr, Ri", "Mr.", "Mr, Ey"],
     [LineCuts(), LineCuts(name=True), LineCuts(name=True), LineCuts(name=True), LineCuts(name=True)]),
    # a title alone where the line was wrapped before the name (corpus 06, line 393)
    (["autonomously in the execution of his program.", "Mr.", "Ray was very critical of Artime"],
     [LineCuts(), LineCuts(), LineCuts()]),
    # a whole name, or more than two letters of one, is no cut
    (["Col. Smith", "Mr. Bob", "Gen, Lee"], [LineCuts(), LineCuts(), LineCuts()]),
    # a two-letter name the memo writes elsewhere is a name, not what a cut left
    (["Mr. Thuan", "Mr. Ky", "Ky said that he agreed."], [LineCuts(), LineCuts(), LineCuts()]),
    # two letters seen once: a short name among whole names (Ky, Wu, Ho, Li, Yu) ...
    (["Mr. Smith", "Mr. Ky", "Mr. Jones"], [LineCuts(), LineCuts(), LineCuts()]),
    (["Mr. Thuan", "Mr. Wu", "Mr. Ho"], [LineCuts(), LineCuts(), LineCuts()]),
    # ... and what a cut left beside a title cut to one letter or none
    (["Mr. Smith", "Mr. Ri", "Mr, P"], [LineCuts(), LineCuts(name=True), LineCuts(name=True)]),
    (["Mr. Smith", "Mr.", "Mr. Ey", "Mr. Jones"], [LineCuts(), LineCuts(name=True), LineCuts(name=True), LineCuts()]),
])
def test_line_context(lines, context):
    assert line_context(lines) == context


def test_names_cut_at_a_title_in_the_corpus():
    """Corpus 07's list of Branch 4 personnel, read by hand: four names cut after the
    title; corpus 06's "Mr." is a line wrapped before "Ray": not a cut."""
    cut = {}
    for prefix in ("06", "07"):
        path = next(p for p in CORPUS if p.name.startswith(prefix))
        root = _copies(path)
        cut[prefix] = ["".join(s.itertext()) for s in root.iter(f"{T}seg") if s.get("subtype") == "name"]
    assert cut == {"06": [], "07": ["Mr, P", "Mr, Ri", "Mr.", "Mr, Ey"]}


def test_split_statement_valid_and_lossless(tei_all):
    text = MEMO.format(cut="the courier of the station [\n<u>1 line not declassified</u>] who")
    tree = encode(text)
    assert tei_all.validate(tree), tei_all.error_log
    segs = tree.getroot().findall(f".//{T}seg[@type='excision']")
    assert [(s.get("part"), "".join(s.itertext())) for s in segs][:2] == [
        ("I", "["), ("F", "1 line not declassified]")]
    witness = split_witnesses(read_source(text.encode(), "copy0.txt"))[0]
    assert witness_text(tree, "A").split() == input_text(witness).split()


WRAPPED = {  # FRUS's note wrapped by a typist or an OCR after some of its words (issue 10)
    "underlined, each line's own tags": "[<u>less than 1 line</u>\n<u>not declassified</u>]",
    "plain": "[less than 1\nline not declassified]",
    "underlined over the break": "[<u>less than 1 line\nnot declassified</u>]",
}


def _statement_pieces(tree) -> list[tuple[str | None, str]]:
    return [(s.get("part"), "".join(s.itertext())) for s in tree.getroot().iter(f"{T}seg")
            if s.get("type") == "excision"]


@pytest.mark.parametrize("note", WRAPPED.values(), ids=WRAPPED.keys())
def test_a_statement_wrapped_after_its_first_words_is_two_pieces(note, tei_all):
    """The I piece holds the bracket and the words before the break, the F piece the rest;
    an underline is one hi per piece (a hi cannot cross the two segs); valid against the
    project schema (encode) and tei_all, and the copy rebuilds line for line with the
    XSLT text view the same (tests/fuzzing.py's oracles)."""
    text = MEMO.format(cut=f"the officer of the station {note} who")
    tree = encode(text)
    assert tei_all.validate(tree), tei_all.error_log
    first, rest = note.replace("<u>", "").replace("</u>", "").split("\n")
    assert _statement_pieces(tree)[:2] == [("I", first), ("F", rest)]
    his = [h for s in tree.getroot().iter(f"{T}seg") for h in s.iter(f"{T}hi")]
    assert ["".join(h.itertext()) for h in his] == (["less than 1 line", "not declassified"] if "<u>" in note else [])
    assert check_case(Case((("memo.txt", text),), merge=False), Tools.build()) == "ok"


@pytest.mark.parametrize("note", WRAPPED.values(), ids=WRAPPED.keys())
def test_one_copy_wraps_the_statement_and_the_other_does_not(note):
    """Merged: A's two pieces and B's one statement, both copies rebuilding line for line
    in both layouts; the statement is a redaction trace in both readings, so the
    difference is never typed substantive."""
    a = MEMO.format(cut=f"the officer of the station {note} who")
    b = MEMO.format(cut="the officer of the station " + note.replace("\n", " ") + " who")
    case = Case((("a.txt", a), ("b.txt", b)), merge=True)
    assert check_case(case, Tools.build()) == "ok"
    tree = encode(a, b)
    assert [p for p, _ in _statement_pieces(tree)][:3] == ["I", "F", None]
    assert all(app.get("type") != "substantive" for app in tree.getroot().iter(f"{T}app"))


def test_a_statement_over_a_page_break_is_two_pieces_around_it():
    """The page break and its furniture fall between the I and the F piece (the lines
    around furniture are neighbours, as for a sentence): att.fragmentable pieces may have
    anything between them."""
    text = MEMO.format(cut="the officer [less than\n\f\n- 2 -\n\n1 line not declassified] who")
    tree = encode(text)
    assert _statement_pieces(tree)[:2] == [("I", "[less than"), ("F", "1 line not declassified]")]
    first = next(s for s in tree.getroot().iter(f"{T}seg") if s.get("part") == "I")
    assert first.getnext().tag == f"{T}pb"
    assert check_case(Case((("memo.txt", text),), merge=False), Tools.build()) == "ok"


def test_a_bracket_that_never_closes_is_text():
    text = MEMO.format(cut="the officer [less than one\nof the station who")
    assert _statement_pieces(encode(text)) == [(None, s) for s in ("(b)(1)", "(b)(3)")]
