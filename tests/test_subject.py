"""The subject line (analyse.subject), the header's title: after "Subject:" alone on its
line, the next block is the subject only when it reads as one, on made-up memos."""

from __future__ import annotations

import pytest

from tei_encoder.pipeline import analyse
from tei_encoder.tei.header import build_header

T = "{http://www.tei-c.org/ns/1.0}"

BODY = """
1. The Ambassador called on the Minister this morning to discuss the figures for the
coming year, and the Minister said that his government would study them with care.

2. The Minister then raised the question of the airfield, on which he expects an answer
from Washington before the end of the month if the talks are to go on at all.

3. I told him that we would look into the matter and report to him as soon as the
Department had reached a view on the airfield and on the figures for the coming year.
"""


def memo(after_label: str, body: str = BODY) -> str:
    return f"MEMORANDUM FOR THE SECRETARY\n\nSubject:\n\n{after_label}\n{body}"


def subject(text: str) -> str | None:
    return analyse(text.encode(), "made-up.txt").witnesses[0].subject


@pytest.mark.parametrize("after_label, expected", [
    # a subject typed as a block of its own, over lines, ending on a full stop or not
    ("Talks with the Minister of\nFinance on the Airfield.", "Talks with the Minister of Finance on the Airfield"),
    ("Visit of Mr. Ky and Gen. Minh to the U.S. Embassy", "Visit of Mr. Ky and Gen. Minh to the U.S. Embassy"),
    # an ordinary first paragraph after a label whose subject the OCR lost: two sentences ...
    ("The Minister called. He wants the figures.", None),
    # ... one as long as the paragraphs of the body ...
    ("The Minister called on me this morning to say that his government would like to have "
     "the figures for the coming year and the plans for the airfield in hand before the talks begin", None),
    # ... or the memo's first numbered paragraph
    ("1. The Minister called on the subject of the airfield", None),
])
def test_after_a_label_alone(after_label, expected):
    assert subject(memo(after_label)) == expected


def test_a_memo_of_one_paragraph_has_no_subject_there():
    assert subject(memo("The Minister called on me this morning", body="")) is None


def test_labelled_subjects():
    assert subject("MEMORANDUM FOR THE SECRETARY\n\nSUBJECT: Talks on the Airfield\n" + BODY) == "Talks on the Airfield"
    dotted = "MEMORANDUM FOR THE SECRETARY\n\nSubject: Talks on the Airfield.\n"
    assert subject(dotted + BODY) == "Talks on the Airfield"


@pytest.mark.parametrize("after_label, title", [
    ("Talks with the Minister of\nFinance on the Airfield.", "Talks with the Minister of Finance on the Airfield"),
    # no subject read (and no form, no heading): the title says so, not the first paragraph
    ("The Minister called. He wants the figures.", "Memorandum transcribed from made-up.txt"),
])
def test_header_title(after_label, title):
    header = build_header(analyse(memo(after_label).encode(), "made-up.txt"))
    assert header.findtext(f".//{T}titleStmt/{T}title") == title
