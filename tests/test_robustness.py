"""Copies damaged in the ways OCR and filing damage them, made from the real inputs with
a fixed random seed: every encoding is valid and every copy rebuilds, in both layouts;
inputs that cannot be merged get a clear error, never a traceback."""

from __future__ import annotations

import random

import pytest
from lxml import etree

from tei_encoder.errors import CollationError
from tei_encoder.pipeline import analyse_copies, to_tei
from tei_encoder.publish.rebuild import input_text, witness_text
from tei_encoder.readers.text import read_source, split_copies
from tests.conftest import ALL_INPUTS

DAMAGE = ("shuffled lines", "lines dropped", "lines doubled", "cut short", "another memo", "three copies")


def damaged(seed: int) -> tuple[str, list[str]]:
    chance = random.Random(seed)
    lines = chance.choice(ALL_INPUTS).read_text("utf-8").split("\n")
    kind = DAMAGE[seed % len(DAMAGE)]
    original = "\n".join(lines)
    if kind == "shuffled lines":
        other = lines[:]
        chance.shuffle(other)
    elif kind == "lines dropped":
        other = [line for line in lines if chance.random() > 0.3]
    elif kind == "lines doubled":
        other = [line for line in lines for _ in range(chance.choice((1, 1, 2)))]
    elif kind == "cut short":
        other = lines[:chance.randrange(len(lines) // 3, len(lines))]
    elif kind == "another memo":
        other = chance.choice(ALL_INPUTS).read_text("utf-8").split("\n")
    else:
        return kind, [original, original, "\n".join(line for line in lines if chance.random() > 0.1)]
    return kind, [original, "\n".join(other)]


@pytest.mark.parametrize("seed", range(24))
def test_damaged_copies_encode_validly_and_rebuild(seed, validator):
    kind, texts = damaged(seed)
    inputs = [(text.encode("utf-8"), f"{kind}-{i}.txt") for i, text in enumerate(texts)]
    copies = split_copies([read_source(data, path) for data, path in inputs])
    for layout in ("merged", "copies"):
        try:
            tree = etree.ElementTree(etree.fromstring(to_tei(analyse_copies(inputs), layout)))
        except CollationError as error:  # unrelated texts: refused, with a reason
            assert layout == "merged" and "--layout copies" in str(error)
            continue
        assert [str(p) for p in validator.iter_problems(tree, kind)] == []
        for copy in copies:
            assert witness_text(tree, copy.sigil).split() == input_text(copy).split()
