"""A part's plain text read one way (model.plain_text): an Underline has no .text, and the
code that read parts with getattr(part, "text", "") lost the underlined words."""

from __future__ import annotations

import pytest

from tei_encoder.model import Label, Text, Underline, parts_text, plain_text
from tei_encoder.publish.rebuild import input_text
from tei_encoder.readers.text import read_source, split_witnesses
from tests.test_hostile import run, write

OPENING = "MEMORANDUM FOR THE RECORD\n\n1. The group met on Tuesday and agreed that the plan should go ahead.\n\n"


def test_an_underline_s_text_is_its_parts_joined():
    parts = (Label("(3)"), Text(" "), Underline((Text("Not"), Underline((Text("ed"),)))))
    assert plain_text(parts[2]) == "Noted" and parts_text(parts) == "(3) Noted"


@pytest.mark.parametrize("last", ["(3) <u>Noted</u>", "(3) <u>Noted</u> and <u>agreed</u>", "(3)"])
def test_a_last_label_line_rebuilds_line_for_line(tmp_path, last):
    """Found by the session 5 review: "(3) <u>Noted</u>" as a copy's last line was taken
    for a label alone and rebuilt without its underlined words."""
    memo = write(tmp_path, "m.txt", OPENING + last + "\n")
    tei = tmp_path / "m.xml"
    assert run("encode", memo, "-o", tei).exit_code == 0
    copy = split_witnesses(read_source(memo.read_bytes(), str(memo)))[0]
    assert run("witness", tei, "--wit", "A").stdout == input_text(copy)
