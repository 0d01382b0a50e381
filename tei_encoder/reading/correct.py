"""Corrections in one copy: an OCR non-word near a word becomes a Correction
(choice/sic/corr in the TEI), the OCR's reading kept as the sic.

A word is corrected only when all of these hold (thresholds below, documented in
docs/ENCODING.md):

- it is MIN_LETTERS letters or more, letters only (edge punctuation aside: "Guba\"" is
  the word "Guba"), in lower case, Title case or capitals (no "HCleveland"), and not
  capitals of fewer than MIN_CAPITALS letters (acronyms);
- it is not a word (lexicon goodness 0: not in the word list, not in another copy, not
  seen twice in this one: a name seen twice is typed);
- a word lies within MAX_COST of it (an edit distance where an OCR confusion costs 0.5:
  reading.lexicon.distance), MAX_COST_LONG for words of LONG letters or more. The
  candidates are the memo's own words (from any copy) and the word list. A plain edit
  (not only confusions) needs the candidate to be a memo word: a list word reached by
  plain edits is a guess ("emiser" -> "miser"), and a capitalised non-word is often a
  name the list lacks;
- that word is the only best one: a memo word beats a list word at the same cost; two
  candidates still level mean no correction.

Never corrected: figures (any digit), labels, underlined words, garbled spans, stamps,
page furniture, release forms, drafting lines. In a date (a date line the analysis
normalised), only a misread month name, and only to the month of its @when
(correct_month): a non-word within MAX_COST of that month's name, at least MIN_LETTERS
letters, not an abbreviation of it.

@cert: high for one confusion to a memo word ("Guba" -> "Cuba"), medium otherwise (a memo
word further away, or a list word by confusions only).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

from tei_encoder.analyse.dates import MONTHS
from tei_encoder.analyse.plausibility import word_list_by_form
from tei_encoder.collate.kinds import english_words
from tei_encoder.model import Block, Correction, DateText, Text, TextLine, Witness
from tei_encoder.reading.lexicon import (
    CONFUSION_COST,
    Lexicon,
    confusable,
    confusions_within_two,
    distance,
    one_confusion,
)
from tei_encoder.reading.near import NearWords, TwoConfusions

MIN_LETTERS = 4
MIN_CAPITALS = 5
LONG = 8
MAX_COST = 1.0
MAX_COST_LONG = 2.0
_PIECES = re.compile(r"(\s+)")
_WORD = re.compile(r"^(\W*)([^\W\d_]+)(\W*)$")
_MONTH_WORD = re.compile(r"^(\W*)([^\W_]+)(\W*)$")  # a month name may hold a figure misread: "0ctober"
_SKIPPED_ROLES = {"draftingLine"}
_UNKNOWN = object()  # not asked yet (None is an answer)


class Corrector:
    """Finds the correction of one word, with the memo's lexicon. Remembers its answers:
    a memo repeats its words."""

    def __init__(self, lexicon: Lexicon, list_index: TwoConfusions | None = None):
        """list_index: the word list's TwoConfusions (word_list_index), where the caller
        asks for it (ReadingOptions.list_index); without it the strings two confusions
        away are built instead."""
        self.lexicon = lexicon
        self.memo_words = lexicon.memo_words()
        self._memo_set = set(self.memo_words)
        self._near_memo = NearWords(self.memo_words)
        self._list_index = list_index
        # The list index finds the memo's list words already: the memo's index needs only
        # the others (names and acronyms in two copies), few or none.
        english = self._english = english_words()
        self._memo_index = (TwoConfusions.of_words([w for w in self.memo_words if w not in english])
                            if self._list_index is not None else None)
        self._known: dict[str, tuple[str, str] | None] = {}  # by key (case folded)
        self._answers: dict[str, tuple[str, str] | None] = {}  # by the word as typed
        # by the piece of text between spaces (a word with its punctuation): most come
        # again and again, and most need no correction (those are in _clean)
        self._pieces: dict[str, Fix | None] = {}
        self._clean: set[str] = set()

    def fix_piece(self, piece: str) -> "Fix | None":
        """The correction of a piece of text between spaces, with the punctuation around
        its word, or None."""
        fix = self._pieces.get(piece, _UNKNOWN)  # not try/except: half the pieces are new, and raising costs
        if fix is _UNKNOWN:
            fix = self._pieces[piece] = None if _never_corrected(piece) else _fix(_WORD.match(piece), self.correction)
            if fix is None:
                self._clean.add(piece)
        return fix

    def clean(self, text: str) -> bool:
        """Does no piece of text need a correction? (Pieces split at white space as
        _PIECES splits them: str.split and re's \\s agree on it.) Pieces known to need
        none are passed over in one set test, the others judged (each once a memo): most
        text has nothing to correct, and then needs no splitting into pieces and spaces."""
        pieces = text.split()
        if self._clean.issuperset(pieces):
            return True
        # A word of the list, as the list has it, is never corrected (_never_corrected):
        # those pass too, and each other piece is judged once however often it comes.
        return all(self.fix_piece(piece) is None for piece in set(pieces).difference(self._clean, self._english))

    def correction(self, word: str) -> tuple[str, str] | None:
        """(corrected word, cert) for a word that qualifies, else None."""
        answer = self._answers.get(word, _UNKNOWN)
        if answer is _UNKNOWN:
            answer = self._answers[word] = self._correction(word)
        return answer

    def _correction(self, word: str) -> tuple[str, str] | None:
        if not _shape_ok(word):
            return None
        key = word.casefold()
        if key not in self._known:
            self._known[key] = self._best(key)
        found = self._known[key]
        return (_cased(found[0], word), found[1]) if found else None

    def candidates(self, key: str, limit: float, near: set[str] | None = None) -> set[str]:
        """The words that may lie within `limit` of key: list or memo words one or two
        confusions away, and the memo words of a length within the limit that the index
        does not rule out. A list word further than two confusions is never a candidate
        (a list word must be reached by confusions alone, and one plain edit that is
        also a path of confusions is one or two of them); every memo word within the
        limit is one. near: one_confusion(key)."""
        if self._list_index is None:
            english = english_words()
            found = {w for w in confusions_within_two(key) if w in english or w in self._memo_set}
        else:
            near = one_confusion(key) if near is None else near
            found = self._list_index.of(key, near) | self._memo_index.of(key, near)
        found.update(self._near_memo.within(key, limit, spread=int(limit)))
        found.discard(key)
        return found

    def _best(self, key: str) -> tuple[str, str] | None:
        if self.lexicon.goodness(key) != 0.0:
            return None
        limit = MAX_COST_LONG if len(key) >= LONG else MAX_COST
        near = one_confusion(key)
        # The words one confusion away cost CONFUSION_COST, and every other word costs
        # more (every edit costs that at least, and one edit of that cost is a confusion):
        # where there are any, they alone can be the best or tie for it, so the others
        # are not searched for (_ranked over all the candidates picks the same). They are
        # the list's and the memo's words among the strings one confusion away (every
        # candidate search finds those: tests/test_near.py).
        closest = {candidate for candidate in near if candidate in self._english or candidate in self._memo_set}
        return _pick(self._ranked(key, closest or self.candidates(key, limit, near), near, limit))

    def _ranked(self, key: str, candidates: set[str], near: set[str], limit: float) -> list[tuple]:
        """(cost, not a memo word, word) of the candidates within the limit (a list word
        only by confusions), best first."""
        ranked = []
        for candidate in candidates:
            # One confusion costs CONFUSION_COST, and every edit costs that at least: the
            # words one confusion away are at that distance, without the table.
            cost = CONFUSION_COST if candidate in near else distance(key, candidate, limit=limit)
            if cost > limit:
                continue
            in_memo = candidate in self._memo_set
            if not in_memo and not _confusions_only(key, candidate):
                continue
            ranked.append((cost, not in_memo, candidate))
        ranked.sort()
        return ranked


def _pick(ranked: list[tuple]) -> tuple[str, str] | None:
    """The correction from ranked candidates: the only best one (two level: none)."""
    if not ranked or (len(ranked) > 1 and ranked[0][:2] == ranked[1][:2]):
        return None
    cost, not_memo, candidate = ranked[0]
    return candidate, "high" if not not_memo and cost <= CONFUSION_COST else "medium"


@lru_cache(maxsize=1)
def word_list_index() -> TwoConfusions:
    """The word list's TwoConfusions, built once a process (about 25 ms of CPU) over the
    word list's index by confusion form, which the analysis asks too (confused_word)."""
    return TwoConfusions(word_list_by_form())


def index_word_list() -> None:
    """Build the word list's index now, in a process that encodes many memos (a batch
    worker, at its start), so that no memo's time includes it; its memos then ask for it
    (ReadingOptions.list_index): each memo's corrections find the list words one or two
    confusions from a non-word by the index (about 12 us a non-word instead of 40, some
    0.5 ms a memo). A process that encodes one memo does not build it (more than the memo
    saves): its corrections build the strings two confusions away instead, and find the
    same words (tests/test_near.py)."""
    word_list_index()


@lru_cache(maxsize=65536)
def _never_corrected(piece: str) -> bool:
    """A piece of text between spaces that no memo's lexicon can have corrected: no word
    in it (_WORD), a word of the wrong shape, or a word of the list (goodness 1.0 in every
    memo). Kept for the process: the next memo of a batch has most of its pieces."""
    found = _WORD.match(piece)
    return found is None or not _shape_ok(found.group(2)) or found.group(2).casefold() in english_words()


def _confusions_only(key: str, candidate: str) -> bool:
    return confusable(key, candidate)


def _shape_ok(word: str) -> bool:
    if len(word) < MIN_LETTERS or not word.isalpha():
        return False
    if word.isupper():
        return len(word) >= MIN_CAPITALS
    return word.islower() or (word[0].isupper() and word[1:].islower())


def _cased(candidate: str, like: str) -> str:
    if like.isupper():
        return candidate.upper()
    if like[0].isupper():
        return candidate[:1].upper() + candidate[1:]
    return candidate


def correct_witnesses(witnesses: tuple[Witness, ...], lexicon: Lexicon,
                      list_index: TwoConfusions | None = None) -> tuple[Witness, ...]:
    """The copies of one memo with their qualifying non-words as Corrections. One
    Corrector for all: its answers depend only on the memo's lexicon, and the copies
    share most of their words. list_index: the word list's index (word_list_index), in a
    process that encodes many memos; the same corrections without it."""
    corrector = Corrector(lexicon, list_index)
    return tuple(correct_witness(witness, lexicon, corrector) for witness in witnesses)


def correct_witness(witness: Witness, lexicon: Lexicon, corrector: Corrector | None = None) -> Witness:
    """The copy with its qualifying non-words as Corrections (a new Witness). What holds
    no correction stays the very object it was (the later stages know its words already:
    collate.tokens.Streams)."""
    corrector = corrector or Corrector(lexicon)
    items = tuple(_block(item, corrector) if isinstance(item, Block) else item for item in witness.items)
    return replace(witness, items=items)


def _block(block: Block, corrector: Corrector) -> Block:
    if block.kind == "form" or block.role in _SKIPPED_ROLES or _plainly_clean(block, corrector):
        return block
    return _block_by_lines(block, corrector)


def _plainly_clean(block: Block, corrector: Corrector) -> bool:
    """Is the block one _block_by_lines leaves as it is, told by one look at its text?
    Its lines' text parts, none empty (an empty one goes) and no date among them (a
    date's month is judged apart), with no piece to correct, all in one test (joined by
    a space: the same pieces). Most blocks are."""
    texts = []
    for part in block.content:
        if isinstance(part, TextLine):
            for inline in part.parts:
                if type(inline) is Text:
                    if not inline.text:
                        return False
                    texts.append(inline.text)
                elif isinstance(inline, DateText):
                    return False
    return corrector.clean(" ".join(texts))


def _block_by_lines(block: Block, corrector: Corrector) -> Block:
    """The block with its corrections, line by line; the very block when there are none."""
    content = tuple(_text_line(part, corrector) if isinstance(part, TextLine) else part for part in block.content)
    if all(new is old for new, old in zip(content, block.content)):
        return block
    return Block(block.kind, content, block.line, block.n, block.role, block.when)


def _text_line(line: TextLine, corrector: Corrector) -> TextLine:
    parts = _line(line.parts, corrector)
    return line if parts is line.parts else TextLine(line.number, parts)


def _line(parts: tuple, corrector: Corrector) -> tuple:
    """The parts with their corrections; the same tuple when there are none."""
    out = []
    changed = False
    for part in parts:
        if type(part) is Text:
            corrected = None if corrector.clean(part.text) else _text(part.text, corrector.fix_piece)
            if corrected is None:  # nothing to correct: the part as it is (an empty one goes)
                out.extend((part,) if part.text else ())
                changed = changed or not part.text
            else:
                out.extend(corrected)
                changed = True
        elif isinstance(part, DateText):
            date = _date(part, corrector.lexicon)
            out.append(date)
            changed = changed or date is not part
        else:
            out.append(part)
    return tuple(out) if changed else parts


def _date(date: DateText, lexicon: Lexicon) -> DateText:
    """The date with its misread month name as a Correction (in parts), if it has one."""
    if not date.when or len(date.when) < 7:
        return date
    month = MONTHS[int(date.when[5:7]) - 1]
    parts = _text(date.text, lambda piece: _fix(_MONTH_WORD.match(piece), lambda w: correct_month(w, month, lexicon)))
    if parts is None:
        return date
    return DateText(date.text, date.when, tuple(parts))


def correct_month(word: str, month: str, lexicon: Lexicon) -> tuple[str, str] | None:
    """(month name, cert) for a misread name of the month the date analysis read
    ("Movember" in a date of November), else None. The analysis's reading of the whole
    date is the evidence, so only that one name is a candidate; a word of the word list
    ("March", "May" and "Mary" too) is never changed."""
    key = word.casefold()
    if len(key) < MIN_LETTERS or key == month or month.startswith(key) or lexicon.goodness(key) != 0.0:
        return None
    cost = distance(key, month)
    if cost > MAX_COST:
        return None
    # A month name has its capital, whatever the OCR made of its first letter ("0ctober").
    name = month.upper() if word.isupper() else month.capitalize()
    return name, "high" if cost <= CONFUSION_COST else "medium"


class Fix(NamedTuple):
    """A word to correct inside a piece of text: the punctuation before it, the word as
    typed, the punctuation after it, and its (corrected word, cert)."""

    lead: str
    word: str
    trail: str
    fix: tuple[str, str]


def _fix(found: re.Match | None, correction) -> Fix | None:
    """found: a piece of text matched as a word (or None); correction: a word -> (corrected
    word, cert) or None."""
    if found is None:
        return None
    fix = correction(found.group(2))
    return None if fix is None else Fix(found.group(1), found.group(2), found.group(3), fix)


def _text(text: str, fix_piece) -> list | None:
    """A plain text part, with the words that qualify as Corrections (fix_piece: a piece
    of text between spaces -> its Fix or None); None when no word does."""
    out: list = []
    plain: list[str] = []
    for index, piece in enumerate(_PIECES.split(text)):
        found = None if index % 2 else fix_piece(piece)  # odd pieces: the spaces between words
        if found is None:
            plain.append(piece)
            continue
        if plain or found.lead:
            out.append(Text("".join(plain) + found.lead))
        out.append(Correction(found.word, found.fix[0], found.fix[1]))
        plain = [found.trail]
    if not out:
        return None
    if "".join(plain):
        out.append(Text("".join(plain)))
    return out
