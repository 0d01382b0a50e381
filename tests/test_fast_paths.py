"""The analysis's quick tests (issue 11, 10 MB in under 30 s) answer as the work they
skip would: each is held here to that work, written out the long way, on every line of
the seed, the corpus and the other fixtures, and on random lines made of the characters
that matter to it. A quick test that hid a stamp, a date or a marking would change the
TEI of some memo without any other test noticing."""

from __future__ import annotations

import random
import re
from pathlib import Path

from rapidfuzz import fuzz

from tei_encoder.analyse import dates, stamps
from tei_encoder.analyse import furniture as fw

FIXTURES = Path(__file__).parent / "fixtures"


def _real_lines() -> list[str]:
    lines = []
    seed = Path(fw.__file__).parent.parent / "data" / "assurances-1962-11-13.txt"
    for path in sorted(FIXTURES.rglob("*.txt")) + [seed]:
        lines += path.read_text("utf-8", errors="replace").split("\n")
    assert len(lines) > 3000
    return lines


def _random_lines(alphabet: str, count: int = 4000, longest: int = 40) -> list[str]:
    rnd = random.Random(11)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, longest))) for _ in range(count)]



def _phrase(rnd, pieces: list[str], fewest: int, most: int) -> str:
    """A made-up line: fewest to most of the pieces, at random, joined by spaces."""
    return " ".join(rnd.choice(pieces) for _ in range(rnd.randint(fewest, most)))

def test_a_line_without_a_stamp_word_has_no_anchor_cell():
    def every_cell(text: str) -> bool:
        return any(stamps._anchor_cell(cell) for cell in text.split("\t"))
    pieces = ["declassified", "DECLASSIFY", "nnd", "NND 877467", "e.o. 12958", "review", "deny", "[", "]",
              "not ", "\t", " ", "by DLC", "sanitized", "authority", "no objection", "x", "1", "(", ")"]
    rnd = random.Random(5)
    made = [_phrase(rnd, pieces, 1, 8) for _ in range(4000)]
    checked = [line for line in _real_lines() + made if every_cell(line)]
    assert len(checked) > 100  # the long way finds anchors: the comparison is not empty
    for line in _real_lines() + made:
        assert stamps.is_anchor(line) == every_cell(line), line


def test_a_line_without_a_year_or_slash_has_no_date():
    def every_pattern(text: str):
        for pattern in dates._PATTERNS:
            for match in pattern.finditer(text):
                when = dates._iso(match)
                if when:
                    return dates.FoundDate(match.start(), match.end(), when)
        return None
    pieces = ["November", "Nov.", "0ctober", "Apri1", "13", "2nd", ",", "1962", "2001", "1799", "11/13/62", "/",
              "3/4", "19", "62", "May", "x", "\u0661\u0669\u0666\u0662"]
    rnd = random.Random(7)
    made = [_phrase(rnd, pieces, 1, 6) for _ in range(4000)]
    found = 0
    for line in _real_lines() + made:
        expected = every_pattern(line)
        found += expected is not None
        assert dates.find_date(line) == expected, line
    assert found > 100


def test_the_best_marking_is_the_best_form_over_its_cutoff():
    def long_way(typed: str, strict: bool) -> str | None:
        letters = re.sub(r"[^A-Za-z ]", "", typed)
        key = " ".join(letters.upper().split())
        if not key or len(key.replace(" ", "")) < 4:
            return None
        if key.replace(" ", "") in {"SECRET", "TOPSECRET"}:
            return "SECRET" if key.replace(" ", "") == "SECRET" else "TOP SECRET"
        capitals = letters.replace(" ", "").isupper()
        cutoff = 95 if strict else fw.CAPS_MATCH if capitals else fw.STRONG_MATCH
        score, form = max((fuzz.ratio(key, form), form) for form in fw.CLASSIFICATIONS)
        return form if score >= cutoff else None
    made = _random_lines("SECRTOPNFLIDAYUSesc -.1", longest=24)
    found = 0
    for line in [line for line in _real_lines() if len(line) <= 40] + made:
        for strict in (False, True):
            expected = long_way(line, strict)
            found += expected is not None
            assert fw._best_marking(line, strict) == expected, (line, strict)
    assert found > 100


def test_a_line_without_a_trace_mark_has_no_redaction_pattern_to_try():
    from tei_encoder.analyse import redactions

    def long_way(text: str) -> bool:  # _patterns_for's own tests, one by one
        return "[" in text or "(" in text or "XXXXX" in text or "xxxxxx" in text \
            or any(c in text for c in redactions._BLOCKS)
    made = _random_lines("ab [(X x\u2588\u25ac)]", longest=20) + _random_lines("aXx(\u00e9\u2587\u25a0", longest=12)
    for line in _real_lines() + _devset_lines() + made:
        assert (redactions._patterns_for(line) != []) == long_way(line), line
        assert redactions._has_trace_mark(line) == bool(redactions._TRACE_MARK.search(line)), line


def test_a_banner_is_found_in_lower_case_as_with_ignorecase():
    pieces = ["Released", "RELEASE", "under", "UNDER", "the", "The", "President", "John", "F.", "DocId:",
              "DOC ID:", "docld:", "Doc Ref ID", "Assassination", "RECORDS", "Collection", "Act", "\u017ft", "x"]
    rnd = random.Random(3)
    made = [_phrase(rnd, pieces, 1, 7) for _ in range(4000)]
    found = 0
    for line in _real_lines() + made:
        expected = bool(fw._BANNER_LINE.search(line))
        found += expected
        assert fw.is_banner(line) == expected, line
    assert found > 100


def test_a_line_without_layout_entity_or_form_feed_is_read_as_strip_layout_reads_it():
    from tei_encoder.model import Line
    from tei_encoder.readers import text as reader

    def long_way(text: str) -> list[Line]:  # every line through strip_layout, as before the quick path
        lines = []
        for number, raw in enumerate(text.split("\n"), start=1):
            for index, part in enumerate(raw.split("\f")):
                if index:
                    lines.append(Line(number, "\f", False))
                if part or index == 0:
                    body, bullet = reader.strip_layout(part)
                    lines.append(Line(number, body, bullet))
        while lines and not lines[-1].text:
            lines.pop()
        return lines
    made = _random_lines("ab \t-*+•&;#x41\f.", count=2000, longest=12)
    text = "\n".join(_real_lines() + made)
    text = reader.normalise(text.replace("&#", "&x"))  # no numeric entity to refuse
    assert list(reader.read_source(text.encode(), "made.txt").lines) == long_way(text)


def test_the_repeated_words_are_counted_as_line_by_line():
    from collections import Counter

    from tei_encoder.analyse.garbled import LINES_AT_ONCE, repeated_words

    def long_way(texts: list[str]) -> frozenset[str]:
        counts = Counter(word.lower() for text in texts for word in re.findall(r"[A-Za-z]+", text))
        return frozenset(word for word, count in counts.items() if count >= 2)
    lines = _real_lines() + _random_lines("aB \u212a\u0130\u017f-", count=3000, longest=10)
    assert len(lines) > 2 * LINES_AT_ONCE
    assert frozenset(repeated_words(lines)) == long_way(lines)
    assert frozenset(repeated_words(iter(lines))) == long_way(lines)
    for part in ([], [""], ["Kelvin \u212a k"], ["\u0130i \u0130i"]):
        assert frozenset(repeated_words(part)) == long_way(part), part
    # the same lines again: the very same set (the grading caches compare it by identity)
    assert repeated_words(lines) is repeated_words(list(lines))
    assert repeated_words(lines[:-1]) is not repeated_words(lines) or long_way(lines[:-1]) == long_way(lines)


def test_an_ascii_chunks_words_are_the_letter_runs_the_regex_finds():
    """garbled.ascii_words (a translation and a split) gives the lower-case runs of ASCII
    letters that [A-Za-z]+ finds, on every ASCII line of the fixtures and the dev set, the
    lines joined as repeated_words joins them, and random strings of all 128 characters."""
    from tei_encoder.analyse.garbled import ascii_words

    def long_way(text: str) -> list[str]:
        return [word.lower() for word in re.findall(r"[A-Za-z]+", text)]
    lines = [line for line in _real_lines() + _devset_lines() if line.isascii()]
    rnd = random.Random(13)
    characters = [chr(c) for c in range(128)] + ["ab", "Zy", "Q"] * 10
    made = ["".join(rnd.choice(characters) for _ in range(rnd.randint(0, 40))) for _ in range(4000)]
    assert len(lines) > 3000
    for text in lines + made + ["\n".join(lines[:512])]:
        assert ascii_words(text) == long_way(text), repr(text)


def test_a_block_without_the_title_words_does_not_name_the_form():
    from tei_encoder.analyse import forms

    pieces = ["JFK", "Assassination", "ASSASSINATION", "System", "SYSTEM", "Identification", "IDENTIFICATION",
              "Form", "FORM", "\u0130dentification", "a\u017f\u017fa\u017f\u017fination", "x", ":"]
    rnd = random.Random(9)
    made = [[_phrase(rnd, pieces, 1, 4) for _ in range(rnd.randint(1, 3))]
            for _ in range(3000)]
    blocks = [[line] for line in _real_lines()] + made
    found = 0
    for lines in blocks:
        expected = any(forms._TITLE.search(line) for line in lines)
        found += expected
        assert forms._names_the_form(lines) == expected, lines
    assert found > 100


def test_loops_are_found_only_where_two_words_come_again_as_at_every_word():
    """find_loops tries a loop only where a pair of words comes again within MAX_PERIOD
    (_loop_starts); held to the walk over every word (each word's later places)."""
    import bisect
    import itertools

    from tei_encoder.analyse import inline
    from tei_encoder.analyse.words import split_words

    def loop_at(keys, i, same_word):
        limit = min(inline.MAX_PERIOD, (len(keys) - i) // 2)
        for j in itertools.islice(same_word, bisect.bisect_right(same_word, i), None):
            period = j - i
            if period > limit:
                break
            run = 0
            while i + run + period < len(keys) and keys[i + run] == keys[i + run + period]:
                run += 1
            if not any(len(k) > 2 and k.isalpha() for k in keys[i:i + min(run, period)]):
                continue
            if period == 1 and run >= 2:
                return i + 1, i + 1 + run
            if period >= 2 and run >= period:
                return i + period, i + period + run
            if run >= inline.NEAR_MIN and period - run <= inline.NEAR_GAP:
                return i + run, i + period + run
        return None

    def long_way(keys):
        positions: dict[str, list[int]] = {}
        for index, key in enumerate(keys):
            positions.setdefault(key, []).append(index)
        ranges, i = [], 0
        while i < len(keys):
            found = loop_at(keys, i, positions[keys[i]])
            if found is None:
                i += 1
            else:
                ranges.append(found)
                i = found[1]
        return ranges
    real = [list(split_words(line)[1]) for line in _real_lines()]
    joined = [sum(real[k:k + 12], []) for k in range(0, len(real), 12)]  # blocks' worth of lines as one run
    rnd = random.Random(13)
    made = []
    for _ in range(4000):
        vocabulary = ["the", "of", "Cuba", "missiles", "bases", "1", ".", "would", "go"][: rnd.randint(2, 9)]
        made.append([rnd.choice(vocabulary) for _ in range(rnd.randint(0, 90))])
    found = 0
    for keys in real + joined + made:
        expected = long_way(keys)
        found += bool(expected)
        assert inline.find_loops(keys) == expected, keys
    assert found > 1000


def test_a_tokens_grade_read_once_a_process_is_its_grade_read_in_each_context():
    """garbled._grade reads what a token is whatever the memo once (_reading) and applies
    the memo's context after; held to the grade read whole in each context, as before."""
    import unicodedata

    from tei_encoder.analyse import garbled as g
    from tei_encoder.analyse import plausibility

    def long_way(piece, context):
        if not any(ch.isalpha() for ch in piece) or "/" in piece or piece.endswith(":"):
            return None
        if not piece.isascii():
            piece = unicodedata.normalize("NFKD", piece).encode("ascii", "ignore").decode() or piece
        parts = [part for part in g._PARTS.split(g._CAMEL.sub("-", piece)) if any(ch.isalpha() for ch in part)]
        if len(parts) > 1:
            worst = max(long_way(part, context) or g._OK for part in parts)
            return min(worst, g._SLIP) if g._APOSTROPHE.search(piece) else worst
        match = g._CORE.match(piece)
        if not match:
            return g._SLIP if plausibility.confused_word(piece) \
                or g._ORDINAL.match(piece.lower().translate(g._AS_FIGURES)) else g._DOUBT
        core = match.group(1)
        plain = g._NAME_PREFIX.sub("", core)
        if len(core) > 1 and context.caps and not core.isupper() and (not core.islower() or len(core) > g.CAPS_SCRAP):
            return g._HARD
        if len(plain) > 1 and not (plain.islower() or plain.istitle() or plain.isupper() or g._plural_acronym(plain)):
            return g._HARD
        if core.lower() in context.seen or len(core) > 1 and core.isupper() and not context.caps:
            return g._OK
        return g._grade_word(core)
    pieces = sorted({piece for line in _real_lines() for piece in line.split()})
    rnd = random.Random(17)
    made = ["".join(rnd.choice(["a", "B", "c", "Mc", "e", "IT", "o", "1", "'", "/", ":", "-", "\u00c4", "\u00df", "rn"])
                    for _ in range(rnd.randint(1, 8))) for _ in range(4000)]
    seen = g.WordSet(["the", "cuba", "mcgee", "it", "a", "bc", "hewh"] + [p.lower() for p in pieces[::7]])
    contexts = [g.NO_CONTEXT, g.WordContext(caps=True), g.WordContext(seen), g.WordContext(seen, True)]
    grades = set()
    for piece in pieces + made:
        for context in contexts:
            expected = long_way(piece, context)
            grades.add(expected)
            assert g._grade(piece, context) == expected, (piece, context.caps)
    assert grades == {None, g._OK, g._SLIP, g._RARE, g._DOUBT, g._HARD}


def test_the_forms_one_confusion_away_are_those_of_each_pair_at_each_place():
    """plausibility._unconfused walks a form once, trying the pairs that start with each
    character; held to each pair tried at each of its places (str.find), as before."""
    from tei_encoder.analyse import plausibility

    def long_way(form):
        out = set()
        for a, b in plausibility._CONFUSION_PAIRS:
            start = form.find(a)
            while start != -1:
                out.add(form[:start] + b + form[start + len(a):])
                start = form.find(a, start + 1)
        return out
    forms = {piece.lower().strip(".,;:()") for line in _real_lines() for piece in line.split()}
    forms |= set(_random_lines("rnmcldeo01ihbgunvwx", count=3000, longest=12))
    changed = 0
    for form in sorted(forms):
        expected = long_way(form)
        changed += bool(expected)
        assert plausibility._unconfused(form) == expected, form
    assert changed > 3000


def test_a_token_has_a_letter_as_str_isalpha_says():
    from tei_encoder.analyse.garbled import _has_letter
    texts = [chr(c) for c in range(0x250)] + _random_lines("a1 Z_-\u00e9\u00b2\u2167.", count=3000, longest=6)
    assert sum(_has_letter(text) for text in texts) > 1000
    for text in texts:
        assert _has_letter(text) == any(ch.isalpha() for ch in text), repr(text)


def test_a_bare_token_is_the_folded_token_less_its_edge_punctuation():
    from tei_encoder.analyse import plausibility
    texts = [chr(c) for c in range(0x250)] + [piece for line in _real_lines() for piece in line.split()]
    texts += _random_lines("a1Z_-.,(\u00e9\u00df\u0130 ", count=3000, longest=8)
    for text in texts:
        assert plausibility._bare(text) == plausibility._EDGE.sub("", text.casefold()), repr(text)


def test_the_banners_searched_over_the_joined_lines_are_those_found_line_by_line():
    from tei_encoder.analyse import history

    def long_way(lines):
        found, kinds = [], set()
        for index, line in lines:
            for kind, pattern in (("jfk", history._JFK_BANNER), ("cia", history._APPROVED)):
                if kind not in kinds and pattern.search(line):
                    kinds.add(kind)
                    found.append((index, line.strip()))
        return found
    real = _real_lines()
    pieces = ["1993 RELEASE UNDER THE PRESIDENT JOHN F. KENNEDY", "Approved For Release 2001/03/04", "1993",
              "RELEASE UNDER", "THE PRESIDENT JOHN F KENNEDY", "Approved For", "Release 2001/03/04", "\0",
              "x", "Approved for release 1999/09/09 : CIA-RDP", "2017 release under the president john f. kennedy",
              "1993 RELEA\u017fE UNDER THE PRESIDENT JOHN F. KENNEDY", "APPROVED FOR RELEASE 1999/09/09", "\u0130"]
    rnd = random.Random(21)
    copies = [list(enumerate(real[k:k + 80], start=1)) for k in range(0, len(real), 80)]
    copies += [list(enumerate((_phrase(rnd, pieces, 0, 3)
                               for _ in range(rnd.randint(0, 6))), start=5)) for _ in range(3000)]
    found = 0
    for lines in copies:
        expected = long_way(lines)
        found += len(expected)
        assert history.banners(lines) == expected, lines
    assert found > 1000


def test_a_run_with_no_two_keys_making_a_key_joins_none_as_pair_by_pair():
    """_split_words_joined tells with one set operation that no pair of keys makes a key
    of the run; held to the join walked pair by pair, as before."""

    from tei_encoder.analyse import inline
    from tei_encoder.analyse.words import split_words

    def long_way(keys):  # the walk, pair by pair, with no set operation first
        return inline._joined_pairs(keys, set(keys))
    real = [list(split_words(line)[1]) for line in _real_lines()]
    runs = [sum(real[k:k + 12], []) for k in range(0, len(real), 12)]
    rnd = random.Random(23)
    vocabulary = ["uni", "ted", "united", "any", "one", "anyone", "in", "to", "into", "the", "x"]
    runs += [[rnd.choice(vocabulary) for _ in range(rnd.randint(0, 12))] for _ in range(3000)]
    joined = 0
    for keys in runs:
        expected = long_way(keys)
        joined += expected[1] is not None
        assert inline._split_words_joined(keys) == expected, keys
    assert joined > 30


def test_a_token_ok_in_a_memo_repeating_no_word_is_ok_in_every_memo():
    """find_garbled and doubtful_runs ask first in a memo that repeats no word
    (garbled._NO_WORDS, cached for every memo): a token OK or None there must be so in any
    memo with the line's capitals, and a quiet token quiet (a memo's words only make a token OK)."""
    from tei_encoder.analyse import garbled as g

    pieces = sorted({piece for line in _real_lines() for piece in line.split()})
    rnd = random.Random(19)
    made = ["".join(rnd.choice(["a", "B", "c", "Mc", "e", "IT", "o", "1", "'", "-", "rn", "ss", "th"])
                    for _ in range(rnd.randint(1, 6))) for _ in range(3000)]
    words = [p.lower().strip(".,;:()'\"") for p in pieces + made]
    seen = [g.WordSet(words[k::5]) for k in range(5)] + [g.WordSet(words)]
    checked = 0
    for piece in pieces + made:
        for caps in (False, True):
            alone, quiet = g._grade(piece, g._NO_WORDS[caps]), g._quiet(piece, g._NO_WORDS[caps])
            for words_seen in seen:
                context = g.WordContext(words_seen, caps)
                if not alone:
                    checked += 1
                    assert g._grade(piece, context) == alone, (piece, caps)
                assert not quiet or g._quiet(piece, context), (piece, caps)
    assert checked > 10000
    lines = [line.split() for line in _real_lines()] + [rnd.sample(pieces + made, 6) for _ in range(2000)]
    for context in [g.WordContext(words_seen, caps) for words_seen in seen[:2] for caps in (False, True)]:
        for line in lines:
            assert g._all_quiet(line, context) == all(g._quiet(piece, context) for piece in line), line
            assert g.doubtful_runs(line, context) == g._runs(
                [None if i == len(line) - 1 and p.endswith("-") else g._grade(p, context) for i, p in enumerate(line)])


def test_an_archival_line_is_found_in_lower_case_as_with_ignorecase():
    pieces = ["DOCID-32629330", "DocId-1", "Return To CIA", "RETURN", "to", "CIA", "Background Use Only",
              "DO NOT REPRODUCE", "1962/11/13", "176-10033-10152", "01169", "1-00000", "Released", "under",
              "the", "President", "DOC ID:", "\u212a", "-", "x"]
    rnd = random.Random(27)
    made = [_phrase(rnd, pieces, 1, 5) for _ in range(4000)]
    found = 0
    for line in _real_lines() + made:
        expected = bool(fw._ARCHIVAL.search(line))
        found += expected
        assert fw.is_archival(line) == expected, line
    assert found > 500


def test_a_copy_without_a_forms_number_has_no_cover_form_to_search_for():
    from tei_encoder.analyse import cover_forms as cf

    def long_way(lines):  # read_cover_forms searching every copy for both forms
        found = []
        text = "\n".join(lines)
        fd263 = cf._FD263.search(text)
        if fd263:
            found.append(cf._fd263(lines, fd263.group().strip()))
        of41 = cf._OF41.search(text)
        if of41:
            fields = {}
            name = cf._NAME_BEFORE.search(text)
            if name:
                fields["FROM"] = name.group(1)
            form = "OPTIONAL FORM 41" + (f" ({of41.group('rev')})" if of41.group("rev") else "")
            found.append(cf.CoverForm("OF-41", form, fields))
        return found
    pieces = ["FD-263", "F D 263", "fd263", "OPTIONAL FORM 41", "optional form 41 (Rev. 7-76)", "JOHN A. SMITH",
              "INVESTIGATIVE PERIOD", "10/9 - 12/28/59", "REFERENCES", "41", "263", "FORM", "x"]
    rnd = random.Random(29)
    real = _real_lines()
    copies = [real[k:k + 60] for k in range(0, len(real), 60)]
    copies += [[_phrase(rnd, pieces, 0, 4) for _ in range(rnd.randint(1, 5))]
               for _ in range(2000)]
    found = 0
    for lines in copies:
        expected = long_way(lines)
        found += len(expected)
        assert cf.read_cover_forms(lines) == expected, lines
    assert found > 300


def test_a_run_or_page_without_a_stamp_word_or_banner_joined_has_none_on_any_line():
    """stamp_spans searches a run's lines joined for a stamp word, _page a page's for a
    banner, before asking line by line: a line's match must be one in the joined lines."""
    pieces = ["declassified", "DECLASSIFY", "nnd", "NND 877467", "E.O. 12958", "approved", "for release",
              "no", "objection", "review", "Case #", "Released under the", "John F", "Doc Id:", "DOC REF ID",
              "\u0130", "\u212a", "\t", "x", "\u03a3"]
    rnd = random.Random(31)
    real = _real_lines()
    groups = [real[k:k + rnd.randint(1, 9)] for k in range(0, len(real), 5)]
    groups += [[_phrase(rnd, pieces, 0, 3) for _ in range(rnd.randint(1, 4))]
               for _ in range(3000)]
    def spans_long_way(lines):  # stamp_spans line by line, as before
        return stamps.anchored_spans(lines)
    stamped = banners = 0
    for lines in groups:
        expected = spans_long_way(lines)
        stamped += bool(expected)
        assert stamps.stamp_spans(lines) == expected, lines
        if any(fw.is_banner(line) for line in lines):
            banners += 1
            assert fw.is_banner("\n".join(lines)), lines
    assert stamped > 300 and banners > 300


def test_a_page_marker_is_told_by_its_first_character_as_by_the_patterns():
    from tei_encoder.analyse import pages
    from tei_encoder.model import Line
    from tei_encoder.readers import text as reader
    made = _random_lines("#-*_ Pagep12\f\t", count=4000, longest=14) + ["", "\f", "---", "## Page 2", "--- page 3 ---"]
    made += ["#" * k + " Page " + str(k) for k in range(1, 8)] * 40 + ["-- page 9 --", "***", "___ "] * 40
    found = 0
    for text in _real_lines() + made:
        expected = bool(reader.PAGE_MARKER.match(text))
        found += expected
        assert reader.is_page_marker(text) == expected, repr(text)
        line = Line(1, text, False)
        assert pages._is_marker(line) == (text == "\f" or bool(pages._MARKER_PAGE.match(text)
                                                               or pages._MARKER_RULE.match(text))), repr(text)
    assert found > 300


def test_a_block_is_fieldish_as_by_counting_every_line():
    from tei_encoder.analyse import forms

    def long_way(lines):
        fields = sum(bool(forms._FIELD.match(line)) or len(line.split()) <= forms.SHORT_VALUE_WORDS for line in lines)
        return bool(lines) and 2 * fields >= len(lines)
    real = [line for line in _real_lines() if line.strip()]
    rnd = random.Random(37)
    blocks = [real[k:k + rnd.randint(0, 8)] for k in range(0, len(real), 3)]
    pieces = ["AGENCY : CIA", "DATE: 1962", "x", "a long line of typed prose that runs on and on", "; y", ""]
    blocks += [[rnd.choice(pieces) for _ in range(rnd.randint(0, 7))] for _ in range(3000)]
    found = 0
    for lines in blocks:
        expected = long_way(lines)
        found += expected
        assert forms._fieldish(lines) == expected, lines
    assert found > 500


def _devset_lines() -> list[str]:
    """The dev set's memos (beside the project, where present: a check on more text)."""
    frus = Path(__file__).resolve().parents[2] / "shared" / "devset" / "frus"
    if not frus.is_dir():
        frus = Path("/work/shared/devset/frus")
    return [line for path in sorted(frus.glob("*.txt"))
            for line in path.read_text("utf-8", errors="replace").split("\n")]


def _made_tokens(count: int = 6000) -> list[str]:
    """Made-up tokens of the characters the graders read: letters of each case, short
    common words, function words, figures and the punctuation around or inside a word."""
    rnd = random.Random(23)
    pieces = ["a", "B", "c", "Mc", "e", "IT", "o", "1", "'", "/", ":", "-", ".", ",", "(", ")", "\"", "_", "\\",
              "rn", "the", "The", "THE", "of", "ia", "Ia", "IA", "tps", "gov", "ern", "ment", "Zz", "\u00c4", "x"]
    return ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 6))) for _ in range(count)]


def test_a_plain_common_word_is_quiet_and_of_no_kind_as_read_the_long_way():
    """garbled._quiet and _token_kinds tell a plain word of the list (most tokens a memo
    brings new) at once (_quiet_word, _plain_kinds); held to the token's kinds and grade
    read the long way (_quiet_read, _kinds_read) in every context."""
    from tei_encoder.analyse import garbled as g

    pieces = sorted({piece for line in _real_lines() + _devset_lines() for piece in line.split()} | set(_made_tokens()))
    seen = g.WordSet([p.lower().strip(".,;:()'\"") for p in pieces[::3]] + ["ia", "tps", "zz"])
    contexts = [g.NO_CONTEXT, g.WordContext(caps=True), g.WordContext(seen), g.WordContext(seen, True)]
    told = {context: 0 for context in contexts}
    for piece in pieces:
        for context in contexts:
            if g._quiet_word(piece, context):
                told[context] += 1
                assert g._quiet_read(piece, context), (piece, context.caps)
    assert min(told.values()) > 1000, told  # the quick answer is given, in each context
    kinds = 0
    for piece in pieces:
        quick = g._plain_kinds(piece)
        if quick is not None:
            kinds += 1
            assert quick == g._kinds_read(piece), piece
    assert kinds > 3000


def test_a_plain_word_is_read_as_the_long_way_reads_it():
    """garbled._reading reads a plain word's letters at once (_plain_core); held to the
    token read the long way (_read: parts, figures, the name prefix)."""
    from tei_encoder.analyse import garbled as g

    pieces = sorted({piece for line in _real_lines() + _devset_lines() for piece in line.split()} | set(_made_tokens()))
    told = 0
    for piece in pieces:
        quick = g._plain_core(piece)
        if quick is not None:
            told += 1
            assert quick == g._read(piece), piece
    assert told > 5000


def test_a_closing_line_and_an_opener_field_are_found_where_their_characters_are():
    """closers.closer_role tries the drafting and initials patterns only on a line with a
    colon or slash, the salute only after its first letter; blocks.opener_role the fields
    only after one of their first letters. Held to every pattern tried in order, and the
    first letters to every character IGNORECASE takes for one."""
    from tei_encoder.analyse import blocks, closers

    def closer_long_way(text):
        text = text.strip()
        for pattern, role in ((closers._DRAFTING, "draftingLine"), (closers._INITIALS, "initials"),
                              (closers._SALUTE, "salute")):
            if pattern.match(text):
                return role
        return None

    def opener_long_way(text):
        return next((role for pattern, role in blocks._OPENER_FIELDS if pattern.match(text)), None)
    pieces = ["IO", ":", " ", "HCleveland", "mtb", "ARA/CMA", "/", ";", "JCHill", "tlc", "RHJ", "mb", "dia",
              "Sincerely", "sincerely yours", "\u017fincerely", "RESPECTFULLY", "Very truly yours", "cordially",
              "Faithfully yours", ",", ".", "MEMORANDUM FOR", "Memorandum to", "THROUGH:", "thru :", "FROM:",
              "To:", "SUBJECT", "\u017fubj:", "SUBJ", "Ref:", "REFERENCES:", "Participants:", "DATE:", "x", "\t"]
    rnd = random.Random(29)
    made = [_phrase(rnd, pieces, 1, 5) for _ in range(6000)]
    roles = set()
    for line in _real_lines() + _devset_lines() + made:
        expected = closer_long_way(line)
        roles.add(expected)
        assert closers.closer_role(line) == expected, line
        text = line.replace("\t", " ")
        expected = opener_long_way(text)
        roles.add(expected)
        assert blocks.opener_role(text) == expected, text
    assert {"draftingLine", "initials", "salute", "addressee", "subject", "reference", "date"} <= roles
    for code in range(0x30000):
        char = chr(code)
        if re.match("[mtfsrpd]", char, re.IGNORECASE):
            assert char in blocks.OPENER_STARTS, hex(code)
        if re.match("[srvfc]", char, re.IGNORECASE):
            assert char in closers.SALUTE_STARTS, hex(code)


def test_a_copy_without_an_opening_tag_has_the_underlines_paired_the_long_way():
    """inline.Underlines.of pairs no tag in a copy without "<u>" (most); held to the tags
    paired over its lines (Underlines.read), on the fixtures, the dev set and made-up copies."""
    from tei_encoder.analyse.inline import Underlines
    from tei_encoder.model import Line

    rnd = random.Random(31)
    pieces = ["<u>", "</u>", "<u", "u>", "</", "text", "\f", "## Page 2", "", " ", "less than 1", "line]"]
    copies = [_real_lines(), _devset_lines()] + [[_phrase(rnd, pieces, 0, 4) for _ in range(rnd.randint(0, 12))]
                                                 for _ in range(3000)]
    marked = 0
    for texts in copies:
        lines = tuple(Line(number, text, False) for number, text in enumerate(texts, start=1))
        expected = Underlines.read(lines)
        marked += bool(expected.marked)
        assert Underlines.of(lines) == expected, texts
    assert marked > 100


def test_a_body_without_a_bracket_or_a_title_alone_has_the_cuts_read_line_by_line():
    """redactions.line_context finds no cut in a body with no "[" and no line a title
    alone matches over the joined lines (most); held to the lines read one by one
    (context_read), on each fixture, the dev set and made-up bodies."""
    from tei_encoder.analyse import redactions

    rnd = random.Random(37)
    pieces = ["Mr.", "Mr,", "Mrs", "Dr", "Col.", "P", "Ri", "Ky", "Ky said", "[", "]", "less than 1", "line",
              "not declassified]", "<u>", "</u>", "Lodge", " ", "", "\t", "mr."]
    bodies = [path.read_text("utf-8", errors="replace").split("\n") for path in sorted(FIXTURES.rglob("*.txt"))]
    bodies += [_devset_lines()] + [[_phrase(rnd, pieces, 0, 3) for _ in range(rnd.randint(0, 8))]
                                   for _ in range(4000)]
    cut = 0
    for texts in bodies:
        expected = redactions.context_read(texts)
        cut += any(map(any, expected))
        assert redactions.line_context(texts) == expected, texts
    assert cut > 300


def test_a_plausible_name_is_graded_a_slip_as_by_the_rules_in_their_order():
    """garbled._grade_word grades a plausible Title-case word (a name) a slip before it
    tries the confusions; held to the rules tried in their order, as before."""
    from tei_encoder.analyse import garbled as g
    from tei_encoder.analyse import plausibility as pl

    def long_way(core):
        key = core.lower()
        if pl.is_word(key):
            zipf = pl.short_word_zipf(key)
            if zipf is None or zipf >= g.SHORT_COMMON:
                return g._OK
            return g._SLIP if g._confused_common(key) else g._RARE
        if g._inflected(key):
            return g._OK
        score = pl.word_plausibility(core)
        if len(core) >= g.LONG_WORD and score >= g.LONG_PLAUSIBLE:
            return g._OK
        if core.isupper():
            return g._SLIP
        if len(core) == 1 or pl.confused_word(core):
            return g._SLIP
        if core.islower() and pl.has_near_word(core):
            return g._DOUBT
        if core.istitle() and score >= g.NAME_PLAUSIBLE or core.islower() and score >= g.LOWER_PLAUSIBLE:
            return g._SLIP
        if pl.has_near_word(core):
            return g._SLIP if core.istitle() else g._DOUBT
        return g._HARD
    rnd = random.Random(41)
    made = ["".join(rnd.choice("aeiourstnlcdmhbgKQXZ") for _ in range(rnd.randint(1, 9))).title() for _ in range(3000)]
    cores = sorted({match.group(1) for line in _real_lines() + _devset_lines() for piece in line.split()
                    if (match := g._CORE.match(piece))} | set(made) | {c.lower() for c in made} | {"I", "Xq"})
    grades = set()
    for core in cores:
        expected = long_way(core)
        grades.add(expected)
        assert g._grade_word(core) == expected, core
    assert grades == {g._OK, g._SLIP, g._RARE, g._DOUBT, g._HARD}
