"""The facsimile: each copy's page images and where each line stands on them.

For input read from an OCR engine's hOCR, ALTO or PAGE XML (a Source with a Layout):

    <facsimile xml:id="facs-A" corresp="#A">          one per copy (its own surfaces)
      <surface xml:id="facs-A-p1" n="1" ulx="0" uly="0" lrx="850" lry="1100"
               sameAs="CANVAS">                       (sameAs: with a IIIF manifest)
        <graphic url="page1.png" width="850px" height="1100px"/>
        <zone xml:id="facs-A-p1-l1" type="line" ulx=".." uly=".." lrx=".." lry=".."/>
        <zone xml:id="facs-A-p1-l1-w1" type="word" .../>   (--zones words)

and in the text pb/@facs points at its page's surface, lb/@facs at its line's zone
(with --zones words, each word of a body line is also w[@facs] to its word zone).
Coordinates are the OCR file's (pixels of the page image the engine read); a box the
engine put partly outside its page is clipped to the page, so every zone lies inside
its surface. Nothing here is written for text input.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from lxml import etree

from tei_encoder.model import Box, Document, FacsimileOptions, LineLayout, PageLayout, Source, Witness
from tei_encoder.tei.names import XML_ID, E

_NAME = re.compile(r"[^\w.-]+")
# TEI's teidata.versionNumber: application/@version must match it.
_VERSION = re.compile(r"\d+[a-z]*\d*(\.\d+[a-z]*\d*){0,3}")


@dataclass(frozen=True, slots=True)
class PageRef:
    """A page of one copy: its surface's id and its layout."""

    id: str
    n: int
    page: PageLayout
    lines: tuple[LineLayout, ...]


class WitnessFacsimile:
    """One copy's surfaces and zones, and the links the text takes from them."""

    def __init__(self, witness: Witness, source: Source, first_page: int, options: FacsimileOptions):
        self.sigil = witness.sigil
        self.options = options
        self.first_page = first_page  # this copy's first page among all pages of the document
        layout = source.layout
        own = [line for line in layout.lines if witness.first_line <= line.number <= witness.last_line]
        indexes = sorted({line.page for line in own})
        self.pages = tuple(PageRef(f"facs-{self.sigil}-p{n}", n, layout.pages[index],
                                   tuple(line for line in own if line.page == index))
                           for n, index in enumerate(indexes, start=1))
        self._zones: dict[int, str] = {}
        self._surfaces: dict[int, str] = {}
        self._lines: dict[int, LineLayout] = {}
        for page in self.pages:
            for count, line in enumerate(page.lines, start=1):
                self._zones[line.number] = f"{page.id}-l{count}"
                self._surfaces[line.number] = page.id
                self._lines[line.number] = line

    def line(self, number: int) -> str | None:
        """The zone of the line with this line number, as a pointer."""
        zone = self._zones.get(number)
        return f"#{zone}" if zone else None

    def words(self, number: int) -> tuple[str | None, ...] | None:
        """With --zones words: the zone of each word of the line (None for a word the
        engine gave no box), as pointers; else None."""
        if self.options.zones != "words" or number not in self._lines:
            return None
        zone = self._zones[number]
        return tuple(f"#{zone}-w{index}" if word.box is not None else None
                     for index, word in enumerate(self._lines[number].words, start=1))

    def page(self, number: int) -> str | None:
        """The surface of the page the line with this number (or the next line that has a
        zone: a page break stands on the line that opens its page) is on."""
        if number in self._surfaces:
            return f"#{self._surfaces[number]}"
        following = [n for n in self._surfaces if n >= number]
        return f"#{self._surfaces[min(following)]}" if following else None

    def element(self) -> etree._Element:
        facsimile = E.facsimile(corresp=f"#{self.sigil}")
        facsimile.set(XML_ID, f"facs-{self.sigil}")
        for page in self.pages:
            facsimile.append(self._surface(page))
        return facsimile

    def _surface(self, ref: PageRef) -> etree._Element:
        page = ref.page
        surface = E.surface(n=str(ref.n), ulx="0", uly="0", lrx=str(page.width), lry=str(page.height))
        surface.set(XML_ID, ref.id)
        global_index = self.first_page + ref.n - 1
        canvas = self.options.canvases[global_index] if global_index < len(self.options.canvases) else None
        if canvas is not None:
            surface.set("sameAs", canvas.id)
        url = canvas.image if canvas is not None and canvas.image else image_url(page, global_index, self.options)
        if url and page.unit == "pixel":
            surface.append(E.graphic(url=url, width=f"{page.width}px", height=f"{page.height}px"))
        elif url:  # the surface measures in the OCR file's own unit (readers.units): the pixel size is unknown
            surface.append(E.graphic(url=url))
        bounds = Box(0, 0, page.width, page.height)
        for count, line in enumerate(ref.lines, start=1):
            zone_id = f"{ref.id}-l{count}"
            if line.box is not None:
                surface.append(_zone(zone_id, "line", clip(line.box, bounds)))
            else:  # a line the engine gave no box: a zone still, for its lb to point at, spanning the page
                surface.append(_zone(zone_id, "line", bounds))
            if self.options.zones == "words":
                for number, word in enumerate(line.words, start=1):
                    if word.box is not None:
                        surface.append(_zone(f"{zone_id}-w{number}", "word", clip(word.box, bounds)))
        return surface


def _zone(zone_id: str, kind: str, box: Box) -> etree._Element:
    zone = E.zone(type=kind, ulx=str(box.ulx), uly=str(box.uly), lrx=str(box.lrx), lry=str(box.lry))
    zone.set(XML_ID, zone_id)
    return zone


def clip(box: Box, bounds: Box) -> Box:
    ulx, uly = min(max(box.ulx, bounds.ulx), bounds.lrx), min(max(box.uly, bounds.uly), bounds.lry)
    return Box(ulx, uly, max(ulx, min(box.lrx, bounds.lrx)), max(uly, min(box.lry, bounds.lry)))


def image_url(page: PageLayout, index: int, options: FacsimileOptions) -> str | None:
    """The page image: the file the OCR names (looked up in --images DIR by its name),
    else the index-th image of DIR when DIR holds exactly one image per page."""
    if page.image:
        name = posixpath.basename(page.image.replace("\\", "/"))
        if options.image_dir:
            return posixpath.join(options.image_dir, name)
        return page.image
    if options.image_dir and options.image_files and index < len(options.image_files):
        return posixpath.join(options.image_dir, options.image_files[index])
    return None


def witness_facsimiles(document: Document, options: FacsimileOptions | None = None) -> dict[str, WitnessFacsimile]:
    """The facsimile of each copy read from an OCR engine's output, by sigil."""
    options = options or FacsimileOptions()
    by_path = {source.path: source for source in document.sources}
    found: dict[str, WitnessFacsimile] = {}
    pages_before = 0
    for witness in document.witnesses:
        source = by_path.get(witness.path)
        if source is None or source.layout is None:
            continue
        facsimile = WitnessFacsimile(witness, source, pages_before, options)
        if facsimile.pages:
            found[witness.sigil] = facsimile
            pages_before += len(facsimile.pages)
    return found


def ocr_applications(document: Document) -> list[etree._Element]:
    """appInfo/application for each OCR engine the input names with its version (TEI
    requires a version; an engine without one is named in the OCR respStmt only: ocr_resp_stmts)."""
    seen, applications = set(), []
    for source in document.sources:
        layout = source.layout
        if layout is None or not layout.engine or not layout.engine_version:
            continue
        version = _VERSION.match(layout.engine_version)
        if version is None or (layout.engine, version.group()) in seen:
            continue
        seen.add((layout.engine, version.group()))
        ident = _NAME.sub("-", layout.engine).strip("-")
        ident = ident if ident[:1].isalpha() or ident[:1] == "_" else f"ocr-{ident}"
        application = E.application(E.label(layout.engine), ident=ident, version=version.group(), type="ocr")
        if layout.date:
            application.set("when", layout.date)
        applications.append(application)
    return applications


def ocr_resp_stmts(document: Document) -> list[etree._Element]:
    """titleStmt/respStmt for each OCR engine the input names ("tesseract 5.3.0"): the
    header names the OCR only where the engine is known."""
    names = []
    for source in document.sources:
        layout = source.layout
        if layout is not None and layout.engine:
            name = " ".join(part for part in (layout.engine, layout.engine_version) if part)
            if name not in names:
                names.append(name)
    return [E.respStmt(E.resp("optical character recognition"), E.name(name)) for name in names]
