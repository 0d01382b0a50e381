"""Garbled spans: which tokens of a line are junk or doubtful, graded in the memo's
context (WordContext: its repeated words, whether the line is in capitals), and the
stretches of them that make an <unclear> span, on one line (find_garbled) and over a
block's line breaks (block_garbled). Each rule keeps every character: a span only says
what the text is.
"""

from __future__ import annotations

import hashlib
import itertools
import operator
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from tei_encoder.analyse import plausibility
from tei_encoder.analyse.counts import letters_and_capitals
from tei_encoder.analyse.words import Run, Runs, mark_across
from tei_encoder.model import Inline, Unclear, parts_text


class WordContext(NamedTuple):
    """What the garbled-span rule knows beyond the token: the source's repeated words
    (lower case; seen at least twice, in any copy) and whether the line is in capitals."""

    seen: frozenset[str] = frozenset()
    caps: bool = False


NO_CONTEXT = WordContext()


# --- garbled spans --------------------------------------------------------------------
# A token is junk when it is made of symbols only ("~“”"), mixes letters and digits
# inside a word ("1euge.11"), or has a capital inside lower-case letters ("seeRet", but
# not "McGhee"). Two or more junk tokens among three neighbours make an unclear span.
_JUNK = re.compile(r"^[^\w\s]{2,}$|[A-Za-z]\d+[A-Za-z]|\d[a-z]{2,}\d|(?<!^Mc)(?<!^Mac)(?<!^O')[a-z][A-Z]")


def _is_junk(token: str) -> bool:
    return bool(_JUNK.search(token)) or _implausible(token)


# A token in lower case is implausible when it is no word of the list and its letters
# are not the shape of English (plausibility.word_plausibility under LOWER_PLAUSIBLE),
# unless a list word is an OCR slip away from a token of SLIP_MIN letters
# or more (plausibility.near_word: "briefcd" is "briefed" misread, a sic/corr matter,
# not garble; short tokens always have a neighbour in a 50,000-word list). A token
# with capitals is a name or an acronym the list lacks ("Zinchuk", "Xuan Vy", "CINCPAC"),
# whatever its shape; a lone lower-case letter other than "a" is a scrap ("should make h
# ewpsm epart.").
LOWER_PLAUSIBLE = 0.07
SLIP_MIN = 4
_CORE = re.compile(r"^[\W\d_]*([A-Za-z]+)[\W\d_]*$")


@lru_cache(maxsize=65536)  # a pure function of the token; words repeat within a memo and a batch
def _implausible(token: str) -> bool:
    match = _CORE.match(token)
    if not match:
        return False
    core = match.group(1)
    if len(core) == 1:
        return core.islower() and core != "a" and token == core
    if not core.islower() or plausibility.is_word(core):
        return False
    if plausibility.word_plausibility(core) >= LOWER_PLAUSIBLE:
        return False
    return len(core) < SLIP_MIN or not plausibility.has_near_word(core)


def find_garbled(pieces: Sequence[str], context: WordContext = NO_CONTEXT) -> list[tuple[int, int]]:
    """Word ranges of a line's words (pieces: as typed) that are garbled: two junk tokens
    among three neighbours; or one token of very implausible shape (STRONG, 4 letters or
    more), or one junk token beside a scrap, with the scraps and junk next to it (a scrap:
    at most 3 lower-case letters of implausible shape, under SCRAP_PLAUSIBLE, no function
    word: "cdowlwd ay", "wm aamw"); and the doubtful runs (doubtful_runs)."""
    if _all_quiet(pieces, context):
        return []  # most lines: no junk token, none doubtful
    junk, strong, shaped, scrap = zip(*map(_token_kinds, pieces)) if pieces else ((), (), (), ())
    spans, i, n = [], 0, len(pieces)
    if not any(junk):
        n = 0  # no junk token (most lines): no span starts anywhere
    while i < n:
        beside = (i > 0 and scrap[i - 1]) or (i + 1 < n and scrap[i + 1])
        if junk[i] and (any(junk[i + 1:i + 3]) or strong[i] or (beside and shaped[i])):
            start = i
            floor = spans[-1][1] if spans else 0
            while start > floor and (scrap[start - 1] or junk[start - 1]):
                start -= 1
            end = i + 1
            while end < n and (junk[end] or scrap[end] or (end + 1 < n and junk[end + 1])):
                end += 1
            while not (junk[end - 1] or scrap[end - 1]):
                end -= 1
            spans.append((start, end))
            i = end
        else:
            i += 1
    return _merged(spans, doubtful_runs(pieces, context))


# A memo's repeated words only ever make a token OK (_grade_core): a token graded OK (or
# None) in a memo that repeats no word is graded so in every memo with the line's
# capitals. Asked first in these contexts, the same for every memo, most tokens of a new
# memo are answered by a look-up an earlier memo made; only the others in its own context.
_NO_WORDS = (WordContext(frozenset(), False), WordContext(frozenset(), True))


def _all_quiet(pieces: Sequence[str], context: WordContext) -> bool:
    """Is every token _quiet in the context? Those quiet in no memo's words are (_NO_WORDS)."""
    alone = list(map(_quiet, pieces, itertools.repeat(_NO_WORDS[context.caps])))
    return all(alone) or all(map(_quiet, itertools.compress(pieces, map(operator.not_, alone)),
                                 itertools.repeat(context)))


@lru_cache(maxsize=65536)  # a pure function of the token and the context
def _quiet(piece: str, context: WordContext) -> bool:
    """Neither junk nor doubtful: a token that starts no garbled span and is in no
    doubtful run (one cache look-up for the words of most lines). A common word of the
    list (most tokens a memo brings new) is told so at once (_quiet_word)."""
    return _quiet_word(piece, context) or _quiet_read(piece, context)


def _quiet_read(piece: str, context: WordContext) -> bool:
    """_quiet read the long way: the token's kinds and its grade."""
    return not _token_kinds(piece)[0] and not _grade(piece, context)


# A word as most of a memo's tokens are: ASCII letters, two or more in lower case or in
# capitals, or in Title case, with only punctuation around them (no figure, "/" or ":"
# that _reading reads apart, no letter, no "_", no space).
_PLAIN_WORD = re.compile(r"[!-.;-@\[\]^`{-~]*([a-z]{2,}|[A-Z][a-z]+|[A-Z]{2,})[!-.;-@\[\]^`{-~]*")


def _quiet_word(piece: str, context: WordContext) -> bool:
    """True for a plain word (_PLAIN_WORD) that is no junk (no capital inside it, and a
    word in lower case is of the list: plausible) and graded OK (_grade_core): in
    capitals outside a line in capitals (an acronym); else, outside a line in capitals
    unless in capitals itself (there a word in lower or Title case is HARD or a scrap), a
    list word the memo repeats or (_grade_word) of Zipf SHORT_COMMON or more if short.
    False: ask the long way (_quiet_read)."""
    match = _PLAIN_WORD.fullmatch(piece)
    if match is None:
        return False
    core = match.group(1)
    if core.isupper():
        if not context.caps:
            return True
    elif context.caps:
        return False
    key = core.lower()
    if not plausibility.is_word(key):
        return False
    if key in context.seen:
        return True
    zipf = plausibility.short_word_zipf(key)
    return zipf is None or zipf >= SHORT_COMMON


@lru_cache(maxsize=65536)  # a pure function of the token; words repeat within a memo and a batch
def _token_kinds(piece: str) -> tuple[bool, bool, bool, bool]:
    """(junk, junk of very implausible shape, junk by its letters, scrap) for find_garbled.
    A plain word (_PLAIN_WORD) in Title case or capitals, or of the list and longer than
    a scrap, is none of them (_plain_kinds)."""
    return _plain_kinds(piece) or _kinds_read(piece)


def _kinds_read(piece: str) -> tuple[bool, bool, bool, bool]:
    """_token_kinds read the long way."""
    junk = _is_junk(piece)
    return junk, junk and _very_implausible(piece), junk and _implausible(piece), not junk and _scrap(piece)


_NO_KIND = (False, False, False, False)


def _plain_kinds(piece: str) -> tuple[bool, bool, bool, bool] | None:
    """_NO_KIND for a plain word that is no junk and no scrap: in Title case or capitals
    (no capital inside a word, no figure, not lower case: neither junk nor scrap), or in lower case,
    of the list (plausible: no junk) and of more than 3 letters or a function word (no
    scrap); None: ask the long way (_kinds_read)."""
    match = _PLAIN_WORD.fullmatch(piece)
    if match is None:
        return None
    core = match.group(1)
    if not core.islower():
        return _NO_KIND
    if (len(core) > 3 or core in _FUNCTION) and plausibility.is_word(core):
        return _NO_KIND
    return None


STRONG_IMPLAUSIBLE = 0.03
SCRAP_PLAUSIBLE = 0.06
STRONG_MIN = 4
_FUNCTION = frozenset("a an and are as at be by do for he her his if in is it its me my no not of on or our "
                      "so the to up us was we who you".split())


def _very_implausible(piece: str) -> bool:
    match = _CORE.match(piece)
    if not match or len(match.group(1)) < STRONG_MIN:
        return False
    score = plausibility.word_plausibility(match.group(1))
    # Alone it is garble only when no word is even two slips away ("errlved" is "arrived").
    return score is not None and score < STRONG_IMPLAUSIBLE and not plausibility.has_near_word(match.group(1), 2)


def _scrap(piece: str) -> bool:
    match = _CORE.match(piece)
    if not match:
        return False
    core = match.group(1)
    if len(core) > 3 or not core.islower() or core in _FUNCTION:
        return False
    score = plausibility.word_plausibility(core)
    return score is not None and score < SCRAP_PLAUSIBLE


# --- garbled spans judged by their neighbours (word context) ----------------------------
# A garbled stretch is often made of tokens that each pass alone: scraps that happen to
# be rare words ("ia othep wand", "ct oh tr"), OCR slips of words ("wers askud"), names
# the list lacks. What gives them away is their company. Each token is judged in the
# memo's context (WordContext: the words the source repeats, in any copy, and the shape
# of the line) as
#   - OK: a common word, or a word the memo uses elsewhere (a name typed twice is typed);
#   - WEAK (doubtful): a rare short word (1-3 letters, Zipf frequency under
#     SHORT_COMMON: "ia", "lh", "oa"), a non-word an OCR slip away from a word, a name
#     or acronym the list lacks, letters and digits mixed ("wou1d");
#   - HARD: a non-word that is nothing of the above (no word one slip away, not the shape
#     of a name), case mixed inside a word ("PrNOs", not "McCone"), or lower-case letters
#     in a line typed in capitals ("A CONFERENCE tOULw iE HEwh UNDER").
# A run of two or more doubtful tokens holding a HARD one is a garbled span. A token
# without letters (a figure, a dash), or a reference code ("L/ARA:", "FE:") breaks a run.


SHORT_COMMON = 4.5  # Zipf frequency: "its" 6.1, "aid" 4.75, "ia" 3.7, "lh" 3.0
# A rare short word is a slip of a common one ("bis" for "his", 6.5) only when that one is
# as frequent as prose's function words: "la" (5.0), "ca" (4.7), "em" (4.6) are not,
# and "ia", "oa", "cm" stay rare words.
SLIP_COMMON = 5.5
NAME_PLAUSIBLE = 0.03  # a Title-case non-word at least this plausible may be a name ("Kenoyo" 0.043)
CAPS_LINE = 0.8  # share of a line's letters in capitals that makes it a line in capitals
CAPS_MIN_LETTERS = 10
CAPS_SCRAP = 3  # a lower-case token this short in a line in capitals may be a damaged label ("dle" for "1.")
LONG_WORD, LONG_PLAUSIBLE = 7, 0.1  # garble this long is rarely this plausible ("otelenton" 0.084)
_OK, _SLIP, _RARE, _DOUBT, _HARD = 0, 1, 2, 3, 4
_PARTS = re.compile(r"[^\w]+")  # inside a token: a compound, or words the OCR joined ("suggested.to", "as]a")
_APOSTROPHE = re.compile(r"[A-Za-z]['’][A-Za-z]")
_ORDINAL = re.compile(r"^\W*\d+(?:st|nd|rd|th|s)?\W*$")  # "I9TH" read as figures: "19th"
_AS_FIGURES = str.maketrans("iloz", "1102")
_NAME_PREFIX = re.compile(r"^(?:Mc|Mac|O)(?=[A-Z])")
# Two words the OCR ran together ("relationshipAll"): a lower-case letter, then a word in Title case.
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z]{2,}\b)")


def repeated_words(texts) -> WordSet:
    """The words (letters only, lower case) found at least twice in these texts."""
    counts: Counter[str] = Counter()
    texts = iter(texts)
    # LINES_AT_ONCE lines at a time: a large file's words are never all in one list, and
    # the reading and the counting run in C over many lines per call.
    while lines := list(itertools.islice(texts, LINES_AT_ONCE)):
        chunk = "\n".join(lines)
        counts.update(ascii_words(chunk) if chunk.isascii() else map(str.lower, _LETTERS.findall(chunk)))
    return _word_set(tuple(sorted(word for word, count in counts.items() if count >= 2)))


@lru_cache(maxsize=8)
def _word_set(words: tuple[str, ...]) -> WordSet:
    """One WordSet for equal words (sorted): a memo encoded again in the process gets the
    very set its words were graded with, and the grading caches find their entries by
    identity instead of by WordSet.__eq__ (a Python call for each word of each line)."""
    return WordSet(words)


class WordSet(frozenset):
    """A memo's repeated words, compared by a digest of its words. The grading caches are
    keyed on a WordContext that holds it: two equal sets built apart (the same memo
    encoded twice in one process) would otherwise be compared word by word on every
    cache hit (7 s instead of 0.07 s for the lines of 1 MB)."""

    def __new__(cls, words=()):
        self = super().__new__(cls, words)
        self.digest = hashlib.blake2b("\n".join(sorted(self)).encode(), digest_size=16).digest()
        return self

    def __eq__(self, other):
        if isinstance(other, WordSet):
            return self.digest == other.digest
        return frozenset.__eq__(self, other)

    def __ne__(self, other):
        return not self == other

    __hash__ = frozenset.__hash__  # cached by CPython once computed


_LETTERS = re.compile(r"[A-Za-z]+")


def ascii_words(chunk: str) -> list[str]:
    """_LETTERS.findall(chunk) in lower case, for an ASCII chunk: lower case adds or takes
    no ASCII letter, and every other character made a space leaves the runs of letters as
    str.split's words (a translation and a split, several times faster than the regex)."""
    return chunk.lower().translate(_NOT_A_LETTER).split()


# Every ASCII character but A-Z and a-z, to a space.
_NOT_A_LETTER = str.maketrans({c: " " for c in range(128) if not chr(c).isalpha()})
LINES_AT_ONCE = 512


# A block's garbled spans over its line breaks ask again of the lines the line analysis
# has just asked (block_garbled): a long block's worth of lines is kept, as words.tokens.
@lru_cache(maxsize=256)
def capitals_line(text: str) -> bool:
    letters, capitals = letters_and_capitals(_UNDERLINE_TAG.sub("", text) if "<" in text else text)
    return letters >= CAPS_MIN_LETTERS and capitals >= CAPS_LINE * letters


_UNDERLINE_TAG = re.compile(r"</?u>")


def doubtful_runs(pieces: list[str], context: WordContext) -> list[tuple[int, int]]:
    """Word ranges [start, end) of doubtful tokens that make a garbled span (_runs). A
    word broken at the end ("diffi-") is judged whole over the line break (block_garbled)."""
    alone = map(_grade, pieces, itertools.repeat(_NO_WORDS[context.caps]))
    grades = [grade and _grade(piece, context) for piece, grade in zip(pieces, alone)]  # OK, None: so here too
    if pieces and pieces[-1].endswith("-"):
        grades[-1] = None
    return _runs(grades)


def _runs(grades: list[int | None], words: list[int] | None = None, strict: bool = False) -> list[tuple[int, int]]:
    """Ranges of graded tokens (not OK, not None) of two words or more holding a HARD one,
    or two non-words (DOUBT), or (not strict: over a line break the evidence must be
    stronger) two doubtful ones (RARE or DOUBT) of which one is a non-word; words: how
    many words each token counts for (default 1)."""
    words = words or [1] * len(grades)
    runs = []
    graded = [i for i, grade in enumerate(grades) if grade]  # most tokens are OK: only these are walked
    for i, end in _stretches(graded):
        run = grades[i:end]
        doubts = sum(grade >= _RARE for grade in run)
        non_words = sum(grade >= _DOUBT for grade in run)
        if sum(words[i:end]) >= 2 and (_HARD in run or non_words >= 2 or not strict and doubts >= 2 and non_words):
            runs.append((i, end))
    return runs


def _stretches(indexes: list[int]) -> list[tuple[int, int]]:
    """Ascending indexes as ranges [start, end) of consecutive ones: [2, 3, 4, 7] -> (2, 5), (7, 8)."""
    ranges: list[tuple[int, int]] = []
    for index in indexes:
        if ranges and ranges[-1][1] == index:
            ranges[-1] = (ranges[-1][0], index + 1)
        else:
            ranges.append((index, index + 1))
    return ranges


def doubtful(piece: str, context: WordContext = NO_CONTEXT) -> bool:
    """Is the token graded anything but OK (see above)? For stages that judge a reading
    against another copy's (collate.kinds: a garbled reading)."""
    return bool(_grade(piece, context))


def non_word(piece: str, context: WordContext = NO_CONTEXT) -> bool:
    """Is the token a non-word that no slip, name or acronym explains (DOUBT or HARD)?"""
    return (_grade(piece, context) or _OK) >= _DOUBT


@lru_cache(maxsize=65536)  # a pure function of the token and the context; a block's words are graded twice
def _grade(piece: str, context: WordContext) -> int | None:
    """OK, SLIP, RARE, DOUBT or HARD (see above); None for a token that breaks a run.
    What the token is whatever the memo is read once a process (_reading); here only
    the memo's context (its repeated words, the line's capitals) is applied."""
    reading = _reading(piece)
    if type(reading) is _Core:
        return _grade_core(reading, context)
    if type(reading) is _Parts:
        worst = max(_grade(part, context) or _OK for part in reading.parts)
        # an apostrophe inside: a contraction or a name ("B'nai B'rith"), at worst a slip
        return min(worst, _SLIP) if reading.contraction else worst
    return reading  # None, or the grade of letters and digits mixed


class _Core(NamedTuple):
    """A token's letters (core) and what its grade needs of them whatever the memo."""

    core: str
    key: str  # in lower case: looked up in the memo's repeated words
    hard_in_capitals: bool  # not all capitals and not a short lower-case scrap ("tOULw", not "dle")
    hard: bool  # case mixed inside the word ("PrNOs", not "McCone")
    acronym: bool  # capitals only, two letters or more


class _Parts(NamedTuple):
    """A token made of several words (a compound, words the OCR joined), each graded on its own."""

    parts: tuple[str, ...]
    contraction: bool  # an apostrophe between letters


@lru_cache(maxsize=65536)  # a pure function of the token: words repeat within a memo and a batch
def _reading(piece: str) -> _Core | _Parts | int | None:
    """What _grade reads in a token before the memo's context: None for a token that
    breaks a run; its words (_Parts); a grade for letters and digits mixed; its letters
    (_Core). A plain word (most tokens) is read at once (_plain_core)."""
    return _plain_core(piece) or _read(piece)


def _plain_core(piece: str) -> _Core | None:
    """The _Core of a plain word (_PLAIN_WORD: one run of ASCII letters, punctuation
    around it that splits off no other part), as _read reads it: no case mixed inside it
    (hard False: a name's prefix, "Mc", "Mac", "O", stands before a capital, which a word
    in one case or in Title case has not after it); None for any other token."""
    match = _PLAIN_WORD.fullmatch(piece)
    if match is None:
        return None
    core = match.group(1)
    upper = core.isupper()  # (a plain word has two letters or more)
    return _Core(core, core.lower(), not upper and (not core.islower() or len(core) > CAPS_SCRAP), False, upper)


def _read(piece: str) -> _Core | _Parts | int | None:
    """_reading read the long way."""
    if not _has_letter(piece) or "/" in piece or piece.endswith(":"):
        return None
    if not piece.isascii():  # "HEÄDQUÄRTERS", "DEVELOPMÈNT": an engine's accents on plain letters
        piece = unicodedata.normalize("NFKD", piece).encode("ascii", "ignore").decode() or piece
    parts = [part for part in _PARTS.split(_CAMEL.sub("-", piece)) if _has_letter(part)]
    if len(parts) > 1:
        return _Parts(tuple(parts), bool(_APOSTROPHE.search(piece)))
    match = _CORE.match(piece)
    if not match:  # letters and digits mixed: an OCR slip ("wou1d", "Venezue1a", "I9TH") or garble
        return _SLIP if plausibility.confused_word(piece) or _ORDINAL.match(piece.lower().translate(_AS_FIGURES)) \
            else _DOUBT
    core = match.group(1)
    plain = _NAME_PREFIX.sub("", core)
    return _Core(core, core.lower(),
                 len(core) > 1 and not core.isupper() and (not core.islower() or len(core) > CAPS_SCRAP),
                 len(plain) > 1 and not (plain.islower() or plain.istitle() or plain.isupper()
                                         or _plural_acronym(plain)),
                 len(core) > 1 and core.isupper())


def _has_letter(text: str) -> bool:
    """Has the text a character for which str.isalpha is true (an ASCII text: a letter A-Z, a-z, found in C)?"""
    if text.isascii():
        return _ASCII_LETTER.search(text) is not None
    return any(ch.isalpha() for ch in text)


_ASCII_LETTER = re.compile(r"[A-Za-z]")


def _grade_core(letters: _Core, context: WordContext) -> int:
    """The grade of a token's letters: the line's capitals and the memo's repeated words
    first, then what the letters are whatever the memo (_grade_word, cached by the word:
    a word is judged once for a whole batch, each memo's context being another)."""
    caps = context.caps
    if letters.hard or caps and letters.hard_in_capitals:
        return _HARD  # "tOULw iE HEwh" in a cable; a short lower-case scrap ("dle") is only doubtful
    if letters.key in context.seen or letters.acronym and not caps:
        return _OK  # a word the memo repeats; an acronym ("GIA" for "CIA" too)
    return _grade_word(letters.core)


@lru_cache(maxsize=65536)
def _grade_word(core: str) -> int:
    key = core.lower()
    if plausibility.is_word(key):
        zipf = plausibility.short_word_zipf(key)
        if zipf is None or zipf >= SHORT_COMMON:
            return _OK
        return _SLIP if _confused_common(key) else _RARE  # "bis" is "his" misread
    if _inflected(key):
        return _OK
    score = plausibility.word_plausibility(core)
    if len(core) >= LONG_WORD and score >= LONG_PLAUSIBLE:
        return _OK  # a long word of English shape the list lacks ("DELINEATION", "exfiltration")
    if core.isupper():
        return _SLIP  # in a cable, where all is capitals, an acronym or a slip
    if core.istitle() and score >= NAME_PLAUSIBLE:
        # a name: a slip, whatever the rules below would try first (a confusion undone
        # gives SLIP too), so the confusions are not undone for most names
        return _SLIP
    if len(core) == 1 or plausibility.confused_word(core):
        return _SLIP  # a word misread by the face's confusions ("statcd", "Govermnent")
    if core.islower() and plausibility.has_near_word(core):
        return _DOUBT  # a word with a letter no confusion explains ("ihat", "sush")
    if core.istitle() and score >= NAME_PLAUSIBLE or core.islower() and score >= LOWER_PLAUSIBLE:
        return _SLIP  # a name, or a word the list lacks ("instrumentality")
    if plausibility.has_near_word(core):
        return _SLIP if core.istitle() else _DOUBT  # a name, or a word with a letter no confusion explains
    return _HARD


# The list holds a rare word's stem more often than its forms: "slyly" is "sly" + "ly",
# "intimated" "intimate" + "d". A form of a list word (stem of STEM_MIN letters or more)
# is a word.
_SUFFIXES = ("s", "es", "d", "ed", "ing", "ly", "er", "ers", "est")
STEM_MIN = 3


def _inflected(key: str) -> bool:
    for suffix in _SUFFIXES:
        stem = key[: -len(suffix)]
        if key.endswith(suffix) and len(stem) >= STEM_MIN and (
                plausibility.is_word(stem) and _common_if_short(stem)
                or suffix in ("ed", "ing", "er", "est") and plausibility.is_word(stem + "e")):
            return True
    return False


def _common_if_short(stem: str) -> bool:
    """A stem of 1-3 letters makes forms only when it is a common word (Zipf SHORT_COMMON
    or more): a rare short list word ("tps", "lil", "inv") is as often a scrap, and its
    "forms" scraps too ("on tpss" for "in this", "inves ation")."""
    zipf = plausibility.short_word_zipf(stem)
    return zipf is None or zipf >= SHORT_COMMON


def _confused_common(key: str) -> bool:
    """Is a common short word one visual confusion away ("bis" -> "his")?"""
    return any((plausibility.short_word_zipf(form) or 0) >= SLIP_COMMON for form in plausibility.unconfused(key))


def _plural_acronym(core: str) -> bool:
    return len(core) > 2 and core.endswith("s") and core[:-1].isupper()


def _merged(first: list[tuple[int, int]], second: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Two lists of word ranges as one, in order, overlapping ranges joined."""
    if not first and not second:
        return []  # most lines: nothing garbled
    joined: list[list[int]] = []
    for start, end in sorted(first + second):
        if joined and start < joined[-1][1]:
            joined[-1][1] = max(joined[-1][1], end)
        else:
            joined.append([start, end])
    return [(start, end) for start, end in joined]




def block_garbled(lines: list[tuple[Inline, ...]], context: WordContext = NO_CONTEXT,
                  runs: Runs | None = None) -> list[tuple[Inline, ...]]:
    """The lines' parts with the garbled spans that cross their line breaks (doubtful
    runs, judged as on one line: "Adlai otelenton amhnu" / "peheas.") marked Unclear;
    the line's capitals decide each token's grade, as on its own line. runs: the lines'
    words already read (words.read_runs)."""
    caps: dict[int, bool] = {}  # the lines' capitals, found only for the lines a grade needs

    def context_of(line: int) -> WordContext:
        if line not in caps:
            caps[line] = capitals_line(parts_text(lines[line]))
        return contexts[caps[line]]
    contexts = (WordContext(context.seen, False), WordContext(context.seen, True))

    def garbled(run: Run) -> list[tuple[int, int, int]]:
        pieces, owners = run.pieces, run.owners
        joined: dict[int, int] = {}  # the grade of both halves of a word hyphenated over a break
        halves: list[int] = []  # the second halves: a hyphenated word's two halves count as one word
        for i in run.breaks:
            if pieces[i] and pieces[i + 1] and pieces[i].endswith("-"):
                # a word hyphenated over the break ("Vene-" / "zuela,") is judged whole
                # (as one word, or as a compound: "pro-" / "Communist", "leng-" / "Ox")
                line = context_of(owners[i])
                head = pieces[i][:-1]
                tail = pieces[i + 1].lower() if head[-1:].islower() else pieces[i + 1]
                whole = _grade(head + tail, line) or _OK
                joined[i] = joined[i + 1] = min(whole, _grade(pieces[i] + pieces[i + 1], line) or _OK)
                halves.append(i + 1)

        def grade(i: int) -> int | None:
            if i in joined:
                return joined[i]
            return _HARD if pieces[i] is None else _grade(pieces[i], context_of(owners[i]))
        # Only a run over a line break counts (each line's own analysis judged the rest),
        # and a run crosses a break only where the words on both sides of it are graded:
        # most blocks have no such break, and their words need no second grading.
        if not any(grade(i) and grade(i + 1) for i in run.breaks):
            return []
        grades = [grade(i) for i in range(len(pieces))]
        counts = [1] * len(pieces)  # words each token counts for
        for i in halves:
            counts[i] = 0
        return [(start, end, start) for start, end in _runs(grades, counts, strict=True)]
    return mark_across(lines, garbled, lambda text: Unclear(text, "illegible"), runs)
