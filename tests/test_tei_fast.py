"""The TEI stage's fast paths give what their long forms give, on the seed and the corpus."""

from __future__ import annotations

import re

from lxml import etree

from tei_encoder.model import Document
from tei_encoder.pipeline import analyse
from tei_encoder.tei import title
from tei_encoder.tei.names import E, sub
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


def _sub_by_append(parent, name, text=None, **attrib):
    """names.sub as first written: E's element, then appended to its parent."""
    element = E(name, text, **attrib) if text is not None else E(name, **attrib)
    parent.append(element)
    return element


def test_elements_made_in_their_parents_are_those_appended(monkeypatch):
    """tei.names.sub (lxml's SubElement) writes what E's element appended to its parent
    writes: the TEI of the seed and the corpus, merged and per copy (readings, corrections,
    labels, line breaks, underlines), is the same bytes with sub in its long form."""
    from tei_encoder.pipeline import to_tei
    from tei_encoder.tei import apparatus, body

    documents = [analyse(path.read_bytes(), str(path)) for path in ALL_INPUTS]
    fast = [to_tei(document, layout) for document in documents for layout in ("merged", "copies")]
    monkeypatch.setattr(apparatus, "sub", _sub_by_append)
    monkeypatch.setattr(body, "sub", _sub_by_append)
    assert [to_tei(document, layout) for document in documents for layout in ("merged", "copies")] == fast
    for tag in (b"<rdg", b"<lem", b"<choice>", b"<label", b"<lb", b'<hi rend="underline"'):
        assert any(tag in data for data in fast), tag


def test_an_element_made_in_its_parent_has_its_text_attributes_and_place():
    parent = E.p("one ", E.label("1."), " two")
    made = sub(parent, "corr", "word", cert="high", resp="#x")
    empty = sub(parent, "lb")
    blank = sub(parent, "sic", "")
    expected = E.p("one ", E.label("1."), " two", E.corr("word", cert="high", resp="#x"), E.lb(), E.sic(""))
    assert etree.tostring(parent) == etree.tostring(expected)
    assert list(parent)[-3:] == [made, empty, blank] and made.tag == E.corr().tag
