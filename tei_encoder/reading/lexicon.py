"""What counts as a word in one memo, and how far a string is from a word.

Evidence, strongest first:

- the bundled list of 50,000 frequent English words (`data/english-words.txt`);
- the memo's own words: a word found in two copies was typed (names and acronyms the
  list lacks: "Castro", "IL-28"); a word found twice in one copy is probably typed (a
  name seen twice), but an OCR can repeat its own slip, so it counts half;
- compounds and possessives whose parts are words ("troika-type", "President's"); a
  compound with figures ("IL-28") is judged whole;
- against: a memo word one OCR confusion away from a word OVERSHADOW times as frequent
  in the memo is a repeated slip ("Guba" beside "Cuba"), not a word.

A word's goodness is 1.0 (a word), 0.5 (seen twice in one copy only) or 0.0 (not a word);
a token without letters (a figure, a mark) has none: it neither helps nor hurts.

The distance between a non-word and a word is an edit distance in which the OCR
confusions of typewritten text cost CONFUSION_COST instead of 1: the pairs the dev set
and the seed show (rn/m, cl/d, e/c, c/o, e/o, l/1, l/i, O/0, h/b, G/C, N/M, u/n).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter

from tei_encoder.analyse.confusion_forms import confusion_form, confusion_forms
from tei_encoder.analyse.plausibility import TYPEFACE_CONFUSIONS
from tei_encoder.collate.kinds import english_words
from tei_encoder.collate.tokens import Streams, has_letter, loose_key, stream, xml_words
from tei_encoder.model import Block, Redaction, Text, TextLine, Token, Witness

CONFUSION_COST = 0.5
OVERSHADOW = 3
_UNKNOWN = object()  # a goodness not asked yet (None is an answer)
# Pairs of strings an OCR takes for one another in typescript, both directions: the list
# analyse.plausibility keeps (without its i/1, which would tie the labels "I." and "1.").
CONFUSIONS: tuple[tuple[str, str], ...] = TYPEFACE_CONFUSIONS
_PAIRS = {(a, b) for a, b in CONFUSIONS} | {(b, a) for a, b in CONFUSIONS}
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
_MULTI = tuple(sorted((a, b) for a, b in _PAIRS if len(a) + len(b) > 2))
_LONGEST = max(len(a) for a, _ in _PAIRS)
_PAIRS_FROM = {letter: tuple(sorted(p for p in _PAIRS if p[0][0] == letter)) for letter in {a[0] for a, _ in _PAIRS}}


@dataclass
class Lexicon:
    """The word evidence of one memo: counts of each word key per copy."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # key -> {sigil: occurrences}
    # each copy's word keys, in its reading order, and counted: what the share of words
    # (quality) and the word pairs (typed_in) are read from, the first time the choice of
    # readings asks (a memo of one copy never does)
    keys: dict[str, list[str]] = field(default_factory=dict, repr=False)
    counted: dict[str, Counter] = field(default_factory=dict, repr=False)
    # goodness of each key asked so far: the counts do not change once read, and the
    # stages ask again and again about the memo's words
    _scores: dict[str, float | None] = field(default_factory=dict, repr=False, compare=False)
    _quality: dict[str, float] | None = field(default=None, repr=False, compare=False)
    _pairs: dict[str, set] = field(default_factory=dict, repr=False, compare=False)
    _rival_forms: set[str] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, witnesses: tuple[Witness, ...], streams: Streams | None = None) -> "Lexicon":
        """streams: where the blocks' streams are kept for the later stages of this memo.
        Without it (nothing to collate) no block's stream is kept, and the keys are read
        line by line (line_keys): a large copy's tokens never all live at once (10 MB of
        text: some 2 million)."""
        lexicon = cls()
        counts = lexicon.counts
        for witness in witnesses:
            keys = []
            for block in witness.items:
                if isinstance(block, Block):
                    keys.extend(block_keys(block, streams.of(block).tokens) if streams is not None
                                else line_keys(block))
            lexicon.keys[witness.sigil] = keys
            counted = lexicon.counted[witness.sigil] = Counter(keys)
            for key, occurrences in counted.items():
                seen = counts.get(key)
                if seen is None:
                    counts[key] = {witness.sigil: occurrences}
                else:
                    seen[witness.sigil] = occurrences
        return lexicon

    @property
    def quality(self) -> dict[str, float]:
        """sigil -> the share of the copy's words (tokens) that are words, each key judged
        once (the copies in the memo's order)."""
        if self._quality is None:
            self._quality = {sigil: self._share_of_words(counted) for sigil, counted in self.counted.items()}
        return self._quality

    def _share_of_words(self, counted: Counter) -> float:
        words = scored = 0
        for key, occurrences in counted.items():
            score = self.goodness(key)
            if score is not None:
                scored += occurrences
                words += occurrences if score == 1.0 else 0
        return words / scored if scored else 0.0

    def pairs(self, sigil: str) -> set[tuple[str, str]]:
        """The word pairs of a copy's text blocks (none for a copy the memo lacks)."""
        known = self._pairs.get(sigil)
        if known is None:
            keys = self.keys.get(sigil, [])
            known = self._pairs[sigil] = set(zip(keys, keys[1:]))
        return known

    # --- is it a word? ----------------------------------------------------------------

    def goodness(self, key: str) -> float | None:
        score = self._scores.get(key, _UNKNOWN)  # not try/except: raising for each new key costs
        if score is _UNKNOWN:
            score = self._scores[key] = self._goodness(key)
        return score

    def _goodness(self, key: str) -> float | None:
        if not has_letter(key):
            return None
        best = self._whole(key)
        if best < 1.0 and key.endswith("'s"):
            best = max(best, self._whole(key[:-2]))
        if best < 1.0 and "-" in key.strip("-") and not any(c.isdigit() for c in key):
            parts = [p for p in key.split("-") if p]
            scores = [self._whole(p) if has_letter(p) else 1.0 for p in parts]
            best = max(best, min(scores))
        return best

    def _whole(self, key: str) -> float:
        if key in english_words():
            return 1.0
        seen = self.counts.get(key)
        if not seen or self._overshadowed(key):
            return 0.0
        if len(seen) >= 2:
            return 1.0
        return 0.5 if sum(seen.values()) >= 2 else 0.0

    def _overshadowed(self, key: str) -> bool:
        """An OCR repeats its slips ("Guba" in both copies): a memo word one confusion
        away from a word of the list or the memo that is OVERSHADOW times as frequent
        here is taken for a misreading of it."""
        if confusion_form(key) not in self._rivals():
            return False  # no key seen OVERSHADOW times or more has its form: none is one confusion away
        return self._overshadowed_by_any(key)

    def _overshadowed_by_any(self, key: str) -> bool:
        """_overshadowed, each string one confusion away looked up."""
        count = sum(self.counts[key].values())
        for other in one_confusion(key):
            seen = self.counts.get(other)
            if seen and sum(seen.values()) >= OVERSHADOW * count and (other in english_words() or len(seen) >= 2):
                return True
        return False

    def _rivals(self) -> set[str]:
        """The confusion forms of the keys seen OVERSHADOW times or more: a key one
        confusion from another has its form (confusion_form), and a key that overshadows
        another is seen at least OVERSHADOW times."""
        if self._rival_forms is None:
            frequent = [key for key, seen in self.counts.items() if sum(seen.values()) >= OVERSHADOW]
            self._rival_forms = set(confusion_forms(frequent))
        return self._rival_forms

    def typed_in(self, sigil: str, keys: list[str], exclude: list[str] = ()) -> float:
        """The share of a passage's word pairs that copy `sigil` has in its text blocks,
        leaving out the pairs of `exclude` (what that copy reads at the same place)."""
        pairs = list(zip(keys, keys[1:]))
        own = self.pairs(sigil) - set(zip(exclude, exclude[1:]))
        return sum(pair in own for pair in pairs) / len(pairs) if pairs else 0.0

    def count(self, key: str) -> int:
        """How often the memo's copies have this word, all copies together."""
        seen = self.counts.get(key)
        return sum(seen.values()) if seen else 0

    def in_memo(self, key: str) -> bool:
        """Typed in this memo: found in two copies, or known to the word list and found once."""
        seen = self.counts.get(key)
        return bool(seen) and (len(seen) >= 2 or key in english_words())

    def memo_words(self) -> list[str]:
        """The memo's own words (candidates for a correction), in a stable order."""
        english = english_words()
        # in_memo and _whole(key) == 1.0: a list word, or one of two copies not overshadowed
        return sorted(key for key, seen in self.counts.items() if key.isalpha()
                      and (key in english or (len(seen) >= 2 and not self._overshadowed(key))))

    def best_copy(self) -> str | None:
        """The copy whose OCR is most plausible overall: the highest share of its words
        that are words (ties: the earlier copy)."""
        if not self.quality:
            return None
        return max(self.quality, key=lambda sigil: (self.quality[sigil], -list(self.quality).index(sigil)))


def block_keys(block: Block, tokens: tuple[Token, ...]) -> list[str]:
    """The word keys a block's tokens (its stream's) give the lexicon: each token's key,
    unless the block holds a redaction (_keys). A token holds a Redaction part only
    where a line of the block does (tokens.stream puts a line's Redaction into a token
    as it is), so one look at the lines' parts tells."""
    for part in block.content:
        if isinstance(part, TextLine) and any(isinstance(inline, Redaction) for inline in part.parts):
            return _keys(tokens)
    return list(map(_KEY, tokens))


_KEY = attrgetter("key")


def line_keys(block: Block) -> list[str]:
    """block_keys without the block's stream, for a memo whose streams are not kept (one
    copy: nothing is collated): the same keys, read line by line. A token never runs
    over a line (stream ends the word at each line and each part set aside), so each
    line's keys are its own; a line of one plain text part, most lines, is its words
    split as stream splits them (at XML white space), each one token, and the others
    are read as the stream of that line alone. tests/test_reading_fast.py holds the two
    to the same keys."""
    keys: list[str] = []
    for part in block.content:
        if not isinstance(part, TextLine):
            continue  # set aside: no token
        parts = part.parts
        if len(parts) == 1 and type(parts[0]) is Text:
            keys.extend(map(loose_key, xml_words(parts[0].text)))
        else:
            tokens = stream((part,)).tokens
            keys.extend(_keys(tokens) if any(isinstance(inline, Redaction) for inline in parts)
                        else map(_KEY, tokens))
    return keys


def _keys(tokens: tuple[Token, ...]) -> list[str]:
    """The word keys tokens give the lexicon: a redaction (an excision statement,
    whole or in pieces over a line break) is one token for the collation, but its words
    are words of the copy as read ("1ine" is still a slip)."""
    keys = []
    for token in tokens:
        parts = token.parts
        if (len(parts) == 1 and type(parts[0]) is Text) or not any(isinstance(part, Redaction) for part in parts):
            keys.append(token.key)  # most words: one plain piece
        else:
            keys.extend(loose_key(word) for word in token.text.split())
    return keys


def edits(word: str) -> set[str]:
    """Every string one plain edit or one or two confusions away from `word`."""
    found = set()
    for i in range(len(word) + 1):
        head, tail = word[:i], word[i:]
        if tail:
            found.add(head + tail[1:])
            found.update(head + c + tail[1:] for c in _ALPHABET)
        if len(tail) > 1:
            found.add(head + tail[1] + tail[0] + tail[2:])
        found.update(head + c + tail for c in _ALPHABET)
    found |= confusions_within_two(word)
    found.discard(word)
    return found


def confusions_within_two(word: str) -> set[str]:
    """Every string one or two OCR confusions away from `word` (word itself left out):
    one_confusion(word) and one_confusion of each of those, built without rescanning each one.

    A confusion applied at a site (start, end) of word gives v; v's own sites are word's
    sites wholly before start or wholly after end (the text there is word's), and those
    that overlap the replacement, which begin at most _LONGEST - 1 before it. So the
    strings two confusions away are: two sites of word that do not overlap, both applied
    (each pair once, not once from each side), and, for each v, the sites found by
    scanning v around its replacement."""
    sites = _sites(word)
    found = set()
    for number, (start, end, replacement) in enumerate(sites):
        head = word[:start] + replacement
        variant = head + word[end:]
        found.add(variant)
        for later, later_end, later_replacement in sites[number + 1:]:
            if later >= end:
                found.add(head + word[end:later] + later_replacement + word[later_end:])
        for at in range(max(0, start - _LONGEST + 1), start + len(replacement)):
            for a, b in _PAIRS_FROM.get(variant[at], ()):
                if variant.startswith(a, at):
                    found.add(variant[:at] + b + variant[at + len(a):])
    found.discard(word)
    return found


def _sites(word: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) of every OCR confusion that applies in word, by start."""
    return [(start, start + len(a), b) for start, letter in enumerate(word)
            for a, b in _PAIRS_FROM.get(letter, ()) if word.startswith(a, start)]


_NO_PLAIN = 100.0  # a plain edit cost no path of confusions reaches


def confusable(a: str, b: str) -> bool:
    """Do a and b differ by OCR confusions alone (no plain edit)? That is: distance with
    plain edits priced out of reach, under _NO_PLAIN; for strings too short to hold that
    many confusions, the same as a path of equal characters and confusions
    (_by_confusions), which is found without the distance's full table."""
    if a == b:
        return False
    if max(len(a), len(b)) * CONFUSION_COST < _NO_PLAIN:  # every path of confusions costs under _NO_PLAIN
        return _by_confusions(a, b)
    return distance(a, b, plain=_NO_PLAIN, limit=_NO_PLAIN - CONFUSION_COST) < _NO_PLAIN


def _by_confusions(a: str, b: str) -> bool:
    """Is there a way through a and b, from their starts to their ends, that steps over
    equal characters and over the two sides of a confusion only (the distance's moves
    that cost no plain edit)? A search over the pairs of positions it can reach."""
    stack, seen = [(0, 0)], set()
    while stack:
        i, j = stack.pop()
        if i == len(a) or j == len(b):
            if i == len(a) and j == len(b):
                return True
            continue  # one string ended: no confusion has an empty side
        if (i, j) in seen:
            continue
        seen.add((i, j))
        if a[i] == b[j]:
            stack.append((i + 1, j + 1))
        for left, right in _PAIRS_FROM.get(a[i], ()):
            if a.startswith(left, i) and b.startswith(right, j):
                stack.append((i + len(left), j + len(right)))
    return False


def one_confusion(word: str) -> set[str]:
    """Every string one OCR confusion away from word."""
    out = set()
    for start, letter in enumerate(word):
        for a, b in _PAIRS_FROM.get(letter, ()):
            if word.startswith(a, start):
                out.add(word[:start] + b + word[start + len(a):])
    return out


def distance(a: str, b: str, plain: float = 1.0, limit: float = float("inf")) -> float:
    """Edit distance from a to b (lower case), OCR confusions at CONFUSION_COST and
    every other edit at `plain`. With a limit, a distance above it comes back as some
    figure above it (the work stops there); one within it is exact."""
    # Every step costs at least `cheapest` and moves off the diagonal by at most one
    # place, so a cell further than `band` from it already costs more than the limit,
    # and from a cell the end costs at least `cheapest` per place between the cell's
    # diagonal and the end's. That sum (`ahead`) never falls along a path, and a path
    # passes through one of any two rows: two rows above the limit end the search.
    cheapest = min(CONFUSION_COST, plain)
    band = len(a) + len(b) if limit == float("inf") else int(limit / cheapest)
    if abs(len(a) - len(b)) > band:
        return limit + cheapest
    far = float("inf")
    rows = [[far] * (len(b) + 1) for _ in range(len(a) + 1)]
    ending_a = _endings(a)
    for i in range(min(len(a), band) + 1):
        rows[i][0] = i * plain
    for j in range(min(len(b), band) + 1):
        rows[0][j] = j * plain
    ahead_above = 0.0
    for i in range(1, len(a) + 1):
        row, above = rows[i], rows[i - 1]
        x = a[i - 1]
        multi = ending_a[i]
        first, last = max(1, i - band), min(len(b), i + band)
        for j in range(first, last + 1):
            # the cheapest of: deletion, insertion, match or substitution (as min() of them)
            y = b[j - 1]
            best = above[j] + plain
            step = row[j - 1] + plain
            if step < best:
                best = step
            step = above[j - 1] if x == y else above[j - 1] + _substitution(x, y, plain)
            if step < best:
                best = step
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                step = rows[i - 2][j - 2] + plain
                if step < best:
                    best = step
            for left, right in multi:  # multi-character confusions: rn <-> m, cl <-> d, vv <-> w
                if b.endswith(right, 0, j):
                    step = rows[i - len(left)][j - len(right)] + CONFUSION_COST
                    if step < best:
                        best = step
            row[j] = best
        if limit < far:
            end = len(b) - len(a) + i  # the column of the end's diagonal in this row
            # cells outside the band are never reached (far): the band's cells decide
            ahead = min(row[j] + cheapest * abs(end - j) for j in range(max(0, i - band), last + 1))
            if ahead > limit and ahead_above > limit:
                return ahead
            ahead_above = ahead
    return rows[len(a)][len(b)]


@lru_cache(maxsize=4096)
def _endings(a: str) -> tuple[tuple[tuple[str, str], ...], ...]:
    """The multi-character confusions whose first side ends at each position of a (one
    word is measured against many candidates)."""
    return tuple(tuple((x, y) for x, y in _MULTI if a.endswith(x, 0, i)) for i in range(len(a) + 1))


def _substitution(x: str, y: str, plain: float) -> float:
    return CONFUSION_COST if (x, y) in _PAIRS else plain

