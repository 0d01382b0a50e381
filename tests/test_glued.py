"""Catchwords the OCR glued to a page's last line, shown by the other copy (analyse.glued)."""

from __future__ import annotations

import pytest

from tei_encoder.model import Block, Furniture
from tei_encoder.pipeline import analyse_copies
from tei_encoder.publish.rebuild import input_text
from tei_encoder.readers.text import read_source, split_witnesses

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


# Copy X: its page 1 ends with a line of its own, then the catchword "follows".
X_PAGE_1 = ("MEMORANDUM FOR THE RECORD\n\n1. The group met on Tuesday and agreed on the plan for the coming year.\n"
            "{last}\n\nfollows\n\f\nfollows a list of the steps to be taken by the group.\n")
# Copy Y: its page 1 ends with a line that ends with "follows", typed as text.
Y_PAGE_1 = ("MEMORANDUM FOR THE RECORD\n\n1. The group met on Tuesday and agreed on the plan for the coming year,\n"
            "{last}\n\f\nwith the names of all those who were there that day.\n")


def test_a_line_of_x_with_too_few_words_is_no_evidence():
    """Found by the session 5 review: X's line before its catchword underlined (its words
    were not read) or one word long; Y's "follows" was cut with no agreement shown."""
    for x_last, y_last in (("<u>THE PLAN SHOULD GO AHEAD</u>", "and a report by the Minister follows"),
                           ("Agreed", "and a report by the Minister was agreed follows")):
        found = catchwords(X_PAGE_1.format(last=x_last) + SEPARATOR + Y_PAGE_1.format(last=y_last))
        assert found == {"A": ["follows"], "B": []}, x_last


def test_underlined_words_before_the_catchword_are_evidence():
    found = catchwords(X_PAGE_1.format(last="and a report <u>by the Minister</u>") + SEPARATOR
                       + Y_PAGE_1.format(last="and a report by the Minister follows"))
    assert found == {"A": ["follows"], "B": ["follows"]}


@pytest.mark.parametrize("space", ["\u00a0", "\u2003"])
def test_a_no_break_space_before_the_word_stays_in_the_rebuilt_line(tmp_path, space):
    """Found by the session 5 review: "cannot\\u00a0continue" was cut and rebuilt
    "cannot continue" (fw[@rend='run-in'] rebuilds after one plain space)."""
    from tests.test_hostile import run, write
    text = A_PAGE_1.replace("cannot continue", f"cannot{space}continue") + A_PAGE_2 + SEPARATOR + B
    memo = write(tmp_path, "m.txt", text)
    tei = tmp_path / "m.xml"
    assert run("encode", memo, "-o", tei).exit_code == 0
    copy = split_witnesses(read_source(memo.read_bytes(), str(memo)))[0]
    assert run("witness", tei, "--wit", "A").stdout == input_text(copy)


def test_a_tab_before_the_word_is_cut_as_a_space():
    tabbed = A_PAGE_1.replace("cannot continue", "cannot\tcontinue")
    assert catchwords(tabbed + A_PAGE_2 + SEPARATOR + B)["A"] == ["continue"]


def test_a_page_break_is_compared_only_with_catchwords_that_may_agree(monkeypatch):
    """Found by the session 5 review: every break of a copy was compared with every
    catchword of the others (N pages x N pages). Two copies of 200 pages, each page's
    last line "... spoke of the X Y continue" with X Y of its own: each break is tried
    once (with the first catchword whose words agree: 1,910 tries before the index), and
    its glued word is still cut."""
    from tei_encoder.analyse import glued
    words = ["alpha", "beta", "gamma", "delta", "staff", "plan", "year", "office", "report", "group",
             "meeting", "minister", "budget", "cable", "embassy", "treaty", "harbour", "island", "border", "press"]
    pairs = [(a, b) for a in words for b in words][:200]

    def copy(glued_to_line: bool) -> str:
        pages = []
        for page, (a, b) in enumerate(pairs):
            last = f"The group met on day {page} and spoke of the {a} {b}"
            foot = f"{last} continue\n\f\n" if glued_to_line else f"{last}\n\ncontinue\n\f\n"
            pages.append(foot + f"continue the talk on page {page + 1}.\n")
        return "MEMORANDUM FOR THE RECORD\n" + "".join(pages)

    calls = []
    real = glued._glued
    monkeypatch.setattr(glued, "_glued", lambda *args: calls.append(1) or real(*args))
    found = catchwords(copy(True) + SEPARATOR + copy(False))
    assert found["A"] == ["continue"] * 200
    assert len(calls) <= 200 + 1, len(calls)
