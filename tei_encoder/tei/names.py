"""The TEI namespace and the one ElementMaker every builder uses."""

from functools import cache

from lxml import etree
from lxml.builder import ElementMaker

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"


class _Maker:
    """lxml's ElementMaker for the TEI namespace (E.p("text", E.hi(...), n="1")), with its
    common calls made directly: text and element children, string attributes. A memo's
    TEI is hundreds of elements, and ElementMaker builds a partial for each E.name and
    looks up a handler for each child. Anything else (a dict of attributes among the
    children, a value that is no string) is ElementMaker's, unchanged."""

    def __init__(self, namespace: str):
        self._namespace = f"{{{namespace}}}"
        self._nsmap = {None: namespace}
        self._lxml = ElementMaker(namespace=namespace, nsmap=self._nsmap)

    def __call__(self, tag: str, *children, **attrib) -> etree._Element:
        return self._make(tag if tag[:1] == "{" else self._namespace + tag, children, attrib)

    def __getattr__(self, name: str):
        """E.name: a maker of that element (kept: __getattr__ is asked once a name)."""
        if name.startswith("__"):
            raise AttributeError(name)
        tag = self._namespace + name

        def make(*children, **attrib) -> etree._Element:
            return self._make(tag, children, attrib)

        setattr(self, name, make)
        return make

    def _make(self, tag: str, children: tuple, attrib: dict) -> etree._Element:
        for value in attrib.values():
            if type(value) is not str:
                return self._lxml(tag, *children, **attrib)
        for child in children:
            if type(child) is not str and not isinstance(child, etree._Element):
                return self._lxml(tag, *children, **attrib)
        element = etree.Element(tag, attrib, self._nsmap)
        for child in children:
            if type(child) is not str:
                element.append(child)
            elif len(element):  # ElementMaker's add_text: the text, or the last child's tail
                last = element[-1]
                last.tail = (last.tail or "") + child
            else:
                element.text = (element.text or "") + child
        return element


E = _Maker(TEI_NS)


def sub(parent: etree._Element, name: str, text: str | None = None, **attrib: str) -> etree._Element:
    """A new TEI element `name` made in its parent, after its last child (lxml's
    SubElement: E's element and parent.append in one C call, where a memo builds hundreds:
    readings, corrections, labels, line breaks), with its text and string attributes.
    The namespace is the parent's (declared once, at the root), as for an appended E."""
    element = etree.SubElement(parent, tei(name), attrib)
    if text is not None:
        element.text = text
    return element


@cache  # a pure function of a few dozen names, asked hundreds of times a memo (sub)
def tei(name: str) -> str:
    """The TEI element `name` in Clark notation, "{namespace}name"."""
    return f"{{{TEI_NS}}}{name}"


# The xml:id of tei-encoder's appInfo/application: what its corrections and chosen
# readings point at in @resp.
RESP = "tei-encoder"
