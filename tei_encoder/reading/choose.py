"""The preferred reading (lem) of every point of variation, from documented evidence.

Each reading is scored by its words (reading.lexicon): a word counts its goodness
(1 a word, 0.5 seen twice in one copy, 0 not a word), a non-word costs NONWORD_COST
times its badness (1 - goodness), a word the corrector fixed costs half that (the copy
had a slip, the fix is a guess), and so does a name-like non-word (NAME_BADNESS: seen
once, not in the word list, Title case, and English-shaped by the character trigram
model), a garbled span costs NONWORD_COST. Figures and marks
count for nothing, and so do paragraph labels; furniture, noise and repetitions set aside are no words at all.

- ocr variants (the same typed text read differently): the reading with the highest
  score; an empty reading scores 0, so words an OCR lost at a page turn come back
  while stray marks stay out. Ties: where the readings are OCR confusions of one another
  ("thc"/"the"), the one whose words the memo has more often; then the reading more copies
  share; then the base copy's. A date the analysis could normalise counts as a word.
- substantive variants (the typescripts differ): the base copy's reading, so the
  edition follows one typescript throughout, unless that reading is mostly non-words
  where another is not (its share of non-words higher by GARBLED_MARGIN or more: the
  OCR garbled it, it was not typed so), or another reading has LOST_WORDS words or more,
  mostly words, and LOST_SHARE times as many as the base's (a passage the OCR or the page
  analysis lost in the base copy: lines lost at a page turn, text read as a stamp; a
  typist's added clause is short, a reworded sentence about as long) and is not dense in
  stamp words (a stamp another copy's analysis missed), and the base copy does not have it
  elsewhere in its text (ELSEWHERE_SHARE of its word pairs or more: moved, not lost).
- moved paragraphs (cause transposition), and any variant with a reading of MOVED_WORDS
  words or more that the other copies have elsewhere in their text, not here
  (ELSEWHERE_SHARE of its word pairs): the base copy's reading, so that a passage is
  printed once, where the base has it.
- an omission (a copy lacks words the others have) whose words repeat the words just
  before it, REPEAT_WORDS or more, is an OCR repetition the analysis missed: the copies
  without them win.
- layout variants (one copy's furniture): no lem.

The base copy is `base` when given (`--base SIGIL`), else the copy whose OCR is most
plausible overall (Lexicon.best_copy: the highest share of words that are words).
"""

from __future__ import annotations

from tei_encoder.analyse.plausibility import is_plausible
from tei_encoder.analyse.stamps import stamp_word_count
from tei_encoder.collate.tokens import Streams
from tei_encoder.model import (
    Block,
    BlockReading,
    BlockVariant,
    Collation,
    Correction,
    DateText,
    Label,
    MergedBlock,
    Placed,
    Reading,
    Shared,
    Token,
    Unclear,
    Variant,
)
from tei_encoder.reading.lexicon import Lexicon, confusable

NONWORD_COST = 2.0
GARBLED_MARGIN = 0.5
LOST_WORDS = 8
CONFUSABLE_LENGTH = 40
STAMP_DENSITY = 10
REPEAT_WORDS = 2
ELSEWHERE_SHARE = 0.5
MOVED_WORDS = 4
LOST_SHARE = 3
# A name-like non-word (_name_like) costs half a non-word; only tokens this long are
# judged by their shape (shorter ones have too few letters for the trigram model).
NAME_BADNESS = 0.5
NAME_LETTERS = 5
# A date line with a corrected month name scores 1 - 3 * this: above nothing (0), so a
# copy's date line is not dropped for its slip, below the date typed right (1).
CORRECTED_DATE_BADNESS = 0.25
_EDGE_MARKS = "\"'()[],.;:!?-"


def choose(collation: Collation, lexicon: Lexicon, base: str | None = None,
           streams: Streams | None = None) -> Collation:
    """The collation with a lem chosen in every non-layout variant (streams: the blocks'
    streams the collation read, collate.tokens.Streams)."""
    if base is not None and base not in collation.sigils:
        raise ValueError(f"--base {base}: no such copy (the copies are {', '.join(collation.sigils)})")
    chooser = _Chooser(lexicon, base or lexicon.best_copy() or collation.sigils[0], collation.sigils,
                       streams or Streams())
    return Collation(collation.sigils, tuple(chooser.item(i) for i in collation.items), chooser.base)


class _Chooser:
    def __init__(self, lexicon: Lexicon, base: str, sigils: tuple[str, ...], streams: Streams):
        self.lexicon, self.base, self.sigils, self.streams = lexicon, base, sigils, streams
        # each token's badness, by identity (the collation's tokens live as long as the
        # choice; a variant's readings are scored, shared out and counted again)
        self._bad: dict[int, tuple[Token, float | None]] = {}

    # --- walking the collation -------------------------------------------------------

    def item(self, item):
        if isinstance(item, MergedBlock):
            return MergedBlock(item.kind, self.segments(item.content), item.sigils, item.n, item.role)
        if isinstance(item, BlockVariant):
            readings = tuple(BlockReading(r.sigils, tuple(self.item(i) for i in r.items)) for r in item.readings)
            words = [self._block_words(r.items) for r in readings]
            return BlockVariant(item.type, readings, item.cause, self._pick(item.type, item.cause, readings, words))
        return item  # Placed, or a copy's own Block inside a reading

    def segments(self, segments) -> tuple:
        """The segments with their variants chosen; each variant sees the keys of the
        words read before it (to tell an OCR repetition of them)."""
        out, history = [], []
        for segment in segments:
            if isinstance(segment, Variant):
                segment = self.variant(segment, history)
                if segment.lem is not None:
                    history.extend(t.key for t in self._words(segment.readings[segment.lem].content))
            elif isinstance(segment, Shared):
                history.append(segment.token.key)
            out.append(segment)
        return tuple(out)

    def variant(self, variant: Variant, before: list[str] | None = None) -> Variant:
        readings = tuple(Reading(r.sigils, self.segments(r.content)) for r in variant.readings)
        if variant.type == "layout":
            return Variant(variant.type, readings, variant.cause)
        words = [self._words(r.content) for r in readings]
        empty = [i for i, w in enumerate(words) if not w]
        if empty and any(_repeats(w, before or []) for w in words):  # a copy's repetition of what precedes
            return Variant(variant.type, readings, variant.cause, max(empty, key=lambda i: len(readings[i].sigils)))
        return Variant(variant.type, readings, variant.cause, self._pick(variant.type, variant.cause, readings, words))

    def _words(self, content) -> list[Token]:
        """A reading's words, a nested variant read as its lem."""
        out: list[Token] = []
        for segment in content:
            if isinstance(segment, Shared):
                out.append(segment.token)
            elif isinstance(segment, Variant) and segment.lem is not None:
                out.extend(self._words(segment.readings[segment.lem].content))
        return out

    def _block_words(self, items) -> list[Token]:
        out: list[Token] = []
        for item in items:
            if isinstance(item, MergedBlock):
                out.extend(self._words(item.content))
            elif isinstance(item, Block):
                out.extend(self.streams.of(item).tokens)
            elif not isinstance(item, Placed):
                raise TypeError(f"no words for {type(item).__name__}")
        return out

    # --- choosing -------------------------------------------------------------------

    def _pick(self, kind: str, cause: str | None, readings, words: list[list[Token]]) -> int:
        based = next((i for i, r in enumerate(readings) if self.base in r.sigils), 0)
        if cause == "transposition" or self._moved(readings, words):
            return based
        scores = [self.score(w) for w in words]
        if kind == "substantive":
            shares = [self.nonword_share(w) for w in words]
            rivals = [i for i in range(len(readings)) if words[i] and shares[based] - shares[i] >= GARBLED_MARGIN]
            counts = [len(self._judged(w)) for w in words]
            rivals += [i for i in range(len(readings)) if counts[i] >= LOST_WORDS
                       and counts[based] * LOST_SHARE <= counts[i] and shares[i] < GARBLED_MARGIN
                       and not _stamp_like(words[i])
                       and self.lexicon.typed_in(self.base, [t.key for t in words[i]]) < ELSEWHERE_SHARE]
            return max(rivals, key=lambda i: (scores[i], -shares[i])) if rivals else based
        frequency = self._confusion_frequency(words)
        return max(range(len(readings)),
                   key=lambda i: (round(scores[i], 6), frequency[i], len(readings[i].sigils), i == based, -i))

    def _confusion_frequency(self, words: list[list[Token]]) -> list[int]:
        """How often the memo has each reading's words, where the readings are OCR
        confusions of one another ("thc"/"the", "CAS"/"OAS": both words, but the memo
        types one of them far more often); 0 for all otherwise (then the base decides)."""
        texts = [" ".join(t.key for t in w) for w in words]
        if not all(texts) or max(map(len, texts)) > CONFUSABLE_LENGTH:
            return [0] * len(words)
        if not all(confusable(texts[0], other) for other in texts[1:]):
            return [0] * len(words)
        return [sum(self.lexicon.count(t.key) for t in w) for w in words]

    def _moved(self, readings, words: list[list[Token]]) -> bool:
        """Does a reading hold a passage (MOVED_WORDS or more) that the other copies have
        elsewhere in their text, not here? Then text was moved (pages out of order that
        the block alignment did not pair), not lost, and only the base copy's order
        prints each passage once."""
        keys = [[t.key for t in w] for w in words]
        for i, reading in enumerate(readings):
            if len(keys[i]) < MOVED_WORDS:
                continue
            others = [(sigil, j) for j, other in enumerate(readings) if j != i for sigil in other.sigils]
            if others and all(self.lexicon.typed_in(sigil, keys[i], exclude=keys[j]) >= ELSEWHERE_SHARE
                              for sigil, j in others):
                return True
        return False

    def score(self, words: list[Token]) -> float:
        total = 0.0
        for token in words:
            badness = self._badness(token)
            if badness is None:
                continue
            total += (1.0 - badness) - NONWORD_COST * badness
        return total

    def nonword_share(self, words: list[Token]) -> float:
        judged = self._judged(words)
        return sum(judged) / len(judged) if judged else 0.0

    def _judged(self, words: list[Token]) -> list[float]:
        """The badness of the words that have one (figures and labels have none)."""
        return [b for b in (self._badness(t) for t in words) if b is not None]

    def _badness(self, token: Token) -> float | None:
        known = self._bad.get(id(token))
        if known is None or known[0] is not token:
            known = self._bad[id(token)] = (token, self._token_badness(token))
        return known[1]

    def _token_badness(self, token: Token) -> float | None:
        if any(isinstance(p, Label) for p in token.parts):
            return None  # "I." or "1.": the label says nothing of the OCR's quality
        if any(isinstance(p, Unclear) and p.reason == "illegible" for p in token.parts):
            return 1.0
        goodness = self.lexicon.goodness(token.key)
        if goodness is None:
            return None
        for part in token.parts:
            if isinstance(part, DateText) and part.when:
                # a date the analysis could read (and normalise) was typed as a date; one
                # with a misread month name (corrected) still is, but below one typed right
                return CORRECTED_DATE_BADNESS if part.parts else 0.0
        if any(isinstance(p, Correction) for p in token.parts):
            return 0.5
        if " " in token.key:  # a date or span that is one token: judged by its words
            judged = [g for g in map(self.lexicon.goodness, token.key.split()) if g is not None]
            return 1.0 - sum(judged) / len(judged) if judged else None
        if goodness == 0.0 and _name_like(token):
            return NAME_BADNESS
        return 1.0 - goodness


def _name_like(token: Token) -> bool:
    """A token the word list lacks and the memo has once, typed as a name is (a capital,
    then lower case) and shaped like English by the character trigram model
    (analyse.plausibility): more likely a name typed so ("Mikoyan", "Bohlen") than OCR
    garbage ("Xqzvrtk"). Lower-case and capitals-only tokens are left out: there a
    plausible shape is as often a slip of a word the list lacks ("lorder",
    "REORIENTATIOM" beside "REORIENTATION")."""
    word = token.key
    typed = token.text.strip(_EDGE_MARKS)
    return (len(word) >= NAME_LETTERS and word.isalpha() and typed[:1].isupper() and typed[1:].islower()
            and is_plausible(word))


def _stamp_like(words: list[Token]) -> bool:
    """A stamp the analysis of one copy did not recognise: one stamp word in STAMP_DENSITY
    words or more ("DECLASSIFY ... RELEASE ... DENY ... EO Citations")."""
    return stamp_word_count(" ".join(t.text for t in words)) * STAMP_DENSITY >= len(words)


def _repeats(words: list[Token], before: list[str]) -> bool:
    """Are these words the very words just read before them, once or more (a run of
    REPEAT_WORDS or more)? An OCR that read a line twice ("... GAS LINES. J) HOSTS GAS
    LINES. J) HOSTS ...") or looped on it."""
    keys = [t.key for t in words]
    return any(len(keys) % size == 0 and before[-size:] == keys[:size] and keys == keys[:size] * (len(keys) // size)
               for size in range(REPEAT_WORDS, len(keys) + 1) if len(before) >= size)
