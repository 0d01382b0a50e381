"""The character plausibility model and the garbled spans it finds."""

from __future__ import annotations

from tei_encoder.analyse import garbled, inline
from tei_encoder.analyse.plausibility import is_plausible, is_word, near_word, word_plausibility
from tei_encoder.model import Unclear


def test_english_words_and_names_score_above_garbage():
    """Words and names of the seed and the corpus against OCR garbage of the corpus (11's
    "tre attest eee Woe em", 10's and 09's scrambled cables)."""
    for word in ("committee", "surveillance", "Trujillo", "Betancourt", "quarantine"):
        assert word_plausibility(word) > 0.06, word
    for garbage in ("nlnh", "lhtrmt", "iictmaswh", "eee", "vw"):
        assert word_plausibility(garbage) < 0.03, garbage


def test_the_api():
    assert is_word("Committee,") and not is_word("ewpsm")
    assert is_plausible("1962") and word_plausibility("1962") is None  # nothing to judge
    assert not is_plausible("ewpsm")
    assert near_word("briefcd") == "briefed"  # an OCR slip (dev-set style: c for e)
    assert near_word("iictmaswh") is None


def _unclear(text: str) -> list[str]:
    return [part.text for part in inline.analyse(text) if isinstance(part, Unclear)]


def test_a_run_of_implausible_lower_case_tokens_is_illegible():
    assert _unclear("the report said lhtrmt nlnh lvc and went on") == ["lhtrmt nlnh lvc"]


def test_ocr_slips_names_and_acronyms_are_not_garble():
    """One misread letter is a word misread (sic/corr), names and acronyms are not in the
    list but are not garbage (seed: "Khrushehev"; corpus 09: "CINCPAC POLAD", 08: "Xuan Vy")."""
    assert _unclear("General Taylor and I were briefcd this morning by instruetion") == []
    assert _unclear("Khrushehev told Zinchuk and Dobrynin") == []
    assert _unclear("INFORMATION CINCPAC POLAD USOM") == []


def test_a_very_implausible_token_beside_a_scrap_is_illegible():
    assert _unclear("the report cdowlwd ay and the rest") == ["cdowlwd ay"]


def test_a_word_two_slips_away_is_no_garble():
    """Corpus 06: "errlved" is "arrived" misread (two letters), not illegible."""
    assert _unclear("They had errlved late in the evening") == []


# --- garbled spans judged by their neighbours (garbled.WordContext) ---------------------

def _lines_unclear(lines: list[str], seen: frozenset[str] = frozenset()) -> list[str]:
    """The illegible spans of a block of lines, line by line and over the breaks."""
    context = garbled.WordContext(seen)
    parts = garbled.block_garbled([inline.analyse(line, context=context) for line in lines], context)
    return [part.text for line in parts for part in line if isinstance(part, Unclear)]


def test_a_run_of_doubtful_tokens_with_a_hopeless_one_is_illegible():
    """Corpus lines the character model alone passed: 11's "cS Cae" (a case-mixed scrap
    and a Title-case non-word), 07's upside-down stamp ("AUVdGIT GHOd"), 12's "ony, Qo ree
    ta," (non-words and rare scraps)."""
    assert _unclear("cS Cae interviewed and admitted association with —") == ["cS Cae"]
    assert "AUVdGIT GHOd" in _unclear("AUVdGIT GHOd °y GIWaaD 3HL HOUT AdOOOLOHd")
    assert _unclear("berg ony, Qo ree ta,") == ["ony, Qo ree ta,"]  # 12, a signature block's debris


def test_lower_case_in_a_line_in_capitals_is_garble():
    """A cable is typed in capitals: lower-case letters inside it are the OCR's (dev-set
    style), but a short lower-case scrap may be a damaged label (corpus 08: "dle" for "1.")."""
    line = "LATEST DEVELOPMENTS MAKE IT UNLIKELY THAT A CONFERENCE tOULw iE HEwh UNDER CONDITIONS"
    assert _unclear(line) == ["tOULw iE HEwh"]
    assert _lines_unclear(["CINCPAC FOR POLAD", "dle ADMIRAL FELT, MINISTER MARTIN, EMBASSY INTERPRETER AND 1"]) == []


def test_memo_text_with_rare_words_names_and_slips_is_not_garble():
    """Corpus lines of memo text: a word the list lacks beside a slip (02), a long word of
    English shape beside a case slip (09), acronyms in a cable (09)."""
    assert _unclear("meeting his principal propaganda instrumentality, Badio") == []
    assert _unclear("BrA DELINEATION. OFFUNCTIONS AS THEY: PERTAIN TORTHE SEPARATE") == []
    assert _unclear("¿ACTION DEPARTMENT: 668, INFORMATION CINCPAC POLAD 268") == []
    assert _unclear("He rather slyly intimated that they had used their influence") == []


def test_a_word_hyphenated_over_a_line_break_is_judged_whole():
    """Corpus 01 ("-Vene-" / "zuela,"), 06 ("relation-" / "shipAll", two words run
    together), 12 ("leng-" / "Ox", a compound): memo text, not garble."""
    assert _lines_unclear(["after an assassination attempt on the President of -Vene-",
                           "zuela, that country called for a meeting of Foreign"]) == []
    assert _lines_unclear(["which might teke place in the future with respect to our relation-",
                           "shipAll agreed on the need for tight security,"]) == []
    assert _lines_unclear(["would like to obtain the original of the novel on: leng-",
                           "Ox permanent. loan. © We believe; nevertheless,that-it"]) == []


def test_a_garbled_span_over_a_line_break_is_found():
    """A span the OCR garbled where the line wraps: one unclear on each line."""
    assert _lines_unclear(["He asked me about different people, the otelenton amhnu",
                           "peheas. He said"]) == ["otelenton amhnu", "peheas."]


def test_a_word_the_memo_repeats_is_no_garble():
    """A name typed twice is typed: the source's repeated words (every copy) are words."""
    line = "the report of Kzrwth Mlpq reached"
    assert _unclear(line) == ["Kzrwth Mlpq"]
    assert _lines_unclear([line], frozenset({"kzrwth", "mlpq"})) == []


def test_short_word_frequencies():
    """The short-word table tells a common word from a rare scrap of the list."""
    from tei_encoder.analyse.plausibility import short_word_zipf
    assert short_word_zipf("of") > 7 > short_word_zipf("its") > 5
    assert short_word_zipf("ia") < 4 and short_word_zipf("lh") < 4
    assert short_word_zipf("committee") is None and short_word_zipf("qzx") is None


def test_a_rare_word_hyphenated_over_a_break_is_one_word():
    """The seed (and its hOCR rendering): "troika-" / "type control commission": "troika"
    is no list word and of odd shape, but one hopeless word is not a garbled span."""
    assert _lines_unclear(["introduce a Russian veto or troika-",
                           "type control commission into the Western Hemisphere,"]) == []


def test_two_ocr_slips_side_by_side_are_no_garble():
    """Memo text the OCR misread twice in a row is a matter for sic/corr: a confusion of
    the typeface ("bis" for "his", corpus 06), words joined by stops (04: "Cong.as
    suggested.to"), a bracket for a space and G for C (11: "as]a GIA"), I for 1 in a
    cable (10: "I9TH AVE"), an engine's accents (09: "HEÄDQUÄRTERS DEVELOPMÈNT-")."""
    assert _unclear("eed. He thought he might be able to present bis proepectus within") == []
    assert _unclear("peing cut off by the: Viet Cong.as suggested.to you by a") == []
    assert _unclear("serious proportions. That is,.it was.a-reflection of the") == []
    assert _unclear("identified herself as]a GIA informant in Havana ©") == []
    assert _unclear("I9TH AVE AT S:45 Z4 JUNE AND PROCEED TO JACKSON BYRONS WHERE HE") == []
    assert _unclear("¿ZINGCAS: HAS TALREADY PROPOSED: TO TS HEÄDQUÄRTERS DEVELOPMÈNT- •OF") == []


def test_two_non_words_no_confusion_explains_are_garble():
    """Two tokens each a plain edit from a word but no confusion of the typeface
    ("shouod", "uaks"), side by side: garble, not two slips."""
    assert _unclear("we shouod uaks e fresh start") == ["shouod uaks"]
    from tei_encoder.analyse.plausibility import confused_word
    assert confused_word("statcd") == "stated" and confused_word("wou1d") == "would"
    assert confused_word("shouod") is None


def test_a_non_word_a_plain_edit_from_a_word_is_a_doubt():
    """A lower-case non-word one plain edit (no confusion of the typeface) from a word is
    a doubt even when its shape is plausible ("eurea", "sush"): beside a rare scrap it is
    garble. A word broken at the line's end is judged whole over the break (corpus 01:
    "ecnnomic diffi-" / "culties" is a slip and a broken word), and an apostrophe inside
    a word is a contraction or a name ("B'nai B'rith")."""
    assert _unclear("he eurea thwt he would come") == ["eurea thwt"]
    assert _unclear("and ant sush things were said") == ["ant sush"]
    assert _lines_unclear(["in the midst of serious ecnnomic diffi-", "culties, and the regime"]) == []
    assert _unclear("the leaders of B'nai B'rith called on him") == []


def test_rare_short_words_and_their_forms():
    """A rare short word is a slip only of a word of function-word frequency ("bis" for
    "his"); "ia", "oa", "cm" ("la", "ca", "em" one confusion away) stay rare words, so
    beside a doubt they make a span (corpus 11: "renare oa", a scrap line). A rare short
    stem makes no forms ("tpss", "inves": corpus 11's "fhis inves ation" for "This
    investigation"); a common one does, and list words stay words."""
    from tei_encoder.analyse.garbled import NO_CONTEXT, _grade, doubtful_runs

    assert _grade("bis", NO_CONTEXT) == 1 and all(_grade(w, NO_CONTEXT) == 2 for w in ("ia", "oa", "cm"))
    assert doubtful_runs(["renare", "oa"], NO_CONTEXT) == [(0, 2)]
    assert doubtful_runs(["efforts", "effeuts", "oa", "the"], NO_CONTEXT) == [(1, 3)]
    assert all(_grade(w, NO_CONTEXT) >= 3 for w in ("tpss", "inves", "liler"))
    assert all(_grade(w, NO_CONTEXT) == 0 for w in ("aids", "tugs", "vetted", "owed", "oaths"))


def test_a_memos_repeated_words_compare_by_their_words_not_by_identity():
    """The grading caches are keyed on the memo's word set: one built again for the same
    memo is the same key (a cache hit, compared by digest), another memo's is not."""
    import pickle

    from tei_encoder.analyse.garbled import WordContext, WordSet, repeated_words
    from tests.conftest import SEED
    lines = SEED.read_text(encoding="utf-8").splitlines()
    first, again = repeated_words(lines), WordSet(sorted(repeated_words(list(lines))))  # built apart
    other = repeated_words(lines[:40])
    assert repeated_words(list(lines)) is first  # the same words read again: the very same set
    assert first is not again and first.digest == again.digest and first == again and hash(first) == hash(again)
    assert WordContext(first) == WordContext(again) and first != other
    assert first == frozenset(first) and "the" in first and len(first) > len(other)
    assert pickle.loads(pickle.dumps(first)) == first
