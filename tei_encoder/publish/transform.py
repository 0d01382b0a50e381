"""XSLT 1.0 through lxml: the bundled stylesheets (a reading page, one copy's text) or any
stylesheet the user gives. Stylesheets may read files (document()) but never write
files or use the network."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from tei_encoder import PACKAGE_DIR
from tei_encoder.errors import EncoderError, InputError
from tei_encoder.readers.bounded import DEFAULT_MAX_BYTES, read_bounded

BUNDLED = {"html": "tei-to-html.xsl", "text": "tei-to-text.xsl"}
XSLT_DIR = PACKAGE_DIR / "publish" / "xslt"
_ACCESS = etree.XSLTAccessControl(read_file=True, write_file=False, create_dir=False,
                                  read_network=False, write_network=False)


@dataclass
class StylesheetError(EncoderError):
    """A stylesheet that cannot be read, compiled or run, with the places it names."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: error: {self.message}"


def stylesheet_path(name: str) -> Path:
    """A bundled stylesheet by short name ("html", "text"), or a path as given."""
    if name in BUNDLED:
        return XSLT_DIR / BUNDLED[name]
    return Path(name)


def load_stylesheet(name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> etree.XSLT:
    path = stylesheet_path(name)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:  # base_url: the stylesheet's xsl:import and document() resolve beside it
        document = etree.fromstring(read_bounded(path, max_bytes), parser, base_url=str(path)).getroottree()
    except InputError as exc:
        raise StylesheetError(str(path), f"cannot read the stylesheet: {exc.message}") from None
    except etree.XMLSyntaxError as exc:
        line = f":{exc.position[0]}" if exc.position else ""
        raise StylesheetError(f"{path}{line}", f"the stylesheet is not well-formed XML: {exc.msg}") from None
    try:
        return etree.XSLT(document, access_control=_ACCESS)
    except etree.XSLTParseError as exc:
        raise StylesheetError(str(path), f"not a usable XSLT 1.0 stylesheet: {_log(exc.error_log, exc)}") from None


def transform(tree: etree._ElementTree, stylesheet: etree.XSLT, params: dict[str, str] | None = None,
              source: str = "<tei>") -> bytes:
    """The result as bytes, in the encoding the stylesheet's xsl:output asks for."""
    quoted = {name: etree.XSLT.strparam(value) for name, value in (params or {}).items()}
    try:
        result = stylesheet(tree, **quoted)
    except etree.XSLTApplyError as exc:
        raise StylesheetError(source, f"the stylesheet failed: {_log(stylesheet.error_log, exc)}") from None
    if result.getroot() is None:  # text output
        return str(result).encode("utf-8")
    return bytes(result)


def _log(log, exc: Exception) -> str:
    entries = [f"line {e.line}: {e.message}" if e.line else e.message for e in log] if log else []
    return "; ".join(entries) or str(exc)


def reading_page(tei: bytes, source: str = "<tei>") -> bytes:
    """The bundled reading page (tei-to-html.xsl) for TEI bytes tei-encoder wrote."""
    from tei_encoder.validation.safexml import parse

    return transform(parse(tei, source), load_stylesheet("html"), source=source)
