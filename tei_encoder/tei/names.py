"""The TEI namespace and the one ElementMaker every builder uses."""

from lxml.builder import ElementMaker

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"

E = ElementMaker(namespace=TEI_NS, nsmap={None: TEI_NS})


def tei(name: str) -> str:
    return f"{{{TEI_NS}}}{name}"


# The xml:id of tei-encoder's appInfo/application: what its corrections and chosen
# readings point at in @resp.
RESP = "tei-encoder"
