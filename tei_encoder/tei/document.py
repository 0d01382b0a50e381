"""The whole TEI document: header, then the text in one of two layouts.

    merged  one body; the copies' differences in a parallel-segmentation apparatus
    copies  one transcription per copy: text/group/text[@corresp='#A']
"""

from __future__ import annotations

from lxml import etree

from tei_encoder.model import Collation, Document, FacsimileOptions
from tei_encoder.tei.apparatus import ApparatusBuilder
from tei_encoder.tei.body import BodyBuilder
from tei_encoder.tei.facsimile import ocr_applications, ocr_resp_stmts, witness_facsimiles
from tei_encoder.tei.header import build_header
from tei_encoder.tei.names import XML_ID, XML_NS, E, tei

XSD_NS = "http://www.w3.org/2001/XMLSchema"
RNG_NS = "http://relaxng.org/ns/structure/1.0"
LAYOUTS = ("merged", "copies")


def build_document(document: Document, collation: Collation | None = None,
                   facsimile: FacsimileOptions | None = None,
                   corrections: bool = False, merged: bool | None = None) -> etree._ElementTree:
    """The per-copy form, or the merged form (merged, by default when a collation of the
    copies is given; a single copy needs none: its own body is the merged form).
    Copies read from an OCR engine's output get their facsimile (tei.facsimile).
    corrections: the witnesses carry corrections (the header says how they were made)."""
    merged = collation is not None if merged is None else merged
    facsimiles = witness_facsimiles(document, facsimile)
    if not merged:
        text = E.text(_group(document, facsimiles))
    elif len(document.witnesses) == 1:
        only = document.witnesses[0]  # one copy: no apparatus
        text = E.text(BodyBuilder(links=facsimiles.get(only.sigil)).body(only.items))
    elif collation is None:
        raise ValueError("the merged form of several copies needs their collation")
    else:
        text = E.text(ApparatusBuilder(collation, facsimiles).body())
    base = collation.base if collation is not None and len(document.witnesses) > 1 else None
    header = build_header(document, merged=merged, corrections=corrections, base=base)
    app_info = header.find(f"{tei('encodingDesc')}/{tei('appInfo')}")
    if app_info is not None:
        app_info.extend(ocr_applications(document))
    encoder = header.find(f"{tei('fileDesc')}/{tei('titleStmt')}/{tei('respStmt')}")
    if encoder is not None:  # the OCR engine's respStmt before the encoder's
        for resp in ocr_resp_stmts(document):
            encoder.addprevious(resp)
    root = E.TEI(header, *(f.element() for f in facsimiles.values()), text)
    root.set(f"{{{XML_NS}}}lang", "en")
    tree = etree.ElementTree(root)
    meta = document.metadata
    for href, kind in ((meta.rng_href, RNG_NS), (meta.schema_href, XSD_NS)):
        pi = etree.ProcessingInstruction(
            "xml-model", f'href="{href}" type="application/xml" schematypens="{kind}"')
        root.addprevious(pi)
    return tree


def _group(document: Document, facsimiles: dict) -> etree._Element:
    group = E.group()
    for witness in document.witnesses:
        body = BodyBuilder(links=facsimiles.get(witness.sigil)).body(witness.items)
        text = E.text(body, corresp=f"#{witness.sigil}")
        text.set(XML_ID, f"text-{witness.sigil}")
        group.append(text)
    return group
