"""The TEI stage's fast paths give what their long forms give, on the seed and the corpus."""

from __future__ import annotations

import re

from tei_encoder.model import Document
from tei_encoder.pipeline import analyse
from tei_encoder.tei import title
from tests.conftest import ALL_INPUTS


def _slips_by_whole_text(title_text: str, document: Document) -> str:
    """correct_slips as first written: each phrase searched for in the whole text."""
    tokens = title_text.split()
    text = "\n".join(source.text for source in document.sources)
    out = []
    for i, word in enumerate(tokens):
        following = tokens[i + 1:i + 3]
        if len(following) < 2 or not following[0][:1].isupper():
            out.append(word)
            continue
        phrase = re.compile(r"(?<!\S)(\S+)[ \t]+" + r"[ \t]+".join(re.escape(w) for w in following) + r"(?!\S)")
        forms = {match.group(1) for match in phrase.finditer(text)} - {word}
        better = {form for form in forms if title._is_slip(word, form)}
        best = {form for form in better if not any(title._is_slip(form, other) for other in better - {form})}
        out.append(best.pop() if len(best) == 1 else word)
    return " ".join(out)


def _document(text: str) -> Document:
    document = analyse(text.encode(), "crafted.txt")
    return document


def test_title_slips_searched_line_by_line_are_those_of_the_whole_text():
    """correct_slips searches only the lines holding a phrase's last word: every line of
    the seed and the corpus taken as a title gets what the whole-text search gives, and so
    do phrases spaced by tabs, run over a line break, repeated, or ending a file."""
    changed = 0
    for path in ALL_INPUTS:
        document = analyse(path.read_bytes(), str(path))
        lines = [line for source in document.sources for line in source.text.split("\n") if line.strip()]
        for line in lines:
            fast = title.correct_slips(line, document)
            assert fast == _slips_by_whole_text(line, document), (path, line)
            changed += fast != " ".join(line.split())
    crafted = _document("MEMORANDUM\n\ning, Manuel Ray met\nIng.\tManuel  Ray and ing.\nManuel Ray\n"
                        "the B B B and\tB B B\nx Ing. Manuel Ray")
    for line in ("ing, Manuel Ray", "ing. Manuel Ray here", "the B B B", "a B B", "Ing. Manuel Ray"):
        assert title.correct_slips(line, crafted) == _slips_by_whole_text(line, crafted), line
    assert title.correct_slips("ing, Manuel Ray", crafted) == "Ing. Manuel Ray"
    assert changed > 0  # lines the memo itself corrects, not only lines left alone
