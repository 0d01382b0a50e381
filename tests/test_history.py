"""Declassification history (issue 15): stamps and banners as dated custEvents."""

from __future__ import annotations

import pytest

from tei_encoder.analyse.history import classify
from tei_encoder.model import HistoryEvent as Event
from tei_encoder.pipeline import analyse
from tests.conftest import CORPUS, SEED, encoded

T = "{http://www.tei-c.org/ns/1.0}"


@pytest.mark.parametrize("text, event", [
    # corpus 02:133 and 08:30; 08's digits were read as letters: no number rather than junk.
    ("SANITIZEO NUK: 98: 84", Event("sanitization", number="NUK: 98: 84")),
    ("SEE _SAVITTZED VERSION YUK-BA~GH", Event("sanitization")),
    # corpus 04:59, a library case number on a stamp that says no more.
    ("fe : June 20, 1961 NUK 78-26", Event("stamp", number="NUK 78-26")),
    # made-up stamps in the shapes presidential libraries, NARA and mandatory reviews use.
    ("SANITIZED E.O. 12958, Sec. 3.6 NLJ 95-123 By ich NARA Date 5-1-97",
     Event("sanitization", "1997-05-01", authority="E.O. 12958, Sec. 3.6", reviewer="ich", number="NLJ 95-123")),
    ("DECLASSIFIED E.O. 13526, Sec. 3.5 NLK-04-12-3-1 By JW NARA Date 7/12/05",
     Event("declassification", "2005-07-12", authority="E.O. 13526, Sec. 3.5", reviewer="JW",
           number="NLK-04-12-3-1")),
    ("DECLASSIFIED Authority MR 92-105 #4 By SM NARA Date 6/4/01",
     Event("declassification", "2001-06-04", authority="MR 92-105 #4", reviewer="SM")),
    ("NND 959000", Event("declassification", authority="NND 959000")),
    ("SANITIZED NLC-98-11-12 Date 3/4/99", Event("sanitization", "1999-03-04", number="NLC-98-11-12")),
    ("SANITIZED MDR 2010-0125", Event("sanitization", number="MDR 2010-0125")),
    ("Mr 92 rode out", Event("stamp")),  # a word before figures is no case prefix
    ("DEPARTMENT OF STATE A/CDC/MR REVIEWED by Ann Lee DATE 3/14/88 MR Cases Only",
     Event("review", "1988-03-14", reviewer="Ann Lee")),
    ("Approved For Release 2001/08/30 : CIA- RDP80B01676R000100010001-9",  # the OCR spaced it
     Event("release", "2001-08-30", number="CIA-RDP80B01676R000100010001-9")),
    ("DEPARTMENT OF STATE A/CDC/MR / REVIEWED by John Smith DATE 3/14/88", Event("review", "1988-03-14",
                                                                               reviewer="John Smith")),
    ("DEPARTMENT OF STATE 15, FPC COR 2 Date: 4/2/92 / RELEASE DECLASSIFY", Event("review", "1992-04-02")),
    ("CIA HAS NO OBJECTION TO", Event("review")),
    ("DECLASSIFIED Authority NND 927519 By SM NARA Date 6/4/01",
     Event("declassification", "2001-06-04", authority="NND 927519", reviewer="SM")),
    ("DECLASSIFIED E.O. 12958, Sec. 3.6", Event("declassification", authority="E.O. 12958, Sec. 3.6")),
    ("DECLASSIFIED per E.O. 13526", Event("declassification", authority="E.O. 13526")),
    ("Approved For Release 2004/03/11 : CIA-RDP80B01676R000100010001-9",
     Event("release", "2004-03-11", number="CIA-RDP80B01676R000100010001-9")),
    ("{2022 RELEASE UNDER THE PRESIDENT JOHN F. KENNEDY ASSASSINATION RECORDS ACT OF 1992",
     Event("release", "2022", authority="President John F. Kennedy Assassination Records Collection Act of 1992")),
    ("1992 (44 USC 2107 Note]. Case#:NW / 66000 Date: 11-04-2021",
     Event("release", "2021-11-04", authority="John F. Kennedy Assassination Records Collection Act of 1992 "
                                               "(44 USC 2107 Note)", number="NW 66000")),
    ("ELECTROSTATIC REPRODUCTION MADE", Event("stamp")),
    ("REVIEWED by Mu DATE 2 2/-88", Event("review", reviewer="Mu")),  # a garbled date is not given
])
def test_marks(text, event):
    assert classify(text) == event


@pytest.mark.parametrize("text, number", [
    # made-up heads in the forms CREST uses: the job's hyphen after the year, or a series letter
    ("Approved For Release 2004/05/12 : CIA-RDP80-00810A004300040001-7", "CIA-RDP80-00810A004300040001-7"),
    ("Approved For Release 2004/05/12 : CIA-RDP91-00901R000500150005-5", "CIA-RDP91-00901R000500150005-5"),
    ("Approved For Release 2004/05/12 : CIA-RDP79T00975A000500010001-2", "CIA-RDP79T00975A000500010001-2"),
    ("Approved For Release 2004/05/12 : CIA-RDP80M01009A000100010001-5", "CIA-RDP80M01009A000100010001-5"),
    # the OCR spaces the parts, or drops the hyphens: CREST's spelling is given back
    ("Approved For Release 2004/05/12 : CIA- RDP80B01676R 000100010001-9", "CIA-RDP80B01676R000100010001-9"),
    ("Approved For Release 2004/05/12 : CIA-RDP80 - 00810A 0043 0004 0001 - 7", "CIA-RDP80-00810A004300040001-7"),
    ("Approved For Release 2004/05/12 : CIA RDP8000810A0043000400017", "CIA-RDP80-00810A004300040001-7"),
    ("Approved For Release 2004/05/12 : CIA-RDP80-00810A004300040001", "CIA-RDP80-00810A004300040001"),
    # a job alone, or box and folder digits the OCR lost, name no one document
    ("Approved For Release 2004/05/12 : CIA-RDP80B01676R", None),
    ("Approved For Release 2004/05/12 : CIA-RDP80-00810A0043000", None),
])
def test_crest_numbers(text, number):
    assert classify(text) == Event("release", "2004-05-12", number=number)


def events(prefix: str) -> list:
    path = next(p for p in CORPUS if p.name.startswith(prefix))
    return encoded(path).getroot().findall(f".//{T}custodialHist/{T}custEvent")


def test_corpus_history():
    assert [(e.get("type"), e.get("when")) for e in events("09")][:3] == [
        ("review", "2000-09-10"), ("release", "2025"), ("sanitization", None)]
    assert ("release", "2021-11-04") in [(e.get("type"), e.get("when")) for e in events("05")]
    assert "SANITIZEO NUK: 98: 84" in "".join(events("02")[-1].itertext())


def test_seed_review_stamps(seed_tree):
    found = seed_tree.getroot().findall(f".//{T}custodialHist/{T}custEvent")
    assert [(e.get("type"), e.get("when")) for e in found] == [("review", None), ("review", "1992-04-02")]


def test_marks_in_the_model():
    """Each copy's marks and their events are in the model, testable without TEI: 09's
    copy (the JFK banner on line 7, the sanitized-version stamp and a reproduction
    notice on page [2]) and the seed's State review stamp on each copy, read by hand."""
    path = next(p for p in CORPUS if p.name.startswith("09"))
    marks = analyse(path.read_bytes(), str(path)).witnesses[0].marks
    assert [(m.kind, m.line, m.page, m.event.type, m.event.when) for m in marks] == [
        ("banner", 7, None, "release", "2025"), ("stamp", 57, "[2]", "sanitization", None),
        ("stamp", 193, "[2]", "stamp", None)]
    seed = analyse(SEED.read_bytes(), str(SEED)).witnesses
    assert [(w.sigil, m.kind, m.line, m.page, m.event.type, m.event.when) for w in seed for m in w.marks] == [
        ("A", "stamp", 16, "[1]", "review", None), ("B", "stamp", 113, "[1]", "review", "1992-04-02")]
