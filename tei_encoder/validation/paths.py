"""Readable paths to elements, for every problem a check reports.

`/TEI/text/body/div[1]/p[3]/pb[1]` says where a problem is; libxml2's own paths
(`/*/*[2]/*/*/*[14]`) and xmlschema's (no positions) do not. A step is the element's
local name (with its prefix when it is not in the TEI namespace: `xi:include`), and a
position among the siblings of that name when there is more than one of them, or on the
last step, so the path names one element and reads like the document.
"""

from __future__ import annotations

from lxml import etree

from tei_encoder.tei.names import TEI_NS

# Prefixes for namespaces a TEI file commonly mixes in; others keep the document's own.
_KNOWN_PREFIXES = {"http://www.w3.org/2001/XInclude": "xi", "http://www.w3.org/1998/Math/MathML": "mml",
                   "http://www.w3.org/2000/svg": "svg", "http://www.tei-c.org/ns/Examples": "egXML"}


def readable_path(element: etree._Element) -> str:
    steps = []
    node = element
    while node is not None:
        steps.append(_step(node, last=node is element))
        node = node.getparent()
    return "/" + "/".join(reversed(steps))


def _step(element: etree._Element, last: bool) -> str:
    name = _name(element)
    parent = element.getparent()
    if parent is None:
        return name
    same = [sibling for sibling in parent if sibling.tag == element.tag]
    if len(same) > 1 or last:
        return f"{name}[{same.index(element) + 1}]"
    return name


def _name(element: etree._Element) -> str:
    if not isinstance(element.tag, str):
        return "node()"
    qname = etree.QName(element)
    if qname.namespace in (None, TEI_NS):
        return qname.localname
    prefix = _KNOWN_PREFIXES.get(qname.namespace) or element.prefix or "ns"
    return f"{prefix}:{qname.localname}"


def readable_libxml2_path(tree: etree._ElementTree, path: str | None) -> str:
    """libxml2's XPath of an error (`/*/*[2]/*`), as a readable path; the path itself
    when it names no single element of this tree."""
    if not path:
        return ""
    try:
        found = tree.xpath(path)
    except etree.XPathError:  # a step with a prefix the tree does not declare
        return path
    if len(found) == 1 and isinstance(found[0], etree._Element):
        return readable_path(found[0])
    return path
