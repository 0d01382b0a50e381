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
from tei_encoder.tei.names import TEI_NS

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
              source: str = "<tei>", name: str = "the stylesheet") -> bytes:
    """The result as bytes, in the encoding the stylesheet's xsl:output asks for."""
    quoted = {key: etree.XSLT.strparam(value) for key, value in (params or {}).items()}
    try:
        result = stylesheet(tree, **quoted)
    except etree.XSLTApplyError as exc:
        raise StylesheetError(source, f"{name} failed: {_log(stylesheet.error_log, exc)}") from None
    if result.getroot() is None:  # text output
        return str(result).encode("utf-8")
    return bytes(result)


def transform_limited(tree: etree._ElementTree, stylesheet: etree.XSLT, params: dict[str, str] | None,
                      source: str, name: str, seconds: float) -> bytes:
    """transform() in a child process stopped after `seconds`: libxslt cannot be
    interrupted from Python, and a user's stylesheet may loop for ever (an endless
    recursion, a document() of a device). The child is forked, so it has the parsed TEI
    and the compiled stylesheet already; only the result comes back through a pipe."""
    import multiprocessing

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform: run it here, unlimited
        return transform(tree, stylesheet, params, source, name)
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_transform_into, args=(sender, tree, stylesheet, params, source, name),
                            daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise StylesheetError(source, f"{name} did not finish within {seconds:g} s (--timeout): stopped")
        kind, first, second = receiver.recv()
    except EOFError:
        raise StylesheetError(source, f"{name} stopped without a result (the process ended)") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
    if kind == "error":
        raise StylesheetError(first, second)
    return first


def _transform_into(sender, tree, stylesheet, params, source, name) -> None:
    try:
        sender.send(("ok", transform(tree, stylesheet, params, source, name), None))
    except StylesheetError as exc:
        sender.send(("error", exc.source, exc.message))


def check_witness(tree: etree._ElementTree, sigil: str | None, source: str) -> None:
    """For the bundled stylesheets, which read TEI written by tei-encoder: refuse other
    XML, and a copy (--param wit) the TEI does not have, naming the copies it has."""
    root = tree.getroot()
    if root.tag != f"{{{TEI_NS}}}TEI":
        raise StylesheetError(source, f"not a TEI document (root element {etree.QName(root).localname}); "
                                      "the bundled stylesheets read TEI")
    sigils = root.xpath("t:teiHeader//t:listWit/t:witness/@xml:id", namespaces={"t": TEI_NS})
    if sigil is not None and sigil not in sigils:
        raise StylesheetError(source, f"no copy {sigil!r} in this TEI document (--param wit); "
                                      f"its copies: {', '.join(sigils) or 'none'}")


def _log(log, exc: Exception) -> str:
    """libxslt's messages, each once (a runaway recursion repeats one message for every
    level), with how many times it came."""
    entries = [f"line {e.line}: {e.message}" if e.line else e.message for e in log] if log else []
    counts: dict[str, int] = {}
    for entry in entries:
        counts[entry] = counts.get(entry, 0) + 1
    text = "; ".join(entry if n == 1 else f"{entry} ({n} times)" for entry, n in counts.items())
    return text or str(exc)


def reading_page(tei: bytes, source: str = "<tei>") -> bytes:
    """The bundled reading page (tei-to-html.xsl) for TEI bytes tei-encoder wrote."""
    from tei_encoder.validation.safexml import parse

    return transform(parse(tei, source), load_stylesheet("html"), source=source)
