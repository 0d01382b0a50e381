"""Counting characters by class, fast: the analysis asks "how many letters, how many
capitals" of every line. The ASCII characters (nearly all of OCR text) are counted in C with
bytes.translate; the others, one by one with the str methods, so the answers are those of str.isalpha, isupper and
isalnum either way."""

from __future__ import annotations

import re
import string

_LETTERS = string.ascii_letters.encode()
_UPPER = string.ascii_uppercase.encode()
_ALNUM = (string.ascii_letters + string.digits).encode()


def _count(data: bytes, members: bytes) -> int:
    return len(data) - len(data.translate(None, members))


_ASCII_RUN = re.compile(r"[\x00-\x7f]+")


def letters_and_capitals(text: str) -> tuple[int, int]:
    """(letters, capital letters) in text."""
    data = text.encode("ascii", "ignore")
    size = len(data)  # (_count written out: this runs for most lines, several times)
    letters, capitals = size - len(data.translate(None, _LETTERS)), size - len(data.translate(None, _UPPER))
    if len(data) != len(text):  # the few other characters, one by one
        others = [ch for ch in _ASCII_RUN.sub("", text) if ch.isalpha()]
        letters, capitals = letters + len(others), capitals + sum(ch.isupper() for ch in others)
    return letters, capitals


def alphanumerics(text: str) -> int:
    data = text.encode("ascii", "ignore")
    count = _count(data, _ALNUM)
    if len(data) != len(text):
        count += sum(ch.isalnum() for ch in _ASCII_RUN.sub("", text))
    return count
