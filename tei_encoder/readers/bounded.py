"""Reading with a limit: every byte tei-encoder reads (OCR text, TEI, metadata,
stylesheets) comes through here, from files, pipes and devices alike.

The size a filesystem reports is never trusted (a device or a pipe reports 0, a file
may grow while it is read): at most LIMIT + 1 bytes are read, and one byte more than
the limit is a refusal. The default fits the biggest real memo (13 KB) some five
thousand times over, and a whole multi-copy release or a large TEI file besides;
`--max-size` changes it on every command.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tei_encoder.errors import InputError

DEFAULT_MAX_SIZE = "64M"
STDIN = "-"
_UNITS = {"k": 1024, "m": 1024 ** 2, "g": 1024 ** 3}


def parse_size(text: str) -> int:
    """"64M", "200k", "1G" or a number of bytes."""
    text = str(text).strip().lower().removesuffix("b")
    factor = _UNITS.get(text[-1:], 1)
    number = text[:-1] if text[-1:] in _UNITS else text
    if not number.isdigit():
        raise ValueError(f"not a size: {text!r} (try 64M)")
    return int(number) * factor


DEFAULT_MAX_BYTES = parse_size(DEFAULT_MAX_SIZE)


def read_bounded(path: str | Path, limit: int = DEFAULT_MAX_BYTES) -> bytes:
    """The whole of a file ('-': standard input), or InputError if it holds more than
    `limit` bytes or cannot be read. Never reads more than limit + 1 bytes."""
    name = str(path)
    try:
        if name == STDIN:
            data = sys.stdin.buffer.read(limit + 1)
        else:
            with open(path, "rb") as stream:
                data = stream.read(limit + 1)
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise InputError("<stdin>" if name == STDIN else name, f"more than {limit:,} bytes (--max-size)")
    return data
