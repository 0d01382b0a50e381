"""Reading: decoding errors name the place; line ends, BOM, bullets, entities, copies."""

from __future__ import annotations

import pytest

from tei_encoder.errors import InputError
from tei_encoder.readers.text import ReadOptions, read_source, split_witnesses, strip_layout


def test_bom_crlf_and_cr_are_normalised():
    source = read_source(b"\xef\xbb\xbfone\r\ntwo\rthree\n", "m.txt")
    assert [line.text for line in source.lines] == ["one", "two", "three"]
    assert [line.number for line in source.lines] == [1, 2, 3]


def test_invalid_utf8_names_line_and_byte_offset():
    with pytest.raises(InputError) as caught:
        read_source(b"good line\nbad \xff byte\n", "memo.txt")
    error = caught.value
    assert (error.line, error.offset) == (2, 14)
    assert str(error).startswith("memo.txt:2: error: invalid UTF-8")


def test_nul_byte_is_refused_with_line_and_column():
    with pytest.raises(InputError) as caught:
        read_source(b"first\nsec\x00ond\n", "memo.txt")
    assert (caught.value.line, caught.value.column) == (2, 4)
    assert "U+0000" in str(caught.value)


def test_other_encodings_on_request():
    source = read_source("Movember 13, 1962 caf\xe9\n".encode("latin-1"), "m.txt",
                         options=ReadOptions("latin-1"))
    assert source.lines[0].text.endswith("café")


def test_layout_is_taken_off_a_line():
    assert strip_layout("  - 1. In the original") == ("1. In the original", True)
    assert strip_layout(" - (a) An assurance") == ("(a) An assurance", True)
    assert strip_layout("\tindented &amp; tabbed\t") == ("indented & tabbed", False)
    assert strip_layout("-") == ("-", False)


def test_form_feed_is_its_own_marker():
    source = read_source(b"page one\fpage two\n", "m.txt")
    assert [line.text for line in source.lines] == ["page one", "\f", "page two"]


def test_copies_split_at_separator_lines():
    text = b"first copy\n\nALTERNATE COPY FOLLOWS\n\nsecond copy\n\nSECOND COPY FOLLOWS\nthird\n"
    witnesses = split_witnesses(read_source(text, "m.txt"))
    assert [w.sigil for w in witnesses] == ["A", "B", "C"]
    assert witnesses[1].separator == "ALTERNATE COPY FOLLOWS"


def test_custom_separator():
    text = b"one\n=== DRAFT ===\ntwo\n"
    witnesses = split_witnesses(read_source(text, "m.txt"), r"^=== draft ===$")
    assert len(witnesses) == 2


def test_bad_separator_pattern_is_an_input_error():
    with pytest.raises(InputError):
        split_witnesses(read_source(b"x\n", "m.txt"), "(")


def test_empty_file_is_an_error():
    with pytest.raises(InputError, match="no text"):
        split_witnesses(read_source(b"\n\n", "m.txt"))
