"""One copy out of a TEI document: the tree as if that copy had been encoded alone.

In the merged form every app becomes the reading that names the copy (or nothing),
page and line breaks of other copies go, and the header keeps only that witness. In
the per-copy form the copy's own text becomes the body. The result has no apparatus.
"""

from __future__ import annotations

import copy
import re

from lxml import etree

from tei_encoder import __version__
from tei_encoder.analyse.labels import parse_label
from tei_encoder.tei.body import separate_furniture
from tei_encoder.tei.header import APPARATUS_NOTE, READING_NOTE
from tei_encoder.tei.names import XML_ID, E, tei


def witness_tree(tree: etree._ElementTree, sigil: str) -> etree._ElementTree:
    root = copy.deepcopy(tree.getroot())
    ref = f"#{sigil}"
    own = root.find(f"{tei('text')}/{tei('group')}/{tei('text')}[@corresp='{ref}']")
    if own is not None:
        body = own.find(tei("body"))
        root.find(tei("text")).clear()
        root.find(tei("text")).append(body)
    for app in list(root.iter(tei("app"))):
        if app.getparent() is not None and _in_tree(app, root):
            _resolve(app, ref)
    for milestone in list(root.iter(tei("milestone"))):
        if ref in milestone.get("edRef", "").split():
            _open_own_paragraph(milestone)
    for element in list(root.iter(tei("pb"), tei("lb"), tei("milestone"))):
        edref = element.get("edRef")
        if edref is None:
            continue
        if ref in edref.split():
            if element.tag != tei("milestone"):  # a milestone keeps saying whose block starts there
                del element.attrib["edRef"]
        else:
            _remove(element)
    _number_labelled(root)  # once other copies' breaks are gone: one may have stood before the label
    separate_furniture(root.find(f"{tei('text')}/{tei('body')}"))
    _header(root, sigil)
    result = etree.ElementTree(root)
    for pi in tree.getroot().itersiblings(preceding=True):
        root.addprevious(copy.deepcopy(pi))
    return result


def _open_own_paragraph(milestone: etree._Element) -> None:
    """Where the merged text says this copy's own paragraph begins inside another
    (milestone[@unit='block'][@type='p'], its label after it), the copy alone has a
    paragraph of its own there: the p is split at the milestone, the new p numbered as
    the milestone says. Only a milestone right inside a p is split on; others stay."""
    parent = milestone.getparent()
    if milestone.get("type") != "p" or milestone.get("unit") != "block" or parent is None or parent.tag != tei("p"):
        return
    index = parent.index(milestone)
    before_text = (parent.text or "").strip() or any(True for _ in parent[:index])
    paragraph = E.p(n=milestone.get("n")) if milestone.get("n") else E.p()
    paragraph.text = milestone.tail.lstrip() if milestone.tail else None
    for child in parent[index + 1:]:
        paragraph.append(child)  # moves it, with its tail
    parent.remove(milestone)
    if before_text:
        paragraph.tail = parent.tail
        parent.tail = "\n"
        parent.addnext(paragraph)
    else:  # the copy's paragraph starts the p: it is that paragraph
        parent.text, parent.tail = paragraph.text, parent.tail
        parent.extend(list(paragraph))
        for name, value in paragraph.attrib.items():
            parent.set(name, value)


def _number_labelled(root: etree._Element) -> None:
    """A p of the merged text has no @n where the copy that gave the paragraphs has no
    label; a copy that does (its label was a reading) is numbered as its label says,
    as its own encoding would be: a number, a section; a letter after the number of
    the paragraph before it (4a)."""
    number = None
    for paragraph in root.iter(tei("p")):
        first = next(iter(paragraph), None)
        label = first if first is not None and first.tag == tei("label") and not (paragraph.text or "").strip() \
            else None
        if paragraph.get("n") is None and label is not None:
            parsed = parse_label((label.text or "").strip())
            if parsed is not None:
                prefix = re.match(r"\d+", number or "") if parsed.kind in ("letter", "subnumber") else None
                paragraph.set("n", (prefix.group() if prefix else "") + parsed.value)
        number = paragraph.get("n") or number


def _in_tree(element: etree._Element, root: etree._Element) -> bool:
    while element is not None:
        if element is root:
            return True
        element = element.getparent()
    return False


def _resolve(app: etree._Element, ref: str) -> None:
    """Replace the app by the content of its reading for `ref` (nested apps inside it
    are resolved later, in document order)."""
    reading = next((r for r in app if r.tag in (tei("lem"), tei("rdg")) and ref in r.get("wit", "").split()), None)
    if reading is None:
        _remove(app)
        return
    _unwrap(reading, app)


def _unwrap(source: etree._Element, replaced: etree._Element) -> None:
    """Put source's text and children where `replaced` stands, keeping replaced's tail."""
    parent = replaced.getparent()
    index = parent.index(replaced)
    tail = replaced.tail
    _append_text_at(parent, index, source.text)
    children = list(source)
    for offset, child in enumerate(children):
        parent.insert(index + 1 + offset, child)
    parent.remove(replaced)
    if tail:
        if children:
            children[-1].tail = (children[-1].tail or "") + tail
        else:
            _append_text_at(parent, index, tail)


def _append_text_at(parent: etree._Element, index: int, text: str | None) -> None:
    """Add text just before position index of parent (to the previous sibling's tail)."""
    if not text:
        return
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text


def _remove(element: etree._Element) -> None:
    parent = element.getparent()
    _append_text_at(parent, parent.index(element), element.tail)
    parent.remove(element)


def _header(root: etree._Element, sigil: str) -> None:
    header = root.find(tei("teiHeader"))
    for witness in header.iter(tei("witness")):
        if witness.get(XML_ID) != sigil:
            witness.getparent().remove(witness)
    for measure in header.iter(tei("measure")):
        if measure.get("corresp") not in (None, f"#{sigil}"):
            measure.getparent().remove(measure)
    for merged_only in list(header.iter(tei("variantEncoding"), tei("interpretation"))):
        if merged_only.tag == tei("variantEncoding") or merged_only.get(XML_ID) in (APPARATUS_NOTE, READING_NOTE):
            merged_only.getparent().remove(merged_only)
    revision = header.find(tei("revisionDesc"))
    if revision is not None:
        revision.append(E.change(f"Copy {sigil} extracted as a transcription of its own by tei-encoder "
                                 f"{__version__} (witness --format tei)."))
