"""The reading text (issue 12): a lem in every non-layout app, chosen from the copies'
evidence; corrections of OCR non-words in single copies; the reading text as output."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from lxml import etree

from tei_encoder.cli import main
from tei_encoder.collate.tokens import loose_key
from tei_encoder.model import Block, Correction, ReadingOptions, Stamp, TextLine
from tei_encoder.pipeline import analyse, analyse_copies, to_tei
from tei_encoder.publish.reading import reading_text
from tei_encoder.publish.rebuild import input_text, witness_text
from tei_encoder.publish.transform import load_stylesheet, transform
from tei_encoder.readers.text import read_source, split_copies
from tei_encoder.reading import Lexicon, correct_witness
from tei_encoder.reading.correct import Corrector, correct_month
from tests.conftest import CORPUS, SEED
from tests.derive import swapped_pages

NS = {"t": "http://www.tei-c.org/ns/1.0"}


def tree_of(inputs, reading: ReadingOptions | None = None, layout: str = "merged") -> etree._ElementTree:
    return etree.ElementTree(etree.fromstring(to_tei(analyse_copies(inputs), layout, reading=reading)))


@pytest.fixture(scope="module")
def seed():
    return tree_of([(SEED.read_bytes(), str(SEED))])


def lem_of(tree, typed_in_a: str) -> str:
    """The wit of the lem of the app whose A reading is `typed_in_a` (as the OCR read it)."""
    for app in tree.getroot().iterfind(".//t:app", NS):
        a = app.find("*[@wit='#A']", NS)
        if a is not None and _typed(a) == typed_in_a:
            return app.find("t:lem", NS).get("wit")
    raise AssertionError(f"no app with A reading {typed_in_a!r}")


def _typed(element) -> str:
    return " ".join("".join(element.xpath(".//text()[not(ancestor::t:corr)]", namespaces=NS)).split())


# --- the lem ---------------------------------------------------------------------------

def test_every_non_layout_app_has_one_lem_first(seed):
    apps = seed.getroot().findall(".//t:app", NS)
    for app in apps:
        lems = app.findall("t:lem", NS)
        if app.get("type") == "layout":
            assert not lems
        else:
            assert len(lems) == 1 and app[0].tag == f"{{{NS['t']}}}lem" and lems[0].get("wit")


@pytest.mark.parametrize("typed_in_a, chosen", [
    ("triginal", "#B"),             # a non-word against a word
    ("IL-26", "#B"),                # neither a list word: the base copy, whose OCR is better
    ("best", "#A"),                 # "past lorder on": B's reading has a non-word
    ("Secretary", "#A"),            # "Everytopy"
    ("", "#B"),                     # lines A lost at a page top come back
])
def test_ocr_variants_take_the_plausible_reading(seed, typed_in_a, chosen):
    assert lem_of(seed, typed_in_a) == chosen


def test_a_repetition_is_not_the_reading(seed):
    """A reading that is only an OCR repetition loses to the copies that lack it."""
    for surplus in seed.getroot().iterfind(".//t:surplus", NS):
        reading = surplus.getparent()
        if len(reading) == 1 and not (reading.text or "").strip() and not (surplus.tail or "").strip():
            assert reading.tag.endswith("rdg")


def test_substantive_variants_follow_the_base_copy(seed):
    """B's OCR is the more plausible copy: its substantive readings are the lem; --base A
    turns that round (A's "water" where B has "undertaking")."""
    assert lem_of(seed, "water") == "#B"
    note = seed.getroot().xpath(".//t:interpretation[@xml:id='reading-method']", namespaces=NS)[0]
    assert "base copy, B" in note.xpath("string()")
    based_on_a = tree_of([(SEED.read_bytes(), str(SEED))], ReadingOptions(base="A"))
    assert lem_of(based_on_a, "water") == "#A"


def test_a_moved_paragraph_is_read_once():
    a = SEED.read_text("utf-8").split("ALTERNATE COPY FOLLOWS")[0]
    tree = tree_of([(a.encode(), "a.txt"), (swapped_pages(a, 2, 3).encode(), "b.txt")])
    text = reading_text(tree)
    for line in input_text(split_copies([read_source(a.encode(), "a.txt")])[0]).splitlines():
        if len(line) > 40 and line.count(" ") > 6:  # a line of running text of copy A
            assert text.count(line) <= 1, line


def test_seed_reading_has_b_right_readings_and_no_invented_word(seed):
    text = reading_text(seed)
    for good in ("original", "Khrushchev", "November 12th", "IL-28", "Cuba"):
        assert good in text
    for bad in ("triginal", "Khrushehev", "IL-26", "Guba"):
        assert bad not in text
    typed = {loose_key(w) for s in ("A", "B") for w in witness_text(seed, s).split()}
    corrected = {loose_key(c.text) for c in seed.getroot().iterfind(".//t:corr", NS)}
    invented = {loose_key(w) for w in text.split()} - typed - corrected
    assert not invented


def test_every_copy_is_still_rebuilt_exactly(seed):
    for copy in split_copies([read_source(SEED.read_bytes(), str(SEED))]):
        assert witness_text(seed, copy.sigil) == input_text(copy)


def test_unknown_base_is_an_input_error(tmp_path):
    result = CliRunner().invoke(main, ["encode", str(SEED), "-o", str(tmp_path / "x.xml"), "--base", "Q"])
    assert result.exit_code == 3 and "--base Q: no such copy" in result.output
    assert not (tmp_path / "x.xml").exists()


# --- corrections -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_corrector():
    return Corrector(Lexicon.of(analyse(SEED.read_bytes(), str(SEED)).witnesses))


@pytest.mark.parametrize("word, fixed", [("Movember", "November"), ("Guba", "Cuba"), ("Khrushehev", "Khrushchev"),
                                         ("megotiators", "negotiators"), ("effensive", "offensive")])
def test_non_words_near_a_word_are_corrected(seed_corrector, word, fixed):
    assert seed_corrector.correction(word)[0] == fixed


@pytest.mark.parametrize("word", ["water", "Castro", "IL-26", "1962", "mtb", "HCleveland", "CAS", "Ferraher"])
def test_words_names_figures_and_short_tokens_are_not_corrected(seed_corrector, word):
    """A real word, a name seen twice, a figure, a short or mixed-case token, a non-word
    with no word near it: all stay as typed."""
    assert seed_corrector.correction(word) is None


def test_corrections_are_marked_with_cert_and_resp(seed):
    root = seed.getroot()
    application = root.find(".//t:appInfo/t:application", NS)
    corrs = [c for c in root.iterfind(".//t:choice/t:corr", NS) if c.get("resp")]
    assert corrs and all(c.get("resp") == "#" + application.get("{http://www.w3.org/XML/1998/namespace}id")
                         and c.get("cert") in ("high", "medium") for c in corrs)
    assert "edit distance" in root.find(".//t:editorialDecl/t:correction", NS).xpath("string()")


@pytest.mark.parametrize("path", [SEED] + CORPUS, ids=lambda p: p.name[:12])
def test_never_in_stamps_furniture_or_release_forms(path):
    document = analyse(path.read_bytes(), str(path))
    lexicon = Lexicon.of(document.witnesses)
    for witness in document.witnesses:
        before = {i: item for i, item in enumerate(witness.items)}
        after = correct_witness(witness, lexicon)
        for i, item in enumerate(after.items):
            if not isinstance(item, Block) or item.kind == "form" or item.role == "draftingLine":
                assert item == before[i]
            else:
                for part in item.content:
                    if not isinstance(part, TextLine):
                        assert isinstance(part, Stamp) or part in before[i].content
                    else:
                        for fix in (p for p in part.parts if isinstance(p, Correction)):
                            assert not any(c.isdigit() for c in fix.text) and len(fix.text) >= 4


def test_no_corrections_option(tmp_path):
    out = tmp_path / "x.xml"
    result = CliRunner().invoke(main, ["encode", str(SEED), "-o", str(out), "--no-corrections"])
    assert result.exit_code == 0
    root = etree.parse(str(out)).getroot()
    assert root.find(".//t:corr[@resp]", NS) is None
    assert "not corrected" in root.find(".//t:editorialDecl/t:correction", NS).xpath("string()")


def test_single_copy_document_gets_corrections_and_no_apparatus():
    path = next(p for p in CORPUS if p.name.startswith("03"))
    tree = tree_of([(path.read_bytes(), str(path))])
    assert tree.getroot().find(".//t:app", NS) is None
    for corr in tree.getroot().iterfind(".//t:corr[@resp]", NS):
        sic = corr.getparent().find("t:sic", NS).text
        assert corr.text != sic and re.fullmatch(r"[A-Za-z]+", corr.text)


# --- the reading text as output --------------------------------------------------------

CASES = [SEED] + CORPUS[:4]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name[:12])
@pytest.mark.parametrize("layout", ["merged", "copies"])
def test_witness_reading_equals_the_stylesheet(path, layout, tmp_path):
    xml = tmp_path / "x.xml"
    xml.write_bytes(to_tei(analyse(path.read_bytes(), str(path)), layout))
    result = CliRunner().invoke(main, ["witness", str(xml), "--reading"])
    assert result.exit_code == 0
    tree = etree.parse(str(xml))
    assert transform(tree, load_stylesheet("text"), {"view": "reading"}, str(xml)).decode("utf-8") == result.output
    assert "<" not in result.output.replace("<u>", "")


def test_reading_text_leaves_out_furniture_and_noise(seed):
    text = reading_text(seed)
    for furniture in ("TOT MORET", "01169", "DEPARTMENT OF STATE", "whoir", "-2a-"):
        assert furniture not in text
    assert text.count("would need to go further than a declaration by") == 1


def test_witness_needs_a_copy_or_reading(tmp_path):
    xml = tmp_path / "x.xml"
    xml.write_bytes(to_tei(analyse(SEED.read_bytes(), str(SEED))))
    assert CliRunner().invoke(main, ["witness", str(xml)]).exit_code == 2
    assert CliRunner().invoke(main, ["witness", str(xml), "--wit", "A", "--reading"]).exit_code == 2


@pytest.mark.parametrize("path", [SEED] + CORPUS, ids=lambda p: p.name[:12])
def test_noise_keeps_its_text_in_an_element_clients_print(path):
    """No gap for noise (clients print a gap as "[...]"): between blocks it is a
    note[@type='noise'] holding the unclear text."""
    root = tree_of([(path.read_bytes(), str(path))]).getroot()
    assert root.find(".//t:gap", NS) is None
    for note in root.iterfind(".//t:note[@type='noise']", NS):
        assert note.find("t:unclear[@reason='noise']", NS).text.strip()


def test_a_copy_that_repeats_what_precedes_loses():
    """An OCR that read a phrase again (once, or looping) in one copy: the reading text
    has the phrase once, as the other copy does."""
    a = ("MEMORANDUM\n\nHence the desire on the part of the Defense Department to have an actual figure "
         "publicly available to which newsmen can be referred.\n\nThe release poses a possible complication.\n")
    b = a.replace("Defense Department to have an", "Defense Department to have part of the Defense Department "
                  "to have part of the Defense Department to have an")
    tree = tree_of([(a.encode(), "a.txt"), (b.encode(), "b.txt")])
    assert reading_text(tree).count("Defense Department") == 1
    assert witness_text(tree, "B").count("Defense Department") == 3  # copy B is still rebuilt as read


# --- dates ---------------------------------------------------------------------------------

def test_a_misread_month_in_the_date_line_is_corrected(seed):
    """Copy A's date line "Movember 13, 1962" (the analysis read it as 1962-11-13): the
    month name is a correction inside the date, the sic kept; B's reading is the lem."""
    date = seed.getroot().find(".//t:dateline/t:date", NS)
    assert date.get("when") == "1962-11-13"
    choice = date.find("t:app/t:rdg[@wit='#A']/t:choice", NS)
    assert choice.findtext("t:sic", namespaces=NS) == "Movember"
    assert choice.find("t:corr", NS).text == "November" and choice.find("t:corr", NS).get("cert") == "high"
    assert _typed(date.find("t:app/t:lem[@wit='#B']", NS)) == "November 13, 1962"


def test_a_single_copy_date_line_reads_corrected(tmp_path):
    """Copy A alone: its reading text has the corrected date line, its own text the OCR's."""
    a = SEED.read_text("utf-8").split("ALTERNATE COPY FOLLOWS")[0].encode()
    tree = tree_of([(a, "a.txt")])
    assert "November 13, 1962" in reading_text(tree).splitlines()
    assert "Movember 13, 1962" in witness_text(tree, "A")
    off = tree_of([(a, "a.txt")], ReadingOptions(corrections=False))
    assert off.getroot().find(".//t:date/t:choice", NS) is None


@pytest.mark.parametrize("word, month, fixed", [("Movember", "november", ("November", "high")),
                                                ("Dccember", "december", ("December", "high")),
                                                ("OCTOBFR", "october", ("OCTOBER", "medium"))])
def test_only_the_analysed_month_is_a_candidate(seed_corrector, word, month, fixed):
    assert correct_month(word, month, seed_corrector.lexicon) == fixed


def test_a_month_with_a_figure_for_a_letter_reads_corrected():
    """"0ctober 18, 1963" is dated 1963-10-18 (analyse.dates); its reading text says
    "October", capital included, and the copy's own text keeps the OCR's figure."""
    memo = "SECRET\n\n0ctober 18, 1963\n\nDear John: the days ahead look rather dark for us all.\n"
    tree = tree_of([(memo.encode(), "m.txt")])
    assert tree.getroot().find(".//t:date", NS).get("when") == "1963-10-18"
    assert "October 18, 1963" in reading_text(tree).splitlines()
    assert "0ctober 18, 1963" in witness_text(tree, "A")


@pytest.mark.parametrize("word, month", [("November", "november"), ("Nov", "november"), ("Mary", "may"),
                                         ("March", "may"), ("Novmbre", "november"), ("Septemb", "september")])
def test_month_names_words_and_far_misreadings_stay(seed_corrector, word, month):
    """The right name, an abbreviation of it, a word of the word list, a misreading two
    edits away: none is corrected."""
    assert correct_month(word, month, seed_corrector.lexicon) is None


# --- emendations: a lem no copy reads -------------------------------------------------------

_MEMO = ("MEMORANDUM FOR THE SECRETARY\n\nSeptember 26, 1963\n\n1. The {word} arrangement on inspection "
         "would be acceptable to the other members of the zone, and the Soviets have accepted it.\n")


def _copies(*words: str, date: tuple[str, ...] = ()) -> list[tuple[bytes, str]]:
    texts = [_MEMO.format(word=w) for w in words]
    for i, typed in enumerate(date):
        texts[i] = texts[i].replace("September 26, 1963", typed)
    return [(t.encode(), f"{i}.txt") for i, t in enumerate(texts)]


def _app_of(tree, typed_in_a: str):
    return next(app for app in tree.getroot().iterfind(".//t:app", NS)
                if _typed(app.find("t:rdg[@wit='#A']", NS)) == typed_in_a)


def test_where_every_copy_slipped_the_lem_is_an_emendation(validator):
    """A reads "prescnt", B "prcsent": both are corrected to "present", which no copy
    reads: the lem has no @wit, says who emended and how sure, and both copies are rdgs
    with their corrections marked; every copy is still rebuilt exactly."""
    inputs = _copies("prescnt", "prcsent")
    tree = tree_of(inputs)
    app = _app_of(tree, "prescnt")
    lem = app[0]
    assert etree.QName(lem).localname == "lem" and lem.get("wit") is None
    assert (lem.text, lem.get("resp"), lem.get("cert")) == ("present", "#tei-encoder", "medium")
    assert [(r.get("wit"), r.findtext("t:choice/t:sic", namespaces=NS)) for r in app[1:]] == [
        ("#A", "prescnt"), ("#B", "prcsent")]
    assert "The present arrangement" in reading_text(tree)
    assert [str(p) for p in validator.iter_problems(tree, "emended")] == []
    for copy in split_copies([read_source(data, path) for data, path in inputs]):
        assert witness_text(tree, copy.sigil) == input_text(copy)


def test_where_one_copy_reads_right_it_is_the_lem():
    app = _app_of(tree_of(_copies("prescnt", "present")), "prescnt")
    assert app[0].get("wit") == "#B" and app[0].text == "present"


def test_a_date_line_every_copy_misread_is_emended_inside_the_date():
    tree = tree_of(_copies("present", "present", date=("Septemher 26, 1963", "Septernber 26, 1963")))
    date = tree.getroot().find(".//t:dateline/t:date", NS)
    lem = date.find("t:app/t:lem", NS)
    assert date.get("when") == "1963-09-26" and lem.get("wit") is None and lem.text == "September 26, 1963"


def test_a_date_line_one_copy_reads_right_is_that_copys():
    """A corrected month name counts as a corrected word: the copy that typed it right wins."""
    tree = tree_of(_copies("present", "present", date=("Septemher 26, 1963", "September 26, 1963")))
    lem = tree.getroot().find(".//t:dateline/t:date/t:app/t:lem", NS)
    assert lem.get("wit") == "#B" and lem.text == "September 26, 1963"


def test_emendations_only_in_ocr_apps_of_words(seed):
    """The seed's corrected lems are B's rewritten paragraphs (substantive): they stay
    B's reading with the correction marked at the word."""
    root = seed.getroot()
    assert not root.xpath(".//t:lem[not(@wit)]", namespaces=NS)
    corrected = [lem for lem in root.iterfind(".//t:lem", NS) if lem.find(".//t:corr[@resp]", NS) is not None]
    assert corrected and all(lem.getparent().get("type") == "substantive" for lem in corrected)


# --- names: the character model -----------------------------------------------------------

_NAMES = ("MEMORANDUM FOR THE RECORD\n\n1. The Secretary met Ambassador {name} on Tuesday to discuss the "
          "arrangements for the inspection of the zone and the position of the other members.\n")


@pytest.mark.parametrize("garbled, name", [("Xqzvrtk", "Mikoyan"), ("Tnjxqlb", "Bohlen"),
                                           ("Ynrkqwlsxyz", "Yarmolinsky")])
def test_a_name_shaped_reading_beats_garbage(garbled, name):
    """Neither reading is in the word list or seen twice; the character trigram model
    (analyse.plausibility) finds one shaped like English, in Title case: a name typed so.
    (Before, both cost a whole non-word and the tie went to the base copy, A.)"""
    inputs = [(_NAMES.format(name=n).encode(), f"{i}.txt") for i, n in enumerate((garbled, name))]
    assert lem_of(tree_of(inputs), garbled) == "#B"


def test_pieces_never_corrected_are_never_corrected():
    """correct._never_corrected, kept for the process, answers for any memo: on every
    piece of text of the seed and the corpus, a piece it calls never corrected is not
    corrected by that memo's own corrector, and it does call most pieces so."""
    from tei_encoder.reading.correct import _WORD, _fix, _never_corrected
    from tests.conftest import ALL_INPUTS

    told = 0
    pieces_seen = 0
    for path in ALL_INPUTS:
        corrector = Corrector(Lexicon.of(analyse(path.read_bytes(), str(path)).witnesses))
        pieces = set(path.read_text(errors="replace").split())
        never = [piece for piece in pieces if _never_corrected(piece)]
        assert all(_fix(_WORD.match(piece), corrector.correction) is None for piece in never)
        told, pieces_seen = told + len(never), pieces_seen + len(pieces)
    assert told > 0.7 * pieces_seen
