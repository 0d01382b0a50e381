"""The collation's fast paths give what their long forms give: on every block stream of
the seed and the corpus (a faster way, never a different answer)."""

from __future__ import annotations

import pytest

from tei_encoder.collate import kinds, related, words
from tei_encoder.collate.tokens import Streams, has_alphanumeric
from tei_encoder.model import Block, Placed
from tei_encoder.pipeline import analyse
from tests.conftest import ALL_INPUTS, CORPUS, SEED


@pytest.fixture(scope="module")
def streams() -> list:
    read = Streams()
    return [read.of(item) for path in ALL_INPUTS for witness in analyse(path.read_bytes(), str(path)).witnesses
            for item in witness.items if isinstance(item, Block)]


def _run_by_definition(stream, start: int, end: int, sigil: str) -> list:
    """_run's loop for one copy: each word with its items before it, each word through _shared."""
    run = []
    for index in range(start, end):
        run.extend(Placed(sigil, item) for item in stream.aside.get(index, ()))
        token = stream.tokens[index]
        run.append(words._shared(token, [sigil], [token]))
    return run


def test_a_reading_of_one_copy_is_its_run_by_definition(streams):
    starts = 0
    for stream in streams:
        length = len(stream.tokens)
        for start, end in ((0, length), (length // 3, length), (1, max(1, length // 2))):
            assert words._own_run(stream, start, end, ["A"]) == _run_by_definition(stream, start, end, "A")
        starts += sum(bool(token.lb or token.line) for token in stream.tokens)
    assert starts > 500  # words that start a line, as well as words that do not


def test_trigram_words_are_the_folded_words_with_a_letter_or_figure(streams):
    keys = [key for stream in streams for key in stream.keys] + ["", "-", "1962", "__", "rn", "Ünïcode"]
    assert [kinds._trigram_word(key) for key in keys] == [
        kinds._fold(key) if has_alphanumeric(key) else None for key in keys]
    assert None in map(kinds._trigram_word, keys)


def test_block_words_are_each_keys_own_words(streams):
    keys_lists = [stream.keys for stream in streams] + [["movember 13, 1962", "", "a\tb", "x\xa0y", " lead", "trail "]]
    for keys in keys_lists:
        assert related.block_words(keys) == tuple(word for key in keys for word in key.split())
    assert any(" " in key for keys in keys_lists for key in keys)  # dates and spans of several words


def _groups_by_hash(streams_by_sigil: dict, spans: dict) -> list:
    """words._groups as first written: a dict keyed by each copy's words."""
    groups: dict = {}
    for sigil, (start, end) in spans.items():
        words = tuple(token.parts for token in streams_by_sigil[sigil].tokens[start:end])
        groups.setdefault(words, []).append(sigil)
    return list(groups.items())


def test_readings_grouped_by_comparison_are_those_grouped_by_hash(streams):
    several = 0
    for first, second in zip(streams, streams[1:]):
        copies = {"A": first, "B": second, "C": first, "D": second}
        for a, b in ((0, len(first.tokens)), (0, 1), (1, 3), (2, 2)):
            for c, d in ((0, len(second.tokens)), (0, 1), (a, b)):
                spans = {"A": (a, b), "B": (c, d), "C": (a, b), "D": (min(c, d), d)}
                spans = {s: (min(x, len(copies[s].tokens)), min(y, len(copies[s].tokens)))
                         for s, (x, y) in spans.items()}
                assert words._groups(copies, spans) == _groups_by_hash(copies, spans)
                several += len(words._groups(copies, spans)) > 1
    assert several > 100


def test_a_readings_marks_are_its_parts_redactions_and_artefacts(streams):
    from tei_encoder.model import Redaction

    readings = [list(stream.tokens[start:start + 4]) for stream in streams for start in range(0, len(stream.tokens), 4)]
    for reading in readings:
        assert kinds._marks(reading) == (
            any(isinstance(p, Redaction) for token in reading for p in token.parts),
            any(kinds._is_artefact(p) for token in reading for p in token.parts))
    assert any(kinds._marks(r)[1] for r in readings)  # artefacts among them
    assert any(kinds._marks(r)[0] for r in readings)  # redactions among them


def _walked(walk, streams_by_sigil: dict, base: str, classify, bounds=(), tails=()) -> tuple:
    """The segments one walk over a stretch gives (words.align's loop, by walk)."""
    sigils = list(streams_by_sigil)
    b = sigils.index(base)
    cut = words._Cutter(list(bounds), list(tails), base)
    walk(cut, streams_by_sigil, sigils, b, words._anchors(streams_by_sigil, sigils, b), classify, words._LineWidths())
    return cut.result()


@pytest.fixture(scope="module")
def two_copy_stretches() -> list:
    """Every stretch of two copies words.align is given when the seed and the corpus pairs
    01+02, 05+06 are collated: (streams, base, classify, bounds, tails)."""
    from tei_encoder import collate as collation
    from tei_encoder.pipeline import analyse_copies

    corpus = {path.name[:2]: path for path in CORPUS}
    memos = [[SEED], [corpus["01"], corpus["02"]], [corpus["05"], corpus["06"]]]
    seen = []
    real_align = collation.align

    def recorded(streams_by_sigil, classify, base=None, bounds=None, tails=None):
        if len(streams_by_sigil) == 2:
            seen.append((streams_by_sigil, base or list(streams_by_sigil)[0], classify, bounds or [], tails or []))
        return real_align(streams_by_sigil, classify, base, bounds, tails)

    collation.align = recorded
    try:
        for paths in memos:
            collation.collate(analyse_copies([(p.read_bytes(), str(p)) for p in paths]).witnesses)
    finally:
        collation.align = real_align
    return seen


def test_two_copies_walk_as_any_number_of_copies_does(two_copy_stretches, streams):
    stretches = list(two_copy_stretches)
    classify = stretches[0][2]
    # Made-up pairs (a block and a later one: many variations), either copy the base, cut
    # into blocks where the base set items aside, the first of them the block before's tail.
    for first, second in zip(streams, streams[3:]):
        pair = {"A": first, "B": second}
        for base in pair:
            bounds = [i for i in sorted(pair[base].aside) if 0 < i < len(pair[base].tokens)]
            stretches.append((pair, base, classify, bounds, [1] * len(bounds)))
    kinds_seen = set()
    for streams_by_sigil, base, classify, bounds, tails in stretches:
        two = _walked(words._walk_two, streams_by_sigil, base, classify, bounds, tails)
        assert two == _walked(words._walk, streams_by_sigil, base, classify, bounds, tails)
        segments = [segment for part in two for segment in part]
        kinds_seen |= {type(segment).__name__ for segment in segments}
        kinds_seen |= {"starts" for s in segments if getattr(s, "starts", ())}
        kinds_seen |= {"bounds"} if bounds else set()
        kinds_seen |= {"second base"} if base == list(streams_by_sigil)[1] else set()
    assert len(two_copy_stretches) > 40
    assert kinds_seen >= {"Shared", "Variant", "Placed", "starts", "bounds", "second base"}


def _word(text: str, lb: bool = False):
    from tei_encoder.model import Text, Token

    return Token(text.casefold(), (Text(text),), text, lb)


def test_two_copies_walk_places_a_blocks_tail_once(streams):
    """Where the base reads nothing at the start of its next block, the tail of the block
    before (items set aside there) is placed by the variation, and not again by the walk."""
    from tei_encoder.collate.tokens import Stream

    item = next(items[0] for stream in streams for items in stream.aside.values())
    base_copy = Stream((_word("Cuba"), _word("was", lb=True), _word("told")), {1: (item,)})
    other = Stream((_word("Cuba"), _word("then"), _word("was", lb=True), _word("told")), {})
    classify = kinds.VariantTyper(frozenset())
    for pair, base in (({"A": base_copy, "B": other}, "A"), ({"A": other, "B": base_copy}, "B")):
        walked = _walked(words._walk_two, pair, base, classify, [1], [1])
        assert walked == _walked(words._walk, pair, base, classify, [1], [1])
        assert sum(isinstance(s, Placed) for part in walked for s in part) == 1


def test_rules_read_a_readings_fields_as_by_definition(streams):
    """kinds' readings of a reading in C (map, filter) are its comprehensions: _words, _text,
    _count_words (is_word of each key), words._word_count and matches' pairs."""
    from tei_encoder.collate.tokens import has_letter

    typer = kinds.VariantTyper(frozenset({"castro", "cuba", "il-28"}))
    readings = [list(stream.tokens[start:start + 5]) for stream in streams for start in range(0, len(stream.tokens), 5)]
    for reading in readings:
        assert kinds._words(reading) == [t.text for t in reading if has_alphanumeric(t.text)]
        assert kinds._text(reading) == " ".join(t.text for t in reading)
        keys = [t.key for t in reading if has_letter(t.key)]
        assert typer._count_words(keys) == sum(typer.is_word(k) for k in keys)
        assert words._word_count(reading) == sum(1 for t in reading if has_alphanumeric(t.text))
    assert any(typer._count_words([t.key for t in r]) < len(r) for r in readings)  # non-words among them
    for first, second in zip(streams, streams[1:]):
        pairs = {}
        for tag, i1, i2, j1, _ in words._without_weak_anchors(words.changes(first.keys, second.keys), first.keys):
            if tag == "equal":
                pairs.update((i1 + k, j1 + k) for k in range(i2 - i1))
        assert words.matches(first.keys, second.keys) == pairs


def test_a_stretch_of_one_link_is_its_own_best_part():
    """blocks._components takes a stretch of one column and one block as it is: what
    _best_part finds there, on 300 made-up sets of links between 12 columns and 12 blocks
    (single links, links of one column to several blocks, crossing and far ones)."""
    import random

    from tei_encoder.collate import blocks

    chooser = random.Random(13)
    single = 0
    for _ in range(300):
        links = {(chooser.randrange(12), chooser.randrange(12)) for _ in range(chooser.randrange(1, 9))}
        small = ({chooser.randrange(12)}, {chooser.randrange(12)})
        spans = sorted([c, c + 1, j, j + 1] for c, j in links)
        stretches = []
        for span in spans:  # _components' stretches, as it joins them
            if stretches and (span[0] < stretches[-1][1] or span[2] < stretches[-1][3]):
                stretches[-1][1], stretches[-1][3] = max(stretches[-1][1], span[1]), max(stretches[-1][3], span[3])
            else:
                stretches.append(list(span))
        assert blocks._components(links, small) == [blocks._best_part(links, tuple(s), small) for s in stretches]
        single += sum(s[1] - s[0] == 1 and s[3] - s[2] == 1 for s in stretches)
    assert single > 100


def test_trigrams_filtered_in_c_are_those_of_the_words_with_a_letter_or_figure(streams):
    keys_lists = [stream.keys for stream in streams] + [["", "-", "a", "1962", "rn", "--", "b", "c"]]
    for keys in keys_lists:
        folded = [word for word in map(kinds._trigram_word, keys) if word is not None]
        assert kinds._trigrams(keys) == set(zip(folded, folded[1:], folded[2:]))
        assert list(kinds._trigram_tuples(keys)) == list(zip(folded, folded[1:], folded[2:]))


def test_a_plain_shared_word_is_shared_by_its_constructor(streams):
    """words._plain_shared sets Shared's slots itself: the same object as Shared(token), for
    every word of the seed and the corpus; a field added to Shared fails here first."""
    import dataclasses

    from tei_encoder.model import Shared

    assert [field.name for field in dataclasses.fields(Shared)] == ["token", "breaks", "starts"]
    tokens = [token for stream in streams for token in stream.tokens]
    for token in tokens:
        made = words._plain_shared(token)
        assert type(made) is Shared and made == Shared(token) and hash(made) == hash(Shared(token))
        assert (made.token, made.breaks, made.starts) == (token, (), ())
    assert len(tokens) > 5000


def test_words_split_without_the_regex_are_those_split_at_xml_white_space():
    """tokens.xml_words splits printable text with str.split: the words of the regex split
    at XML white space, on every line of the seed, the corpus and the dev set and on
    made-up text with each character str.split takes for white space."""
    import re

    from tei_encoder.collate.tokens import XML_WHITESPACE, xml_words

    def by_regex(text: str) -> list[str]:
        stripped = text.strip(XML_WHITESPACE)
        return re.split(r"[ \t\r\n]+", stripped) if stripped else []

    from tests.test_fast_paths import _devset_lines

    texts = [line for path in ALL_INPUTS for line in path.read_text("utf-8").split("\n")] + _devset_lines()
    texts += ["", " ", "  a  b ", "a\tb", "\ta b\r", "a\xa0b c", "a\x0cb", "a\x1cb\x1f", "a\x0b b", "é è",
              "x\u2003y", "a\x85b", "a\u2028b", "a\u1680b", "a\u3000b", "\u201cquoted\u201d word"]
    texts += [chr(code).join(("a", "b")) for code in range(0x3000) if chr(code).isspace()]  # every white space
    fast = 0
    for text in texts:
        assert xml_words(text) == by_regex(text), repr(text)
        fast += text.isprintable()
    assert fast > 1000
