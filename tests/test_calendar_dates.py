"""Dates in the header and on @when are days the calendar has: a stamp's "2/31/92" is
kept as typed and dated nowhere, so the encoding stays valid against tei_all."""

from __future__ import annotations

from lxml import etree

from tei_encoder.analyse.cover_forms import _period
from tei_encoder.analyse.dates import archive_year, iso_day
from tei_encoder.analyse.release import iso_date
from tei_encoder.pipeline import encode
from tests.conftest import SEED


def test_only_days_the_calendar_has():
    assert iso_day(1992, 2, 29) == "1992-02-29" and iso_day(1900, 2, 29) is None
    assert iso_day(1992, 2, 31) is None and iso_day(1961, 4, 31) is None and iso_day(1961, 13, 1) is None


def test_archive_years_run_from_1950():
    assert [archive_year(y) for y in (92, 49, 50, 1964)] == [1992, 2049, 1950, 1964]


def test_form_dates_and_periods_refuse_impossible_days():
    assert iso_date("06/15/64") == "1964-06-15" and iso_date("02/31/92") is None
    assert _period("11/28/59 - 12/31/59") is not None and _period("11/28/59 - 2/30/60") is None


def test_an_impossible_stamp_date_keeps_the_seed_valid(validator, tei_all):
    # Seed copy A's declassification stamp reads "Date: 4/2/92"; make it a day that is not.
    data = SEED.read_bytes().replace(b"Date: 4/2/92", b"Date: 2/31/92")
    assert data != SEED.read_bytes()
    _, xml = encode([(data, str(SEED))], validator)
    assert b"1992-02-31" not in xml and b"2/31/92" in xml
    assert tei_all.validate(etree.fromstring(xml).getroottree())


def test_the_project_schema_refuses_an_impossible_when(validator, seed_tree):
    tree = etree.ElementTree(etree.fromstring(etree.tostring(seed_tree)))
    date = next(tree.getroot().iter("{http://www.tei-c.org/ns/1.0}date"))
    date.set("when", "1962-02-30")
    assert not validator.is_valid(tree)
