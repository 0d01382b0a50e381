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
    assert [numbering.n_for(label) for label in labels] == ["1", "2", "ii", "1", "1a"]


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
    typed = ["III.", "A.", "1.", "2.", "B.", "C.", "1.", "4.", "D.", "I."]
    assert [numbering.n_for(numbering.repaired(parse_label(t))) for t in typed] == \
        ["iii", "a", "1", "2", "b", "c", "1", "4", "d", "1"]
    plain = Numbering()
    assert [plain.n_for(parse_label(t)) for t in ("1.", "2.", "B.")] == ["1", "2", "2b"]


def test_a_part_of_a_section_opens_its_own_paragraph():
    """"A. Definitions--" on the line after "II. Policy" is a paragraph of its own."""
    from tei_encoder.model import Block
    from tei_encoder.pipeline import analyse

    text = (b"MEMORANDUM\n\nI. Purpose\n\nTo set out a policy.\n\nII. Policy\nA. Definitions--\n"
            b"1. The term means lethal weapons only.\n\nB. Use--\n\n1. No first use.\n")
    blocks = [i for i in analyse(text, "m.txt").witnesses[0].items if isinstance(i, Block)]
    assert [b.n for b in blocks if b.n] == ["1", "ii", "a", "1", "b", "1"]
