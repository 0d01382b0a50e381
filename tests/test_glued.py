"""Catchwords the OCR glued to a page's last line, shown by the other copy (analyse.glued)."""

from __future__ import annotations

from tei_encoder.model import Block, Furniture
from tei_encoder.pipeline import analyse_copies

SEPARATOR = "\nALTERNATE COPY FOLLOWS\n\n"
# Copy B: the catchword on a line of its own, repeated at the next page's top.
B = ("MEMORANDUM FOR THE RECORD\n\n1. The group met on Tuesday and agreed that the plan should go ahead, "
     "since the Government of the island cannot\n\ncontinue\n\f\n"
     "continue to receive arms from abroad for long. The meeting ended at noon.\n")
# Copy A: the engine glued it to the last line and misread the next page's first word.
A_PAGE_1 = ("MEMORANDUM FOR THE RECORD\n\n1. The group met on Tuesday and agreed that the plan should go ahead, "
            "since the Government of the island cannot continue\n\f\n")
A_PAGE_2 = "entipes to receive arms from abroad for long. The meeting ended at noon.\n"


def catchwords(text: str) -> dict[str, list[str]]:
    document = analyse_copies([(text.encode(), "memo.txt")])
    return {w.sigil: [part.text for item in w.items for part in (item.content if isinstance(item, Block) else (item,))
                      if isinstance(part, Furniture) and part.kind == "catch"] for w in document.witnesses}


def test_a_catchword_glued_to_the_last_line_is_cut_off():
    assert catchwords(A_PAGE_1 + A_PAGE_2 + SEPARATOR + B) == {"A": ["continue"], "B": ["continue"]}


def test_the_same_word_after_other_words_is_text():
    glued_elsewhere = A_PAGE_1.replace("cannot continue", "cannot go on continue")
    assert catchwords(glued_elsewhere + A_PAGE_2 + SEPARATOR + B)["A"] == []


def test_a_page_that_runs_on_after_the_word_ends_with_it_typed():
    runs_on = "to receive arms from abroad for long. The meeting ended at noon.\n"
    assert catchwords(A_PAGE_1 + runs_on + SEPARATOR + B)["A"] == []


def test_one_copy_alone_shows_nothing():
    assert catchwords(A_PAGE_1 + A_PAGE_2) == {"A": []}
