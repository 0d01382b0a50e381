"""Rebuild a copy's text from TEI: the inverse of encoding, up to layout.

Used by the lossless test and by anyone who wants a copy's plain text back. It reads
only the TEI, never the model, so it checks what was really written.
"""

from __future__ import annotations

import re

from lxml import etree

from tei_encoder.analyse.inline import text_lines, without_underline_tags
from tei_encoder.errors import InputError
from tei_encoder.model import WitnessText
from tei_encoder.publish.reading import reading_text
from tei_encoder.publish.write import serialise
from tei_encoder.tei.names import TEI_NS, XML_ID
from tei_encoder.tei.witness import witness_tree

_T = f"{{{TEI_NS}}}"
# Elements after which a new line of the typescript begins.
_LINE_BREAKING = {"lb", "pb", "milestone", "fw", "note", "gap", "head", "p", "ab", "dateline", "seg", "signed",
                  "salute", "opener", "closer", "div", "stamp", "label"}
_BREAK_BEFORE = _LINE_BREAKING - {"label", "stamp"}


def witness_text(tree: etree._ElementTree, sigil: str) -> str:
    """The text of copy `sigil`, from either layout: its own text in the per-copy form;
    in the merged form the shared text with the readings that name it."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    if sigil not in witnesses(root):
        raise KeyError(f"no copy {sigil!r} in this TEI document")
    texts = root.findall(f"{_T}text/{_T}group/{_T}text[@corresp='#{sigil}']")
    out: list[str] = []
    _walk(texts[0] if texts else root.find(f"{_T}text/{_T}body"), out, f"#{sigil}")
    return _tidy("".join(out))


def extract_witness(tree: etree._ElementTree, sigil: str, form: str, path: str = "<tei>") -> bytes:
    """One copy out of a TEI file: its text (form "text") or a TEI of its own ("tei")."""
    root = tree.getroot()
    if root.tag != f"{_T}TEI":
        raise InputError(path, f"not a TEI document (root element {root.tag})", root.sourceline)
    sigils = witnesses(root)
    if sigil not in sigils:
        raise InputError(path, f"no copy {sigil!r} in this TEI document; its copies: {', '.join(sigils) or 'none'}")
    if form == "text":
        return witness_text(tree, sigil).encode("utf-8")
    return serialise(witness_tree(tree, sigil))


def edition_text(tree: etree._ElementTree, path: str = "<tei>") -> bytes:
    """The reading text of a TEI file (tei_encoder.publish.reading), as UTF-8."""
    root = tree.getroot()
    if root.tag != f"{_T}TEI":
        raise InputError(path, f"not a TEI document (root element {root.tag})", root.sourceline)
    return reading_text(tree).encode("utf-8")


def witnesses(root: etree._Element) -> list[str]:
    """The sigils declared in the header's listWit, in order."""
    return [w.get(XML_ID) for w in root.iterfind(f"{_T}teiHeader//{_T}listWit/{_T}witness")]


def _walk(element: etree._Element, out: list[str], ref: str) -> None:
    name = etree.QName(element).localname if isinstance(element.tag, str) else ""
    if name == "corr" or not _belongs(element, name, ref):
        return  # corr: the editor's form (the OCR's reading is in sic); or another copy's
    breaks = ((name in _BREAK_BEFORE and not _in_stamp_row(element, name) and not _redaction_mark(element, name))
              or _noise_line(element, name))
    run_in = name == "fw" and element.get("rend") == "run-in"  # read onto the line before (a glued catchword)
    out.append(" " if run_in or (name == "fw" and not breaks) else "\n" if breaks else "")
    # Newlines in text nodes are only the encoder's pretty-printing (XML whitespace);
    # the typescript's lines are the line-breaking elements.
    if element.text:
        out.append(_space(element.text))
    for child in element:
        _walk(child, out, ref)
        if child.tail:
            out.append(_space(child.tail))
    if breaks:
        out.append("\n")


def _redaction_mark(element: etree._Element, name: str) -> bool:
    """A redaction inside a line (seg[@type='excision']) does not break it."""
    return name == "seg" and element.get("type") == "excision"


def _in_stamp_row(element: etree._Element, name: str) -> bool:
    """Furniture the OCR read into a row of a stamp shares the row's line."""
    parent = element.getparent()
    return name == "fw" and parent is not None and parent.get("type") == "stamp"


def _noise_line(element: etree._Element, name: str) -> bool:
    """A stray-marks line (unclear[@reason='noise']) is a line of its own."""
    parent = element.getparent()
    return (name == "unclear" and element.get("reason") == "noise"
            and not (parent is not None and etree.QName(parent).localname == "fw"))


def _space(text: str) -> str:
    return text.replace("\n", " ")


def _belongs(element: etree._Element, name: str, ref: str) -> bool:
    """Is this element part of the copy `ref` ("#A")? Readings name their copies in
    @wit; page and line breaks of some copies only name them in @edRef."""
    if name in ("rdg", "lem"):  # a lem without @wit (an emendation) is no copy's reading
        return ref in element.get("wit", "").split()
    edref = element.get("edRef")
    return edref is None or ref in edref.split()


# White space as XML (and XSLT's normalize-space) knows it: a no-break space or a thin
# space is a character of the text, kept, not a word boundary.
XML_WHITESPACE = " \t\r\n"
_XML_SPACE = re.compile(r"[ \t\r\n]+")


def _tidy(text: str) -> str:
    lines = [" ".join(_XML_SPACE.split(line.strip(XML_WHITESPACE))) for line in text.split("\n")]
    return "\n".join(line for line in lines if line) + "\n"


def input_text(witness: WitnessText) -> str:
    """A copy's input text less the layout that principle 1 of ENCODING.md sets aside:
    blank lines, indentation, bullets, page markers, the separator line, and the <u>
    tags that mark underlines. A "<u>" or "</u>" that pairs with no other (a lone
    "</u>", "<u>unclosed") is text, in the TEI as here: never dropped."""
    texts = [text for _, text in text_lines(witness.lines)]
    lines = [" ".join(_XML_SPACE.split(text.strip(XML_WHITESPACE))) for text in without_underline_tags(texts)]
    return "\n".join(line for line in lines if line) + "\n"
