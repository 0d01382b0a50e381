"""The collation's fast paths give what their long forms give: on every block stream of
the seed and the corpus (a faster way, never a different answer)."""

from __future__ import annotations

import pytest

from tei_encoder.collate import kinds, related, words
from tei_encoder.collate.tokens import Streams, has_alphanumeric
from tei_encoder.model import Block, Placed
from tei_encoder.pipeline import analyse
from tests.conftest import ALL_INPUTS


@pytest.fixture(scope="module")
def streams() -> list:
    read = Streams()
    return [read.of(item) for path in ALL_INPUTS for witness in analyse(path.read_bytes(), str(path)).witnesses
            for item in witness.items if isinstance(item, Block)]


def _run_by_definition(stream, start: int, end: int, sigil: str) -> list:
    """_run's loop for one copy: each word with its items before it, each word through _shared."""
    run = []
    for index in range(start, end):
        run.extend(Placed(sigil, item) for item in stream.aside.get(index, ()))
        token = stream.tokens[index]
        run.append(words._shared(token, [sigil], [token]))
    return run


def test_a_reading_of_one_copy_is_its_run_by_definition(streams):
    starts = 0
    for stream in streams:
        length = len(stream.tokens)
        for start, end in ((0, length), (length // 3, length), (1, max(1, length // 2))):
            assert words._own_run(stream, start, end, ["A"]) == _run_by_definition(stream, start, end, "A")
        starts += sum(bool(token.lb or token.line) for token in stream.tokens)
    assert starts > 500  # words that start a line, as well as words that do not


def test_trigram_words_are_the_folded_words_with_a_letter_or_figure(streams):
    keys = [key for stream in streams for key in stream.keys] + ["", "-", "1962", "__", "rn", "Ünïcode"]
    assert [kinds._trigram_word(key) for key in keys] == [
        kinds._fold(key) if has_alphanumeric(key) else None for key in keys]
    assert None in map(kinds._trigram_word, keys)


def test_block_words_are_each_keys_own_words(streams):
    keys_lists = [stream.keys for stream in streams] + [["movember 13, 1962", "", "a\tb", "x\xa0y", " lead", "trail "]]
    for keys in keys_lists:
        assert related.block_words(keys) == tuple(word for key in keys for word in key.split())
    assert any(" " in key for keys in keys_lists for key in keys)  # dates and spans of several words
