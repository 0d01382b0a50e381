"""Serialise and write: UTF-8, NFC, LF, final newline, atomic replace."""

from __future__ import annotations

import os
import tempfile
import unicodedata
from pathlib import Path

from lxml import etree

from tei_encoder.errors import OutputError


def serialise(tree: etree._ElementTree) -> bytes:
    # Indented where the content is elements only (header, div, app), so that every
    # element has a line of its own for people and for validation reports. libxml2 never
    # indents inside mixed content (a p, a rdg with text), where whitespace is text; the
    # builder puts newlines there only where TEI allows them as spaces.
    data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    text = unicodedata.normalize("NFC", data.decode("utf-8"))
    return (text.rstrip("\n") + "\n").encode("utf-8")


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: never half a file."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError as exc:
        raise OutputError(str(path), f"cannot write: {exc.strerror or exc}") from None
