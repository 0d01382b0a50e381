"""Every real input: valid against both schemas, lossless, with sensible pages."""

from __future__ import annotations

import pytest

from tei_encoder.read import read_source, split_witnesses
from tei_encoder.rebuild import input_text, witness_text
from tests.conftest import ALL_INPUTS, encoded

# Page images per file, from tests/fixtures/corpus/SOURCES.md ("pp").
EXPECTED_PAGES = {"01": 8, "02": 8, "03": 3, "04": 6, "05": 7, "06": 7, "07": 4, "08": 3,
                  "09": 4, "10": 4, "11": 8, "12": 6}

ids = [p.name[:28] for p in ALL_INPUTS]


@pytest.fixture(scope="module", params=ALL_INPUTS, ids=ids)
def case(request):
    return request.param, encoded(request.param)


def test_valid_against_project_schema(case, validator):
    path, tree = case
    assert [str(p) for p in validator.iter_problems(tree, str(path))] == []


def test_valid_against_tei_all(case, tei_all):
    path, tree = case
    assert tei_all.validate(tree), "\n".join(str(e) for e in tei_all.error_log)


def test_every_copy_rebuilds_from_the_tei(case):
    path, tree = case
    for witness in split_witnesses(read_source(path.read_bytes(), str(path))):
        assert witness_text(tree, witness.sigil).split() == input_text(witness).split()


@pytest.mark.parametrize("path", [p for p in ALL_INPUTS if p.name[:2] in EXPECTED_PAGES], ids=lambda p: p.name[:2])
def test_page_count_matches_the_scans(path):
    tree = encoded(path)
    pbs = tree.getroot().findall(".//{http://www.tei-c.org/ns/1.0}pb")
    assert len(pbs) == EXPECTED_PAGES[path.name[:2]]


def test_lossless_check_can_fail(seed_tree):
    """Drop one surplus span from the TEI: the rebuilt copy no longer matches."""
    import copy as copying
    tree = copying.deepcopy(seed_tree)
    surplus = tree.getroot().find(".//{http://www.tei-c.org/ns/1.0}surplus")
    surplus.getparent().remove(surplus)
    from tests.conftest import SEED
    witness = split_witnesses(read_source(SEED.read_bytes(), str(SEED)))[0]
    assert witness_text(tree, "A").split() != input_text(witness).split()
