"""The pipeline: named stages, run in order. Each takes model objects and gives model
objects; only the last two touch XML.

    read      bytes -> Source (decoded, checked, normalised lines)
    copies    Source -> WitnessText per copy (split at separator lines)
    pages     WitnessText -> page events (page breaks, furniture, body lines)
    blocks    page events -> Witness (blocks with inline parts, furniture in place)
    tei       Document -> lxml tree               (tei_encoder.tei)
    validate  tree -> problems                    (tei_encoder.validate)
"""

from __future__ import annotations

from tei_encoder.blocks import BlockBuilder, mostly_capitals, page_breaks
from tei_encoder.model import Document, Metadata, Witness, WitnessText
from tei_encoder.pages import PageAnalyser, measure_spacing, split_pages
from tei_encoder.read import ReadOptions, read_source, split_witnesses


def analyse_witness(witness: WitnessText) -> Witness:
    spacing = measure_spacing(witness.lines)
    events = PageAnalyser(spacing).events(split_pages(witness, spacing))
    items = BlockBuilder(spacing, mostly_capitals(witness.lines)).build(events)
    numbers = [line.number for line in witness.lines] or [0]
    return Witness(witness.sigil, witness.path, numbers[0], numbers[-1], witness.separator,
                   items, page_breaks(items))


def analyse(data: bytes, path: str, metadata: Metadata | None = None,
            options: ReadOptions | None = None) -> Document:
    """Everything up to the model: what `encode` builds its TEI from."""
    options = options or ReadOptions()
    source = read_source(data, path, options)
    witnesses = tuple(analyse_witness(w) for w in split_witnesses(source, options.separator))
    return Document(source, witnesses, metadata or Metadata())


def encode(data: bytes, path: str, validator, metadata: Metadata | None = None,
           options: ReadOptions | None = None) -> tuple[Document, bytes]:
    """Input bytes -> validated TEI bytes. Raises InvalidEncoding before anything is
    written if the result does not pass the project schema."""
    from lxml import etree

    from tei_encoder.tei import build_document
    from tei_encoder.write import serialise

    document = analyse(data, path, metadata, options)
    data_out = serialise(build_document(document))
    # Validate the tree as it will be read back, so reported lines match the file.
    validator.validate(etree.ElementTree(etree.fromstring(data_out)), source=path)
    return document, data_out
