"""The character plausibility model and the garbled spans it finds."""

from __future__ import annotations

from tei_encoder.analyse import inline
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
