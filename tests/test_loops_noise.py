"""Repetition loops over a line break, and stray marks standing alone in mid-page."""

from __future__ import annotations

from tei_encoder.analyse.inline import analyse, block_loops
from tei_encoder.model import Surplus, Text
from tests.conftest import CORPUS, encoded

T = "{http://www.tei-c.org/ns/1.0}"


def test_a_loop_over_a_line_break_is_surplus():
    """The engine stalled at a line end and wrote the phrase again on the next line."""
    lines = [analyse("effect on morale of junior"), analyse("officers, quite clear morale of junior officers,"
                                                             " quite clear that they were shaken")]
    marked = block_loops(lines)
    surplus = [p.text for line in marked for p in line if isinstance(p, Surplus)]
    assert surplus == ["morale of junior officers, quite clear"]
    assert "".join(p.text for p in marked[1]) == "".join(p.text for p in lines[1])  # every character kept


def test_a_heading_repeated_by_the_text_is_no_loop():
    """Corpus 02, lines 595-597: "American Investments" above "American investments in the
    Dominican Republic" (two words again over a break)."""
    lines = [(Text("American Investments"),), (Text("American investments in the Dominican Republic"),)]
    assert block_loops(lines) == lines
    path = next(p for p in CORPUS if p.name.startswith("02"))
    assert not any("American" in (s.text or "") for s in encoded(path).getroot().iter(f"{T}surplus"))


def test_stray_marks_alone_mid_page_are_noise_names_are_not():
    from tei_encoder.analyse.pages import _stray
    assert _stray("om,") and _stray("ee,") and _stray("Ey,")
    assert not _stray("RUSK") and not _stray("Lodge") and not _stray("WR") and not _stray("2.")


def test_a_catchword_in_capitals_at_a_cable_page_foot():
    """A cable in capitals: "BEEN DENIED" at the foot, the next page opening with it."""
    from tei_encoder.analyse.pages import _is_catch
    assert _is_catch("BEEN DENIED", ["been", "denied", "access", "to"])
    assert not _is_catch("BEEN DENIED", ["they", "have", "been"])


def test_a_line_that_is_all_repetition_keeps_its_line_break_in_the_merged_text(validator):
    """Found by the property tests: copy B read one line twice, so its second line is
    wholly a repetition; no word of B carries that line's break, and it was lost (B's
    two lines came back as one)."""
    from lxml import etree

    from tei_encoder.pipeline import encode
    from tei_encoder.publish.rebuild import witness_text

    memo = ("1. The Soviets will want a firm undertaking\nALTERNATE COPY FOLLOWS\n"
            "The Soviets will want a firm undertaking\nThe Soviets will want a firm undertaking\n")
    _, xml = encode([(memo.encode(), "memo.txt")], validator)
    tree = etree.ElementTree(etree.fromstring(xml))
    assert list(tree.getroot().iter(f"{T}surplus"))
    assert witness_text(tree, "B").splitlines() == ["The Soviets will want a firm undertaking"] * 2


def test_a_line_of_scraps_is_noise():
    """Corpus 04, line 238: "eee eee" stands between paragraphs; "wt ie cae" (dev-set
    style) at a page foot. A line of short common words is not scraps."""
    from tei_encoder.analyse.furniture import is_noise, is_scraps
    assert is_scraps("eee eee") and is_scraps("wt ie cae") and is_noise("wt ie cae")
    assert not is_scraps("to be") and not is_scraps("of the") and not is_scraps("ee,")
    path = next(p for p in CORPUS if p.name.startswith("04"))
    noise = [u.text for u in encoded(path).getroot().iter(f"{T}unclear") if u.get("reason") == "noise"]
    assert "eee eee" in noise


def test_a_name_alone_at_a_page_edge_is_a_signature_not_noise():
    """The signature that opens the last page ("RUSK" above the drafting line) or closes
    a cable (corpus 08: "LODGE") is text; a short non-word there ("FIS" in corpus 09, at a
    page top; "Oita" in 11, at a foot) stays noise."""
    from tei_encoder.analyse.pages import _name_alone
    assert _name_alone("RUSK") and _name_alone("Lodge") and _name_alone("LODGE")
    assert not _name_alone("FIS") and not _name_alone("Oita") and not _name_alone("whoir") and not _name_alone("P This")


def test_a_catchword_that_repeats_a_whole_line_or_a_label():
    """The next page's text is read over two lines, so a catchword may repeat its whole
    first line ("Fuller report follows.", a heading "Background"); a label and its first
    word ("C. M.") is a catchword although it holds no word of two letters; a cable's
    "TROOPS ARE" above "TROOPS ARE DEPLOYED" is the catchword, not "TOP SECRET" misread."""
    from tei_encoder.analyse.pages import _is_catch
    assert _is_catch("Fuller report follows.", ["fuller", "report", "follows", "comment", "i"])
    assert _is_catch("C. M.", ["c", "m", "general", "mai", "huu"])
    assert _is_catch("TROOPS ARE", ["troops", "are", "deployed", "at"])
    assert not _is_catch("TOP SECRET", ["top", "secret", "and", "more"])
    assert not _is_catch("C. M.", ["d", "do", "khac", "mai"])


def _page_blocks(text: str) -> list[tuple[str | None, str]]:
    from tei_encoder.model import Block, TextLine
    from tei_encoder.pipeline import analyse as analyse_document
    items = analyse_document(text.encode(), "m.txt").witnesses[0].items
    blocks = [i for i in items if isinstance(i, Block)]
    return [(b.n, " ".join("".join(getattr(p, "text", "") for p in c.parts) for c in b.content
                           if isinstance(c, TextLine))) for b in blocks]


def test_a_whole_line_catchword_does_not_join_the_paragraph_before():
    """"II. Background and Scope" at a page foot, the catchword "Background", and the next
    page opening with the heading "Background": the heading does not run on into II."""
    filler = "\n\n".join(f"Sentence number {i} of the first page, which is long enough." for i in range(12))
    text = (f"{filler}\n\nII. Background and Scope\n\nBackground\n\n\n\n\n-2-\n\nBackground\n"
            "Since November the work went on.\n\nThe end of it.\n")
    blocks = _page_blocks(text)
    assert ("ii", "II. Background and Scope") in blocks or ("2", "II. Background and Scope") in blocks


def test_a_form_label_alone_at_the_first_page_top_stays_noise():
    """Corpus 04 opens with the RIF's "AGENCY" alone at the first page's top: the form's
    label, scrambled by tesseract, not a signature; it stays noise, as it was."""
    path = next(p for p in CORPUS if p.name.startswith("04"))
    noise = [u.text for u in encoded(path).getroot().iter(f"{T}unclear") if u.get("reason") == "noise"]
    assert "AGENCY" in noise


def test_the_phrase_pretest_of_block_loops_never_hides_a_loop():
    """block_loops skips find_loops where no CROSS_MIN words come again within MAX_PERIOD
    words (a speed-up for large files): on random runs of a small vocabulary, full of
    loops of every period, every loop of CROSS_MIN words or more comes with such a repeat."""
    import random

    from tei_encoder.analyse.inline import CROSS_MIN, _repeats_phrase, find_loops
    rnd = random.Random(11)
    checked = 0
    for _ in range(3000):
        vocabulary = ["the", "of", "Cuba", "missiles", "bases", "1", "."][: rnd.randint(2, 7)]
        keys = [rnd.choice(vocabulary) for _ in range(rnd.randint(0, 60))]
        long_loops = [(s, e) for s, e in find_loops(keys) if e - s >= CROSS_MIN]
        if long_loops:
            checked += 1
            assert _repeats_phrase(keys), keys
    assert checked > 500


def test_two_typed_words_that_make_a_word_are_no_split():
    """"stop any one who came to the gate" / "and anyone who came to the gate": both
    typed, "any one" good text of its own; joining it to find a repeat made the second
    clause surplus and the reading text lost it. A word the OCR split into halves that
    are not words a typist writes ("Uni ted") is still joined, and its line a repeat."""
    from lxml import etree

    from tei_encoder.pipeline import analyse as analyse_memo
    from tei_encoder.pipeline import to_tei
    from tei_encoder.publish.reading import reading_text

    lines = [analyse("1. The plan was that the guards would stop any one who came to the gate"),
             analyse("and anyone who came to the gate would be seen by the Minister himself.")]
    assert block_loops(lines) == lines
    memo = (b"MEMORANDUM FOR THE RECORD\n\n1. The plan was that the guards would stop any one who came"
            b" to the gate\nand anyone who came to the gate would be seen by the Minister himself.\n")
    text = reading_text(etree.ElementTree(etree.fromstring(to_tei(analyse_memo(memo, "m.txt")))))
    assert "gate and anyone who came to the gate would be seen" in " ".join(text.split())

    split = [analyse("a resolution of the Security Council of the United Nations."),
             analyse("of the Uni ted Nations. It was agreed that the resolution stands.")]
    surplus = [p.text for line in block_loops(split) for p in line if isinstance(p, Surplus)]
    assert surplus == ["of the Uni ted Nations."]
