"""The house conventions of tei-encoder's encoding (docs/ENCODING.md), checked only
with the project schema: TEI allows each of these, the project does not.

    app-single-copy    a document with one witness has no app
    pb-n               every pb has @n
    p-label-n          a p that carries a label (a numbered paragraph) says its number
                       in @n
    div-block          a div without child divs holds a p or an ab
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from tei_encoder.errors import SchemaProblem
from tei_encoder.tei.names import TEI_NS, XML_ID
from tei_encoder.validation.rules import problem

_T = f"{{{TEI_NS}}}"


def check_house(root: etree._Element, source: str) -> Iterator[SchemaProblem]:
    yield from _single_copy(root, source)
    for p in root.iter(f"{_T}p"):
        if p.get("n") is None and p.find(f"{_T}label") is not None:
            yield problem(p, "p has a label but no @n (its normalised number)", "p-label-n", source)
    for div in root.iter(f"{_T}div"):
        if div.find(f"{_T}div") is None and not _has_block(div):
            yield problem(div, "div has no p or ab (the house encoding wants a paragraph in a division)",
                          "div-block", source)
    for pb in root.iter(f"{_T}pb"):
        if pb.get("n") is None:
            yield problem(pb, "pb has no @n (the page number, typed or inferred)", "pb-n", source)


def _single_copy(root: etree._Element, source: str) -> Iterator[SchemaProblem]:
    app = next(root.iter(f"{_T}app"), None)
    witnesses = [w.get(XML_ID) for w in root.iter(f"{_T}witness") if w.get(XML_ID)]
    if app is not None and len(witnesses) == 1:
        yield problem(app, f"the document has one witness ({witnesses[0]}) but app elements: a single copy "
                           "has no apparatus", "app-single-copy", source)


def _has_block(div: etree._Element) -> bool:
    """A p or ab in the division: its own, or in the readings of its apps (where no
    stretch of the memo is in every copy, every paragraph is some copies' reading)."""
    for block in div.iter(f"{_T}p", f"{_T}ab"):
        parent = block.getparent()
        while parent is not div and parent.tag in (f"{_T}app", f"{_T}rdg", f"{_T}lem"):
            parent = parent.getparent()
        if parent is div:
            return True
    return False
