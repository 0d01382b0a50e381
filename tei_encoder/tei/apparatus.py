"""A Collation -> the body of the merged form: parallel segmentation.

Text the copies share is written once; each Variant is an app with one rdg per group
of copies (an empty rdg for copies that lack the text). Page breaks of one copy are
pb[@edRef]; line breaks that not every copy of the context has are lb[@edRef]; other
furniture of one copy sits in a one-reading app[@type='layout']. A rebuilt copy takes
every rdg that names it and skips every rdg and edRef'd element that does not.
"""

from __future__ import annotations

from lxml import etree

from tei_encoder.model import (
    Block,
    BlockBreak,
    BlockVariant,
    Collation,
    LineStart,
    MergedBlock,
    PageBreak,
    Placed,
    Shared,
    Surplus,
    Text,
    Unclear,
    Underline,
    Variant,
)
from tei_encoder.reading.emend import emendation
from tei_encoder.tei.body import (
    BLOCK_GROUP,
    BLOCK_ORDER,
    BodyBuilder,
    append_inline,
    append_text,
    block_element,
    underline_before,
)
from tei_encoder.tei.hoist import lift_shared_element, take_common_start
from tei_encoder.tei.names import RESP, E, sub


def refs(sigils) -> str:
    return " ".join(f"#{s}" for s in sigils)


class ApparatusBuilder:
    def __init__(self, collation: Collation, facsimiles: dict | None = None):
        self.sigils = collation.sigils
        self.collation = collation
        # Each copy's facsimile (tei.facsimile), by sigil: its pb and its whole blocks link to it.
        self.facsimiles = facsimiles or {}

    def body(self) -> etree._Element:
        body = E.body()
        for items in _divisions(self.collation.items):
            body.append(self._div(items))
        return body

    # --- divisions and blocks -----------------------------------------------------

    def _div(self, items: list) -> etree._Element:
        """As in a per-copy div: top, paragraphs, bottom; opener and closer parts
        grouped. A div with no shared paragraph writes its shared blocks as ab."""
        div = E.div()
        anonymous = not any(isinstance(i, MergedBlock) and i.kind == "p" for i in items)
        group, group_kind, buffer = None, None, []
        for item in items:
            if isinstance(item, Placed):
                buffer.append(item)
                continue
            kind = None if anonymous or isinstance(item, BlockVariant) else BLOCK_GROUP.get(item.kind)
            if group is None or kind != group_kind:
                self._extend(div, buffer)
                group, group_kind = (E(kind), kind) if kind else (None, None)
                if group is not None:
                    div.append(group)
            else:
                self._extend(group, buffer)
            buffer = []
            parent = group if group is not None else div
            if isinstance(item, BlockVariant):
                parent.append(self._block_variant(item))
            else:
                parent.append(self._merged_block(item, as_ab=anonymous))
        self._extend(div, buffer)
        return div

    def _extend(self, parent: etree._Element, placed: list[Placed]) -> None:
        phrase = parent.tag in _PHRASE_GROUPS  # these take phrases, not blocks
        for item in placed:
            parent.append(self._placed(item, self.sigils, phrase=phrase))

    def _merged_block(self, block: MergedBlock, as_ab: bool = False) -> etree._Element:
        if as_ab and block.kind != "p":
            element = E.ab(type=block.role or block.kind)
        else:
            element = block_element(block.kind, block.role, block.n)
        self._segments(element, block.content, block.sigils)
        return element

    def _block_variant(self, variant: BlockVariant) -> etree._Element:
        app = E.app(type=variant.type)
        for index, reading in _lem_first(variant):
            rdg = self._rdg(app, reading.sigils, variant.cause, lem=index == variant.lem)
            for item in reading.items:
                if isinstance(item, Placed):
                    rdg.append(self._placed(item, reading.sigils, phrase=False))
                elif isinstance(item, MergedBlock):
                    rdg.append(self._merged_block(item, as_ab=True))
                elif isinstance(item, Block):
                    links = self.facsimiles.get(reading.sigils[0]) if len(reading.sigils) == 1 else None
                    rdg.append(BodyBuilder(edref=reading.sigils[0], links=links).block_in_reading(item))
                else:
                    raise TypeError(f"no TEI form for {type(item).__name__} in a reading")
        return lift_shared_element(app)

    def _rdg(self, app: etree._Element, sigils, cause: str | None = None, lem: bool = False) -> etree._Element:
        """A reading, the app's next; the preferred one (reading.choose) is the lem, with
        its copies in @wit like any reading, so that each copy is still rebuilt from @wit alone."""
        rdg = sub(app, "lem" if lem else "rdg", wit=refs(sigils))
        if cause:
            rdg.set("cause", cause)
        return rdg

    # --- inside a block -----------------------------------------------------------

    def _segments(self, parent: etree._Element, segments, context: tuple[str, ...]) -> None:
        # The words' text is kept in Python (pending) and handed to lxml in one piece
        # before the next child is appended (append_text: the parent's text, or its last
        # child's tail): a paragraph's words one by one would each read and rewrite the
        # whole string so far. started: does the parent hold anything yet (an element,
        # text, or pending text), kept here rather than asked of lxml at every word.
        pending: list[str] = []
        started = bool(len(parent) or parent.text)
        for segment in segments:
            if isinstance(segment, Shared):
                zones = self._zones(segment) if segment.starts else _NO_ZONES  # most words start no line
                if segment.breaks or zones:
                    # a line break; or, for OCR engine input, a line's start at a block's
                    # start too, pointing at each copy's zone for the line
                    owners = segment.breaks or tuple(sigil for sigil, _ in segment.starts)
                    lb = {}  # the lb's attributes: it is made where it goes, once the text before it is written
                    if set(owners) != set(context):
                        lb["edRef"] = refs(owners)
                    if zones:
                        lb["facs"] = " ".join(zones)
                    # the parent as written so far: is its last child an open underline?
                    pending = _flush(parent, pending)
                    held = _held_underline(parent, segment)
                    if held is not None:  # an underline over a line break: one hi holds the lb
                        append_text(held, "\n")
                        sub(held, "lb", **lb)
                        first, *rest = segment.token.parts
                        for part in first.parts:
                            append_inline(held, part)
                        for part in rest:
                            append_inline(parent, part)
                        started = True
                        continue
                    if started:
                        pending.append("\n")
                    pending = _flush(parent, pending)
                    sub(parent, "lb", **lb)
                    started = True
                elif started:
                    pending.append(" ")
                for part in segment.token.parts:
                    if type(part) is Text:
                        pending.append(part.text)
                        started = started or bool(part.text)
                    else:
                        pending = _flush(parent, pending)
                        append_inline(parent, part)
                        started = True
            elif isinstance(segment, Placed):
                if started:  # a newline before what breaks the line, else a space
                    pending.append(" " if isinstance(segment.item, (Surplus, Unclear)) else "\n")
                pending = _flush(parent, pending)
                parent.append(self._placed(segment, context, phrase=True))
                started = True
            elif isinstance(segment, Variant):
                app = self._variant(segment)
                common = take_common_start(app) if app.tag == _APP else []
                if started:  # a newline before a line break every reading starts with
                    pending.append("\n" if common and common[0].tag == _LB else " ")
                pending = _flush(parent, pending)
                parent.extend(common)
                parent.append(app)
                started = True
            else:
                raise TypeError(f"no TEI form for {type(segment).__name__}")
        _flush(parent, pending)

    def _variant(self, variant: Variant) -> etree._Element:
        app = E.app(type=variant.type)
        emended = emendation(variant)
        if emended is not None:  # no copy reads the lem: an emendation, every copy a rdg
            words, cert = emended
            self._segments(sub(app, "lem", resp=f"#{RESP}", cert=cert), words, ())
        readings = enumerate(variant.readings) if emended is not None else _lem_first(variant)
        for index, reading in readings:
            rdg = self._rdg(app, reading.sigils, variant.cause, lem=emended is None and index == variant.lem)
            self._segments(rdg, reading.content, reading.sigils)
        return lift_shared_element(app)

    def _zones(self, segment: Shared) -> list[str]:
        """The zones of the lines the copies start at this word (OCR engine input only)."""
        zones = []
        for sigil, line in segment.starts:
            links = self.facsimiles.get(sigil)
            zone = links.line(line) if links is not None else None
            if zone is not None:
                zones.append(zone)
        return zones

    def _placed(self, placed: Placed, context: tuple[str, ...], phrase: bool) -> etree._Element:
        """One copy's own item. A page break says whose it is (edRef); anything else is
        bare in a context of that copy alone, else in a one-reading app."""
        item, sigil = placed.item, placed.sigil
        if isinstance(item, PageBreak):
            element = BodyBuilder(links=self.facsimiles.get(sigil)).page_break(item)
            if len(self.sigils) > 1:
                element.set("edRef", f"#{sigil}")
            return element
        if isinstance(item, LineStart):  # this copy's line break before what it set aside
            element = E.lb()
            if tuple(context) != (sigil,):
                element.set("edRef", f"#{sigil}")
            links = self.facsimiles.get(sigil)
            zone = links.line(item.line) if links is not None and item.line else None
            if zone is not None:
                element.set("facs", zone)
            return element
        if isinstance(item, BlockBreak):  # a block of this copy starts here
            element = E.milestone(unit="block", type=item.role or item.kind, edRef=f"#{sigil}")
            if item.n:
                element.set("n", item.n)
            return element
        if isinstance(item, Surplus):
            element, kind = E.surplus(item.text, reason="repeated"), "ocr"
        elif isinstance(item, Unclear):
            element, kind = E.unclear(item.text, reason=item.reason), "layout"
        else:
            element, kind = BodyBuilder(links=self.facsimiles.get(sigil)).layout(item, phrase), "layout"
        if tuple(context) == (sigil,):
            return element
        app = E.app(type=kind)
        if kind == "ocr":  # an OCR repetition: the other copies explicitly lack it, and read right
            self._rdg(app, tuple(s for s in context if s != sigil), lem=True)
        self._rdg(app, (sigil,)).append(element)
        return app


def _held_underline(parent: etree._Element, segment: Shared) -> etree._Element | None:
    """The hi the line before ended in, when this word's underline goes on from it in
    every copy that breaks the line here (Token.held), as in the per-copy form."""
    parts = segment.token.parts
    if not (segment.breaks and segment.token.held and parts and isinstance(parts[0], Underline)):
        return None
    return underline_before(parent)


def _flush(parent: etree._Element, pending: list[str]) -> list[str]:
    """Hand the pending pieces of text to lxml (none pending: nothing is touched); the
    empty list of pieces to go on with."""
    if pending:
        append_text(parent, "".join(pending))
        return []
    return pending


_APP, _LB = E.app().tag, E.lb().tag
_PHRASE_GROUPS = (E.opener().tag, E.closer().tag)
_NO_ZONES: tuple[str, ...] = ()


def _lem_first(variant) -> list[tuple[int, object]]:
    """The readings with their index, the lem first (TEI: lem before rdg), the others in
    witness order."""
    readings = list(enumerate(variant.readings))
    if variant.lem is not None:
        readings.insert(0, readings.pop(variant.lem))
    return readings


def _divisions(items: tuple) -> list[list]:
    """Split where the next shared block could not follow in the same div. Block
    variants and one copy's layout fit anywhere (app is allowed throughout a div), but
    a div needs one shared block: a run without one joins its neighbour."""
    divisions: list[list] = [[]]
    state = 0
    for item in items:
        if isinstance(item, MergedBlock):
            order = BLOCK_ORDER[item.kind]
            if order < state and any(isinstance(i, MergedBlock) for i in divisions[-1]):
                divisions.append([])
            state = order
        divisions[-1].append(item)
    return [d for d in divisions if d]
