"""The CIA's lending stamp ("RETURN TO CIA / Background Use Only / Do Not Reproduce",
analyse.furniture) on made-up lines: a line that is the stamp's phrase is archival page
furniture; the same words inside a sentence stay the memo's text."""

from __future__ import annotations

import pytest

from tei_encoder.analyse.furniture import is_archival
from tei_encoder.pipeline import analyse
from tei_encoder.tei.document import build_document

NS = {"t": "http://www.tei-c.org/ns/1.0"}


@pytest.mark.parametrize("line", [
    "RETURN TO CIA", "Return to CIA", "  RETURN TO CIA.", "Background Use Only", "BACKGROUND USE ONLY",
    "Do Not Reproduce", "DO NOT REPRODUCE -", "(Do Not Reproduce)",
])
def test_the_stamp_alone_on_its_line(line):
    assert is_archival(line)


@pytest.mark.parametrize("line", [
    "Please return to CIA the files lent for the review.",
    "The station will return to CIA headquarters next week.",
    "for background use only, and not to be quoted",
    "Do not reproduce this cable outside the Department.",
    "He said that we must not reproduce the map",
    "RETURN TO CIA AT ONCE THE COPY OF THE REPORT",
])
def test_the_same_words_in_a_sentence(line):
    assert not is_archival(line)


# The stamp at the head of the page, where it is stamped (and where page furniture is
# looked for); the same words again in the memo's first paragraph.
MEMO = """RETURN TO CIA
Background Use Only
Do Not Reproduce

MEMORANDUM FOR THE RECORD

SUBJECT: Files lent for the review

1. The officer asked that we return to CIA the files lent for the review, and
said that they are for background use only and that we do not reproduce them.

2. The files were returned on Friday, and the officer confirmed that none of them
had been copied while they were in the Department's hands for the review.
"""


def test_in_a_made_up_memo():
    tree = build_document(analyse(MEMO.encode(), "made-up.txt"))
    fw = [" ".join("".join(f.itertext()).split()) for f in tree.iterfind(".//t:fw[@type='archival']", NS)]
    assert fw == ["RETURN TO CIA", "Background Use Only", "Do Not Reproduce"]
    text = " ".join(" ".join(p.itertext()) for p in tree.iterfind(".//t:body//t:p", NS))
    assert "return to CIA the files" in " ".join(text.split())
    assert tree.findtext(".//t:titleStmt/t:title", namespaces=NS) == "Files lent for the review"
