"""What kind of difference a point of variation is: ocr, substantive or layout.

The question is whether the typescripts differ or only the OCR's reading of them.
Evidence, in order:

1. a garbled (illegible) span or an OCR repetition in a reading: ocr;
2. a reading missing in some copy: ocr when that copy turns a page or has furniture
   right there (lines lost at a page top or foot), or when what the other copies have
   there is mostly not words, has no letters at all (stray OCR marks), or is a few words
   in capitals and figures (a marking or number the page analysis did not recognise);
   otherwise substantive (an added clause);
3. readings that look alike, character by character (rapidfuzz ratio, 0-100):
   at least SAME_WORDS: the same typed words read differently ("Khrushehev"/"Khrushchev");
   at least SHORT_ALIKE for readings of at most SHORT words of the same length ("CAS"/"OAS");
4. short readings (at most SHORT words) with a word that is not a word: ocr;
5. anything else: substantive (the typist wrote something else).

"Is a word" means: in the bundled list of 50,000 frequent English words, or present in
at least two copies of this memo (names and acronyms the list lacks: "Castro", "IL-28").
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from rapidfuzz import fuzz

from tei_encoder.model import Surplus, Token, Unclear

SAME_WORDS = 70
SHORT_ALIKE = 50
SHORT = 3
WORDLIKE_SHARE = 0.5


@cache
def english_words() -> frozenset[str]:
    text = (resources.files("tei_encoder") / "data" / "english-words.txt").read_text("utf-8")
    return frozenset(text.split())


class VariantTyper:
    """Types points of variation for one memo. common_keys: words found in at least two
    of its copies."""

    def __init__(self, common_keys: frozenset[str]):
        self.common_keys = common_keys

    def __call__(self, readings: list[list[Token]], lost_at_page: bool) -> str:
        if any(_is_ocr_artefact(token) for reading in readings for token in reading):
            return "ocr"
        present = [reading for reading in readings if reading]
        if len(present) < len(readings):
            if lost_at_page or not all(self._wordlike(r) and _has_letters(r) and not _marking(r) for r in present):
                return "ocr"
            return "substantive"
        first = _text(present[0])
        for other in present[1:]:
            if not self._alike(first, _text(other), len(present[0]), len(other)):
                if max(len(present[0]), len(other)) <= SHORT and not all(self._all_words(r) for r in present):
                    continue
                return "substantive"
        return "ocr"

    def _alike(self, a: str, b: str, words_a: int, words_b: int) -> bool:
        score = fuzz.ratio(a.casefold(), b.casefold())
        if score >= SAME_WORDS:
            return True
        return score >= SHORT_ALIKE and words_a == words_b and words_a <= SHORT

    def _wordlike(self, reading: list[Token]) -> bool:
        keys = [t.key for t in reading if any(c.isalpha() for c in t.key)]
        return not keys or sum(self.is_word(k) for k in keys) / len(keys) >= WORDLIKE_SHARE

    def _all_words(self, reading: list[Token]) -> bool:
        return all(self.is_word(t.key) for t in reading if any(c.isalpha() for c in t.key))

    def is_word(self, key: str) -> bool:
        return key in self.common_keys or key in english_words()


def _has_letters(reading: list[Token]) -> bool:
    """Punctuation and stray marks alone ("_", ":") are not text a typist added."""
    return any(c.isalpha() for token in reading for c in token.key)


def _marking(reading: list[Token]) -> bool:
    """A few words in capitals and figures ("83,000 TOP SECRET"): page furniture the page
    analysis did not recognise, not text a typist added."""
    text = " ".join(token.text for token in reading)
    return len(reading) <= SHORT + 1 and not any(c.islower() for c in text)


def _is_ocr_artefact(token: Token) -> bool:
    return any(isinstance(p, Surplus) or (isinstance(p, Unclear) and p.reason == "illegible")
               for p in token.parts)


def _text(reading: list[Token]) -> str:
    return " ".join(token.text for token in reading)
