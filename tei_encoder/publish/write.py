"""Serialise and write: UTF-8, NFC, LF, final newline, atomic replace."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from lxml import etree

from tei_encoder.errors import OutputError


def serialise(tree: etree._ElementTree) -> bytes:
    return serialised(tree)[0]


def serialised(tree: etree._ElementTree) -> tuple[bytes, bool]:
    """The bytes, and whether they are the tree's own text (not put in NFC here)."""
    # Indented where the content is elements only (header, div, app), so that every
    # element has a line of its own for people and for validation reports. libxml2 never
    # indents inside mixed content (a p, a rdg with text), where whitespace is text; the
    # builder puts newlines there only where TEI allows them as spaces.
    data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    # The text is nearly always NFC already (the readers normalise their input): a copy
    # of a large TEI file in memory is made only where a character needs it.
    as_built = _is_nfc(data)
    if not as_built:
        data = unicodedata.normalize("NFC", data.decode("utf-8")).encode("utf-8")
    if data.endswith(b"\n") and not data.endswith(b"\n\n"):
        return data, as_built  # as libxml2 ends it: no second copy of a large file
    return data.rstrip(b"\n") + b"\n", as_built


NFC_CHUNK = 1 << 20  # bytes of UTF-8 decoded at a time by _is_nfc


def _is_nfc(data: bytes) -> bool:
    """Is this UTF-8 in NFC? Checked a chunk at a time, cut after a line feed: a line
    feed never composes with what stands around it, so the whole is NFC when every
    chunk is, and a large file is never decoded whole."""
    position = 0
    while position < len(data):
        end = data.find(b"\n", position + NFC_CHUNK)
        end = len(data) if end < 0 else end + 1
        if not unicodedata.is_normalized("NFC", data[position:end].decode("utf-8")):
            return False
        position = end
    return True


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: never half a file.

    The temporary file is made as an ordinary new file is (mode 0666 less the umask, so
    others may read it where the user's files are readable), not tempfile's 0600; its
    name is random so that two writers never share it. (tempfile also costs every
    command a few milliseconds to import.)"""
    write_atomic_set([(Path(path), data)])


def write_atomic_set(files: list[tuple[Path, bytes]]) -> None:
    """Write files that belong together (a TEI and its reading page) all or none: every
    one to its temporary file first, and only when all are whole (a full disk fails
    here) renamed into place. On failure no target is touched and no temporary is left."""
    temporaries: list[tuple[Path, Path]] = []
    current = None
    try:
        for path, data in files:
            current = Path(path)
            current.parent.mkdir(parents=True, exist_ok=True)
            temporary = current.with_name(f".{current.name}.{os.urandom(6).hex()}.tmp")
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            temporaries.append((temporary, current))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
        for temporary, path in temporaries:
            current = path
            os.replace(temporary, path)
    except BaseException as exc:
        for temporary, _ in temporaries:
            if temporary.exists():
                temporary.unlink()
        if isinstance(exc, OSError):
            raise OutputError(str(current), f"cannot write: {exc.strerror or exc}") from None
        raise
