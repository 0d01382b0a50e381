"""What kind of difference a point of variation is: ocr, substantive, layout or redaction.

The question is whether the typescripts differ or only the OCR's reading of them.
Evidence, in order:

0. a reading holding a redaction trace (analyse.redactions) where another holds text
   without one that does not read like the trace: redaction, a difference between
   releases, not between typescripts;
1. a garbled (illegible) span or an OCR repetition in a reading: ocr;
2. words a copy lost: a reading missing in a copy that turns a page or has furniture
   right there (lines lost at a page top or foot), or a shorter reading holding the end
   of a line its OCR cut short (collate.words, CUT_SHARE): ocr;
   a reading missing otherwise: ocr when what the other copies have
   there is mostly not words, has no letters at all (stray OCR marks), or is a few words
   in capitals and figures (a marking or number the page analysis did not recognise);
   otherwise substantive (an added clause);
3. readings that look alike, character by character (rapidfuzz ratio, 0-100):
   at least SAME_WORDS: the same typed words read differently ("Khrushehev"/"Khrushchev");
   at least SHORT_ALIKE for readings of at most SHORT words of the same length ("CAS"/"OAS");
4. short readings (at most SHORT words) with a word that is not a word, or readings
   none of which is mostly words: ocr;
5. a short difference (at most OCR_SWAP words on every side) that is a slip an engine
   makes: a word more or less ("thought' for"/"for"), a side without letters ("2 -"/"20"),
   words split or joined ("I had"/"Thad": alike without spaces), or words of at most
   TINY letters ("in"/"la", "set"/"not", "Mr."/"Mix,"), too short for their letters to
   say anything: ocr. One word for another that is longer ("may"/"might",
   "support"/"backing") is left to the rules below;
6. text one copy lacks is substantive only when it reads as whole sentences a typist
   added: it begins with a capital or a figure, ends a sentence, and its words are words
   (at least ADDED_WORDS_SHARE of them). Anything else (a run of lines an engine
   dropped mid-sentence, "and December 31, 1961 is about 466,000 tons which at the";
   a handwritten note read as "Fe tne bun deus .") is ocr;
7. a difference whose longer readings (of at least RELOCATED_MIN_WORDS words) are all
   found in another copy too, elsewhere (a paragraph one copy split and the other ran
   on, a page the alignment placed apart): ocr, the typescripts have the same words;
8. anything else: substantive (the typist wrote something else).

"Found in another copy": at least FOUND_SHARE of the reading's word trigrams are
trigrams of that copy's text, words compared with the OCR's usual confusions folded
(rn/m, c/e, l/1/i, 0/o, h/b).

"Is a word" means: in the bundled list of 50,000 frequent English words, or present in
at least two copies of this memo (names and acronyms the list lacks: "Castro", "IL-28").
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import attrgetter

from rapidfuzz import fuzz

from tei_encoder.analyse import garbled, plausibility
from tei_encoder.collate.tokens import has_alphanumeric, has_letter
from tei_encoder.model import Redaction, Surplus, Text, Token, Unclear

SAME_WORDS = 70
SHORT_ALIKE = 50
SHORT = 3
WORDLIKE_SHARE = 0.5
OCR_SWAP = 2
TINY = 3
ADDED_WORDS_SHARE = 0.8
RELOCATED_MIN_WORDS = 4
FOUND_SHARE = 0.6
GARBLED_MIN = 2  # doubtful tokens a garbled reading holds at least
GARBLED_WORDS_APART = 1  # two readings of one typed stretch have about as many words


# The bundled word list: the one set plausibility loads, once a process.
english_words = plausibility.english_words
# A token's fields, read in C where a rule reads them of every token of a reading.
_KEY, _TEXT = attrgetter("key"), attrgetter("text")


class VariantTyper:
    """Types points of variation for one memo. common_keys: words found in at least two
    of its copies."""

    def __init__(self, common_keys: frozenset[str], copy_keys: tuple[tuple[str, ...], ...] = ()):
        """copy_keys: each copy's word keys in reading order (for rule 6)."""
        self.common_keys = common_keys
        self._copy_keys = copy_keys
        self._copy_trigrams: list[frozenset] | None = None  # read when rule 7 first needs them
        repeated = garbled.repeated_words(" ".join(keys) for keys in copy_keys)
        self.words = garbled.WordContext(repeated)  # for judging a reading garbled

    def __call__(self, readings: list[list[Token]], lost: bool) -> str:
        """lost: a copy lost words here, at a page edge or at a line its OCR cut short."""
        marks = [_marks(reading) for reading in readings]  # each reading's parts walked once
        if _release_difference(readings, [redacted for redacted, _ in marks]):
            return "redaction"
        if lost or any(artefact for _, artefact in marks):
            return "ocr"
        words = [_words(reading) for reading in readings]  # asked by several rules: read once
        kind = self._by_readings(readings, words)
        if kind == "substantive" and self._relocated([(r, len(w)) for r, w in zip(readings, words) if r]):
            return "ocr"
        return kind

    def _by_readings(self, readings: list[list[Token]], words: list[list[str]]) -> str:
        """Rules 2 to 6 (no redaction, no OCR artefact, no copy lost words here); words:
        each reading's _words."""
        present = [reading for reading in readings if reading]
        present_words = [w for reading, w in zip(readings, words) if reading]
        if len(present) < len(readings):
            if not all(self._wordlike(r) and _has_letters(r) and not _marking(r) for r in present):
                return "ocr"
            return "substantive" if all(self._added_sentences(r, w) for r, w in zip(present, present_words)) \
                else "ocr"
        if all(len(w) <= OCR_SWAP for w in present_words) and _slip(present_words):
            return "ocr"
        if not any(self._wordlike(r) for r in present):
            return "ocr"  # no reading is made of words: marks and scraps the engines read apart
        rest = _beyond(present)
        if rest is not None:  # one reading is the other and more: text one copy lacks
            return "substantive" if self._added_sentences(rest, _words(rest)) else "ocr"
        first = _text(present[0])
        for other in present[1:]:
            if not self._alike(first, _text(other), len(present[0]), len(other)):
                if max(len(present[0]), len(other)) <= SHORT and not all(self._all_words(r) for r in present):
                    continue
                return "substantive"
        return "ocr"

    def archival(self) -> "ArchivalTyper":
        """The typer for a release form's blocks (see ArchivalTyper)."""
        return ArchivalTyper(self)

    def garbled_reading(self, readings: list[list[Token]]) -> int | None:
        """Of two readings of one place (an ocr variant), the one that is garbled, judged
        against the other copy: the readings do not look alike (ratio under SAME_WORDS),
        have about as many words (GARBLED_WORDS_APART), and one reads as words (every token
        OK in the memo's context, analyse.garbled) while the other has at least two tokens,
        half of its own, that are doubtful and not in the first ("Iu wns" / "It was",
        "what wi doi'p" / "that we don't"). None when neither or both are."""
        if len(readings) != 2 or not all(readings):
            return None
        first, second = readings
        if abs(len(first) - len(second)) > GARBLED_WORDS_APART or \
                fuzz.ratio(_text(first).casefold(), _text(second).casefold()) >= SAME_WORDS:
            return None
        found = [index for index, (one, other) in enumerate(((first, second), (second, first)))
                 if self._garbled_against(one, other)]
        return found[0] if len(found) == 1 else None

    def stray_fragment(self, reading: list[Token], before: Token | None, after: list[Token | None]) -> bool:
        """Is `reading` (words one copy alone has, between the shared word `before` and each
        copy's next word, `after`) no typed text but the engine's reading of something
        else (a mark, a hand's note): the copies agree that a sentence ends at `before`
        and that a new line and sentence begins after the reading (or the stretch ends),
        while the reading, of at least two words and one of them doubtful, ends no
        sentence ("systems\". I winter formula for Ta" / "systems\".", then "4." in
        both). Text an engine lost would be a whole sentence there, or would run on."""
        words = _words(reading)
        if len(words) < GARBLED_MIN or _SENTENCE_END.search(reading[-1].text):
            return False
        if before is None or not _SENTENCE_END.search(before.text):
            return False
        if not all(token is None or token.lb and (token.text[:1].isupper() or token.text[:1] in _OPENS)
                   for token in after):
            return False
        context = self.words._replace(caps=garbled.capitals_line(_text(reading)))
        return any(garbled.doubtful(token.text, context) for token in reading)

    def unread_counterpart(self, reading: list[Token], other: list[Token]) -> bool:
        """Is `other` (a block the other copy alone has, beside `reading`) that copy's
        engine failing to read the same words: about as many words (one apart at most),
        not alike, and at least half of its words doubtful (analyse.garbled) while
        `reading` has none but its own slips ("This has bren done." / "Fe tne bun deus .")?"""
        words, others = _words(reading), _words(other)
        if len(others) < GARBLED_MIN or abs(len(words) - len(others)) > GARBLED_WORDS_APART:
            return False
        context = self.words._replace(caps=garbled.capitals_line(_text(reading) + " " + _text(other)))
        doubtful = [word for word in others if garbled.doubtful(word, context)]
        return 2 * len(doubtful) >= len(others) and len(doubtful) > sum(garbled.doubtful(w, context) for w in words)

    def _garbled_against(self, reading: list[Token], other: list[Token]) -> bool:
        context = self.words._replace(caps=garbled.capitals_line(_text(reading) + " " + _text(other)))
        if any(garbled.doubtful(token.text, context) for token in other):
            return False
        keys = {token.key for token in other}
        fresh = [t for t in reading if t.key not in keys]
        doubtful = [t for t in fresh if garbled.doubtful(t.text, context)]
        if len(doubtful) >= GARBLED_MIN and 2 * len(doubtful) >= len(reading):
            return True
        # No word of it is the other copy's, and one is a non-word no slip explains
        # ("emiser westers." / "United Nations."): a stretch the engine could not read.
        return len(fresh) == len(reading) >= GARBLED_MIN and any(garbled.non_word(t.text, context) for t in fresh)

    def _added_sentences(self, reading: list[Token], words: list[str]) -> bool:
        """Rule 6: whole sentences, of words. words: the reading's _words."""
        if len(words) <= OCR_SWAP or not _SENTENCE_END.search(reading[-1].text):
            return False
        if not (words[0][:1].isupper() or words[0][:1].isdigit()):
            return False
        keys = list(filter(has_letter, map(_KEY, reading)))
        return bool(keys) and self._count_words(keys) / len(keys) >= ADDED_WORDS_SHARE

    @property
    def copy_trigrams(self) -> list[frozenset]:
        """Each copy's word trigrams (for rule 7), read the first time they are asked."""
        if self._copy_trigrams is None:
            self._copy_trigrams = [frozenset(_trigram_tuples(keys)) for keys in self._copy_keys]
        return self._copy_trigrams

    def _relocated(self, present: list[tuple[list[Token], int]]) -> bool:
        """Is every reading's text also in another copy (rule 7)? present: each reading
        that is not empty, with the number of its _words."""
        if len(self._copy_keys) < 2:
            return False
        long = [r for r, count in present if count >= RELOCATED_MIN_WORDS]
        for reading in long:
            grams = _trigrams([token.key for token in reading])
            holding = sum(len(grams & copy) >= FOUND_SHARE * len(grams) for copy in self.copy_trigrams)
            if not grams or holding < 2:
                return False
        return bool(long)

    def _alike(self, a: str, b: str, words_a: int, words_b: int) -> bool:
        score = fuzz.ratio(a.casefold(), b.casefold())
        if score >= SAME_WORDS:
            return True
        return score >= SHORT_ALIKE and words_a == words_b and words_a <= SHORT

    def _wordlike(self, reading: list[Token]) -> bool:
        keys = list(filter(has_letter, map(_KEY, reading)))
        return not keys or self._count_words(keys) / len(keys) >= WORDLIKE_SHARE

    def _count_words(self, keys: list[str]) -> int:
        """How many of keys are words (is_word), the two sets looked up in place: asked of
        every reading's keys."""
        common, listed = self.common_keys, english_words()
        return sum(1 for key in keys if key in common or key in listed)

    def _all_words(self, reading: list[Token]) -> bool:
        return all(self.is_word(t.key) for t in reading if has_letter(t.key))

    def is_word(self, key: str) -> bool:
        return key in self.common_keys or key in english_words()


class ArchivalTyper:
    """Two releases of one memo carry different archive forms (record numbers, review
    dates, banners): where those differ, the memo does not. What would be substantive
    there is layout: the archive's furniture, not the typescript."""

    def __init__(self, typer: VariantTyper):
        self.typer = typer

    def __call__(self, readings: list[list[Token]], lost: bool) -> str:
        kind = self.typer(readings, lost)
        return "layout" if kind == "substantive" else kind

    def archival(self) -> "ArchivalTyper":
        return self

    def garbled_reading(self, readings: list[list[Token]]) -> int | None:
        return None  # a release form's readings are the archive's: never judged garbled


def _beyond(present: list[list[Token]]) -> list[Token] | None:
    """Where there are two readings and the shorter one's words begin or end the longer
    one, the longer one's other words (the text the shorter copy lacks)."""
    if len(present) != 2:
        return None
    short, long = sorted(present, key=len)
    keys, long_keys = [t.key for t in short], [t.key for t in long]
    if not keys or len(keys) >= len(long_keys):
        return None
    if long_keys[:len(keys)] == keys:
        return long[len(keys):]
    if long_keys[-len(keys):] == keys:
        return long[:-len(keys)]
    return None


def _slip(words: list[list[str]]) -> bool:
    """Rule 5: short readings that differ as an engine's readings do. words: the
    readings' _words."""
    if len({len(w) for w in words}) > 1 or not all(has_letter("".join(w)) for w in words):
        return True
    squashed = ["".join(w).casefold() for w in words]
    if all(fuzz.ratio(squashed[0], other) >= SAME_WORDS for other in squashed[1:]):
        return True
    return all(sum(c.isalpha() for c in word) <= TINY for w in words for word in w)


def _words(reading: list[Token]) -> list[str]:
    """The tokens with a letter or a figure in them (not stray marks)."""
    return list(filter(has_alphanumeric, map(_TEXT, reading)))


_SENTENCE_END = re.compile(r"[.!?]['\")\]]*$")
_OPENS = frozenset("0123456789(")  # a new paragraph's label: "4.", "(b)"


_FOLD = str.maketrans({"c": "e", "1": "l", "i": "l", "|": "l", "0": "o", "h": "b", "5": "s"})


@lru_cache(maxsize=65536)
def _fold(key: str) -> str:
    """A word with the OCR's usual confusions folded: "Khrushehev" and "Khrushchev" agree."""
    return key.casefold().replace("rn", "m").translate(_FOLD)


@lru_cache(maxsize=65536)
def _trigram_word(key: str) -> str | None:
    """The word a key gives the trigrams (folded), None for one without a letter or figure:
    one look-up a key where a copy's whole text is read."""
    return _fold(key) if has_alphanumeric(key) else None


def _trigrams(keys) -> set[tuple[str, str, str]]:
    return set(_trigram_tuples(keys))


def _trigram_tuples(keys):
    """The folded words' trigrams, in order (filter(None): a trigram word is None or a
    word with a letter or figure, never empty)."""
    folded = list(filter(None, map(_trigram_word, keys)))
    return zip(folded, folded[1:], folded[2:])


def _has_letters(reading: list[Token]) -> bool:
    """Punctuation and stray marks alone ("_", ":") are not text a typist added."""
    return any(has_letter(token.key) for token in reading)


def _marking(reading: list[Token]) -> bool:
    """A few words in capitals and figures ("83,000 TOP SECRET"): page furniture the page
    analysis did not recognise, not text a typist added."""
    text = " ".join(token.text for token in reading)
    return len(reading) <= SHORT + 1 and not any(c.islower() for c in text)


def _release_difference(readings: list[list[Token]], cut: list[bool]) -> bool:
    """Rule 0: a reading holds a redaction (an excision statement, an exemption code, a
    blacked-out run) and another does not: one release withheld what another shows.
    cut: does each reading hold a redaction (_marks)?"""
    if not any(cut) or all(cut):
        return False
    # A reading that reads like the statement itself (its brackets or words marked up
    # differently) is the same trace, not text the release showed.
    traces = [_text(r) for r, c in zip(readings, cut) if c]
    shown = [_text(r) for r, c in zip(readings, cut) if not c and r]
    if not shown:
        return False  # a copy that lacks the trace altogether: lost, not shown
    return not any(fuzz.ratio(_bare(a), _bare(b)) >= SAME_WORDS for a in traces for b in shown)


def _marks(reading: list[Token]) -> tuple[bool, bool]:
    """(does the reading hold a redaction, does it hold an OCR artefact: a repetition or
    a garbled span), its tokens' parts walked once (most are one plain Text)."""
    redacted = artefact = False
    for token in reading:
        for part in token.parts:
            if type(part) is Text:
                continue
            if isinstance(part, Redaction):
                redacted = True
            elif _is_artefact(part):
                artefact = True
    return redacted, artefact


def _bare(text: str) -> str:
    return re.sub(r"</?u>|[^\w ]", "", text).lower()


def _is_artefact(part) -> bool:
    """An OCR repetition or a garbled (illegible) span: the engine's, not the typist's."""
    return isinstance(part, Surplus) or (isinstance(part, Unclear) and part.reason == "illegible")


def _text(reading: list[Token]) -> str:
    return " ".join(map(_TEXT, reading))
