"""Rebuild a copy's text from TEI: the inverse of encoding, up to layout.

Used by the lossless test and by anyone who wants a copy's plain text back. It reads
only the TEI, never the model, so it checks what was really written.
"""

from __future__ import annotations

import re

from lxml import etree

from tei_encoder.model import WitnessText
from tei_encoder.tei.names import TEI_NS

_T = f"{{{TEI_NS}}}"
# Elements after which a new line of the typescript begins.
_LINE_BREAKING = {"lb", "pb", "fw", "note", "gap", "head", "p", "ab", "dateline", "seg", "signed",
                  "salute", "opener", "closer", "div", "stamp", "label"}
_BREAK_BEFORE = _LINE_BREAKING - {"label", "stamp"}
_PAGE_MARKER = re.compile(r"^(?:#{1,6}\s*page\s+\d+|-{2,}\s*page\s+\d+\s*-{2,}|-{3,}|\*{3,}|_{3,})\s*$", re.I)


def witness_text(tree: etree._ElementTree, sigil: str) -> str:
    """The text of copy `sigil` from a per-copy TEI document."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    texts = root.findall(f".//{_T}group/{_T}text[@corresp='#{sigil}']")
    if not texts:
        raise KeyError(f"no copy {sigil!r} in this TEI document")
    out: list[str] = []
    _walk(texts[0], out)
    return _tidy("".join(out))


def _walk(element: etree._Element, out: list[str]) -> None:
    name = etree.QName(element).localname if isinstance(element.tag, str) else ""
    if name == "corr":
        return  # the editor's form; the OCR's reading is in sic
    if name in _BREAK_BEFORE:
        out.append("\n")
    if name == "desc" or element.text:
        out.append(element.text or "")
    for child in element:
        _walk(child, out)
        if child.tail:
            out.append(child.tail)
    if name in _BREAK_BEFORE:
        out.append("\n")


def _tidy(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line) + "\n"


def input_text(witness: WitnessText) -> str:
    """A copy's input text less the layout that principle 1 of ENCODING.md sets aside:
    blank lines, indentation, bullets, <u> tags, page markers, the separator line."""
    lines = []
    for line in witness.lines:
        if line.text in ("", "\f") or _PAGE_MARKER.match(line.text):
            continue
        body = re.sub(r"</?u>", "", line.text)
        lines.append(" ".join(body.split()))
    return "\n".join(line for line in lines if line) + "\n"
