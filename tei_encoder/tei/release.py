"""The release form's fields (tei_encoder.analyse.release) in their TEI places.

| form field | TEI |
| --- | --- |
| AGENCY | msIdentifier/repository, when no repository is given |
| RECORD SERIES | msIdentifier/collection, when no collection is given |
| RECORD NUMBER | msIdentifier/idno[@type="recordNumber"], normalised ("176-10031-10069") |
| AGENCY FILE NUMBER | msIdentifier/idno[@type="agencyFileNumber"], as read |
| FROM, ORIGINATOR, TITLE, TO | msContents/msItem: author, respStmt (originating agency), title, |
|  | note[@type="addressee"] |
| DATE | history/origin/origDate, only when the memo has no date line |
| PAGES | msItem/note[@type="pages"]/measure[@unit="page"][@quantity] |
| DOCUMENT TYPE | msItem/note[@type="documentType"] |
| SUBJECTS | profileDesc/textClass/keywords[@n="subjects"]/term, one per line of the field |
| CLASSIFICATION, RESTRICTIONS, | adminInfo/availability[@status]/p, the restrictions' JFK Act codes |
| CURRENT STATUS, OPENING CRITERIA | listed |
| DATE OF LAST REVIEW | adminInfo/custodialHist/custEvent[@type="review"][@when] |
| COMMENTS | adminInfo/note[@type="comments"] |

Every value is given as the form has it (the body keeps the same OCR in its
ab[@type="releaseForm"]); a date or record number is also given in normal form, in
@when or in the idno, and nothing is written for a field the form leaves empty.
"""

from __future__ import annotations

from lxml import etree

from tei_encoder.model import CoverForm, Document, ReleaseForm
from tei_encoder.tei.names import E

# availability/@status from the form's CURRENT STATUS (TEI's closed list: free, restricted, unknown).
_STATUS = {"open": "free", "released": "free", "redact": "restricted", "withhold": "restricted",
           "postponed": "restricted", "denied": "restricted"}


def document_form(document: Document) -> ReleaseForm | None:
    """The release form of the first copy that has one (analyse.release read it)."""
    return next((w.form for w in document.witnesses if w.form is not None), None)


def identifiers(form: ReleaseForm | None) -> list[etree._Element]:
    if form is None:
        return []
    found = []
    if form.record_number:
        found.append(E.idno(form.record_number, type="recordNumber"))
    if form.get("AGENCY FILE NUMBER"):
        found.append(E.idno(form.get("AGENCY FILE NUMBER"), type="agencyFileNumber"))
    return found


def cover_notes(covers: tuple[CoverForm, ...]) -> list[etree._Element]:
    """The FBI FD-263 cover page and the Routing and Transmittal Slip (OF-41), as msItem
    notes (analyse.cover_forms read them)."""
    notes = []
    for cover in covers:
        if cover.kind == "FD-263":
            note = E.note(f"FBI report cover page, form FD-263 (read \u201c{cover.form}\u201d)", type="coverPage")
            if "INVESTIGATIVE PERIOD" in cover.fields:
                note.text += f". Investigative period, as read: {cover.fields['INVESTIGATIVE PERIOD']}"
                if cover.period:
                    start, end, span = cover.period
                    note.text += "; "
                    note.append(E.date(span, {"from": start, "to": end}))
            if "REFERENCES" in cover.fields:
                tail = f". References (first line): {cover.fields['REFERENCES']}"
                if len(note):
                    note[-1].tail = (note[-1].tail or "") + tail
                else:
                    note.text += tail
            notes.append(note)
        else:
            sender = f"; from {cover.fields['FROM']}" if "FROM" in cover.fields else ""
            notes.append(E.note(f"Routing and transmittal slip ({cover.form}){sender}", type="routingSlip"))
    return notes


def ms_contents(form: ReleaseForm | None, covers: list[etree._Element] = ()) -> etree._Element | None:
    item = E.msItem(*covers)
    if form is None:
        return E.msContents(item) if len(item) else None
    if form.get("FROM"):
        item.append(E.author(form.get("FROM")))
    if form.get("ORIGINATOR"):
        item.append(E.respStmt(E.resp("originating agency"), E.name(form.get("ORIGINATOR"))))
    if form.get("TITLE"):
        item.append(E.title(form.get("TITLE")))
    if form.get("TO"):
        item.append(E.note(form.get("TO"), type="addressee"))
    if form.pages is not None:
        item.append(E.note(E.measure(form.get("PAGES"), unit="page", quantity=str(form.pages)), type="pages"))
    if form.get("DOCUMENT TYPE"):
        item.append(E.note(form.get("DOCUMENT TYPE"), type="documentType"))
    return E.msContents(item) if len(item) else None


def availability(form: ReleaseForm | None) -> etree._Element | None:
    if form is None:
        return None
    paragraphs = []
    if form.get("CLASSIFICATION"):
        paragraphs.append(f"Classification (release form): {form.get('CLASSIFICATION')}.")
    if form.get("RESTRICTIONS"):
        grounds = f" (JFK Act section 6 grounds: {', '.join(form.grounds)})" if form.grounds else ""
        paragraphs.append(f"Restrictions (release form): {form.get('RESTRICTIONS')}{grounds}.")
    if form.get("CURRENT STATUS"):
        paragraphs.append(f"Current status (release form): {form.get('CURRENT STATUS')}.")
    if form.get("OPENING CRITERIA"):
        paragraphs.append(f"Opening criteria (release form): {form.get('OPENING CRITERIA')}.")
    if not paragraphs:
        return None
    status = _STATUS.get((form.get("CURRENT STATUS") or "").strip(" .").lower(), "unknown")
    return E.availability(*(E.p(text) for text in paragraphs), status=status)


def review_event(form: ReleaseForm | None) -> etree._Element | None:
    if form is None or not form.get("DATE OF LAST REVIEW"):
        return None
    read = form.get("DATE OF LAST REVIEW")
    event = E.custEvent(E.p(f"Last reviewed for release (release form, date of last review: {read})."),
                        type="review")
    if form.reviewed:
        event.set("when", form.reviewed)
    return event


def comments(form: ReleaseForm | None) -> etree._Element | None:
    if form is None or not form.get("COMMENTS"):
        return None
    return E.note(form.get("COMMENTS"), type="comments")


def keywords(form: ReleaseForm | None) -> etree._Element | None:
    if form is None or not form.subjects:
        return None
    return E.keywords(*(E.term(s) for s in form.subjects), n="subjects")


def form_date(form: ReleaseForm | None) -> str | None:
    return form.when if form is not None else None

