"""What every command shares: its exit codes in its help, and writing to a file or
standard output. Kept light (lxml at most): every command imports it at start-up."""

from __future__ import annotations

import sys
from pathlib import Path

from tei_encoder.errors import EncoderError
from tei_encoder.publish.write import write_atomic

USAGE = "usage error (bad option or argument)"
UNREADABLE = "an input could not be read or decoded (FILE:LINE:COL: message)"
UNWRITABLE = "an output could not be written"


def exit_codes(*rows: tuple[int, str]) -> str:
    """A command's epilog: its exit codes, one a line (click keeps the block as is)."""
    return "\b\nExit codes:\n" + "".join(f"  {code}  {meaning}\n" for code, meaning in rows)


def write_output(target: Path | None, data: bytes) -> None:
    """To a file, atomically; None: to standard output."""
    if target is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomic(target, data)


def read_input(path: Path) -> bytes | tuple[tuple[bytes, str], ...]:
    """The bytes of one INPUT; for PAGE1+PAGE2+... (the page files of one copy, in page
    order: readers.formats.page_files) the bytes of each page file."""
    from tei_encoder.readers.formats import page_files  # not at start-up: a reader module

    parts = page_files(str(path))
    if len(parts) == 1:
        return _read(Path(parts[0]))
    return tuple((_read(Path(part)), part) for part in parts)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise EncoderError(f"{path}: error: cannot read: {exc.strerror}") from None
