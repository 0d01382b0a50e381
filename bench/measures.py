"""Tool-neutral measures of a parallel-segmentation apparatus (tei-encoder's or
CollateX's TEI): how many apps, how many false anchors, can each copy be rebuilt.

A false anchor is what CollateX is known for in rewritten text: one or two shared
words, all function words ("the", "of", "not"), standing between two apps where a
reading of at least three words is next to it. Text there was rewritten; the shared
"the" is coincidence, and anchoring on it shreds one variant into several.
"""

from __future__ import annotations

import re

from lxml import etree

from tei_encoder.collate.words import FUNCTION_WORDS, LARGE_CHANGE
from tei_encoder.tei.names import TEI_NS

_APP, _RDG = f"{{{TEI_NS}}}app", f"{{{TEI_NS}}}rdg"


def apps(root: etree._Element) -> list[etree._Element]:
    return list(root.iter(_APP))


def function_word_anchors(root: etree._Element) -> list[str]:
    """The shared runs that are false anchors (see the module docstring)."""
    found = []
    for app in apps(root):
        following = app.getnext()
        between = (app.tail or "").split()
        if following is None or following.tag != _APP or not 1 <= len(between) <= 2:
            continue
        if not all(_key(word) in FUNCTION_WORDS for word in between):
            continue
        if max(_longest_reading(app), _longest_reading(following)) >= LARGE_CHANGE:
            found.append(" ".join(between))
    return found


def _key(word: str) -> str:
    return re.sub(r"^\W+|\W+$", "", word.casefold())


def _longest_reading(app: etree._Element) -> int:
    """Words of the longest reading, page furniture and noise not counted; 0 for an
    app that only holds one copy's layout."""
    if app.get("type") == "layout":
        return 0
    return max((len(_words(rdg)) for rdg in app.iter(_RDG)), default=0)


def _words(element: etree._Element) -> list[str]:
    words = (element.text or "").split()
    for child in element:
        if child.tag not in _NOT_TEXT and child.get("reason") != "noise":
            words += _words(child)
        words += (child.tail or "").split()
    return words


_NOT_TEXT = {f"{{{TEI_NS}}}{name}" for name in ("fw", "note", "gap", "pb", "lb", "corr")}


def reading_text(root: etree._Element, sigil: str) -> str:
    """Copy `sigil` read off any parallel-segmentation TEI: the shared text and every
    rdg that names it. Furniture and all else stay in; only other copies' readings and
    edRef'd breaks of other copies go."""
    ref = f"#{sigil}"
    out: list[str] = []

    def walk(element):
        if element.tag == _RDG and ref not in element.get("wit", "").split():
            return
        edref = element.get("edRef")
        if edref is not None and ref not in edref.split():
            return
        if element.tag == f"{{{TEI_NS}}}corr":
            return
        out.append(" " if element.tag in _BREAKING else "")
        out.append(element.text or "")
        for child in element:
            walk(child)
            out.append(child.tail or "")

    body = root.find(f".//{{{TEI_NS}}}body")
    walk(body if body is not None else root)
    return " ".join("".join(out).split())


_BREAKING = {f"{{{TEI_NS}}}{name}" for name in ("lb", "pb", "fw", "p", "ab", "head", "note", "seg", "label",
                                                 "dateline", "signed", "salute", "stamp", "unclear", "gap", "desc")}
