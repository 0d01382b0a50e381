"""Variant types: substantive only where the typescripts differ (the corpus's two
pairs of copies, and the typer's rules on readings taken from them)."""

from __future__ import annotations

import pytest
from lxml import etree

from tei_encoder.collate.kinds import VariantTyper
from tei_encoder.collate.tokens import stream
from tei_encoder.model import Text, TextLine
from tei_encoder.pipeline import analyse_copies, to_tei
from tests.conftest import CORPUS

T = "{http://www.tei-c.org/ns/1.0}"


def _pair(first: str, second: str):
    paths = [next(p for p in CORPUS if p.name.startswith(first)), next(p for p in CORPUS if p.name.startswith(second))]
    document = analyse_copies([(p.read_bytes(), str(p)) for p in paths])
    return etree.fromstring(to_tei(document))


def _substantive(root) -> list[list[str]]:
    apps = [a for a in root.iter(f"{T}app") if "substantive" in (a.get("type") or "")]
    return [[" ".join(" ".join(r.itertext()).split()) for r in app if r.tag in (f"{T}lem", f"{T}rdg")] for app in apps]


def test_two_scans_of_one_carbon_differ_in_nothing_substantive():
    """05 and 06 are two copies of one memorandum for the record: split paragraphs, lines an
    engine dropped, the two archive forms and short misreadings are not the typist's."""
    assert _substantive(_pair("05", "06")) == []


def test_the_sentence_only_02_has_is_substantive():
    found = _substantive(_pair("01", "02"))
    assert any(any(r.startswith("With respect to Dominican exile groups") for r in app) for app in found)


def test_the_sentence_only_02_has_is_the_one_substantive_variant_of_01_and_02():
    """The rest are the engines' readings: in "IV Trujillo's Recent Attitudes..." 01's
    OCR cut the lines ("Trujillo was irc") and split the heading over three blocks."""
    found = _substantive(_pair("01", "02"))
    assert len(found) == 1 and found[0][0].startswith("With respect to Dominican exile groups")
    # The two lines Apple Vision dropped in 02 (01, lines 65-66) are not a variant of the typist's.
    assert not any(any("466,000 tons" in r for r in app) for app in found)


def _tokens(text: str):
    return list(stream((TextLine(1, (Text(text),)),)).tokens)


@pytest.fixture
def typer():
    copy_a = "the question needs study and a review of the entire plan is desirable".split()
    copy_b = "the question needs study and a review of the whole plan is desirable".split()
    return VariantTyper(frozenset(copy_a) & frozenset(copy_b), (tuple(copy_a), tuple(copy_b)))


@pytest.mark.parametrize("a, b", [("in", "la"), ("set", "not"), ("I had", "Thad"), ("thought’ for", '"for'),
                                  ("Mr.", "Mix,"), ("2 -", "20")])
def test_short_misreadings_of_05_and_06_are_ocr(typer, a, b):
    assert typer([_tokens(a), _tokens(b)], False) == "ocr"


@pytest.mark.parametrize("a, b", [("may", "might"), ("support", "backing")])
def test_one_word_for_a_longer_other_word_is_substantive(typer, a, b):
    assert typer([_tokens(a), _tokens(b)], False) == "substantive"


def test_lines_dropped_mid_sentence_are_ocr_an_added_sentence_is_not(typer):
    dropped = "and December 31, 1961 is about 466,000 tons which at the U.S. price would bring a premium"
    assert typer([_tokens(dropped), []], False) == "ocr"
    added = "With respect to Dominican exile groups, CIA has established useful working relationships."
    assert typer([_tokens(added), []], False) == "substantive"


def test_text_found_in_the_other_copy_elsewhere_is_not_substantive(typer):
    """Each reading stands in both copies: the alignment placed them apart (a paragraph one
    copy split), the words are the same."""
    assert typer([_tokens("the question needs study"), _tokens("and a review of the")], False) == "ocr"
    assert typer([_tokens("the question needs study"), _tokens("we agreed at once today")], False) == "substantive"


def test_a_reading_the_other_copy_shows_garbled(typer):
    """Two readings of one stretch that do not look alike, one in words, the other with two
    doubtful tokens of its own ("Iu wns" where the other copy reads "It was"): the second
    is garbled. Two OCR slips ("Venezue1a, severa1") look like their words and are not."""
    assert typer.garbled_reading([_tokens("Iu wns"), _tokens("It was")]) == 0
    assert typer.garbled_reading([_tokens("that we don't"), _tokens("what wi doi'p")]) == 1
    assert typer.garbled_reading([_tokens("Venezue1a, severa1"), _tokens("Venezuela, several")]) is None
    assert typer.garbled_reading([_tokens("may"), _tokens("might")]) is None
    assert typer.garbled_reading([_tokens("the first"), _tokens("a second time")]) is None  # both words


def test_a_garbled_reading_is_encoded_unclear_in_the_apparatus():
    text = ("MEMORANDUM\n\nIt was agreed that we don't know the answer yet.\n\nALTERNATE COPY FOLLOWS\n\n"
            "MEMORANDUM\n\nIu wns agreed that we don't know the answer yet.\n")
    root = etree.fromstring(to_tei(analyse_copies([(text.encode(), "m.txt")])))
    unclear = [u.text for u in root.iter(f"{T}unclear") if u.get("reason") == "illegible"]
    assert unclear == ["Iu wns"]


def test_a_line_one_engine_could_not_read_is_no_added_sentence():
    """01+02: the handwritten "This has bren done." only 02's engine read as words; 01's
    read the same line as "Fe tne bun deus ." (a neighbouring block only 01 has): ocr,
    not a sentence one typist added. The sentence only 02 has stays substantive."""
    found = _substantive(_pair("01", "02"))
    assert not any(any("This has bren done." in r for r in app) for app in found)
    assert any(any(r.startswith("With respect to Dominican exile groups") for r in app) for app in found)


def test_an_unread_counterpart(typer):
    assert typer.unread_counterpart(_tokens("This has bren done."), _tokens("Fe tne bun deus ."))
    assert not typer.unread_counterpart(_tokens("This has been done."), _tokens("The plan is desirable."))
    assert not typer.unread_counterpart(_tokens("With respect to exile groups, CIA has established relations."),
                                        _tokens("Fe tne bun deus ."))


def test_a_reading_of_no_word_the_other_has_with_a_non_word(typer):
    """The seed: copy A reads "of the emiser westers." where B reads "of the United
    Nations.": no word in common and "emiser" a non-word no slip explains (that "westers"
    is a form of "wester" does not save it). Slips of the same words look alike and a
    name the list lacks is no non-word: not garbled."""
    assert typer.garbled_reading([_tokens("United Nations."), _tokens("emiser westers.")]) == 1
    assert typer.garbled_reading([_tokens("statcd that"), _tokens("said this")]) is None  # a slip
    assert typer.garbled_reading([_tokens("Kenoyo said"), _tokens("he spoke")]) is None  # a name
    assert typer.garbled_reading([_tokens("emiser said"), _tokens("United said")]) is None  # a word shared


def _line(text: str, lb: bool = True) -> list:
    tokens = _tokens(text)
    return [tokens[0]._replace(lb=lb)] + tokens[1:]


def test_a_stray_fragment_between_two_sentences_both_copies_join(typer):
    """The seed: copy A ends paragraph 3 with "systems". I winter formula for Ta", B with
    "systems"."; both go on with "4." on a new line. Words there that end no sentence
    and hold a doubtful one ("Ta") are no text B's engine lost."""
    before = _tokens('systems".')[0]
    after = _line("4.")[:1]
    assert typer.stray_fragment(_tokens("I winter formula for Ta"), before, after + after)
    # a whole sentence one engine lost; words running on; words all common; no sentence end before
    assert not typer.stray_fragment(_tokens("It is for Ta."), before, after + after)
    assert not typer.stray_fragment(_tokens("I winter formula for Ta"), before, _line("the", lb=False) * 2)
    assert not typer.stray_fragment(_tokens("I think it is for them"), before, after + after)
    assert not typer.stray_fragment(_tokens("I winter formula for Ta"), _tokens("systems")[0], after + after)


def test_a_garbled_part_joins_the_reading_the_other_copy_shows_garbled():
    """A reading whose words the copy's own analysis partly marked garbled ("lie" beside
    "mmm heierll") against "him several": the whole reading is one unclear."""
    text = ("MEMORANDUM\n\nThe Minister gave him several days to decide on the matter.\n\nALTERNATE COPY FOLLOWS\n\n"
            "MEMORANDUM\n\nThe Minister gave lie mmm heierll days to decide on the matter.\n")
    root = etree.fromstring(to_tei(analyse_copies([(text.encode(), "m.txt")])))
    unclear = [" ".join(u.itertext()) for u in root.iter(f"{T}unclear") if u.get("reason") == "illegible"]
    assert unclear == ["lie mmm heierll"]


def test_a_form_of_a_rare_short_stem_is_no_word(typer):
    """"tpss" is no plural of the rare "tps": "on tpss" / "in this" has a non-word."""
    assert typer.garbled_reading([_tokens("in this"), _tokens("on tpss")]) == 1
