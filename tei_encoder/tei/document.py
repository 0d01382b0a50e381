"""The whole TEI document: header, then the text in one of two layouts.

    merged  one body; the copies' differences in a parallel-segmentation apparatus
    copies  one transcription per copy: text/group/text[@corresp='#A']
"""

from __future__ import annotations

from lxml import etree

from tei_encoder.model import Collation, Document
from tei_encoder.tei.apparatus import ApparatusBuilder
from tei_encoder.tei.body import BodyBuilder
from tei_encoder.tei.header import build_header
from tei_encoder.tei.names import XML_ID, XML_NS, E

XSD_NS = "http://www.w3.org/2001/XMLSchema"
RNG_NS = "http://relaxng.org/ns/structure/1.0"
LAYOUTS = ("merged", "copies")


def build_document(document: Document, collation: Collation | None = None) -> etree._ElementTree:
    """The per-copy form, or the merged form when a collation of the copies is given."""
    if collation is None:
        text = E.text(_group(document))
    elif len(document.witnesses) == 1:
        text = E.text(BodyBuilder().body(document.witnesses[0].items))  # one copy: no apparatus
    else:
        text = E.text(ApparatusBuilder(collation).body())
    root = E.TEI(build_header(document, merged=collation is not None), text)
    root.set(f"{{{XML_NS}}}lang", "en")
    tree = etree.ElementTree(root)
    meta = document.metadata
    for href, kind in ((meta.rng_href, RNG_NS), (meta.schema_href, XSD_NS)):
        pi = etree.ProcessingInstruction(
            "xml-model", f'href="{href}" type="application/xml" schematypens="{kind}"')
        root.addprevious(pi)
    return tree


def _group(document: Document) -> etree._Element:
    group = E.group()
    for witness in document.witnesses:
        text = E.text(BodyBuilder().body(witness.items), corresp=f"#{witness.sigil}")
        text.set(XML_ID, f"text-{witness.sigil}")
        group.append(text)
    return group
