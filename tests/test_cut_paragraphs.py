"""Paragraphs one copy's OCR cut or split: the block alignment pairs them with the other
copy's (collate.blocks), and the words lost where a line was cut short are ocr, not the
typist's (collate.words, collate.kinds)."""

from __future__ import annotations

from lxml import etree

from tei_encoder.collate.blocks import CopyBlocks, align_blocks
from tei_encoder.model import Block
from tei_encoder.pipeline import analyse_copies, to_tei

T = "{http://www.tei-c.org/ns/1.0}"


def _copy(*blocks: list[str]) -> CopyBlocks:
    return CopyBlocks(tuple(Block("p", (), 1) for _ in blocks), tuple(tuple(keys) for keys in blocks))


def _words(stem: str, count: int) -> list[str]:
    return [f"{stem}{i}" for i in range(count)]


def _columns(first: CopyBlocks, second: CopyBlocks) -> list[dict[int, list[int]]]:
    return [column.members for column in align_blocks([first, second])]


def test_a_block_whose_words_the_other_copy_holds_spread_over_two_blocks_is_paired():
    """02's "IV Trujillo's Recent Attitudes..." shares 4 words with one block of 01 and 8
    with the next, each under LINK_SHARE of it, together over: one stretch, not a block
    of 02 alone."""
    heading, rest = _words("h", 8), _words("y", 12)
    first = _copy(_words("w", 16) + heading[:4], heading[4:] + _words("x", 16))
    second = _copy(_words("w", 16), heading + rest, _words("x", 16))
    assert _columns(first, second) == [{0: [0, 1], 1: [0, 1, 2]}]


def test_words_spread_over_far_blocks_pair_nothing():
    """The blocks sharing the words must lie side by side: with a long block between
    them, they are two far places, and the block stays alone."""
    heading, rest = _words("h", 8), _words("y", 12)
    first = _copy(_words("w", 16) + heading[:4], _words("z", 20), heading[4:] + _words("x", 16))
    second = _copy(_words("w", 16), heading + rest, _words("x", 16))
    columns = _columns(first, second)
    assert {1: [1]} in columns


def test_a_section_number_alone_does_not_part_a_stretch():
    """01's lone "II" (one word, unlinked) between two blocks that both link with 02's
    paragraph does not cut the stretch in two."""
    first = _copy(_words("w", 20), ["ii"], _words("x", 20))
    second = _copy(_words("w", 20) + _words("x", 10), _words("x", 20)[10:])
    assert _columns(first, second) == [{0: [0, 1, 2], 1: [0, 1]}]


def _memo(line_a: str, line_b: str) -> bytes:
    body = ("The committee met on Tuesday and reviewed the progress of the programme in\n"
            "{}\n"
            "the field and at the slow pace of the work, and asked for a full report\n"
            "by the end of the month.\n")
    return ("MEMORANDUM FOR THE RECORD\n\n" + body.format(line_a) + "\nALTERNATE COPY FOLLOWS\n\n"
            "MEMORANDUM FOR THE RECORD\n\n" + body.format(line_b)).encode()


def _app_types(text: bytes) -> list[str]:
    root = etree.fromstring(to_tei(analyse_copies([(text, "memo.txt")])))
    return [app.get("type") for app in root.iter(f"{T}app")]


def test_words_lost_at_a_line_the_ocr_cut_short_are_ocr():
    """Copy A's line stops a little past a third of the way ("The Mini"), inside its
    paragraph: the words B has there were lost with the line's end."""
    cut = _memo("the northern provinces. The Mini",
                "the northern provinces. The Minister was deeply disappointed by the reports from")
    assert "substantive" not in _app_types(cut)


def test_other_words_on_a_whole_line_stay_substantive():
    """The same difference on a line that runs to the margin is the typist's."""
    whole = _memo("the northern provinces. The Minister was pleased with the good news from",
                  "the northern provinces. The Minister was deeply disappointed by the reports from")
    assert "substantive" in _app_types(whole)
