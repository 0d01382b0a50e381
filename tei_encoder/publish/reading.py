"""The reading text out of a TEI file: the edition an archive indexes and a reader reads.

In the merged layout every app gives its lem (the preferred reading, tei_encoder.reading);
an app without lem that is not layout gives its first reading. Corrections give their
corr, not the sic. Left out: page furniture (fw), stamps and notes, OCR repetitions
(surplus), noise, gaps, one copy's layout apps; page and line breaks are spaces. Each
block (paragraph, heading, date line, opener or closer part) is one line.

In the per-copy layout the reading text is the first copy's, corrections applied; a
single copy's is its own. `tei-to-text.xsl` with `view=reading` gives the same text.
Reads only the TEI, never the model.
"""

from __future__ import annotations

from lxml import etree

from tei_encoder.tei.names import TEI_NS

_T = f"{{{TEI_NS}}}"
_LEFT_OUT = {"fw", "note", "stamp", "surplus", "gap", "sic", "teiHeader"}
_SPACE = {"pb", "lb", "milestone"}
BLOCKS = {"head", "p", "ab", "dateline", "seg", "signed", "salute", "opener", "closer", "div"}


def reading_text(tree: etree._ElementTree) -> str:
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    start = root.find(f"{_T}text/{_T}group/{_T}text")
    if start is None:
        start = root.find(f"{_T}text/{_T}body")
    out: list[str] = []
    _walk(start, out)
    return _tidy("".join(out))


def _walk(element: etree._Element, out: list[str]) -> None:
    for node in _content(element):
        if isinstance(node, str):
            out.append(node.replace("\n", " "))
            continue
        name = etree.QName(node).localname if isinstance(node.tag, str) else ""
        if not name or name in _LEFT_OUT or (name == "unclear" and node.get("reason") == "noise"):
            continue
        if name in _SPACE:
            out.append(" ")
        elif name == "app":
            chosen = _chosen(node)
            if chosen is not None:
                _walk(chosen, out)
        elif name in BLOCKS:
            out.append("\n")
            _walk(node, out)
            out.append("\n")
        else:
            _walk(node, out)


def _content(element: etree._Element):
    """The element's text and children in order; each child's tail after it."""
    if element.text:
        yield element.text
    for child in element:
        yield child
        if child.tail:
            yield child.tail


def _chosen(app: etree._Element) -> etree._Element | None:
    """The lem; else, but for one copy's layout, the first reading."""
    lem = app.find(f"{_T}lem")
    if lem is not None:
        return lem
    if app.get("type") == "layout":
        return None
    return app.find(f"{_T}rdg")


def _tidy(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line) + "\n"
