"""A block's words are read once a memo (collate.tokens.Streams): the corrections leave
what they do not correct as the very objects they were, so the lexicon's streams serve
the later stages; a block that changed gets its own stream."""

from __future__ import annotations

from dataclasses import replace

from tei_encoder.collate import collate
from tei_encoder.collate.tokens import Streams, stream
from tei_encoder.model import Block, Correction, TextLine
from tei_encoder.pipeline import analyse
from tei_encoder.reading import Lexicon, correct_witnesses
from tests.conftest import SEED


def _corrected(block: Block) -> bool:
    return any(isinstance(part, Correction) or getattr(part, "parts", None) and any(
        isinstance(inner, Correction) for inner in part.parts)
        for line in block.content if isinstance(line, TextLine) for part in line.parts)


def test_corrections_keep_untouched_blocks():
    witnesses = analyse(SEED.read_bytes(), str(SEED)).witnesses
    corrected = correct_witnesses(witnesses, Lexicon.of(witnesses))
    kept = changed = 0
    for before, after in zip(witnesses, corrected):
        for old, new in zip(before.items, after.items):
            if isinstance(new, Block) and _corrected(new):
                assert new is not old and new != old
                changed += 1
            else:
                assert new is old
                kept += 1
    assert changed and kept > changed  # the seed: 15 blocks corrected, 53 items left as they were


def test_streams_by_identity():
    witnesses = analyse(SEED.read_bytes(), str(SEED)).witnesses
    block = next(item for item in witnesses[0].items if isinstance(item, Block))
    streams = Streams()
    assert streams.of(block) is streams.of(block)
    assert streams.of(block) == stream(block.content)
    twin = replace(block)  # equal, but another object: its own stream (and equal to it)
    assert streams.of(twin) is not streams.of(block) and streams.of(twin) == streams.of(block)


def test_collation_with_the_lexicons_streams_is_the_same():
    witnesses = analyse(SEED.read_bytes(), str(SEED)).witnesses
    streams = Streams()
    lexicon = Lexicon.of(witnesses, streams)
    corrected = correct_witnesses(witnesses, lexicon)
    assert collate(corrected, streams) == collate(corrected)


def test_has_alphanumeric_is_any_character_isalnum():
    """has_alphanumeric looks for a letter or figure with a regex (in C): the same answer
    as str.isalnum on each character, for every code point and for strings of them."""
    import sys

    from tei_encoder.collate.tokens import has_alphanumeric

    characters = [chr(c) for c in range(sys.maxunicode + 1)]
    assert [has_alphanumeric(c) for c in characters] == [c.isalnum() for c in characters]
    for text in ["", "--", "(1962)", "Cuba,", "_", "__x", "\u00b2", "\u00bd.", "\u0660\u066b", "\u3000\u3007"]:
        assert has_alphanumeric(text) == any(c.isalnum() for c in text)
