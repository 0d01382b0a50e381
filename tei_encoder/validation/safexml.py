"""Parsing XML that may be hostile: every TEI file tei-encoder reads goes through here.

What an attacker can put in an XML file, and what stops it:
- entity expansion (billion laughs, quadratic blow-up): entities are never expanded
  (resolve_entities=False), and a document that declares any entity is refused;
- external entities and external DTDs (XXE: reading local files, calling URLs): no DTD
  is loaded (load_dtd=False), no network is used (no_network=True), entity declarations
  are refused;
- XInclude: never processed by the parser; `validate` resolves local includes itself,
  under the same limits (tei_encoder.validation.xinclude);
- huge files: refused above a size limit before parsing; libxml2's own limits on depth
  and node size stay on (huge_tree=False).
A file that is not well-formed is reported with its line and column, never a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from tei_encoder.errors import InputError, position
from tei_encoder.readers.bounded import DEFAULT_MAX_BYTES, read_bounded

# libxml2's words when its own limits stop an attack.
_ATTACK_SIGNS = ("amplification", "network entity", "Excessive depth", "huge")


@dataclass
class XmlRefused(Exception):
    """The file is not parsed, or not accepted: it names the place and the reason.
    unreadable: the file could not be read at all (missing, too large) rather than
    being bad XML."""

    source: str
    message: str
    line: int | None = None
    column: int | None = None
    unreadable: bool = False
    rule: str = "well-formed"  # or "safe-xml": refused as a possible attack

    def __str__(self) -> str:
        return f"{position(self.source, self.line, self.column)}: error: {self.message}"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, collect_ids=False)


def read_bytes(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """At most max_bytes of a file ('-': standard input), whatever size it claims."""
    try:
        return read_bounded(path, max_bytes)
    except InputError as exc:
        raise XmlRefused(exc.path, exc.message, unreadable=True) from None


def parse(data: bytes, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> etree._ElementTree:
    """Bytes -> tree, safely, or XmlRefused with the position of the fault."""
    if len(data) > max_bytes:
        raise XmlRefused(source, f"more than {max_bytes:,} bytes (--max-size)", unreadable=True)
    try:
        root = etree.fromstring(data, _parser(), base_url=None)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (None, None)
        message = re.sub(r", line \d+, column \d+$", "", exc.msg)
        if any(sign in message for sign in _ATTACK_SIGNS):
            raise XmlRefused(source, f"refused: {message}", line, column, rule="safe-xml") from None
        raise XmlRefused(source, f"not well-formed XML: {message}", line, column) from None
    tree = root.getroottree()
    _refuse_entities(tree, source)
    return tree


def parse_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> etree._ElementTree:
    return parse(read_bytes(path, max_bytes), str(path), max_bytes)


def read_tei(path, max_bytes: int = DEFAULT_MAX_BYTES) -> etree._ElementTree:
    """A TEI file parsed safely, for the commands that read one (at most max_bytes of
    it): a refusal becomes an InputError that names the file and line (exit 3)."""
    try:
        return parse_file(Path(path), max_bytes)
    except XmlRefused as refused:
        raise InputError(str(path), refused.message, refused.line, refused.column) from None


def parse_root(data: bytes, source: str) -> etree._Element:
    """XML bytes in memory (tei-encoder's own output as it is packaged or reported)
    parsed with the same safe parser as any input, so no XML is ever read another way:
    a refusal is an InputError naming the source and line. The bytes are in memory
    already, so the size limit (which keeps a file from being read whole) is theirs."""
    try:
        return parse(data, source, max(len(data), DEFAULT_MAX_BYTES)).getroot()
    except XmlRefused as refused:
        raise InputError(source, refused.message, refused.line, refused.column) from None


def _refuse_entities(tree: etree._ElementTree, source: str) -> None:
    dtd = tree.docinfo.internalDTD
    if dtd is None:
        return
    entities = list(dtd.iterentities())
    if entities:
        names = ", ".join(entity.name for entity in entities[:5])
        raise XmlRefused(source, f"the document type declares entities ({names}); entity declarations are "
                                 "refused (entity expansion and external entities are attacks)", 1, 1,
                         rule="safe-xml")
