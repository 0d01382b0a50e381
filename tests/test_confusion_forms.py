"""plausibility.confused_word, where the process has built the word list's index by
confusion form (analyse.confusion_forms), looks over the list's words of the token's
form instead of building every form two confusions away: held here to that long way, on
the list's own words, the seed's, the corpus's and the dev set's tokens, misread words
and made-up strings whose confusions overlap."""

from __future__ import annotations

import random

from tei_encoder.analyse import plausibility
from tei_encoder.analyse.confusion_forms import ByConfusionForm, confusion_form
from tests.conftest import ALL_INPUTS
from tests.test_fast_paths import _devset_lines, _made_tokens

_OCR_LETTERS = "rnmcldeo01ihbgunvwaesty"


def _misread(word: str, rng: random.Random) -> str:
    """The word with one to three of its visual confusions applied (or left alone)."""
    for _ in range(rng.randint(1, 3)):
        variants = sorted(plausibility._unconfused(word))
        word = rng.choice(variants) if variants else word
    return word


def _tokens() -> list[str]:
    rng = random.Random(41)
    words = sorted(plausibility.english_words())
    real = sorted({token for path in ALL_INPUTS for token in path.read_text("utf-8", errors="replace").split()}
                  | {token for line in _devset_lines() for token in line.split()})
    made = ["".join(rng.choice(_OCR_LETTERS) for _ in range(rng.randint(0, 9))) for _ in range(4000)]
    crafted = ["", "...", "m", "ii", "rnrn", "rnm", "mrn", "rnn", "clcl", "cld", "dcl", "iiii", "iiu", "vvw",
               "wvv", "0o0", "1l1", "i1i", "Govermnent", "statcd", "wou1d", "shouod", "ihat", "tll", "\"Guba,\""]
    return words + [_misread(w, rng) for w in words[::7]] + real + made + _made_tokens() + crafted


def test_confused_word_by_the_index_finds_what_undoing_two_confusions_everywhere_finds():
    by_form = plausibility.word_list_by_form()
    found = 0
    tokens = _tokens()
    for token in tokens:
        key = plausibility._bare(token)
        expected = plausibility._confused_by_undoing(key)
        found += expected is not None
        assert plausibility._confused_by_form(key, by_form) == expected, token
    assert len(tokens) > 60000 and found > 10000  # tokens with a list word in reach, not only far ones


def test_confused_word_asks_the_index_only_where_it_is_built(monkeypatch):
    """A batch worker builds the index (reading.correct.index_word_list); a single encode
    does not, and undoes the confusions instead."""
    asked = []
    monkeypatch.setattr(plausibility, "_confused_by_form", lambda key, by_form: asked.append(key))
    monkeypatch.setattr(plausibility, "_built_by_form", lambda: None)
    assert plausibility.confused_word.__wrapped__("statcd") == "stated" and not asked
    monkeypatch.setattr(plausibility, "_built_by_form", plausibility.word_list_by_form)
    plausibility.confused_word.__wrapped__("statcd")
    assert asked == ["statcd"]


def test_every_visual_confusion_keeps_the_confusion_form():
    """The index's premise for the analysis's pairs (i/1 besides the reading's)."""
    assert all(confusion_form(a) == confusion_form(b) for a, b in plausibility.VISUAL_CONFUSIONS)
    rng = random.Random(3)
    for token in rng.sample(_tokens(), 3000):
        form = confusion_form(plausibility._bare(token))
        assert all(confusion_form(other) == form for other in plausibility._unconfused(plausibility._bare(token)))


def test_the_words_of_a_form_are_those_the_list_has_of_it():
    words = ["modern", "rnodern", "cuba", "guba", "line", "1ine", "cat"]
    index = ByConfusionForm(words)
    assert index.of_form(confusion_form("modern")) == ["modern", "rnodern"]
    assert index.of_form(confusion_form("cuba")) == ["cuba", "guba"]
    assert index.of_form(confusion_form("dog")) == []
    by_form = plausibility.word_list_by_form()
    for word in sorted(plausibility.english_words())[::50]:
        assert word in by_form.of_form(confusion_form(word))
