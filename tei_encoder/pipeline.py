"""The pipeline: named stages, run in order, one package each. Each takes model objects
(tei_encoder.model) and gives model objects; only the last ones touch XML.

    readers   bytes -> Source (decoded, checked, normalised lines; an OCR engine's
              hOCR, ALTO or PAGE XML also gives each line's place on its page image)
                                                          (readers.text, readers.formats)
    copies    Source(s) -> WitnessText per copy (split at separator lines, or one file
              per copy with --merge)                                       (readers.text)
    pages     WitnessText -> page events (page breaks, furniture, body lines)
                                                                           (analyse.pages)
    blocks    page events -> Witness (blocks with inline parts, furniture in place; an
              archive's release form marked as such)       (analyse.blocks, analyse.forms)
    record    the copy's release form read field by field, cover forms, and the marks
              of its release history as events   (analyse.release, cover_forms, history)
    correct   Witnesses -> Witnesses, OCR non-words near a word as Corrections
              (unless --no-corrections)                                    (reading.correct)
    collate   Witnesses -> Collation (the merged layout only)              (collate)
    choose    Collation -> Collation with a lem in every non-layout variant (reading.choose)
    tei       Document [+ Collation] -> lxml tree, serialised               (tei, publish.write)
    validate  tree -> problems                                             (validation)

Writing the files, transforms and packages are publish's; argv and exit codes are cli's.
"""

from __future__ import annotations

from dataclasses import replace

from lxml import etree

from tei_encoder.analyse import glued
from tei_encoder.analyse.blocks import BlockBuilder, mostly_capitals, page_breaks
from tei_encoder.analyse.confidence import mark_uncertain
from tei_encoder.analyse.cover_forms import read_cover_forms
from tei_encoder.analyse.forms import mark_forms
from tei_encoder.analyse.garbled import repeated_words
from tei_encoder.analyse.history import witness_marks
from tei_encoder.analyse.inline import Underlines
from tei_encoder.analyse.pages import PageAnalyser, measure_spacing, split_pages
from tei_encoder.analyse.release import witness_form
from tei_encoder.analyse.subject import subject_line
from tei_encoder.collate import collate
from tei_encoder.collate.tokens import Streams
from tei_encoder.errors import CollationError, InputError
from tei_encoder.model import (
    Collation,
    Document,
    FacsimileOptions,
    Layout,
    Metadata,
    ReadingOptions,
    Witness,
    WitnessText,
)
from tei_encoder.publish.write import serialise, serialised
from tei_encoder.readers.formats import InputData, read_any
from tei_encoder.readers.text import ReadOptions, split_copies
from tei_encoder.reading import Lexicon, choose, correct_witnesses
from tei_encoder.reading.correct import word_list_index
from tei_encoder.tei.document import LAYOUTS, build_document
from tei_encoder.validation import safexml


def parse_xml(data: bytes, path: str) -> etree._ElementTree:
    """The project's safe XML parser for the OCR readers (hOCR, ALTO, PAGE): a refusal
    is bad input, reported with its file, line and column."""
    try:
        return safexml.parse(data, path)
    except safexml.XmlRefused as exc:
        raise InputError(path, exc.message, line=exc.line, column=exc.column) from None


def analyse_witness(witness: WitnessText, layout: Layout | None = None,
                    seen: frozenset[str] | None = None) -> Witness:
    """One copy's lines -> its blocks; with the OCR engine's layout, its words of low
    confidence are marked unclear (analyse.confidence). seen: the words repeated in the
    whole source, every copy (default: in this copy), which are no garble."""
    if seen is None:
        seen = repeated_words(line.text for line in witness.lines)
    spacing = measure_spacing(witness.lines)
    underlines = Underlines.of(witness.lines)
    events = PageAnalyser(spacing, underlines.marked).events(split_pages(witness, spacing))
    items = mark_forms(BlockBuilder(spacing, mostly_capitals(witness.lines), seen, underlines.flags).build(events))
    if layout is not None:
        items = mark_uncertain(items, {line.number: line for line in layout.lines})
    numbers = [line.number for line in witness.lines] or [0]
    return Witness(witness.sigil, witness.path, numbers[0], numbers[-1], witness.separator,
                   items, page_breaks(items), form=witness_form(items),
                   covers=tuple(read_cover_forms([line.text for line in witness.lines])),
                   marks=witness_marks(witness.lines, items), subject=subject_line(items))


def analyse(data: bytes, path: str, metadata: Metadata | None = None,
            options: ReadOptions | None = None) -> Document:
    """One file (which may hold several copies) up to the model."""
    return analyse_copies([(data, path)], metadata, options)


def analyse_copies(inputs: list[tuple[InputData, str]], metadata: Metadata | None = None,
                   options: ReadOptions | None = None) -> Document:
    """Files that are copies of one memo (or one file) up to the model: what `encode`
    builds its TEI from."""
    options = options or ReadOptions()
    sources = [read_any(data, path, options, parse=parse_xml) for data, path in inputs]
    layouts = {source.path: source.layout for source in sources}
    copies = split_copies(sources, options.separator)
    seen = repeated_words(line.text for copy in copies for line in copy.lines)
    witnesses = tuple(analyse_witness(w, layouts.get(w.path), seen) for w in copies)
    witnesses = glued.across_copies(witnesses)  # catchwords another copy shows glued to a line
    return Document(tuple(sources), witnesses, metadata or Metadata())


def to_tei(document: Document, layout: str = "merged", facsimile: FacsimileOptions | None = None,
           reading: ReadingOptions | None = None) -> bytes:
    """The model as TEI bytes, in the merged (apparatus) or the per-copy layout; copies
    read from OCR engine output link to their page images (facsimile options); with the
    reading text's corrections and (merged) preferred readings (reading options)."""
    return serialise(tei_tree(document, layout, facsimile, reading))


def tei_tree(document: Document, layout: str = "merged", facsimile: FacsimileOptions | None = None,
             reading: ReadingOptions | None = None) -> etree._ElementTree:
    """to_tei's tree, before it is serialised."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; expected one of {', '.join(LAYOUTS)}")
    reading = reading or ReadingOptions()
    sigils = [w.sigil for w in document.witnesses]
    if reading.base is not None and reading.base not in sigils:
        raise CollationError(f"--base {reading.base}: no such copy (the copies are {', '.join(sigils)})",
                             [w.path for w in document.witnesses])
    document, collation = _read(document, layout, reading)
    return build_document(document, collation, facsimile, corrections=reading.corrections,
                          merged=layout == "merged")


def _read(document: Document, layout: str, reading: ReadingOptions) -> tuple[Document, Collation | None]:
    """The copies corrected and, for the merged form of several, collated with their
    preferred readings chosen. The word list is needed only here: it is gone before the
    TEI of a large memo is built."""
    merging = layout == "merged" and len(document.witnesses) > 1  # one copy has nothing to merge
    # Each block's words are read once for the lexicon and, where copies are merged, kept
    # for the collation and the choice (the blocks no correction changes are the same).
    streams = Streams() if merging else None
    lexicon = Lexicon.of(document.witnesses, streams)
    if reading.corrections:
        list_index = word_list_index() if reading.list_index else None
        document = replace(document, witnesses=correct_witnesses(document.witnesses, lexicon, list_index))
    if not merging:
        return document, None
    return document, choose(collate(document.witnesses, streams), lexicon, reading.base, streams)


def encode(inputs: list[tuple[InputData, str]], validator, metadata: Metadata | None = None,
           options: ReadOptions | None = None, layout: str = "merged",
           facsimile: FacsimileOptions | None = None,
           reading: ReadingOptions | None = None) -> tuple[Document, bytes]:
    """Input bytes -> validated TEI bytes. Raises InvalidEncoding before anything is
    written if the result does not pass the project schema."""
    document = analyse_copies(inputs, metadata, options)
    tree = tei_tree(document, layout, facsimile, reading)
    data_out, as_built = serialised(tree)
    check_encoding(validator, tree if as_built else None, data_out, inputs[0][1])
    return document, data_out


def check_encoding(validator, tree: etree._ElementTree | None, data: bytes, source: str) -> None:
    """Raise InvalidEncoding if the TEI bytes `data` do not pass. tree: the tree they
    were written from, None when writing changed its text (put in NFC). The tree as
    built is asked first: the bytes are the same tree written out (the indentation added
    between elements is no content: a schema and the rules give it the same verdict,
    tests/test_validate_built.py), and nearly every document passes, so it is not read
    back. One that fails is validated as it will be read back, so that the reported
    lines are the file's. Only with the rules: libxml2 checks xs:ID uniqueness only in a
    parsed document, the rules' id-unique in both."""
    if tree is not None and getattr(validator, "rules", False) and validator.is_valid(tree):
        return
    validator.validate(safexml.parse_root(data, source).getroottree(), source=source)
