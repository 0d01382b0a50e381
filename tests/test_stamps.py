"""Stamps: the stamp blocks of the seed and the corpus, and no memo prose inside one."""

from __future__ import annotations

import pytest

from tei_encoder.analyse.stamps import is_anchor, stamp_spans
from tests.conftest import ALL_INPUTS, CORPUS, encoded

T = "{http://www.tei-c.org/ns/1.0}"
# A row reads as a sentence when it has this many words, this many of them lower-case
# function words. Stamp rows ("REVIEWED by gw DATE 5/26/84", "( ) DENY ( ) DELETE
# Non-Responsive Info", "CIA HAS NO OBJECTION TO") do not.
SENTENCE_WORDS, SENTENCE_GLUE = 5, 3
GLUE = {"a", "an", "and", "are", "as", "at", "be", "for", "from", "has", "have", "he", "in", "is", "it",
        "of", "on", "that", "the", "their", "there", "they", "this", "to", "was", "we", "were", "which", "with"}


def _sentence_like(row: str) -> bool:
    words = row.split()
    return len(words) >= SENTENCE_WORDS and sum(w.strip(",.;:()") in GLUE for w in words) >= SENTENCE_GLUE


@pytest.mark.parametrize("path", ALL_INPUTS, ids=lambda p: p.name[:2])
def test_no_memo_sentence_inside_a_stamp(path):
    """Every stamp of every real file: no row of it reads as a sentence, and no stamp is
    as long as a paragraph (memo text filed as a stamp was 46-252 words; stray
    figures do not count)."""
    root = encoded(path).getroot()
    for note in root.iter(f"{T}note"):
        if note.get("type") != "stamp":
            continue
        rows = [" ".join("".join(s.itertext()).split()) for s in note.iter(f"{T}stamp")]
        assert not [row for row in rows if _sentence_like(row)], rows
        words = [w for row in rows for w in row.split() if sum(c.isalpha() for c in w) >= 2]
        assert len(words) < 40, rows


def test_the_check_finds_memo_prose():
    """The sentence test above does fail on prose (05, line 435)."""
    assert _sentence_like("a sanitized copy (there were some operational and personal details) of the report")


@pytest.mark.parametrize("line", [
    "a sanitized copy (there were some operational and personal details)",  # 05, line 435
    "whether this question cannot be better reviewed in the context",  # 04, line 226
    "The Council has authority to",  # 02, line 547 (an Apple Vision line)
    "In some cases these",  # 02, line 217
    "the weekend in case either should want to discuss the matter further.",  # 05, line 501
    "5 A review of the letters of all the correspondents",  # 12, line 67
    "GOVERNMENT AUTHORITY= THROUGHOUT COUNTRY, AND THUS CONTRIBUTESME\"",  # 09, line 257
    "DATE OF LAST REVIEW : 8/28/2002",  # 01, line 24: the release form's field
    "CLASSIFICATION : Declassified",  # 01, line 21
])
def test_prose_and_form_fields_do_not_start_a_stamp(line):
    assert not is_anchor(line)


@pytest.mark.parametrize("line", [
    "SANITIZEO NUK: 98: 84",  # 02, line 133
    "CIA HAS NO OBJECTION TO",  # 11, line 216
    "REPRODUCTION FROM THIS COPY IS",  # 09, line 193
    "DEPARTMENT OF STATE A/CDC/MR\t(b) From the",  # seed, line 16
    "REVIEWED by Mu DATE 2 2/-88\t3 200",  # seed, line 17
])
def test_stamp_lines_start_a_stamp(line):
    assert is_anchor(line)


def test_a_stamp_ends_where_the_memo_text_begins():
    """Apple Vision runs every line together: the stamp is its own lines only."""
    lines = ["DEPARTMENT OF STATE A/CDC/MR", "REVIEWED by gw DATE 5/26/84", "( ) RELEASE\t( ) DECLASSIFY",
             "TS AUTHORITY to:\t( ) S or ( ) C OADR", "acceptance of proposal on neutrality conference on Cambodia"]
    assert stamp_spans(lines) == [(0, 4)]


def test_seed_stamp_keeps_its_rows():
    """The seed's first stamp (lines 16-21) is one stamp of six rows."""
    root = encoded(ALL_INPUTS[0]).getroot()
    first = next(n for n in root.iter(f"{T}note") if n.get("type") == "stamp")
    assert len(list(first.iter(f"{T}stamp"))) == 6


@pytest.mark.parametrize("path", [p for p in CORPUS if p.name[:2] in ("05", "06")], ids=lambda p: p.name[:2])
def test_sanitized_copy_paragraph_is_memo_text(path):
    """05/06 paragraph 14 mentions "a sanitized copy": it stays in a paragraph."""
    root = encoded(path).getroot()
    paragraphs = [" ".join(p.itertext()) for p in root.iter(f"{T}p")]
    assert any("sanitized copy" in text for text in paragraphs)
