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


def _groups_by_hash(streams_by_sigil: dict, spans: dict) -> list:
    """words._groups as first written: a dict keyed by each copy's words."""
    groups: dict = {}
    for sigil, (start, end) in spans.items():
        words = tuple(token.parts for token in streams_by_sigil[sigil].tokens[start:end])
        groups.setdefault(words, []).append(sigil)
    return list(groups.items())


def test_readings_grouped_by_comparison_are_those_grouped_by_hash(streams):
    several = 0
    for first, second in zip(streams, streams[1:]):
        copies = {"A": first, "B": second, "C": first, "D": second}
        for a, b in ((0, len(first.tokens)), (0, 1), (1, 3), (2, 2)):
            for c, d in ((0, len(second.tokens)), (0, 1), (a, b)):
                spans = {"A": (a, b), "B": (c, d), "C": (a, b), "D": (min(c, d), d)}
                spans = {s: (min(x, len(copies[s].tokens)), min(y, len(copies[s].tokens)))
                         for s, (x, y) in spans.items()}
                assert words._groups(copies, spans) == _groups_by_hash(copies, spans)
                several += len(words._groups(copies, spans)) > 1
    assert several > 100


def test_a_readings_marks_are_its_parts_redactions_and_artefacts(streams):
    from tei_encoder.model import Redaction

    readings = [list(stream.tokens[start:start + 4]) for stream in streams for start in range(0, len(stream.tokens), 4)]
    for reading in readings:
        assert kinds._marks(reading) == (
            any(isinstance(p, Redaction) for token in reading for p in token.parts),
            any(kinds._is_artefact(p) for token in reading for p in token.parts))
    assert any(kinds._marks(r)[1] for r in readings)  # artefacts among them
    assert any(kinds._marks(r)[0] for r in readings)  # redactions among them
