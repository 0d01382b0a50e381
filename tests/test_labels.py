"""Paragraph labels in the styles the corpus shows, damaged ones included."""

from __future__ import annotations

import pytest

from tei_encoder.analyse.labels import Numbering, parse_label
from tests.conftest import CORPUS, encoded

T = "{http://www.tei-c.org/ns/1.0}"


def _numbered(prefix: str) -> dict[str, str]:
    path = next(p for p in CORPUS if p.name.startswith(prefix))
    return {p.get("n"): " ".join(" ".join(p.itertext()).split()) for p in encoded(path).getroot().iter(f"{T}p")
            if p.get("n")}


@pytest.mark.parametrize("prefix, n, start", [
    ("05", "13", "13. Ray hiated at various times"),  # "13." alone on its line, its text after it
    ("03", "5", "5. We have revealed the Greene Plan"),  # likewise
    ("12", "a", "a, A detailed examination"),  # a letter label with its stop read as a comma
    ("10", "5", "S. PATILLO ALSO TOLD"),  # "5." read as "S." after paragraph 4
    ("09", "b", "B. PROVISION OF."),  # lettered items of a cable whose paragraph number was lost
])
def test_labels_of_the_corpus(prefix, n, start):
    found = _numbered(prefix)
    assert found.get(n, "").startswith(start), found.get(n)


def test_a_date_broken_over_lines_is_no_label():
    """09, line 119: "16, 1961" (NOVEMBER / 16, 1961) does not number a paragraph."""
    assert not any(text.startswith("16, 1961") for text in _numbered("09").values())


def test_roman_sections_restart_the_numbers():
    numbering = Numbering()
    labels = [parse_label(text) for text in ("1.", "2.", "II.", "1.", "a.")]
    assert [numbering.n_for(label, " The") for label in labels] == ["1", "2", "ii", "1", "1a"]


def test_a_label_with_no_text_after_it_numbers_nothing():
    """08 ends "SECRET" / "(3)" at the last page's foot: a mark with nothing after it,
    not a paragraph 3.3; the line stays, unnumbered."""
    found = _numbered("08")
    assert "(3)" not in found.values() and sorted(found) == ["2", "3", "3a", "3c"]
    root = encoded(next(p for p in CORPUS if p.name.startswith("08"))).getroot()
    assert [p for p in root.iter(f"{T}p") if "".join(p.itertext()).strip() == "(3)"]


def test_a_label_alone_before_its_text_still_numbers_it():
    from tei_encoder.model import Block
    from tei_encoder.pipeline import analyse

    text = b"MEMORANDUM\n\n1. The first point.\n\n2.\n\nThe second point.\n\n3.\n"
    blocks = [i for i in analyse(text, "m.txt").witnesses[0].items if isinstance(i, Block)]
    assert [b.n for b in blocks if b.kind == "p"] == ["1", "2", None]


def test_lettered_parts_of_a_section_number_afresh():
    """"III. Basic Elements" / "A. Definitions" / "1." "2." / "B. Use" / ... / "D." /
    "I." (a one misread): a capital letter next in order after a roman section is a
    part of it, not an item of the paragraph before, and the numbers start again under
    it. Without the section, "B." after "2." is still 2b."""
    numbering = Numbering()
    typed = [("III.", " Basic Elements of Policy"), ("A.", " Definitions--"), ("1.", " The term"),
             ("2.", " Smoke"), ("B.", " Use--"), ("C.", " Non-Proliferation--"), ("1.", " Assistance"),
             ("4.", " The US"), ("D.", " Control--"), ("I.", " The US")]
    found = []
    for label, after in typed:
        found.append(numbering.n_for(numbering.repaired(parse_label(label), after), after))
    assert found == ["iii", "a", "1", "2", "b", "c", "1", "4", "d", "1"]
    plain = Numbering()
    assert [plain.n_for(parse_label(t), " Text") for t in ("1.", "2.", "B.")] == ["1", "2", "2b"]


def _numbers(text: bytes) -> list[tuple[str, str | None]]:
    from tei_encoder.model import Block, Label, Text
    from tei_encoder.pipeline import analyse

    blocks = [i for i in analyse(text, "m.txt").witnesses[0].items if isinstance(i, Block) and i.kind == "p"]
    first = [b.content[0].parts for b in blocks]
    return [(b.n, "".join(p.text for p in parts if isinstance(p, (Label, Text)))[:2])
            for b, parts in zip(blocks, first)]


def test_a_name_initial_after_a_section_is_no_part():
    """"II. BACKGROUND" / "A. Dulles said that ...": a sentence that starts with a name's
    initial, not a part of the section (its heading would be a few title-case words)."""
    text = (b"MEMORANDUM FOR THE RECORD\n\nII. BACKGROUND\n\nA. Dulles said that the group met on "
            b"Tuesday in the office of the Deputy\nDirector and agreed that the plan should go ahead."
            b"\n\n1. The Minister will be told of the decision by the Ambassador.\n")
    assert _numbers(text) == [("ii", "II"), (None, "A."), ("1", "1.")]


def test_capital_items_under_a_paragraph_are_its_items():
    """"II." / "1. ..." / "A. ..." / "B. ..." / "2.": the capitals are items of paragraph 1
    (1a, 1b), not parts of the section restarting the numbers: a part stands right under
    its section, with a heading ("A. Background" / "B. Timing--" are parts)."""
    text = (b"MEMORANDUM FOR THE RECORD\n\nII. BACKGROUND\n\n1. The group met on Tuesday and agreed "
            b"on two points.\n\nA. The plan should go ahead at once.\n\nB. The Minister will be told."
            b"\n\n2. The meeting ended at noon.\n")
    assert [n for n, _ in _numbers(text)] == ["ii", "1", "1a", "1b", "2"]
    headed = text.replace(b"A. The plan should go ahead at once.", b"A. Background").replace(
        b"B. The Minister will be told.", b"B. Timing--").replace(
        b"II. BACKGROUND\n\n1. The group met on Tuesday and agreed on two points.\n\n", b"II. BACKGROUND\n\n")
    assert [n for n, _ in _numbers(headed)] == ["ii", "a", "b", "2"]


def test_a_part_of_a_section_opens_its_own_paragraph():
    """"A. Definitions--" on the line after "II. Policy" is a paragraph of its own."""
    from tei_encoder.model import Block
    from tei_encoder.pipeline import analyse

    text = (b"MEMORANDUM\n\nI. Purpose\n\nTo set out a policy.\n\nII. Policy\nA. Definitions--\n"
            b"1. The term means lethal weapons only.\n\nB. Use--\n\n1. No first use.\n")
    blocks = [i for i in analyse(text, "m.txt").witnesses[0].items if isinstance(i, Block)]
    assert [b.n for b in blocks if b.n] == ["1", "ii", "a", "1", "b", "1"]
