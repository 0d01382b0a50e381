"""The seed memo's acceptance facts (issue 2), asserted on the TEI."""

from __future__ import annotations

from lxml import etree

from tei_encoder.tei.names import TEI_NS

NS = {"t": TEI_NS}


def copy(tree, sigil):
    return tree.getroot().find(f".//t:group/t:text[@corresp='#{sigil}']", NS)


def pages(text):
    return [pb.get("n").strip("[]") for pb in text.iterfind(".//t:pb", NS)]


def paragraph_numbers(text):
    return [p.get("n") for p in text.iterfind(".//t:p[@n]", NS)]


def plain(element):
    return " ".join("".join(element.itertext()).split())


def test_two_witnesses_split_at_the_separator(seed_document):
    a, b = seed_document.witnesses
    assert (a.sigil, a.first_line) == ("A", 1)
    assert a.last_line <= 94 and b.first_line == 96
    assert b.separator == "ALTERNATE COPY FOLLOWS"


def test_six_pages_each_with_b_page_numbers(seed_tree):
    assert len(pages(copy(seed_tree, "A"))) == 6
    assert pages(copy(seed_tree, "B")) == ["1", "2", "2a", "3", "4", "5"]
    typed = [pb.get("n") for pb in copy(seed_tree, "B").iterfind(".//t:pb", NS)]
    assert typed[2] == "2a" and typed[1] == "[2]"  # typed vs inferred


def test_catchwords(seed_tree):
    def catches(sigil):
        return [plain(f) for f in copy(seed_tree, sigil).iterfind(".//t:fw[@type='catch']", NS)]

    assert catches("B") == ["(b) From the", "verification", "(b) Undertakings", "continue", "an invasion"]
    assert "(b) From the" in catches("A")
    # glued by A's engine to the page's last line ("... cannot continue", "... against an
    # invasion"), A's next page misread or lost: B's catchwords show them (analyse.glued)
    assert {"continue", "an invasion"} <= set(catches("A"))


def test_catchword_text_is_written_once_after_the_break(seed_tree):
    b = copy(seed_tree, "B")
    text = plain(b)
    assert text.count("an invasion of Cuba. We on one side") == 1


def test_stamps_and_classification(seed_tree):
    for sigil in "AB":
        stamps = copy(seed_tree, sigil).findall(".//t:note[@type='stamp']", NS)
        assert len(stamps) == 1
        assert stamps[0].find("t:stamp", NS) is not None
        # on page 1: no pb between the start and the stamp but the first
        preceding_pbs = stamps[0].xpath("preceding::t:pb", namespaces=NS)
        own = [pb for pb in preceding_pbs if pb.xpath(f"ancestor::t:text[@corresp='#{sigil}']", namespaces=NS)]
        assert [pb.get("n") for pb in own] == ["[1]"]
    marking = copy(seed_tree, "A").find(".//t:fw[@type='classification']", NS)
    assert marking.findtext("t:choice/t:sic", namespaces=NS) == "TOT MORET"
    assert marking.findtext("t:choice/t:corr", namespaces=NS) == "TOP SECRET"
    assert seed_tree.getroot().find(".//t:textClass/t:catRef", NS).get("target") == "#cls-top-secret"


def test_b_paragraph_numbers(seed_tree):
    assert paragraph_numbers(copy(seed_tree, "B")) == [
        "1", "2", "3", "4", "4a", "4b", "5", "5a", "5b", "6", "6a", "6b", "6c",
        "7", "7a", "7b", "7c", "8", "9"]


def test_a_numbers_the_same_way_and_i_is_one(seed_tree):
    a = copy(seed_tree, "A")
    numbers = paragraph_numbers(a)
    assert numbers[:5] == ["1", "2", "3", "4", "4a"]
    assert set(numbers) <= set(paragraph_numbers(copy(seed_tree, "B")))
    first = a.find(".//t:p[@n='1']", NS)
    assert first.findtext("t:label", namespaces=NS) == "I."


def _paragraph_over_break(text, words):
    for p in text.iterfind(".//t:p", NS):
        if words in plain(p):
            return p.find(".//t:pb", NS) is not None
    raise AssertionError(f"no paragraph with {words!r}")


def test_paragraphs_running_over_a_page_stay_one(seed_tree):
    b = copy(seed_tree, "B")
    assert b.find(".//t:p[@n='5b']//t:pb[@n='2a']", NS) is not None
    assert b.find(".//t:p[@n='9']//t:pb", NS) is not None
    assert _paragraph_over_break(b, "three substantial accomplishments")
    a = copy(seed_tree, "A")
    assert _paragraph_over_break(a, "It would be")
    assert _paragraph_over_break(a, "naintain in any ultimate")


def test_date_title_drafting_line_underlines(seed_tree):
    root = seed_tree.getroot()
    for sigil in "AB":
        date = copy(seed_tree, sigil).find(".//t:opener/t:dateline/t:date", NS)
        assert date.get("when") == "1962-11-13"
        assert plain(copy(seed_tree, sigil).find(".//t:head", NS)) == 'THE PROBLEM OF "ASSURANCES"'
    assert root.find(".//t:profileDesc/t:creation/t:date", NS).get("when") == "1962-11-13"
    def drafting(sigil):
        return plain(copy(seed_tree, sigil).find(".//t:closer/t:seg[@type='draftingLine']", NS))

    assert drafting("B") == "IO: HCleveland: mtb"
    assert drafting("A") == "IO: ECleveland: mtb"
    underlined = [plain(h) for h in copy(seed_tree, "B").iterfind(".//t:hi[@rend='underline']", NS)]
    assert underlined == ["Cubans", "short-term", "not"]


def test_repetition_loops_and_noise(seed_tree):
    a_loops = [plain(s) for s in copy(seed_tree, "A").iterfind(".//t:surplus[@reason='repeated']", NS)]
    assert any(s.startswith("would need to go further than a declaration by the") for s in a_loops)
    assert len(a_loops) >= 3
    b_loops = [plain(s) for s in copy(seed_tree, "B").iterfind(".//t:surplus", NS)]
    assert any("Contained Contained" in s for s in b_loops)
    noise = [plain(n) for n in seed_tree.getroot().xpath(
        ".//t:unclear[@reason='noise'] | .//t:gap[@reason='noise']/t:desc", namespaces=NS)]
    assert {"whoir", "ì", "P This"} <= set(noise)
    # and none of them is a paragraph of its own
    assert not [p for p in seed_tree.getroot().iterfind(".//t:p", NS) if plain(p) in {"whoir", "ì", "P This"}]


def test_archival_lines(seed_tree):
    archival = [plain(f) for f in copy(seed_tree, "A").iterfind(".//t:fw[@type='archival']", NS)]
    assert archival == ["01169", "1962/11/13"]
    assert seed_tree.getroot().findtext(".//t:msIdentifier/t:idno[@type='control']", namespaces=NS) == "01169"


def test_garbled_lines_are_unclear_in_the_merged_text(seed_document):
    """Issue 10, item 3: copy A's "I winter formula for Ta" (line 11: words B's paragraph
    does not have, ending no sentence, between two sentences B joins) and "emiser westers."
    (line 15: where B reads "United Nations.") are illegible spans. Lines 19 and 114 are
    rows of the declassification stamps, kept as read inside the stamp (not judged)."""
    from tei_encoder.pipeline import to_tei

    root = etree.fromstring(to_tei(seed_document))
    unclear = [plain(u) for u in root.iterfind(".//t:unclear[@reason='illegible']", NS)]
    assert {"I winter formula for Ta", "emiser westers."} <= set(unclear)
    assert not any("United Nations" in u or "Security Council" in u for u in unclear)


def test_a_line_read_twice_with_a_word_split_is_a_repeat(seed_tree):
    """Copy B, line 112: "of the Uni ted Nations." is the engine reading the line before
    it again, "United" split in two: a repetition over the line break."""
    b_loops = [plain(s) for s in copy(seed_tree, "B").iterfind(".//t:surplus", NS)]
    assert "of the Uni ted Nations." in b_loops
