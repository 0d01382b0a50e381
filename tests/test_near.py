"""The corrections' candidate search (reading.near, Corrector.candidates, distance with a
limit) finds exactly what the plain search over every memo word and every string one
edit or two confusions away finds: a faster search, never a different answer."""

from __future__ import annotations

import random

import pytest
from rapidfuzz.distance import OSA

from tei_encoder.analyse.confusion_forms import confusion_form, confusion_forms
from tei_encoder.collate.kinds import english_words
from tei_encoder.collate.tokens import loose_key
from tei_encoder.pipeline import analyse
from tei_encoder.reading import Lexicon
from tei_encoder.reading.correct import (
    LONG,
    MAX_COST,
    MAX_COST_LONG,
    Corrector,
    _pick,
    correct_witness,
    word_list_index,
)
from tei_encoder.reading.lexicon import (
    CONFUSION_COST,
    CONFUSIONS,
    confusable,
    confusions_within_two,
    distance,
    edits,
    one_confusion,
)
from tei_encoder.reading.near import NearWords, TwoConfusions, mapped, reach
from tests.conftest import ALL_INPUTS
from tests.test_fast_paths import _devset_lines

_OCR_LETTERS = sorted({c for pair in CONFUSIONS for side in pair for c in side} | set("aesty"))


def _lexicon(path) -> Lexicon:
    return Lexicon.of(analyse(path.read_bytes(), str(path)).witnesses)


@pytest.fixture(scope="module")
def correctors() -> list[Corrector]:
    return [Corrector(_lexicon(path)) for path in ALL_INPUTS]


def _misread(word: str, rng: random.Random) -> str:
    """The word with one to four OCR-like slips: confusions, plain edits, or both."""
    for _ in range(rng.randint(1, 4)):
        variants = sorted(edits(word)) if word else ["a"]
        word = rng.choice(variants)
    return word


def _plain_candidates(corrector: Corrector, key: str, limit: float) -> set[str]:
    """The search before the index: every string one plain edit or two confusions away
    that is a list or memo word, and every memo word of a length within the limit."""
    found = {w for w in edits(key) if w in english_words() or w in corrector._memo_set}
    found |= {w for w in corrector.memo_words if abs(len(w) - len(key)) <= limit}
    found.discard(key)
    return found


def _accepted(corrector: Corrector, key: str, limit: float, candidates: set[str]) -> list:
    """What Corrector._best keeps of the candidates (cost within the limit; a list word
    only by confusions), ranked."""
    kept = []
    for candidate in candidates:
        cost = distance(key, candidate, limit=limit)  # exact within the limit (tested below)
        in_memo = candidate in corrector._memo_set
        if cost <= limit and (in_memo or confusable(key, candidate)):
            kept.append((cost, not in_memo, candidate))
    return sorted(kept)


@pytest.mark.parametrize("indexed", [False, True], ids=["strings two confusions away", "word list index"])
def test_candidates_keep_every_word_the_plain_search_keeps(correctors, indexed):
    rng = random.Random(13)
    checked = 0
    for corrector in correctors:
        corrector = Corrector(corrector.lexicon, word_list_index()) if indexed else corrector
        read = sorted(loose_key(w) for w in corrector.lexicon.counts if w.isalpha() and len(w) >= 4)
        misread = [_misread(w, rng) for w in rng.sample(corrector.memo_words, 20)]
        for key in rng.sample(read, 10) + [k for k in misread if k.isalpha()]:
            limit = MAX_COST_LONG if len(key) >= LONG else MAX_COST
            plain = _accepted(corrector, key, limit, _plain_candidates(corrector, key, limit))
            assert _accepted(corrector, key, limit, corrector.candidates(key, limit)) == plain, key
            checked += bool(plain)
    assert checked > 60  # keys with a word in reach, not only far ones


def test_the_index_never_rules_out_a_word_within_the_limit(correctors):
    rng = random.Random(62)
    words = sorted({w for corrector in correctors for w in corrector.memo_words})
    index = NearWords(words)
    within_reach = 0
    for word in rng.sample(words, 25):
        key = _misread(word, rng)
        for limit in (MAX_COST, MAX_COST_LONG):
            kept = set(index.within(key, limit))
            near = {w for w in words if abs(len(w) - len(key)) <= 4 and distance(key, w, limit=limit) <= limit}
            assert near <= kept, (key, near - kept)
            within_reach += len(near)
    assert within_reach > 25
    assert len(index.within("formula", MAX_COST)) < len(words) / 10  # and it does rule out


@pytest.mark.parametrize("word, other", [("rnodern", "modern"), ("clamage", "damage"), ("iiniform", "uniform"),
                                         ("vvhich", "which"), ("khrushehev", "khrushchev"), ("fonnula", "formula")])
def test_confusions_stay_within_reach(word, other):
    """Multi-letter confusions cost more steps in the mapped words than single ones."""
    assert OSA.distance(mapped(word), mapped(other)) <= reach(word, distance(word, other))


def test_distance_with_a_limit_is_exact_within_it_and_above_it_outside():
    rng = random.Random(28)
    for _ in range(1000):
        a = "".join(rng.choice(_OCR_LETTERS) for _ in range(rng.randint(1, 9)))
        b = _misread(a, rng) if rng.random() < 0.7 else "".join(rng.choice(_OCR_LETTERS) for _ in range(len(a)))
        exact = distance(a, b)
        for limit in (0.5, 1.0, 2.0):
            bounded = distance(a, b, limit=limit)
            assert bounded == exact if exact <= limit else bounded > limit, (a, b, limit)


def _within_two_by_definition(word: str) -> set[str]:
    """The strings one confusion from word, and one confusion from each of those."""
    found = one_confusion(word)
    for variant in tuple(found):
        found |= one_confusion(variant)
    found.discard(word)
    return found


def test_confusions_within_two_is_its_definition():
    """confusions_within_two builds the second confusions from the sites of the word
    (pairs of sites, and the sites a first confusion makes); the strings are exactly
    those of applying one_confusion twice: on a tenth of the word list, every token of the
    seed and the corpus, and words whose confusions overlap or make new ones."""
    words = sorted(english_words())[::10]
    tokens = sorted({loose_key(word) for path in ALL_INPUTS for word in path.read_text(errors="replace").split()})
    crafted = ["", "m", "ii", "rnrn", "rnm", "mrn", "rrnn", "rnn", "clcl", "cld", "dcl", "ecl", "eel", "lclc",
               "iiii", "iiu", "uii", "vvvv", "vvw", "wvv", "0o0", "rnvvcliie"]
    differ = [w for w in words + tokens + crafted if confusions_within_two(w) != _within_two_by_definition(w)]
    assert not differ
    assert "cuba" in confusions_within_two("guba") and "rnodern" in confusions_within_two("modem")


def test_confusable_is_the_distance_without_plain_edits():
    """confusable searches for a path of equal characters and confusions instead of
    filling the distance's table with plain edits priced out of reach: the same verdict
    on list words against strings one and several confusions away, plain edits, other
    words, phrases of words (as reading.choose compares readings), and strings long
    enough to be left to the table."""
    def by_distance(a: str, b: str) -> bool:
        return a != b and distance(a, b, plain=100.0, limit=99.5) < 100.0

    rng = random.Random(13)
    words = sorted(english_words())
    pairs = [("rn" * 120, "m" * 120), ("m" * 120, "rn" * 120), ("", ""), ("a", ""), ("", "m"), ("rnm", "mrn")]
    for word in rng.sample(words, 400):
        near = sorted(confusions_within_two(word)) + sorted(edits(word))
        pairs += [(word, other) for other in rng.sample(near, min(6, len(near)))] + [(word, rng.choice(words))]
    for _ in range(100):
        phrase = far = " ".join(rng.sample(words, 4))
        for _ in range(rng.randint(1, 6)):
            far = rng.choice(sorted(one_confusion(far)) or [far])
        pairs += [(phrase, far), (far, phrase), (phrase, phrase[:-1] + "x")]
    verdicts = [confusable(a, b) for a, b in pairs]
    assert verdicts == [by_distance(a, b) for a, b in pairs]
    assert 0.1 < sum(verdicts) / len(verdicts) < 0.9  # both answers well represented


def _crafted_keys(rng: random.Random) -> list[str]:
    """Keys the corrections meet: a tenth of the word list, each misread, every token of
    the seed and the corpus, and strings whose confusions overlap or make new ones."""
    words = sorted(english_words())[::10]
    tokens = sorted({loose_key(word) for path in ALL_INPUTS for word in path.read_text(errors="replace").split()})
    crafted = ["", "m", "ii", "rnrn", "rnm", "mrn", "rrnn", "rnn", "clcl", "cld", "dcl", "ecl", "eel", "lclc",
               "iiii", "iiu", "uii", "vvvv", "vvw", "wvv", "0o0", "rnvvcliie", "guba", "modem", "fonnula"]
    return words + [_misread(w, rng) for w in words[::4]] + tokens + crafted


def test_every_confusion_keeps_the_confusion_form():
    """The index's premise: both sides of every confusion have one form, so a string
    reached by any number of confusions has the form of the word; and the form of many
    words at once (bytes, in C) is each word's own form."""
    assert all(confusion_form(a) == confusion_form(b) for a, b in CONFUSIONS)
    rng = random.Random(5)
    keys = _crafted_keys(rng) + ["line\nbreak", "naïve", "ﬁrm", "Ünïcode rn", "M", "Madam", "RN", "nul\0m"]
    assert confusion_forms(keys) == [confusion_form(key) for key in keys]
    in_one_string = [key for key in keys if "\n" not in key and "\0" not in key]  # mapped in C
    assert confusion_forms(in_one_string) == [confusion_form(key) for key in in_one_string]
    for key in rng.sample(keys, 300):
        assert all(confusion_form(other) == confusion_form(key) for other in confusions_within_two(key))


def test_two_confusions_index_finds_what_the_strings_two_confusions_away_find():
    """TwoConfusions.of (the words of a form, filtered by one confusion from the word or
    from a string one confusion away) is exactly the list's share of
    confusions_within_two: for the whole word list and for a memo's few words."""
    rng = random.Random(31)
    english = english_words()
    index = word_list_index()
    memo_words = sorted(english)[::97] + ["cuba", "castro", "khrushchev", "rnodern"]
    memo_index, memo_set = TwoConfusions.of_words(memo_words), set(memo_words)
    found = 0
    for key in _crafted_keys(rng):
        within = confusions_within_two(key)
        near = one_confusion(key)
        assert index.of(key, near) == within & english, key
        assert memo_index.of(key, near) == within & memo_set, key
        found += bool(within & english)
    assert found > 1000  # keys with list words in reach, not only far ones


def test_a_word_one_confusion_away_is_at_the_confusion_cost():
    """Corrector._best prices a candidate one confusion from the key at CONFUSION_COST
    without the distance's table: every edit costs that at least, so it is the distance."""
    rng = random.Random(17)
    pairs = [(key, other) for key in rng.sample(_crafted_keys(rng), 2000) for other in sorted(one_confusion(key))]
    assert len(pairs) > 3000
    assert all(distance(key, other, limit=limit) == CONFUSION_COST
               for key, other in pairs for limit in (MAX_COST, MAX_COST_LONG))


def test_corrections_with_the_word_list_index_are_the_corrections_without_it():
    """A batch worker builds the word list's index (index_word_list); a single encode
    does not: every copy of the seed and the corpus gets the same corrections either way."""
    for path in ALL_INPUTS:
        witnesses = analyse(path.read_bytes(), str(path)).witnesses
        lexicon = Lexicon.of(witnesses)
        for witness in witnesses:
            plain = correct_witness(witness, lexicon, Corrector(lexicon))
            assert correct_witness(witness, lexicon, Corrector(lexicon, word_list_index())) == plain, path


def _best_long_way(corrector: Corrector, key: str) -> tuple[str, str] | None:
    """Corrector._best as it was: every candidate searched for, then those one confusion
    away, where there are any, ranked alone."""
    if corrector.lexicon.goodness(key) != 0.0:
        return None
    limit = MAX_COST_LONG if len(key) >= LONG else MAX_COST
    near = one_confusion(key)
    found = corrector.candidates(key, limit, near)
    return _pick(corrector._ranked(key, (found & near) or found, near, limit))


@pytest.mark.parametrize("indexed", [False, True], ids=["strings two confusions away", "word list index"])
def test_the_words_one_confusion_away_are_ranked_without_the_search_for_the_others(correctors, indexed):
    """Corrector._best takes the list's and the memo's words one confusion away without
    the candidate search, where there are any: the same correction as the search's
    candidates one confusion away, on the seed's, the corpus's and the dev set's tokens,
    the memo words misread and the crafted keys."""
    rng = random.Random(47)
    devset = sorted({loose_key(word) for line in _devset_lines() for word in line.split()})
    crafted = _crafted_keys(rng)
    closest = corrected = 0
    for corrector in correctors:
        corrector = Corrector(corrector.lexicon, word_list_index()) if indexed else corrector
        read = sorted({loose_key(w) for w in corrector.lexicon.counts})
        misread = [_misread(w, rng) for w in rng.sample(corrector.memo_words, 40)]
        keys = rng.sample(read, min(120, len(read))) + misread + rng.sample(devset, 60) + rng.sample(crafted, 60)
        for key in keys:
            expected = _best_long_way(corrector, key)
            assert corrector._best(key) == expected, key
            corrected += expected is not None
            closest += expected is not None and expected[0] in one_confusion(key)
    assert corrected > 150 and closest > 50  # answers of both kinds, not only None
