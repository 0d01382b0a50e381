"""The merged form (issue 3): parallel segmentation, variant types, any number of copies
from one file or several, and every copy rebuilt from the apparatus."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from lxml import etree

from bench.measures import function_word_anchors
from tei_encoder.pipeline import analyse_copies, to_tei
from tei_encoder.publish.rebuild import input_text, witness_text
from tei_encoder.readers.text import read_source, split_copies
from tests.conftest import ALL_INPUTS, CORPUS, SEED
from tests.derive import pages, swapped_pages, without_page

NS = {"t": "http://www.tei-c.org/ns/1.0"}


def merged(inputs: list[tuple[bytes, str]]) -> etree._ElementTree:
    return etree.ElementTree(etree.fromstring(to_tei(analyse_copies(inputs))))


def corpus(prefix: str) -> Path:
    return next(p for p in CORPUS if p.name.startswith(prefix))


def seed_copies() -> tuple[str, str]:
    a, b = SEED.read_text("utf-8").split("ALTERNATE COPY FOLLOWS")
    return a, b


def derived_cases() -> dict[str, list[tuple[bytes, str]]]:
    """Multi-witness inputs: real pairs, and copies derived from real ones."""
    a, b = seed_copies()
    f1, f2, f5, f6 = (corpus(n).read_text("utf-8") for n in ("01", "02", "05", "06"))
    texts = {
        "seed-three-copies-in-one-file": [SEED.read_text("utf-8") + "\nALTERNATE COPY FOLLOWS\n" + without_page(b, 2)],
        "seed-copies-as-two-files": [a, b],
        "seed-pages-reordered": [a, swapped_pages(a, 2, 3)],
        "seed-five-copies": [a, b, without_page(b, 2), swapped_pages(a, 2, 3), a],
        "rusk-tesseract-and-vision": [f1, f2],
        "ray-copy-a-and-b": [f5, f6],
        "ray-five-copies": [f5, f6, without_page(f6, 3), swapped_pages(f6, 2, 3), without_page(f5, 5)],
    }
    texts["clause-added-in-two-ocr-readings"] = list(ADDED_CLAUSE)
    return {name: [(t.encode("utf-8"), f"{name}-{i}.txt") for i, t in enumerate(ts)] for name, ts in texts.items()}


# A memo whose first copy lacks a clause that two other copies have, read differently.
ADDED_CLAUSE = (
    "MEMORANDUM\n\n1. The President decided on November 12th that we would lift the quarantine.\n\n"
    "2. The form and formality of these assurances would be a matter for negotiation.\n",
    "MEMORANDUM\n\n1. The President decided on November 12th that we would lift the quarantine if the Soviets,"
    " in addition to getting the missiles out, also promised to get the bombers out.\n\n"
    "2. The form and formality of these assurances would be a matter for negotiation.\n",
    "MEMORANDUM\n\n1. The President decided on November 12th that we would lift the quarantine if the Soviets,"
    " in addition to gettler; the missiles out, also promised to get the bombers out.\n\n"
    "2. The form and formality of these assurances would be a matter for negetiation.\n",
)


CASES = {**{p.name[:28]: [(p.read_bytes(), str(p))] for p in ALL_INPUTS}, **derived_cases()}


@pytest.fixture(scope="module", params=sorted(CASES), ids=sorted(CASES))
def case(request):
    inputs = CASES[request.param]
    return inputs, merged(inputs)


@pytest.fixture(scope="module")
def seed_merged():
    return merged([(SEED.read_bytes(), str(SEED))])


# --- every input, every multi-copy case -------------------------------------------------

def test_merged_is_valid_against_both_schemas(case, validator, tei_all):
    inputs, tree = case
    assert [str(p) for p in validator.iter_problems(tree, inputs[0][1])] == []
    assert tei_all.validate(tree), "\n".join(str(e) for e in tei_all.error_log)


def line_starts(text: str) -> tuple[list[str], set[int]]:
    """The words of a text and the indexes of the words that begin its lines."""
    words, starts = [], set()
    for line in text.splitlines():
        if line.split():
            starts.add(len(words))
            words.extend(line.split())
    return words, starts


def test_every_copy_rebuilds_word_for_word_and_line_for_line(case):
    """Same words in the same order, and every line of the input begins a line of the
    rebuilt copy. Where two copies paragraph differently, the merged text follows one
    copy's paragraphs, and a line of the other copy that runs across such a paragraph
    end is rebuilt in two lines: allowed only for copies that paragraph differently."""
    inputs, tree = case
    copies = split_copies([read_source(data, path) for data, path in inputs])
    assert [w.get("{http://www.w3.org/XML/1998/namespace}id")
            for w in tree.getroot().iterfind(".//t:listWit/t:witness", NS)] == [c.sigil for c in copies]
    regrouped = tree.getroot().find(".//t:milestone", NS) is not None
    for copy in copies:
        got, expected = witness_text(tree, copy.sigil), input_text(copy)
        (got_words, got_starts), (words, starts) = line_starts(got), line_starts(expected)
        assert got_words == words
        assert starts <= got_starts
        if not regrouped:
            assert got == expected


def test_apparatus_is_well_formed(case):
    """Every app is typed, every reading names copies (but an emendation, a lem no copy
    reads, which says whose it is), and a word-level app has a reading (perhaps empty) for
    every copy of its context; only layout apps have one reading."""
    _, tree = case
    sigils = {f"#{w}" for w in tree.getroot().xpath(".//t:listWit/t:witness/@xml:id", namespaces=NS)}
    for app in tree.getroot().iterfind(".//t:app", NS):
        assert app.get("type") in ("ocr", "substantive", "layout")
        for emendation in app.xpath("t:lem[not(@wit)]", namespaces=NS):
            assert emendation.get("resp") == "#tei-encoder" and app.get("type") == "ocr"
        named = [w for rdg in all_readings(app) for w in (rdg.get("wit") or "").split()]
        assert len(named) == len(set(named)) and set(named) <= sigils
        if app.get("type") != "layout":
            assert len(all_readings(app)) >= 2


def test_single_copy_has_no_apparatus():
    tree = merged([(corpus("03").read_bytes(), "03.txt")])
    assert tree.getroot().find(".//t:app", NS) is None
    assert len(tree.getroot().findall(".//t:listWit/t:witness", NS)) == 1


# --- the seed: what the differences are --------------------------------------------------

def all_readings(app) -> list:
    """The lem (the preferred reading, first) and the rdgs of an app."""
    return app.xpath("t:lem | t:rdg", namespaces=NS)


def as_typed(element) -> str:
    """The OCR's text of a reading: a correction's sic, not its corr."""
    return " ".join("".join(element.xpath(".//text()[not(ancestor::t:corr)]", namespaces=NS)).split())


def readings(app) -> dict[str, str]:
    return {rdg.get("wit"): as_typed(rdg) for rdg in all_readings(app)}


def app_with(tree, a: str, b: str):
    for app in tree.getroot().iterfind(".//t:app", NS):
        if readings(app) == {"#A": a, "#B": b}:
            return app
    raise AssertionError(f"no app {a!r} / {b!r}")


def test_header_declares_parallel_segmentation(seed_merged):
    encoding = seed_merged.getroot().find(".//t:variantEncoding", NS)
    assert (encoding.get("method"), encoding.get("location")) == ("parallel-segmentation", "internal")


def test_shared_text_is_written_once(seed_merged):
    """Paragraph 4 is the same in both copies: one p, no app."""
    p4 = seed_merged.getroot().find(".//t:body//t:p[@n='4']", NS)
    assert p4.find("t:app", NS) is None and p4.getparent().tag.endswith("div")


@pytest.mark.parametrize("a, b", [("Khrushehev,", "Khrushchev,"), ("IL-26", "IL-28"), ("CAS", "OAS"),
                                  ("Nevember", "November"), ("refrein", "refrain")])
def test_one_word_confusions_are_ocr(seed_merged, a, b):
    assert app_with(seed_merged, a, b).get("type") == "ocr"


def test_rewritten_paragraph_5_is_one_substantive_app(seed_merged):
    """Both copies have a paragraph 5, rewritten: one p[@n='5'] with its number written
    once, and inside it one substantive app of the two texts (tei.hoist)."""
    paragraphs = seed_merged.getroot().findall(".//t:body/t:div/t:p[@n='5']", NS)
    assert len(paragraphs) == 1
    assert [label.text for label in paragraphs[0].findall("t:label", NS)] == ["5."]
    apps = paragraphs[0].findall("t:app", NS)
    assert len(apps) == 1 and apps[0].get("type") == "substantive"
    assert not apps[0].findall(".//t:p", NS) and not apps[0].findall("*/t:label", NS)
    assert "reciprocity" in readings(apps[0])["#A"] and "Suba" in readings(apps[0])["#B"]


def test_quotation_in_paragraph_8_is_substantive(seed_merged):
    quotation = [app for app in seed_merged.getroot().iterfind(".//t:app", NS)
                 if "does not intend to invade" in readings(app).get("#A", "")]
    assert len(quotation) == 1 and quotation[0].get("type") == "substantive"
    assert "September 13" in readings(quotation[0])["#B"]


def test_lines_lost_at_a_page_top_are_an_omission(seed_merged):
    """Copy A's OCR lost "important, however, not to establish a" at the top of a page."""
    app = app_with(seed_merged, "", "important, however, not to establish a")
    assert app.get("type") == "ocr" and app.find("*[@wit='#A']", NS).text is None


def test_catchwords_and_furniture_are_never_variants(seed_merged):
    """Furniture of one copy sits in a one-reading layout app or inside that copy's own
    reading; an ocr or substantive app always differs in its words."""
    root = seed_merged.getroot()
    for fw in root.iterfind(".//t:fw[@type='catch']", NS):
        rdg = next(a for a in fw.iterancestors() if a.tag.endswith(("rdg", "lem")))
        assert rdg.getparent().get("type") == "layout" or len(rdg.get("wit").split()) == 1
    for app in root.iterfind(".//t:app", NS):
        if app.get("type") != "layout":
            texts = {" ".join(_words(rdg)) for rdg in all_readings(app)}
            assert len(texts) > 1, etree.tostring(app)


def _words(element) -> list[str]:
    words = (element.text or "").split()
    for child in element:
        if etree.QName(child).localname not in ("fw", "pb", "lb", "note", "gap", "corr"):
            words += _words(child)
        words += (child.tail or "").split()
    return words


def test_no_function_word_anchors_in_rewritten_text(seed_merged):
    assert function_word_anchors(seed_merged.getroot()) == []


def test_fewer_apps_than_collatex(seed_merged):
    """CollateX 2.3 makes 97 apps of the seed (bench/bench_collate.py)."""
    assert len(seed_merged.getroot().findall(".//t:app", NS)) < 97


def test_repetition_loop_is_in_the_looping_copy_only(seed_merged):
    surplus = next(s for s in seed_merged.getroot().iterfind(".//t:surplus", NS)
                   if s.text.startswith("would need to go further"))
    app = surplus.getparent().getparent()
    assert app.get("type") == "ocr" and sorted(r.get("wit") for r in all_readings(app)) == ["#A", "#B"]
    assert app.find("*[@wit='#B']", NS).text is None


# --- several copies ----------------------------------------------------------------------

def test_missing_page_is_an_omission_in_that_copy():
    a, b = seed_copies()
    lost = pages(b)[2]
    tree = merged([(a.encode(), "a.txt"), (b.encode(), "b.txt"), (without_page(b, 2).encode(), "c.txt")])
    marker = " ".join(lost.split()[10:16])
    holders = [app for app in tree.getroot().iterfind(".//t:app", NS)
               if any(marker in text for text in readings(app).values())]
    assert holders, "the lost page's text is in an app"
    for app in holders:
        empty = [rdg for rdg in all_readings(app) if "#C" in rdg.get("wit").split()]
        assert empty and not "".join(empty[0].itertext()).strip()


def test_reordered_pages_are_marked_as_transpositions():
    a, _ = seed_copies()
    tree = merged([(a.encode(), "a.txt"), (swapped_pages(a, 2, 3).encode(), "b.txt")])
    moved = tree.getroot().xpath(".//t:rdg[@cause='transposition'] | .//t:lem[@cause='transposition']",
                                 namespaces=NS)
    assert {rdg.get("wit") for rdg in moved} == {"#A", "#B"}


def test_copies_that_agree_against_the_first_are_aligned_with_each_other():
    """B and C have a clause A lacks, each read a little differently: one reading for
    B and C with their own difference nested inside, not two copies of the clause."""
    tree = merged([(text.encode(), f"{i}.txt") for i, text in enumerate(ADDED_CLAUSE)])
    outer = next(app for app in tree.getroot().iterfind(".//t:app", NS) if "Soviets" in "".join(app.itertext()))
    assert sorted(r.get("wit") for r in all_readings(outer)) == ["#A", "#B #C"]
    inner = outer.find("*[@wit='#B #C']/t:app", NS)
    assert inner.get("type") == "ocr" and readings(inner) == {"#B": "getting", "#C": "gettler;"}


def test_unrelated_files_are_refused():
    from tei_encoder.errors import CollationError
    with pytest.raises(CollationError, match="copy B .y.txt, lines 1-1.: not a copy of the memo"):
        analyse = [(b"Alpha beta gamma delta.\n", "x.txt"), (b"Zulu yankee xray whiskey.\n", "y.txt")]
        to_tei(analyse_copies(analyse))


# --- a real consumer ---------------------------------------------------------------------

def test_teiphy_reads_the_apparatus(seed_merged, tmp_path):
    teiphy = pytest.importorskip("teiphy")
    collation = teiphy.Collation(seed_merged)
    assert [w.id for w in collation.witnesses] == ["A", "B"]
    words = [app for app in seed_merged.getroot().iterfind(".//t:app", NS)]
    assert len(collation.variation_units) == len(words)
    collation.to_file(tmp_path / "seed.nexus")
    nexus = (tmp_path / "seed.nexus").read_text()
    assert "NTAX=2" in nexus.replace(" ", "").upper()


# Elements whose text teiphy 0.1.27 (teiphy/reading.py) skips, tail included, inside a
# reading. Readings that are all one label, date or paragraph no longer occur (the app
# moves inside it, tei/hoist.py), nor readings that all start with the same line break
# or number; these can still stand in one copy's reading: a paragraph number only one
# copy has, a line or page break, a repetition, a release form's fields.
_TEIPHY_SKIPS = {"label", "lb", "pb", "milestone", "surplus", "fw", "note", "stamp", "ab", "p"}


def _reading_words(element: etree._Element, top: bool = True) -> list[str]:
    """A reading's words as a collation tool should see them: its text, furniture and
    corrections aside (teiphy knows neither sic nor corr and reads a choice as "[]")."""
    name = etree.QName(element).localname
    words = [] if name in ("fw", "note", "stamp", "choice") and not top else (element.text or "").split()
    for child in element:
        if etree.QName(child).localname not in ("fw", "note", "stamp", "choice", "app"):
            words += _reading_words(child, top=False)
        words += (child.tail or "").split()
    return words


def _unmarked(words: list[str]) -> list[str]:
    """Words without combining marks: teiphy puts a dot under each letter of unclear text."""
    return ["".join(c for c in unicodedata.normalize("NFD", w) if not unicodedata.combining(c)) for w in words]


def _teiphy_words(text: str) -> list[str]:
    """teiphy's reading text without its marks (a dot under unclear letters, [] for a choice)."""
    return _unmarked(text.replace("[]", " ").split())


def _teiphy_differences(tree: etree._ElementTree) -> list[tuple[etree._Element, etree._Element, list[str]]]:
    teiphy = pytest.importorskip("teiphy")
    units = teiphy.Collation(tree).variation_units
    apps = list(tree.getroot().iterfind(".//t:app", NS))
    assert len(units) == len(apps)
    differences = []
    for unit, app in zip(units, apps):
        # teiphy reads the copies' readings; an emendation (a lem without @wit) is no copy's
        ours = [r for r in app if etree.QName(r).localname in ("lem", "rdg") and r.get("wit")]
        assert [r.wits for r in unit.readings] == [[w.lstrip("#") for w in r.get("wit").split()] for r in ours]
        for reading, read in zip(ours, unit.readings):
            if _unmarked(_reading_words(reading)) != _teiphy_words(read.text):
                differences.append((app, reading, _teiphy_words(read.text)))
    return differences


@pytest.mark.parametrize("inputs", [[(SEED.read_bytes(), str(SEED))], CASES["ray-copy-a-and-b"]],
                         ids=["seed", "ray-copy-a-and-b"])
def test_teiphy_reads_every_reading_whole(inputs):
    """Every reading of every unit, both copies: the same readings with the same
    witnesses, and teiphy reads the words we wrote, except where a reading holds an
    element teiphy skips. The date line, the numbers "1."/"I." and "(a)"/"(a.)", the
    rewritten paragraphs and the words after a shared line break were read as "om."
    before the app moved inside (or after) them."""
    for app, reading, read in _teiphy_differences(merged(inputs)):
        inside = {etree.QName(e).localname for e in reading.iterdescendants()} & _TEIPHY_SKIPS
        assert inside, f"line {app.sourceline}: teiphy reads {read} for {reading.get('wit')}"


def test_no_app_whose_readings_are_all_one_element_or_start_alike(case):
    """What every reading has alike is written once, outside the app (tei/hoist.py)."""
    _, tree = case
    for app in tree.getroot().iterfind(".//t:app", NS):
        ours = all_readings(app)
        if len(ours) < 2:
            continue
        firsts = [r[0] if len(r) and not (r.text or "").strip() else None for r in ours]
        if all(e is not None and e.tag == firsts[0].tag and e.attrib == firsts[0].attrib for e in firsts):
            name = etree.QName(firsts[0]).localname
            alone = all(len(r) == 1 and not (r[0].tail or "").strip() for r in ours)
            assert not (alone and name in ("label", "date", "p", "head", "ab")), f"line {app.sourceline}"
            assert not (name == "lb" and not len(firsts[0])), f"line {app.sourceline}"
            assert not (name == "label" and len({e.text for e in firsts}) == 1), f"line {app.sourceline}"


def test_readings_that_are_one_element_move_inside_it(seed_merged):
    """The seed's date line, its paragraph numbers "1." / "I." and "(a)" / "(a.)", and
    the rewritten paragraphs 5, 5b and the quotation in 8: the element once, the app inside."""
    root = seed_merged.getroot()
    date = root.find(".//t:dateline/t:date", NS)
    assert date.get("when") == "1962-11-13" and readings(date.find("t:app", NS)) == {
        "#A": "Movember 13, 1962", "#B": "November 13, 1962"}
    labels = [label for label in root.iterfind(".//t:p/t:label", NS) if label.find("t:app", NS) is not None]
    assert [readings(label.find("t:app", NS)) for label in labels] == [
        {"#A": "I.", "#B": "1."}, {"#A": "(a.)", "#B": "(a)"}]
    assert not root.xpath(".//t:app/*/t:label[not(preceding-sibling::node()[normalize-space()])]"
                          "[not(following-sibling::node()[normalize-space()])]", namespaces=NS)
    assert not root.xpath(".//t:app[count(*) > 1][not(*[not(t:p)])]", namespaces=NS)


def _shared_words(element, in_app: bool = False) -> int:
    """Words written once for all copies: text outside every app, furniture aside."""
    name = etree.QName(element).localname
    if name in ("fw", "note", "gap"):
        return 0
    in_app = in_app or name == "app"
    count = 0 if in_app else len((element.text or "").split())
    for child in element:
        count += _shared_words(child, in_app) + (0 if in_app else len((child.tail or "").split()))
    return count


@pytest.mark.parametrize("pair", [("01", "02"), ("05", "06")], ids=["rusk", "ray"])
def test_real_pairs_share_most_of_their_text(pair):
    """01/02 are one memo read by two OCR engines that cut it into paragraphs
    differently; 05/06 are two filed copies. Most words are written once, and where the
    paragraphing differs the other copy's block starts are milestones."""
    inputs = [(corpus(n).read_bytes(), n) for n in pair]
    tree = merged(inputs)
    root = tree.getroot()
    copies = split_copies([read_source(data, path) for data, path in inputs])
    shortest = min(len(input_text(c).split()) for c in copies)
    assert _shared_words(root.find(".//t:body", NS)) >= 0.5 * shortest
    if pair == ("01", "02"):
        assert root.findall(".//t:milestone[@unit='block']", NS)
