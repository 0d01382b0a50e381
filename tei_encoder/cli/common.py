"""What every command shares: its exit codes in its help, and writing to a file or
standard output. Kept light (lxml at most): every command imports it at start-up."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from tei_encoder import PACKAGE_DIR
from tei_encoder.errors import EncoderError
from tei_encoder.publish.write import write_atomic
from tei_encoder.readers.bounded import DEFAULT_MAX_SIZE, parse_size

# The bundled sample memo (--sample of encode and package).
SAMPLE_MEMO = PACKAGE_DIR / "data" / "assurances-1962-11-13.txt"

USAGE = "usage error (bad option or argument)"
UNREADABLE = "an input could not be read or decoded (FILE:LINE:COL: message)"
UNWRITABLE = "an output could not be written"


def exit_codes(*rows: tuple[int, str]) -> str:
    """A command's epilog: its exit codes, one a line (click keeps the block as is)."""
    return "\b\nExit codes:\n" + "".join(f"  {code}  {meaning}\n" for code, meaning in rows)


@contextlib.contextmanager
def exit_on_error() -> Iterator[None]:
    """An EncoderError inside ends the command: its message (FILE:LINE: ...) on stderr
    and its documented exit code; every other exception goes on."""
    try:
        yield
    except EncoderError as exc:
        click.echo(str(exc), err=True)
        sys.exit(exc.exit_code)


def write_output(target: Path | None, data: bytes) -> None:
    """To a file, atomically; None: to standard output."""
    if target is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomic(target, data)


def read_input(path: Path | str, max_bytes: int) -> bytes | tuple[tuple[bytes, str], ...]:
    """The bytes of one INPUT, a local path or an fsspec URL (batch.store); for
    PAGE1+PAGE2+... (the page files of one copy, in page order: readers.formats.page_files)
    the bytes of each page file. InputError (exit 3) when a file cannot be read or holds
    more than max_bytes (never more is read)."""
    from tei_encoder.batch.store import read_bytes  # not at start-up: fsspec is imported there for URLs
    from tei_encoder.readers.formats import page_files  # not at start-up: a reader module

    parts = page_files(str(path))
    if len(parts) == 1:
        return read_bytes(parts[0], max_bytes)
    return tuple((read_bytes(part, max_bytes), part) for part in parts)


class Size(click.ParamType):
    """A number of bytes: 1000, 200k, 64M, 1G."""

    name = "SIZE"

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            return value
        try:
            return parse_size(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


def max_size_option(command):
    """--max-size, on every command: how much any one input may hold. What is counted
    is the bytes read, never the size a file claims (tei_encoder.readers.bounded)."""
    return click.option("--max-size", "max_bytes", type=Size(), default=DEFAULT_MAX_SIZE, show_default=True,
                        help="Refuse any input (file, pipe or device) holding more than this many bytes "
                             "(k, M, G).")(command)
