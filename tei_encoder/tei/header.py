"""The teiHeader: what the memo is, where each copy starts, how it was encoded.

What the input does not say comes from Metadata (options or a TOML file); where that
is empty too, the header says "unknown" in words, never a made-up value.
"""

from __future__ import annotations

import hashlib
import re

from lxml import etree

from tei_encoder import __version__
from tei_encoder.analyse.furniture import LEVELS
from tei_encoder.analyse.release import devised_title
from tei_encoder.model import Block, Document, Furniture, Stamp, TextLine, Witness
from tei_encoder.tei import release
from tei_encoder.tei.history import stamp_events
from tei_encoder.tei.listwit import build_list_wit
from tei_encoder.tei.names import RESP, XML_ID, E
from tei_encoder.tei.title import correct_slips

UNKNOWN = "unknown"
APPARATUS_NOTE = "apparatus-method"
READING_NOTE = "reading-method"
NO_CORRECTIONS = ("OCR errors are not corrected in the text. A mangled classification marking is given with "
                  "its standard form in choice/sic/corr.")
CORRECTIONS = ("OCR errors are kept as read. Where a word is no word (not in the bundled English word list, "
               "not in another copy, not seen twice in its copy) and lies at a small edit distance from a "
               "word of this memo or of the list (OCR confusions such as rn/m, e/c, l/1, O/0, h/b, G/C, N/M "
               "cost half an edit), it is given as choice/sic/corr, the correction with @cert and "
               "@resp pointing at tei-encoder's appInfo entry; figures, dates, names seen twice, stamps, "
               "page furniture and release forms are never corrected. A mangled classification marking is "
               "given with its standard form in choice/sic/corr.")


def build_header(document: Document, merged: bool = False, corrections: bool = False,
                 base: str | None = None) -> etree._Element:
    """merged: the apparatus form; corrections: OCR non-words were corrected
    (choice/sic/corr); base: the copy the reading text follows (merged form, 2+ copies)."""
    facts = Facts(document)
    return E.teiHeader(
        _file_desc(document, facts),
        _encoding_desc(facts, merged, corrections, base),
        _profile_desc(facts),
        _revision_desc(document),
    )


class Facts:
    """What the header reports, gathered once from the model."""

    def __init__(self, document: Document):
        self.document = document
        self.heads = [b for w in document.witnesses for b in _blocks(w) if b.kind == "head"]
        self.form = release.document_form(document)
        self.when = next((b.when for w in document.witnesses for b in _blocks(w)
                          if b.kind == "dateline" and b.when), None) or release.form_date(self.form)
        self.furniture = {w.sigil: _furniture(w) for w in document.witnesses}
        self.stamps = {w.sigil: [m for m in w.marks if m.kind == "stamp"] for w in document.witnesses}
        markings = {f.correction or f.text.upper() for fs in self.furniture.values() for f in fs
                    if f.kind == "classification"}
        standard = [m for m in markings if m in LEVELS]
        self.classification = max(standard, key=LEVELS.get) if standard else None
        archival = [f.text for f in self.furniture[document.witnesses[0].sigil] if f.kind == "archival"]
        self.control = next((a.strip("#() ") for a in archival if re.fullmatch(r"\W*[\d-]{4,}\W*", a)
                             and "/" not in a), None)

    def title(self) -> str:
        meta = self.document.metadata
        if meta.title:
            return meta.title
        subject = next((w.subject for w in self.document.witnesses if w.subject), None)
        if subject:
            return correct_slips(subject, self.document)
        form_title = self.form.get("TITLE") if self.form else None
        if form_title:
            return form_title
        devised = devised_title(self.form)
        if devised:
            return devised
        if self.heads:
            return _text(self.heads[0])
        return f"Memorandum transcribed from {_name(self.document.sources[0].path)}"


def _file_desc(document: Document, facts: Facts) -> etree._Element:
    meta = document.metadata
    title_stmt = E.titleStmt(E.title(facts.title()))
    if meta.author:
        title_stmt.append(E.author(meta.author))
    title_stmt.append(E.respStmt(E.resp("TEI encoding"), E.name(f"tei-encoder {__version__}")))
    extent = E.extent()
    for witness in document.witnesses:
        pages = len(witness.pages)
        extent.append(E.measure(f"{pages} pages in copy {witness.sigil}", unit="page",
                                quantity=str(pages), corresp=f"#{witness.sigil}"))
    return E.fileDesc(
        title_stmt,
        E.editionStmt(E.edition(f"TEI P5 encoding made by tei-encoder {__version__} from OCR text")),
        extent,
        _publication_stmt(meta),
        E.notesStmt(E.note(_input_note(document), type="input")),
        E.sourceDesc(_ms_desc(document, facts), build_list_wit(document, facts.furniture, facts.stamps)),
    )


def _publication_stmt(meta) -> etree._Element:
    stmt = E.publicationStmt(E.publisher(meta.publisher or UNKNOWN))
    if meta.pub_place:
        stmt.append(E.pubPlace(meta.pub_place))
    if meta.date:
        stmt.append(E.date(meta.date, when=meta.date))
    if meta.identifier:
        stmt.append(E.idno(meta.identifier, type="persistent"))
    if meta.licence or meta.licence_url:
        licence = E.licence(meta.licence or meta.licence_url)
        if meta.licence_url:
            licence.set("target", meta.licence_url)
        stmt.append(E.availability(licence))
    else:
        stmt.append(E.availability(E.p("The licence of this encoding was not given."), status="unknown"))
    return stmt


_OCR_FORMATS = {"hocr": "hOCR", "alto": "ALTO", "page": "PAGE XML"}


def _input_note(document: Document) -> str:
    files = []
    for source in document.sources:
        digest = hashlib.sha256(source.text.encode("utf-8")).hexdigest()
        lines = source.lines[-1].number if source.lines else 0
        if source.layout is None:
            files.append(f"{_name(source.path)} ({lines} lines; SHA-256 of the normalised text {digest})")
        else:  # an OCR engine's own file: its lines are those the reader made of it
            pages = len(source.layout.pages)
            files.append(f"{_name(source.path)} ({_OCR_FORMATS[source.layout.format]}, {pages} "
                         f"{'page' if pages == 1 else 'pages'}, read as {lines} lines; SHA-256 of that text {digest})")
    copies = len(document.witnesses)
    held = f"{copies} {'copy' if copies == 1 else 'copies'} of the memo"
    if len(files) == 1:
        kind = "OCR text file" if document.sources[0].layout is None else "OCR engine's file"
        return f"Transcribed from the {kind} {files[0]}, which holds {held}."
    return (f"Transcribed from {len(files)} OCR text files given as copies of one memo: "
            f"{'; '.join(files)}. Together they hold {held}.")


def _name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _ms_desc(document: Document, facts: Facts) -> etree._Element:
    meta = document.metadata
    identifier = E.msIdentifier()
    for value, name in ((meta.settlement, "settlement"), (meta.institution, "institution")):
        if value:
            identifier.append(E(name, value))
    form = facts.form
    identifier.append(E.repository(meta.repository or (form and form.get("AGENCY")) or UNKNOWN))
    collection = meta.collection or (form and form.get("RECORD SERIES"))
    if collection:
        identifier.append(E.collection(collection))
    if facts.control:
        identifier.append(E.idno(facts.control, type="control"))
    identifier.extend(release.identifiers(form))
    pages = ", ".join(f"{len(w.pages)} in copy {w.sigil}" for w in document.witnesses)
    stamp_count = sum(len(s) for s in facts.stamps.values())
    phys = E.physDesc(
        E.objectDesc(E.p(f"Typescript, known from OCR text only; pages: {pages}."), form="typescript"),
        E.handDesc(E.p("Typewritten; handwritten additions, where the OCR read any, are not distinguished.")),
        E.additions(E.p(f"{stamp_count} stamp region(s) (declassification or review stamps) read by the OCR; "
                        "see the notes of type stamp in the text.")),
    )
    ms = E.msDesc(identifier)
    contents = release.ms_contents(form, release.cover_notes(document.witnesses[0].covers))
    if contents is not None:
        ms.append(contents)
    ms.append(phys)
    if facts.when:
        ms.append(E.history(E.origin(E.origDate(facts.when, when=facts.when))))
    events = stamp_events(document)
    review = release.review_event(form)
    if review is not None:
        events.insert(0, review)
    admin = [part for part in (release.availability(form), E.custodialHist(*events) if events else None,
                               release.comments(form)) if part is not None]
    if admin:
        ms.append(E.additional(E.adminInfo(*admin)))
    return ms


def _encoding_desc(facts: Facts, merged: bool, corrections: bool, base: str | None) -> etree._Element:
    decl = E.editorialDecl(
        E.correction(E.p(CORRECTIONS if corrections else NO_CORRECTIONS)),
        E.normalization(E.p("Text is Unicode NFC with LF line ends. Dates keep their typed (or misread) form; "
                            "date/@when gives the ISO date. Paragraph numbers keep their typed label; p/@n gives the "
                            "normalised number (a capital I read for a one is 1; a lettered sub-paragraph is the "
                            "number and the letter, 4a).")),
        E.hyphenation(E.p("End-of-line hyphens are kept as typed."), eol="all"),
        E.segmentation(E.p("Each input line is a line of the typescript (lb); a paragraph running over a page "
                           "keeps its pb inside it. The list bullets, indentation and blank lines of the OCR "
                           "output, and its page markers, are layout and are not kept as text.")),
        E.interpretation(E.p("OCR repetition loops are kept: the first occurrence as text, the repeats in "
                             "surplus[@reason='repeated']. Stray marks are unclear[@reason='noise'] (in a "
                             "note[@type='noise'] between blocks), garbled spans unclear[@reason='illegible'].")),
    )
    if merged:
        decl.append(_apparatus_note())
    if merged and base:
        decl.append(_reading_note(base))
    desc = E.encodingDesc(decl)
    if facts.classification:
        category = E.category(E.catDesc(facts.classification))
        category.set(XML_ID, _category_id(facts.classification))
        taxonomy = E.taxonomy(category)
        taxonomy.set(XML_ID, "classification")
        desc.append(E.classDecl(taxonomy))
    if merged:
        desc.append(E.variantEncoding(method="parallel-segmentation", location="internal"))
    application = E.application(E.label("tei-encoder"), ident="tei-encoder", version=__version__)
    application.set(XML_ID, RESP)
    desc.append(E.appInfo(application))
    return desc


def _apparatus_note() -> etree._Element:
    """How the merged form is made; its xml:id lets `witness --format tei` drop it."""
    note = E.interpretation(E.p(
        "The copies are merged by parallel segmentation: text they share is written once; each difference "
        "is an app with a rdg per group of copies (an empty rdg where a copy lacks the text). app/@type: "
        "ocr where the same typed text was read differently (alike characters, a garbled span or repetition, "
        "lines lost at a page turn), substantive where the typescripts differ, layout for one copy's page "
        "furniture. Page and line breaks of some copies carry edRef; a block start of a copy that paragraphs "
        "differently is a milestone[@unit='block']. Alignment and typing by tei-encoder, unreviewed."))
    note.set(XML_ID, APPARATUS_NOTE)
    return note


def _reading_note(base: str) -> etree._Element:
    """How the lem of each app was chosen; dropped with the apparatus by `witness`."""
    note = E.interpretation(E.p(
        "Each app but layout ones has a preferred reading, the lem (with its copies in @wit; the other "
        "readings are rdg), chosen by tei-encoder from the copies' own evidence: for ocr variants the reading "
        "whose words are most plausible (words of the bundled English word list or found in two copies of this "
        "memo count for it, non-words against it; ties go to the reading more copies share, then to the base "
        f"copy); for substantive variants and moved paragraphs the reading of the base copy, {base}, unless "
        "that reading is mostly non-words where another is not, or has lost a passage another copy has (a "
        "reading three times as long, mostly words, not stamp text, not found elsewhere in the base copy). "
        "The base copy is the one whose OCR is most plausible overall, or the one the user named (--base). "
        "Unreviewed."))
    note.set(XML_ID, READING_NOTE)
    return note


def _category_id(level: str) -> str:
    return "cls-" + level.lower().replace(" ", "-")


def _profile_desc(facts: Facts) -> etree._Element:
    profile = E.profileDesc()
    if facts.when:
        profile.append(E.creation(E.date(facts.when, when=facts.when)))
    profile.append(E.langUsage(E.language("English", ident="en")))
    text_class = E.textClass()
    if facts.classification:
        text_class.append(E.catRef(scheme="#classification", target=f"#{_category_id(facts.classification)}"))
    subjects = release.keywords(facts.form)
    if subjects is not None:
        text_class.append(subjects)
    if len(text_class):
        profile.append(text_class)
    return profile


def _revision_desc(document: Document) -> etree._Element:
    change = E.change(f"Encoded from OCR text by tei-encoder {__version__}.")
    if document.metadata.date:
        change.set("when", document.metadata.date)
    return E.revisionDesc(change)


# --- gathering ----------------------------------------------------------------------

def _blocks(witness: Witness) -> list[Block]:
    return [item for item in witness.items if isinstance(item, Block)]


def _layout(witness: Witness):
    """Every layout item of a copy, inside blocks and stamps too, in order."""
    for item in witness.items:
        inner = item.content if isinstance(item, Block) else (item,)
        for part in inner:
            if isinstance(part, Stamp):
                yield part
                yield from (c for row in part.rows for c in row if isinstance(c, Furniture))
            elif not isinstance(part, TextLine):
                yield part


def _furniture(witness: Witness) -> list[Furniture]:
    return [item for item in _layout(witness) if isinstance(item, Furniture)]


def _text(block: Block) -> str:
    lines = [c for c in block.content if isinstance(c, TextLine)]
    return " ".join("".join(_part_text(p) for p in line.parts) for line in lines).strip()


def _part_text(part) -> str:
    if hasattr(part, "text"):
        return part.text
    return "".join(_part_text(p) for p in getattr(part, "parts", ()))
