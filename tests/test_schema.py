"""The project schema enforces the project's rules, not only TEI's names."""

from __future__ import annotations

import copy

from tei_encoder.tei.names import TEI_NS

T = f"{{{TEI_NS}}}"


def problems(validator, tree):
    return [str(p) for p in validator.iter_problems(tree)]


def test_pb_without_n_is_invalid(validator, seed_tree):
    tree = copy.deepcopy(seed_tree)
    del tree.getroot().find(f".//{T}pb").attrib["n"]
    assert any("n" in p for p in problems(validator, tree))


def test_numbered_paragraph_without_n_is_invalid(validator, seed_tree):
    tree = copy.deepcopy(seed_tree)
    del tree.getroot().find(f".//{T}p[@n='2']").attrib["n"]
    found = list(validator.iter_problems(tree))
    assert [p.rule for p in found] == ["p-label-n"]


def test_unknown_fw_type_and_bad_date_are_invalid(validator, seed_tree):
    tree = copy.deepcopy(seed_tree)
    tree.getroot().find(f".//{T}fw").set("type", "banner")
    tree.getroot().find(f".//{T}date[@when]").set("when", "13/11/1962")
    assert len(problems(validator, tree)) >= 2


def test_problems_carry_lines(validator, seed_tree):
    from lxml import etree
    tree = etree.ElementTree(etree.fromstring(etree.tostring(seed_tree)))
    tree.getroot().find(f".//{T}pb").set("n", "x y")
    found = list(validator.iter_problems(tree))
    assert found and found[0].line is not None and "pb" in found[0].path
