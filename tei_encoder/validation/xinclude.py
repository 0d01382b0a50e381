"""XInclude for `validate`, as jing does it: a TEI file that includes others
(`<xi:include href="chapter1.xml"/>`, as many corpora do) is validated as the
document it stands for, the included files in place of the include elements.

jing (through Xerces) resolves XInclude before it validates, so tei_all, which has no
place for xi:include, accepts such a file; lxml validating the file as written rejects
it ("Did not expect element include there"). Resolving here makes the two agree.

Safely, unlike lxml's own xinclude(): only local files, never the network; each file
through the same safe parser as the document (tei_encoder.validation.safexml) and under
the same size limit; only inside the including document's folder or the current
directory (an include cannot read /etc/passwd into an error message); at most
MAX_DEPTH levels, and an include of a file being included is refused as a loop.
What is supported is what TEI corpora use: parse="xml" (the default) and parse="text",
xml:base fix-up on an included element (as XInclude 1.0 asks and Xerces does), and
xi:fallback when a resource cannot be read. An xpointer is not supported: the include
fails, and its fallback is used if it has one. A failed include with no fallback is a
problem of the check `xinclude`, with the include's line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

XI_NS = "http://www.w3.org/2001/XInclude"
_INCLUDE = f"{{{XI_NS}}}include"
_FALLBACK = f"{{{XI_NS}}}fallback"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
MAX_DEPTH = 10


@dataclass
class IncludeFailed(Exception):
    """An include that could not be resolved and has no fallback."""

    href: str
    reason: str
    line: int | None

    def __str__(self) -> str:
        return f"xi:include href={self.href!r}: {self.reason}, and it has no xi:fallback"


class _ResourceError(Exception):
    pass


def has_includes(tree: etree._ElementTree) -> bool:
    return next(tree.getroot().iter(_INCLUDE), None) is not None


def resolve(tree: etree._ElementTree, document: Path, max_bytes: int) -> None:
    """Replace every xi:include of the tree (in place) by what it includes."""
    roots = (document.resolve().parent, Path.cwd().resolve())
    _resolve_in(tree.getroot(), document.resolve(), roots, max_bytes, (document.resolve(),))


def _resolve_in(root: etree._Element, base: Path, roots: tuple[Path, ...], max_bytes: int,
                chain: tuple[Path, ...]) -> None:
    if len(chain) > MAX_DEPTH:
        raise IncludeFailed(str(base.name), f"includes nest deeper than {MAX_DEPTH} levels", root.sourceline)
    for include in list(root.iter(_INCLUDE)):
        if _inside_fallback(include):
            continue  # a fallback's own includes are resolved only if the fallback is used
        try:
            replacement = _load(include, base, roots, max_bytes, chain)
        except _ResourceError as exc:
            fallback = include.find(_FALLBACK)
            if fallback is None:
                raise IncludeFailed(include.get("href", ""), str(exc), include.sourceline) from None
            replacement = _fallback_content(fallback, base, roots, max_bytes, chain)
        _replace(include, replacement)


def _inside_fallback(element: etree._Element) -> bool:
    return any(ancestor.tag == _FALLBACK for ancestor in element.iterancestors())


def _load(include: etree._Element, base: Path, roots: tuple[Path, ...], max_bytes: int,
          chain: tuple[Path, ...]) -> list:
    if include.get("xpointer") is not None:
        raise _ResourceError("xpointer is not supported")
    href = include.get("href", "")
    target = _local_file(href, base, roots)
    if target in chain:
        raise _ResourceError(f"{href} includes itself (a loop)")
    data = _read(target, max_bytes)
    if include.get("parse", "xml") == "text":
        try:
            return [data.decode(include.get("encoding") or "utf-8")]
        except (LookupError, UnicodeDecodeError) as exc:
            raise _ResourceError(f"cannot decode {href}: {exc}") from None
    from tei_encoder.validation.safexml import XmlRefused, parse

    try:
        included = parse(data, str(target), max_bytes).getroot()
    except XmlRefused as refused:
        raise _ResourceError(f"{href} is not usable XML: {refused.message}") from None
    _resolve_in(included, target, roots, max_bytes, chain + (target,))
    included.set(XML_BASE, href)
    return [included]


def _local_file(href: str, base: Path, roots: tuple[Path, ...]) -> Path:
    parts = urlsplit(href)
    if parts.scheme not in ("", "file") or parts.netloc:
        raise _ResourceError(f"{href} is not a local file (the network is never used)")
    if not parts.path:
        raise _ResourceError("an include of the document itself is not supported")
    target = (base.parent / unquote(parts.path)).resolve()
    if not any(target.is_relative_to(root) for root in roots):
        raise _ResourceError(f"{href} is outside the document's folder and the current directory")
    return target


def _read(target: Path, max_bytes: int) -> bytes:
    """At most max_bytes of the included file, counted as read (a device or a pipe in the
    folder claims a size of 0)."""
    from tei_encoder.errors import InputError
    from tei_encoder.readers.bounded import read_bounded

    try:
        return read_bounded(target, max_bytes)
    except InputError as exc:
        raise _ResourceError(f"{target.name}: {exc.message}") from None


def _fallback_content(fallback: etree._Element, base: Path, roots: tuple[Path, ...], max_bytes: int,
                      chain: tuple[Path, ...]) -> list:
    holder = etree.Element("holder")
    holder.text = fallback.text
    for child in fallback:
        holder.append(child)  # moves the child, with its tail
    _resolve_in(holder, base, roots, max_bytes, chain)
    return ([holder.text] if holder.text else []) + list(holder)


def _replace(include: etree._Element, content: list) -> None:
    """Put content (strings and elements) where the include is, keeping its tail."""
    parent = include.getparent()
    if parent is None:
        raise IncludeFailed(include.get("href", ""), "an include cannot be the document element", include.sourceline)
    tail = include.tail or ""
    previous = include.getprevious()
    index = parent.index(include)
    parent.remove(include)
    elements = []
    for item in content:
        if isinstance(item, str):
            if elements:
                elements[-1].tail = (elements[-1].tail or "") + item
            elif previous is not None:
                previous.tail = (previous.tail or "") + item
            else:
                parent.text = (parent.text or "") + item
        else:
            item.tail = None
            parent.insert(index + len(elements), item)
            elements.append(item)
    if elements:
        elements[-1].tail = (elements[-1].tail or "") + tail
    elif previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
