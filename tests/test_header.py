"""The header (issue 15): title slips, witness prose and dates, respStmt, change/@when."""

from __future__ import annotations

import pytest
from lxml import etree

from tei_encoder.pipeline import analyse_copies, to_tei
from tests.conftest import ALL_INPUTS, CORPUS, SEED, encoded

T = "{http://www.tei-c.org/ns/1.0}"


def corpus(prefix: str):
    return next(p for p in CORPUS if p.name.startswith(prefix))


@pytest.mark.parametrize("prefix", ["05", "06"])
def test_title_slip_corrected_where_the_memo_shows_the_form(prefix):
    """05 reads the subject "ing. Manuel Ray", 06 "ing, Manuel Ray"; each memo's own
    participants line has "Ing. Manuel Ray". The body keeps the typed form."""
    root = encoded(corpus(prefix)).getroot()
    assert root.findtext(f".//{T}titleStmt/{T}title") == "Meeting with Ing. Manuel Ray"
    subject = root.find(f".//{T}seg[@type='subject']")
    typed = "ing. Manuel Ray" if prefix == "05" else "ing, Manuel Ray"
    assert typed in "".join(subject.itertext())


def test_title_not_changed_without_evidence():
    from tei_encoder.pipeline import analyse
    from tei_encoder.tei.title import correct_slips

    document = analyse(corpus("05").read_bytes(), str(corpus("05")))
    # "with" is written "With" elsewhere only where a sentence starts: no evidence.
    assert correct_slips("Meeting with the Cuban leaders", document) == "Meeting with the Cuban leaders"
    assert correct_slips("Meeting with mr. Nobody Known", document) == "Meeting with mr. Nobody Known"


def test_no_placeholder_resp_stmt():
    for path in ALL_INPUTS:
        names = [n.text for n in encoded(path).getroot().iterfind(f".//{T}titleStmt/{T}respStmt/{T}name")]
        assert names and all("not recorded" not in n for n in names), path.name


def test_witness_descriptions_are_prose_with_dates(seed_tree):
    witnesses = seed_tree.getroot().findall(f".//{T}listWit/{T}witness")
    texts = ["".join(w.itertext()) for w in witnesses]
    assert texts[0].startswith("Copy A, at the start of the file (lines 1\u2013")
    assert texts[1].startswith("Copy B, after the line \u201cALTERNATE COPY FOLLOWS\u201d")
    assert "6 pages, typed page number 2a" in texts[1]
    assert [w.find(f"{T}origDate").get("when") for w in witnesses] == ["1962-11-13", "1962-11-13"]


def test_page_number_runs():
    from tei_encoder.tei.listwit import _page_numbers

    assert _page_numbers(["1", "2", "2a", "3", "4", "5"]) == ", typed page numbers 1\u20135 with 2a"
    assert _page_numbers(["[1]", "2", "3", "5"]) == ", typed page numbers 2, 3, 5; 1 page without one"
    assert _page_numbers(["[1]", "[2]"]) == ", no typed page numbers"


def test_teiphy_reads_the_witness_dates(tmp_path):
    teiphy = pytest.importorskip("teiphy")
    tree = etree.ElementTree(etree.fromstring(to_tei(analyse_copies([(SEED.read_bytes(), str(SEED))]))))
    collation = teiphy.Collation(tree)
    assert [w.date_range for w in collation.witnesses] == [[1962, 1962], [1962, 1962]]


def test_change_when_only_from_date_or_source_date_epoch(monkeypatch):
    from tei_encoder.readers.metadata import load_metadata

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert load_metadata(None, {}).date is None
    tree = etree.fromstring(to_tei(analyse_copies([(SEED.read_bytes(), str(SEED))])))
    assert tree.find(f".//{T}revisionDesc/{T}change").get("when") is None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    meta = load_metadata(None, {})
    assert meta.date == "2023-11-14"
    tree = etree.fromstring(to_tei(analyse_copies([(SEED.read_bytes(), str(SEED))], metadata=meta)))
    assert tree.find(f".//{T}revisionDesc/{T}change").get("when") == "2023-11-14"
