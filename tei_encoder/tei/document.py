"""The whole TEI document for the per-copy form: header, then one transcription per copy."""

from __future__ import annotations

from lxml import etree

from tei_encoder.model import Document
from tei_encoder.tei.body import BodyBuilder
from tei_encoder.tei.header import build_header
from tei_encoder.tei.names import E, XML_ID

XSD_NS = "http://www.w3.org/2001/XMLSchema"
RNG_NS = "http://relaxng.org/ns/structure/1.0"


def build_document(document: Document) -> etree._ElementTree:
    """One transcription per copy: text/group/text[@corresp='#A']."""
    group = E.group()
    for witness in document.witnesses:
        text = E.text(BodyBuilder().body(witness.items), corresp=f"#{witness.sigil}")
        text.set(XML_ID, f"text-{witness.sigil}")
        group.append(text)
    root = E.TEI(build_header(document), E.text(group))
    root.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
    tree = etree.ElementTree(root)
    meta = document.metadata
    for href, kind in ((meta.rng_href, RNG_NS), (meta.schema_href, XSD_NS)):
        pi = etree.ProcessingInstruction(
            "xml-model", f'href="{href}" type="application/xml" schematypens="{kind}"')
        root.addprevious(pi)
    return tree
