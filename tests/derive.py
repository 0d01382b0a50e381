"""Copies derived from real inputs, for the multi-witness tests: a copy that lost a
page, a copy whose pages were filed in another order. Pages are cut where the OCR
marks them: "## Page N" headers (Apple Vision), or runs of three or more blank lines
(tesseract and the seed)."""

from __future__ import annotations

import re

_MARKED = re.compile(r"(?m)^(?=## Page \d+\s*$)")
_BLANK_RUN = re.compile(r"(\n[ \t]*){4,}")


def pages(text: str) -> list[str]:
    """The text cut into pages, losslessly: "".join(pages(text)) == text."""
    if _MARKED.search(text):
        return [part for part in _MARKED.split(text) if part]
    cuts = [m.end() for m in _BLANK_RUN.finditer(text)]
    bounds = [0] + cuts + [len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:]) if text[a:b]]


def without_page(text: str, index: int) -> str:
    parts = pages(text)
    assert 0 < index < len(parts), f"page {index} of {len(parts)}"
    return "".join(parts[:index] + parts[index + 1:])


def swapped_pages(text: str, first: int, second: int) -> str:
    parts = pages(text)
    parts[first], parts[second] = parts[second], parts[first]
    if not parts[first].endswith("\n\n\n\n"):  # keep a page break at the seam
        parts[first] = parts[first].rstrip("\n") + "\n\n\n\n"
    return "".join(parts)
