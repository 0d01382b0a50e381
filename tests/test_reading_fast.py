"""The reading stage's fast paths give what their long forms give: on the seed, the corpus,
FRUS 19 and made-up memos."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from tei_encoder.collate.kinds import english_words
from tei_encoder.collate.tokens import stream
from tei_encoder.model import Block, DateText, ReadingOptions, Text, TextLine
from tei_encoder.pipeline import analyse, analyse_copies, to_tei
from tei_encoder.reading import Lexicon
from tei_encoder.reading.correct import (
    _SKIPPED_ROLES,
    LONG,
    MAX_COST,
    MAX_COST_LONG,
    Corrector,
    _block,
    _block_by_lines,
    _never_corrected,
    _pick,
    _plainly_clean,
    _text,
    word_list_index,
)
from tei_encoder.reading.lexicon import _keys, block_keys, confusions_within_two, edits, one_confusion
from tei_encoder.reading.near import NearWords
from tests.conftest import ALL_INPUTS, CORPUS, ROOT, SEED


def test_clean_text_is_text_with_no_piece_to_correct():
    """Corrector.clean (the pieces split by str.split, each judged once) says a text has
    nothing to correct exactly where the piece-by-piece rewrite (_text, split by _PIECES)
    finds nothing: judged first by clean, and judged first by _text."""
    texts = 0
    fixed = 0
    for path in ALL_INPUTS:
        witnesses = analyse(path.read_bytes(), str(path)).witnesses
        lexicon = Lexicon.of(witnesses)
        parts = [part.text for witness in witnesses for block in witness.items if isinstance(block, Block)
                 for line in block.content if isinstance(line, TextLine)
                 for part in line.parts if type(part) is Text]
        parts += [" ", "", "\u00a0Guba\u2003 is ", "\tCastro\n"]
        cleaned_first, rewritten_first = Corrector(lexicon), Corrector(lexicon)
        for text in parts:
            clean = cleaned_first.clean(text)
            assert clean == (_text(text, cleaned_first.fix_piece) is None), (path, text)
            assert (_text(text, rewritten_first.fix_piece) is None) == rewritten_first.clean(text), (path, text)
            texts += 1
            fixed += not clean
    assert texts > 2000 and fixed > 50  # texts with corrections as well as without


def test_a_single_encode_does_not_build_the_word_list_index():
    """encode FILE (and encode --sample) encodes one memo: the word list's index (about
    20 ms) would cost it more than it saves, so only a process that encodes many memos
    builds it, by asking for it (index_word_list, a batch worker at its start)."""
    code = ("import sys; from tei_encoder.pipeline import encode; from tei_encoder.validation.validator import "
            "Validator; from tei_encoder.reading import correct; data = open(sys.argv[1], 'rb').read(); "
            "sys.argv[2] == 'warm' and correct.index_word_list(); encode([(data, sys.argv[1])], Validator()); "
            "print(correct.word_list_index.cache_info().currsize)")
    built = {way: subprocess.run([sys.executable, "-c", code, str(SEED), way], capture_output=True, text=True,
                                 check=True).stdout.strip() for way in ("one", "warm")}
    assert built == {"one": "0", "warm": "1"}


# --- the lexicon, the candidates and the ranking: each shortcut against its long form ---

FRUS_19 = ROOT / "tests" / "fixtures" / "frus" / "19.txt"  # two copies, with redactions
INPUTS = ALL_INPUTS + [FRUS_19]


@pytest.fixture(scope="module")
def lexicons() -> list[tuple[tuple, Lexicon]]:
    out = []
    for path in INPUTS:
        witnesses = analyse(path.read_bytes(), str(path)).witnesses
        out.append((witnesses, Lexicon.of(witnesses)))
    return out


def _made_up_lexicon() -> Lexicon:
    """Two copies: a slip repeated in both ("Guba" beside "Cuba" typed often), a name in
    both ("Castro", "Dumov": one with letters an OCR reads as two, "rn" for "m"), a name
    twice in one ("Mikoyan"), a slip of a word in both overshadowed by it ("Rnodern"
    beside "modern")."""
    a = ("MEMORANDUM\n\nThe talks on Cuba went on. Castro spoke of Cuba and of Guba, and Mikoyan heard "
         "Cuba named again and Cuba. Dumov and Mikoyan left the modern hall and the modern city in modern times.\n")
    b = ("MEMORANDUM\n\nThe talks on Cuba went on. Castro spoke of Cuba and of Guba, and Rnodern heard "
         "Cuba named again. Dumov left the modern hall and the modern city.\n")
    return Lexicon.of(analyse_copies([(a.encode(), "a.txt"), (b.encode(), "b.txt")]).witnesses)


def test_block_keys_are_each_tokens_keys_redactions_read_word_by_word(lexicons):
    """block_keys (one look at the block's lines for a redaction, then each token's key)
    gives what _keys gives token by token, on every block; some blocks hold redactions
    whose words differ from their tokens' keys (so a block_keys that never looked would fail)."""
    blocks = differ = 0
    for witnesses, _ in lexicons:
        for block in (b for w in witnesses for b in w.items if isinstance(b, Block)):
            tokens = stream(block.content).tokens
            assert block_keys(block, tokens) == _keys(tokens), block
            blocks += 1
            differ += _keys(tokens) != [token.key for token in tokens]
    assert blocks > 500 and differ >= 3


def test_line_keys_are_the_keys_of_the_blocks_streams(lexicons):
    """line_keys (a one-copy memo's keys, read line by line without a stream) gives what
    block_keys gives from the block's stream, on every block, and on made-up lines where
    a word is glued over parts (an underline, a date, a label, a redaction, a no-break
    space, noise) and where set-aside items stand between lines."""
    from tei_encoder.model import Label, Redaction, Surplus, Unclear, Underline
    from tei_encoder.reading.lexicon import line_keys

    blocks = [b for witnesses, _ in lexicons for w in witnesses for b in w.items if isinstance(b, Block)]
    made_up = [
        (TextLine(1, (Label("1."), Text(" The "), Underline((Text("Cubans"),)), Text(", said\u00a0he."))),),
        (TextLine(1, (Text("  on "), DateText("3 May 1963", "1963-05-03"), Text("s and"))),
         Surplus("and and and"), TextLine(2, (Text("then"), Unclear("x#@", "illegible"), Text("ed"))),
         TextLine(3, (Text("The "), Redaction("[deleted]", "statement"), Text(" line 1ine."))),
         TextLine(4, (Text(""),)), TextLine(5, ()), TextLine(6, (Text(" \t "),)),
         TextLine(7, (Text("said\u00a0he\u2003then \r\n Castro,"),))),
    ]
    blocks += [Block("p", content, 1) for content in made_up]
    for block in blocks:
        assert line_keys(block) == block_keys(block, stream(block.content).tokens), block
    assert len(blocks) > 500


def test_overshadowed_by_the_forms_is_every_confusion_looked_up(lexicons):
    """_overshadowed looks up the strings one confusion away only for a key whose
    confusion form a key seen OVERSHADOW times or more has: the same answer as looking
    them up for every key, on every key of the real memos and a made-up one."""
    shadowed = 0
    for lexicon in [lexicon for _, lexicon in lexicons] + [_made_up_lexicon()]:
        for key in lexicon.counts:
            assert lexicon._overshadowed(key) == lexicon._overshadowed_by_any(key), key
            shadowed += lexicon._overshadowed_by_any(key)
    assert shadowed >= 5


def test_memo_words_are_the_memo_words_by_definition(lexicons):
    for lexicon in [lexicon for _, lexicon in lexicons] + [_made_up_lexicon()]:
        defined = sorted(key for key in lexicon.counts
                         if key.isalpha() and lexicon.in_memo(key) and lexicon._whole(key) == 1.0)
        assert lexicon.memo_words() == defined
    assert "castro" in _made_up_lexicon().memo_words() and "guba" not in _made_up_lexicon().memo_words()


def test_quality_and_pairs_asked_late_are_those_of_the_copies():
    """The share of words and the word pairs are read when the choice asks (a memo of
    one copy never does): from each copy's keys, as read."""
    lexicon = _made_up_lexicon()
    a, b = (lexicon.keys[sigil] for sigil in lexicon.keys)
    assert lexicon.pairs(next(iter(lexicon.keys))) == set(zip(a, a[1:]))
    assert lexicon.pairs("no such copy") == set()
    shares = []
    for keys in (a, b):
        judged = [lexicon.goodness(k) for k in keys if lexicon.goodness(k) is not None]
        shares.append(sum(g == 1.0 for g in judged) / len(judged))
    assert list(lexicon.quality.values()) == shares


def _keys_to_correct(lexicon: Lexicon, rng: random.Random) -> list[str]:
    """The memo's keys of letters, and misreadings of its words."""
    keys = sorted(k for k in lexicon.counts if k.isalpha() and len(k) >= 4)
    words = lexicon.memo_words()
    return keys + [_misread(w, rng) for w in rng.sample(words, min(60, len(words)))]


def _misread(word: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 3)):
        word = rng.choice(sorted(edits(word)))
    return word


def test_best_is_the_best_of_every_candidate(lexicons):
    """Corrector._best ranks only the candidates one confusion away where there are
    any: the pick of ranking every candidate (each measured), for every key of the real
    memos and misreadings of their words."""
    rng = random.Random(8)
    picked = closest = 0
    for _, lexicon in lexicons:
        corrector = Corrector(lexicon, word_list_index())
        for key in _keys_to_correct(lexicon, rng):
            if lexicon.goodness(key) != 0.0:
                continue
            limit = MAX_COST_LONG if len(key) >= LONG else MAX_COST
            near = one_confusion(key)
            found = corrector.candidates(key, limit, near)
            best = corrector._best(key)
            assert best == _pick(corrector._ranked(key, found, near, limit)), key
            picked += best is not None
            closest += bool(found & near) and len(found - near) > 0
    assert picked > 300 and closest > 50  # shortcuts taken with other candidates left unmeasured


def test_within_a_spread_is_within_filtered_by_length(lexicons):
    """NearWords.within(spread=n) searches only the words of lengths within n: the words
    within() keeps of those lengths."""
    rng = random.Random(4)
    for _, lexicon in lexicons[:6]:
        words = lexicon.memo_words()
        index = NearWords(words)
        for key in _keys_to_correct(lexicon, rng)[::7]:
            for limit in (MAX_COST, MAX_COST_LONG):
                spread = int(limit)
                whole = {w for w in index.within(key, limit) if abs(len(w) - len(key)) <= spread}
                assert set(index.within(key, limit, spread)) == whole, key


def test_the_memo_index_of_words_the_list_lacks_finds_what_the_strings_find(lexicons):
    """With the word list's index, the memo's own index holds only the memo words the
    list lacks (the list's index finds the others): the candidates are those found
    without either index, for misreadings of those very words (among them strings two
    confusions away that only the index finds: their length differs by more than the
    memo words the distance search looks at)."""
    rng = random.Random(21)
    english = english_words()
    checked = 0
    for _, lexicon in lexicons + [((), _made_up_lexicon())]:
        indexed, plain = Corrector(lexicon, word_list_index()), Corrector(lexicon)
        own = [w for w in lexicon.memo_words() if w not in english]
        stretched = [v for w in own for v in sorted(confusions_within_two(w)) if abs(len(v) - len(w)) > 1]
        for key in own + stretched + [_misread(w, rng) for w in own for _ in range(3)]:
            limit = MAX_COST_LONG if len(key) >= LONG else MAX_COST
            found = indexed.candidates(key, limit)
            assert found == plain.candidates(key, limit), key
            checked += any(abs(len(w) - len(key)) > limit for w in found & set(own))
    assert checked >= 3  # the made-up memo's "Dumov": "cliimov", "clurnov", "diirnov"


def test_a_word_of_the_list_is_never_corrected():
    """Corrector.clean passes the pieces that are words of the list as it has them,
    unjudged: _never_corrected says so of every one (no list word has the punctuation
    or a shape the corrections would read as another word)."""
    never = _never_corrected.__wrapped__  # not the process's cache of real pieces
    assert all(never(word) for word in english_words())


def _made_up_blocks() -> list[Block]:
    """Blocks of each kind _plainly_clean tells apart: all clean, a slip, an empty text
    part, a date with a misread month, a date typed right."""
    def block(*lines):
        return Block("p", tuple(TextLine(n, parts) for n, parts in enumerate(lines, 1)), 1)
    return [block((Text("The talks on Cuba went on."),), (Text("Castro spoke"), Text(" of it."))),
            block((Text("The talks on Guba went on."),)),
            block((Text("The talks"), Text(""), Text(" went on."))),
            block((DateText("Movember 13, 1962", "1962-11-13"),), (Text("The talks."),)),
            block((DateText("November 13, 1962", "1962-11-13"),), (Text("The talks."),))]


def test_a_plainly_clean_block_is_one_the_lines_leave_alone(lexicons):
    """_block passes over a block whose text parts (joined) hold nothing to correct, no
    empty one and no date: _block_by_lines returns that very block. Every block of the
    real memos and made-up ones: the same block either way, and the same corrections."""
    plainly = changed = 0
    for witnesses, lexicon in lexicons + [((), _made_up_lexicon())]:
        corrector = Corrector(lexicon)
        blocks = [b for w in witnesses for b in w.items if isinstance(b, Block)]
        for block in blocks + _made_up_blocks():
            if block.kind == "form" or block.role in _SKIPPED_ROLES:
                continue  # never corrected, either way
            by_lines = _block_by_lines(block, Corrector(lexicon))
            if _plainly_clean(block, corrector):
                assert by_lines is block
                plainly += 1
            assert _block(block, corrector) == by_lines
            changed += by_lines is not block
    assert plainly > 400 and changed > 40


def test_the_word_list_index_is_asked_for_and_changes_no_byte():
    """ReadingOptions(list_index=True) (a batch worker's memos) corrects by the word
    list's index, a plain encode without it: the same TEI, for merged and one-copy memos."""
    for path in [SEED, FRUS_19, *CORPUS[:3]]:
        document = analyse(path.read_bytes(), str(path))
        assert to_tei(document, reading=ReadingOptions(list_index=True)) == to_tei(document), path
