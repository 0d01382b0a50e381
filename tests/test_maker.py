"""tei.names.E builds its common elements without lxml's ElementMaker: the same trees."""

from __future__ import annotations

import pytest
from lxml import etree
from lxml.builder import ElementMaker

from tei_encoder.tei.names import TEI_NS, XML_ID, E

LXML = ElementMaker(namespace=TEI_NS, nsmap={None: TEI_NS})


def _built(maker) -> list[bytes]:
    """The same calls through a maker, serialised (each inside a parent, as the builders
    use them, and alone)."""
    calls = [
        maker.p(),
        maker.p("text"),
        maker.p("a ", maker.hi("b", rend="underline"), " c", " d", n="1"),
        maker.app(maker.lem("x", wit="#A"), maker.rdg(wit="#B"), type="ocr"),
        maker("div", maker.p("one"), "tail", maker.p("two"), type="top"),
        maker(f"{{{TEI_NS}}}ab", "already a Clark name"),
        maker.witness("Copy A", **{XML_ID: "A"}),
        maker.date("1962", {"from": "1962-01-01", "to": "1962-12-31"}),  # a dict of attributes: ElementMaker's
        maker.seg(etree.fromstring("<x xmlns='urn:other'>other namespace</x>"), "after"),
        maker.choice(maker.sic("Guba"), maker.corr("Cuba", cert="high", resp="#tei-encoder")),
    ]
    parent = maker.body()
    out = [etree.tostring(element) for element in calls]
    for element in calls:
        parent.append(element)
    return out + [etree.tostring(parent)]


def test_the_same_trees_as_element_maker():
    assert _built(E) == _built(LXML)


def test_the_same_refusals():
    """What ElementMaker refuses (an attribute that is no string, a child it has no
    handler for) is still refused by ElementMaker itself."""
    for call in (lambda m: m.p(n=1), lambda m: m.p(None)):
        with pytest.raises((KeyError, TypeError)) as ours:
            call(E)
        with pytest.raises((KeyError, TypeError)) as theirs:
            call(LXML)
        assert (type(ours.value), str(ours.value)) == (type(theirs.value), str(theirs.value))
