"""One copy's input, in whichever format, -> Source.

An input is the bytes of one file, or the page files of one copy in page order (one
PAGE XML or single-page hOCR/ALTO file per page image). The format is told from the
content unless forced (`--format`); page files of one copy must all be of one format.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import replace
from typing import Union

from tei_encoder.errors import InputError
from tei_encoder.model import Source
from tei_encoder.readers.ocr import FORMATS, OcrDocument, XmlParse, detect_format, to_source
from tei_encoder.readers.text import ReadOptions, read_source
from tei_encoder.readers.units import to_pixels

# Each engine's reader is imported when a file of its format comes: a batch of plain
# text never pays for them.
_READERS = {"hocr": "tei_encoder.readers.hocr", "alto": "tei_encoder.readers.alto",
            "page": "tei_encoder.readers.pagexml"}
# The page files of one copy: (bytes, path) per page, in page order.
Pages = tuple[tuple[bytes, str], ...]
InputData = Union[bytes, Pages]



# How the page files of one copy are named as one input: PAGE1+PAGE2+... A "+" is no
# glob character and no directory, so it is never taken for a batch of memos.
PAGE_JOIN = "+"


def page_files(argument: str) -> list[str]:
    """The page files an input names: itself, or the parts of PAGE1+PAGE2+... (a name
    with a "+" that exists as a file is that file)."""
    if PAGE_JOIN not in argument or os.path.exists(argument):
        return [argument]
    return [part for part in argument.split(PAGE_JOIN) if part]


def format_of(data: bytes, path: str, forced: str | None) -> str:
    if forced is not None:
        if forced not in FORMATS:
            raise InputError(path, f"unknown format {forced!r}; expected one of {', '.join(FORMATS)}")
        return forced
    found = detect_format(data)
    if found not in FORMATS:
        raise InputError(path, "an XML file that is not hOCR, ALTO or PAGE XML (its root element says "
                               "neither); give --format to read it as one", line=1)
    return found


def read_ocr(data: bytes, path: str, form: str, parse: XmlParse) -> OcrDocument:
    return importlib.import_module(_READERS[form]).read(data, path, parse)


def read_any(data: InputData, path: str, options: ReadOptions | None = None, *, parse: XmlParse) -> Source:
    """The Source of one input: a text file, an OCR engine's file, or the page files
    of one copy (their pages, in the order given, are the copy's pages). parse is the
    project's safe XML parser (validation.safexml, handed in by the pipeline: readers
    come before validation), raising InputError with the place of a fault."""
    options = options or ReadOptions()
    parts: Pages = ((data, path),) if isinstance(data, bytes) else tuple(data)
    forms = [format_of(part, part_path, options.format) for part, part_path in parts]
    if len(set(forms)) > 1:
        listed = ", ".join(f"{p} ({f})" for (_, p), f in zip(parts, forms))
        raise InputError(path, f"the page files of one copy must be of one format: {listed}")
    form = forms[0]
    if form == "text":
        if len(parts) == 1:
            return read_source(parts[0][0], parts[0][1], options)
        return _text_pages(parts, path, options)
    documents = [to_pixels(read_ocr(part, part_path, form, parse), options.dpi) for part, part_path in parts]
    first = documents[0]
    joined = replace(first, pages=tuple(page for document in documents for page in document.pages))
    return to_source(joined, path)


def _text_pages(parts: Pages, path: str, options: ReadOptions) -> Source:
    """Text files as the pages of one copy: one text, a form feed between the pages."""
    texts = [read_source(data, part_path, options).text for data, part_path in parts]
    return read_source("\f\n".join(texts).encode("utf-8"), path, ReadOptions(None, options.separator))
