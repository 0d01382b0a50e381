"""A page image's size in pixels, from its file's header: PNG, JPEG and TIFF.

Needed where an OCR file measures in something other than pixels (ALTO's mm10 and
inch1200): the image's pixel size over the page's size in those units is the scale.
Only the header is read: a few fixed-size reads, however large the image (TIFF's first
directory may sit at the file's end, so reads seek rather than load). Pillow would do it
too, but it is an optional extra (tools) and this is a few dozen lines for three formats.
"""

from __future__ import annotations

import struct
from pathlib import Path

_PNG = b"\x89PNG\r\n\x1a\n"
# JPEG markers that start a frame and carry its size (SOF0-3, 5-7, 9-11, 13-15).
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
_MAX_SEGMENTS = 1000  # a JPEG with more header segments than this is not read
_TIFF_WIDTH, _TIFF_LENGTH = 256, 257


def pixel_size(path: str | Path) -> tuple[int, int] | None:
    """(width, height) of a PNG, JPEG or TIFF image, or None: not found, not one of
    those, or a header that does not say."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(8)
            if head.startswith(_PNG):
                return _png(stream)
            if head.startswith(b"\xff\xd8"):
                return _jpeg(stream)
            if head[:4] in (b"II*\x00", b"MM\x00*"):
                return _tiff(stream, "<" if head[:2] == b"II" else ">", head)
    except (OSError, struct.error):
        return None
    return None


def _png(stream) -> tuple[int, int] | None:
    chunk = stream.read(16)  # length, "IHDR", width, height
    if len(chunk) < 16 or chunk[4:8] != b"IHDR":
        return None
    width, height = struct.unpack(">II", chunk[8:16])
    return (width, height) if width and height else None


def _jpeg(stream) -> tuple[int, int] | None:
    stream.seek(2)
    for _ in range(_MAX_SEGMENTS):
        marker = stream.read(2)
        while marker[:1] == b"\xff" and marker[1:] == b"\xff":  # fill bytes before a marker
            marker = b"\xff" + stream.read(1)
        if len(marker) < 2 or marker[0] != 0xFF:
            return None
        kind = marker[1]
        if kind in (0xD9, 0xDA):  # end of image, start of scan: no frame header came
            return None
        length = struct.unpack(">H", stream.read(2))[0]
        if kind in _SOF:
            _, height, width = struct.unpack(">BHH", stream.read(5))
            return (width, height) if width and height else None
        stream.seek(length - 2, 1)
    return None


def _tiff(stream, order: str, head: bytes) -> tuple[int, int] | None:
    offset = struct.unpack(f"{order}I", head[4:8])[0]
    stream.seek(offset)
    count = struct.unpack(f"{order}H", stream.read(2))[0]
    found: dict[int, int] = {}
    for _ in range(count):
        tag, kind, _, value = struct.unpack(f"{order}HHI4s", stream.read(12))
        if tag in (_TIFF_WIDTH, _TIFF_LENGTH):
            # SHORT (3) or LONG (4), held in the entry itself.
            found[tag] = struct.unpack(f"{order}H", value[:2])[0] if kind == 3 else struct.unpack(f"{order}I", value)[0]
    if _TIFF_WIDTH in found and _TIFF_LENGTH in found and found[_TIFF_WIDTH] and found[_TIFF_LENGTH]:
        return found[_TIFF_WIDTH], found[_TIFF_LENGTH]
    return None
