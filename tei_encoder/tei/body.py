"""A copy's items -> TEI body elements: divs, blocks, furniture, inline markup.

Divisions follow TEI's content model for div: the top (opener, head), then paragraphs,
then the closer. Where a copy has more than one such run (an archival form page before
the memo, a side heading after paragraphs) a new div begins, so that every order the
OCR gives stays valid.
"""

from __future__ import annotations

import re

from lxml import etree

from tei_encoder.analyse.confidence import text_of
from tei_encoder.model import (
    Block,
    Correction,
    DateText,
    Furniture,
    Label,
    MarginNote,
    Noise,
    PageBreak,
    Redaction,
    Stamp,
    Surplus,
    Text,
    TextLine,
    Unclear,
    Underline,
)
from tei_encoder.tei.names import RESP, E, sub

_WORD = re.compile(r"\S+")
# The one table of where each kind of block may stand in a div (TEI: opener parts and
# heads first, then paragraphs and forms, then the closer) and which group element
# holds it. The per-copy body and the merged apparatus both split divs by it.
BLOCK_ORDER = {"head": 0, "dateline": 0, "opener": 0, "p": 1, "form": 1, "closer": 2}
BLOCK_GROUP = {"dateline": "opener", "opener": "opener", "closer": "closer"}
_PHRASE_GROUPS = {E.opener().tag, E.closer().tag}


class BodyBuilder:
    """Builds the body of one copy. edref is set where one copy's layout sits in a
    text shared by several (the merged form); None in a per-copy transcription."""

    def __init__(self, edref: str | None = None, links=None):
        self.edref = edref
        # The copy's facsimile (tei.facsimile.WitnessFacsimile) when it was read from an
        # OCR engine's output: pb and lb then point at their surface and zone.
        self.links = links

    # --- structure ------------------------------------------------------------------

    def body(self, items: tuple) -> etree._Element:
        body = E.body()
        for div_items in _divisions(items):
            body.append(self._div(div_items))
        separate_furniture(body)
        return body

    def _div(self, items: list) -> etree._Element:
        div = E.div()
        if not any(isinstance(i, Block) and i.kind == "p" for i in items):
            return self._anonymous_div(div, items)
        group, group_kind, buffer = None, None, []
        for item in items:
            if not isinstance(item, Block):
                buffer.append(item)
                continue
            kind = BLOCK_GROUP.get(item.kind)
            if group is not None and kind == group_kind:
                self._extend(group, buffer)
            else:
                self._extend(div, buffer)
                group, group_kind = (E(kind), kind) if kind else (None, None)
                if group is not None:
                    div.append(group)
            buffer = []
            (group if group is not None else div).append(self._block(item))
        self._extend(div, buffer)
        return div

    def _anonymous_div(self, div: etree._Element, items: list) -> etree._Element:
        """TEI wants a paragraph in every div. Where the OCR gives a run with none (a
        closing line alone, headings at the end), each block is an ab typed with what
        it was taken for; furniture with no block at all goes into one ab."""
        if not any(isinstance(i, Block) for i in items):
            ab = E.ab(type="layout")
            self.content(ab, tuple(items))
            div.append(ab)
            return div
        for item in items:
            if isinstance(item, Block):
                ab = E.ab(type=item.role or item.kind)
                self.content(ab, item.content)
                div.append(ab)
            else:
                div.append(self.layout(item, phrase=False))
        return div

    def _extend(self, parent: etree._Element, layout: list) -> None:
        phrase = parent.tag in _PHRASE_GROUPS  # an opener or closer takes phrases, not blocks
        for item in layout:
            parent.append(self.layout(item, phrase=phrase))

    # --- blocks ---------------------------------------------------------------------

    def block_in_reading(self, block: Block) -> etree._Element:
        """A whole block inside an apparatus reading, which takes paragraphs but not
        heads, openers or closers: those become an ab typed with what they are."""
        element = paragraph(block.n) if block.kind == "p" else E.ab(type=block.role or block.kind)
        self.content(element, block.content)
        return element

    def _block(self, block: Block) -> etree._Element:
        element = block_element(block.kind, block.role, block.n)
        self.content(element, block.content)
        return element

    def content(self, element: etree._Element, content: tuple) -> None:
        """Lines with lb between them, and the furniture that falls inside the block.

        A newline goes before each lb, pb, fw and line after furniture, so that a
        consumer that only reads text nodes still sees the words apart; TEI treats it
        as a space.
        """
        after_line = False
        for part in content:
            if len(element) or element.text:
                append_text(element, "\n")
            if isinstance(part, TextLine):
                parts = part.parts
                zone = self.links.line(part.number) if self.links is not None else None
                held = underline_before(element) if after_line and parts and _continues(parts[0]) else None
                if held is not None:  # an underline over a line break: the hi holds the lb
                    append_text(held, "\n")
                    if zone is not None:
                        sub(held, "lb", facs=zone)
                    else:
                        sub(held, "lb")
                    for inline in parts[0].parts:
                        append_inline(held, inline)
                    parts = parts[1:]
                elif zone is not None:  # every line's start, the block's first too, points at its zone
                    sub(element, "lb", facs=zone)
                elif after_line:
                    sub(element, "lb")
                words = self.links.words(part.number) if self.links is not None else None
                if words is not None and parts is part.parts:
                    append_words(element, parts, words)
                else:
                    for inline in parts:
                        append_inline(element, inline)
                after_line = True
            else:
                element.append(self.layout(part, phrase=True))
                after_line = False

    # --- furniture ------------------------------------------------------------------

    def layout(self, item, phrase: bool) -> etree._Element:
        if isinstance(item, PageBreak):
            return self._edref(self.page_break(item))
        if isinstance(item, Furniture):
            return self.furniture(item)
        if isinstance(item, Noise):
            # Between blocks, in a note (allowed anywhere in a div, as gap is): gap would
            # say text was left out, and clients print it as "[...]"; an ab may not stand
            # before a head or after a closer. The noise is kept, as unclear text.
            noise = E.unclear(item.text, reason="noise")
            return self._facs(noise if phrase else E.note(noise, type="noise"), item.line)
        if isinstance(item, Stamp):
            return self.stamp(item)
        if isinstance(item, MarginNote):
            return self._facs(E.note(item.text, type="marginal", place="margin"), item.line)
        raise TypeError(f"no TEI form for {type(item).__name__}")  # never drop silently

    def page_break(self, item: PageBreak) -> etree._Element:
        element = E.pb(n=item.n)
        surface = self.links.page(item.line) if self.links is not None else None
        if surface is not None:
            element.set("facs", surface)
        return element

    def furniture(self, item: Furniture) -> etree._Element:
        element = E.fw(type=item.kind, place=item.place)
        if item.run_in:  # on the OCR's line, after its text: the copy rebuilds with it there
            element.set("rend", "run-in")
        if item.correction:
            element.append(E.choice(E.sic(item.text), E.corr(item.correction)))
        else:
            element.text = item.text
        if item.noise:
            append_text(element, " ")
            element.append(E.unclear(item.noise, reason="noise"))
        return self._facs(element, item.line)

    def _facs(self, element: etree._Element, line: int) -> etree._Element:
        """A line that is furniture or noise points at its zone, as a text line's lb does."""
        zone = self.links.line(line) if self.links is not None else None
        if zone is not None:
            element.set("facs", zone)
        return element

    def stamp(self, item: Stamp) -> etree._Element:
        note = E.note(type="stamp", place=item.place)
        for index, row in enumerate(item.rows):
            number = item.row_lines[index] if index < len(item.row_lines) else None
            zone = self.links.line(number) if self.links is not None and number is not None else None
            if zone is not None:
                note.append(E.lb(facs=zone))
            elif index:
                note.append(E.lb())
            words: list[str] = []
            cells: list[etree._Element] = []
            for cell in row + (None,):
                if isinstance(cell, str):
                    words.append(cell)
                    continue
                if words:
                    cells.append(E.stamp(" ".join(words), type=item.kind))
                    words = []
                if cell is not None:
                    cells.append(self.furniture(cell))
            for previous in cells[:-1]:  # the row's cells were apart (tabs): a space between them
                previous.tail = " "
            note.extend(cells)
        return note

    def _edref(self, element: etree._Element) -> etree._Element:
        if self.edref:
            element.set("edRef", f"#{self.edref}")
        return element


def block_element(kind: str, role: str | None, n: str | None) -> etree._Element:
    """The empty element for a block: p, head, dateline, ab for a release form, or a
    part of an opener or closer (seg typed with its role, signed, salute)."""
    if kind == "p":
        return paragraph(n)
    if kind == "form":  # an archive's release form before the memo: not the memo's own text
        return E.ab(type=role or kind)
    if kind in ("head", "dateline"):
        return E(kind)
    if kind == "closer" and role in ("signed", "salute"):
        return E(role)
    return E.seg(type=role)


def separate_furniture(body: etree._Element) -> None:
    """An lb between two fw that follow each other between blocks (a page's top lines:
    "01169", "1962/11/13"): each is a line of its own, and a client that drops the
    whitespace between a div's children and prints fw as bare text (the TEI Consortium's
    Stylesheets) would run them together ("011691962/11/13"). The lb starts the second
    fw's line, which the fw does anyway, so every copy's lines are rebuilt unchanged."""
    for fw in list(body.iter(_FW)):
        previous = fw.getprevious()
        if (previous is not None and previous.tag == _FW and fw.getparent().tag == _DIV
                and not (previous.tail or "").strip()):
            fw.addprevious(E.lb())


_FW, _DIV, _HI = E.fw().tag, E.div().tag, E.hi().tag


def paragraph(n: str | None) -> etree._Element:
    return E.p(n=n) if n else E.p()


def _divisions(items: tuple) -> list[list]:
    """Split the items where the next block could not follow in the same div."""
    divisions: list[list] = [[]]
    state = 0
    for item in items:
        if isinstance(item, Block):
            order = BLOCK_ORDER[item.kind]
            if order < state:
                divisions.append([])
            state = order
        divisions[-1].append(item)
    return [d for d in divisions if d]


def append_inline(parent: etree._Element, inline) -> None:
    if isinstance(inline, Text):
        append_text(parent, inline.text)
    elif isinstance(inline, Label):
        sub(parent, "label", inline.text)
    elif isinstance(inline, Underline):
        element = _open_underline(parent)
        for part in inline.parts:
            append_inline(element, part)
    elif isinstance(inline, Surplus):
        sub(parent, "surplus", inline.text, reason="repeated")
    elif isinstance(inline, Unclear):
        attributes = {"reason": inline.reason}
        if inline.reason == "illegible":
            attributes["cert"] = inline.cert or "low"
        sub(parent, "unclear", inline.text, **attributes)
    elif isinstance(inline, Correction):
        choice = sub(parent, "choice")
        sub(choice, "sic", inline.text)
        sub(choice, "corr", inline.corr, cert=inline.cert, resp=f"#{RESP}")
    elif isinstance(inline, DateText):
        date = sub(parent, "date", when=inline.when) if inline.when else sub(parent, "date")
        if inline.parts:  # a corrected month name: choice/sic/corr inside the date
            for part in inline.parts:
                append_inline(date, part)
        else:
            date.text = inline.text
    elif isinstance(inline, Redaction):
        append_redaction(parent, inline)
    else:
        raise TypeError(f"no TEI form for {type(inline).__name__}")


def append_words(parent: etree._Element, parts: tuple, zones: tuple[str | None, ...]) -> None:
    """A line's parts with each word of its plain text a w[@facs] pointing at the word's
    zone (and a one-word unclear taking the @facs itself). Where the parts do not spell
    the engine's words (markup the analysis added changes nothing, but a different
    text would), the line is written without word links."""
    texts = [text_of(part) for part in parts]
    joined = "".join(texts)
    spans = list(_WORD.finditer(joined))
    if len(spans) != len(zones):
        for inline in parts:
            append_inline(parent, inline)
        return
    owner = [0] * len(joined)
    for index, match in enumerate(spans):
        owner[match.start():match.end()] = [index] * (match.end() - match.start())
    offset = 0
    for part, text in zip(parts, texts):
        if isinstance(part, Text):
            position = 0
            for match in _WORD.finditer(text):
                zone = zones[owner[offset + match.start()]]
                if zone is None:
                    continue
                append_text(parent, text[position:match.start()])
                parent.append(E.w(match.group(), facs=zone))
                position = match.end()
            append_text(parent, text[position:])
        else:
            append_inline(parent, part)
            zone = zones[owner[offset]] if text.strip() and len(text.split()) == 1 else None
            if isinstance(part, Unclear) and zone is not None and text[:1].strip():
                parent[-1].set("facs", zone)
        offset += len(text)


_SUBTYPE = {"excision": "statement", "exemption": "exemption", "name": "name"}


def append_redaction(parent: etree._Element, redaction: Redaction) -> None:
    """Text withheld at release, its OCR characters kept: a typed statement, an
    exemption code or a title whose name was cut is seg[@type="excision"] (@subtype
    statement, exemption or name; the codes in @n; the pieces of a statement split over
    a line break @part I and F); a blacked-out run read as junk is unclear[@reason="redacted"]."""
    if redaction.kind == "blackout":
        parent.append(E.unclear(redaction.text, reason="redacted"))
        return
    seg = E.seg(type="excision", subtype=_SUBTYPE[redaction.kind])
    if redaction.code:
        seg.set("n", redaction.code)
    if redaction.part:
        seg.set("part", redaction.part)
    for part in redaction.parts:
        append_inline(seg, part)
    parent.append(seg)


def _continues(inline) -> bool:
    return isinstance(inline, Underline) and inline.continues


def underline_before(element: etree._Element) -> etree._Element | None:
    """The underline the last line ended in, if nothing but white space follows it (its
    tail dropped: the caller writes the line break into it)."""
    last = element[-1] if len(element) else None
    if last is None or last.tag != _HI or last.get("rend") != "underline" or (last.tail or "").strip():
        return None
    last.tail = None
    return last


def _open_underline(parent: etree._Element) -> etree._Element:
    """The hi to write underlined words into: the one just written when only a space
    stands between (words of one span, cut apart by alignment), else a new one."""
    last = parent[-1] if len(parent) else None
    if last is not None and last.tag == _HI and last.get("rend") == "underline" and last.tail == " ":
        last.tail = None
        append_text(last, " ")
        return last
    return sub(parent, "hi", rend="underline")


def append_text(parent: etree._Element, text: str) -> None:
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
