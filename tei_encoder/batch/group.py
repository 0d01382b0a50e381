"""--group-copies: which files of a batch are copies of one memo (a second release, a
second scan, another OCR engine), so that each group is encoded as one merged TEI.

1. The memo's words. Each file's text without what is not the memo: the lines of an
   archive's release form (the form's title, its field lines, ": value" and "LABEL :"
   lines), archival
   lines and banners (furniture.is_archival). Words are lower-case letters only (OCR
   errors in digits and punctuation do not count), of two letters or more.
2. Candidates, sub-quadratic in the number of files: an inverted index of word
   SHINGLE-grams, of which only those whose hash falls in one bucket of SAMPLE are kept
   (the same shingles in every file, so a shared passage is sampled in both). A shingle
   in more than COMMON_MAX files is boilerplate of the collection (a banner, a form, a
   letterhead) and is dropped. Two files are candidates when they share at least
   CANDIDATE_MIN sampled shingles and CANDIDATE_SHARE of the smaller file's.
3. The test of relatedness, as the alignment counts it: one longest common subsequence
   over the two files' words (rapidfuzz Indel, the primitive collate.blocks aligns
   copies with); related when the shared words are at least RELATED_SHARE of the shorter
   memo's words. Related files form groups (connected components), each sorted by path.

An n-gram index rather than MinHash/LSH (datasketch): the files of one batch fit an index
in memory, the index needs no dependency (datasketch brings numpy and scipy), and its
counts are exact where MinHash estimates; the sampling keeps it small.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

SHINGLE = 4
SAMPLE = 4  # keep one shingle in SAMPLE (by hash)
COMMON_MAX_SHARE = 0.05  # a shingle in more than this share of the files (and 8 at least) is boilerplate
COMMON_MAX_MIN = 8
CANDIDATE_MIN = 3
CANDIDATE_SHARE = 0.1
RELATED_SHARE = 0.5
MIN_WORDS = 20  # a file with fewer memo words than this is grouped with nothing
FIELD_MAX_WORDS = 6  # a line without ":" longer than this is no form field

_WORD = re.compile(r"[a-z]{2,}")
_FORM_TITLE = re.compile(r"identification\s+form|assassination\s+system", re.IGNORECASE)
_VALUE_ONLY = re.compile(r"^\s*[:;]")  # a form's value whose label the OCR lost
_EMPTY_FIELD = re.compile(r"^\W{0,2}[A-Za-z][A-Za-z .'/&()-]{1,32}\s*[:;]\s*$")  # "SUBJECTS :"


@dataclass(frozen=True)
class Memo:
    path: str
    words: tuple[str, ...]


def memo_words(text: str) -> tuple[str, ...]:
    """The words of the memo in a file's text, its release form and archival lines left out."""
    from tei_encoder.analyse.forms import is_form_only_field
    from tei_encoder.analyse.furniture import is_archival

    kept = []
    for line in text.splitlines():
        if not line.strip() or _FORM_TITLE.search(line) or _VALUE_ONLY.match(line) or _EMPTY_FIELD.match(line):
            continue
        # A form's field is "LABEL : value", or a label alone on a short line; the fuzzy
        # label test (rapidfuzz over the form's labels) is kept for those lines.
        maybe_field = ":" in line or ";" in line or len(line.split()) <= FIELD_MAX_WORDS
        if is_archival(line) or (maybe_field and is_form_only_field(line)):
            continue
        kept.extend(_WORD.findall(line.lower()))
    return tuple(kept)


def shingles(words: tuple[str, ...]) -> set[int]:
    """The sampled shingles of a memo, as stable hashes (crc32: the same in every process)."""
    found = set()
    for i in range(len(words) - SHINGLE + 1):
        value = zlib.crc32(" ".join(words[i:i + SHINGLE]).encode())
        if value % SAMPLE == 0:
            found.add(value)
    return found


def candidates(memos: list[Memo]) -> set[tuple[int, int]]:
    """Pairs (i, j), i < j, of memos sharing enough sampled, not-boilerplate shingles."""
    sets = [shingles(m.words) if len(m.words) >= MIN_WORDS else set() for m in memos]
    index: dict[int, list[int]] = defaultdict(list)
    for number, found in enumerate(sets):
        for value in found:
            index[value].append(number)
    common = max(COMMON_MAX_MIN, int(COMMON_MAX_SHARE * len(memos)))
    shared: Counter = Counter()
    for posting in index.values():
        if 1 < len(posting) <= common:
            for a in range(len(posting)):
                for b in range(a + 1, len(posting)):
                    shared[(posting[a], posting[b])] += 1
    return {pair for pair, count in shared.items()
            if count >= CANDIDATE_MIN and count >= CANDIDATE_SHARE * min(len(sets[pair[0]]), len(sets[pair[1]]))}


def related(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """a and b: the memos' words as numbers (one number per distinct word: rapidfuzz
    compares numbers some twenty times faster than strings)."""
    from rapidfuzz.distance import Indel

    shorter = min(len(a), len(b))
    if shorter < MIN_WORDS:
        return False
    common = (len(a) + len(b) - Indel.distance(a, b)) // 2  # the longest common subsequence
    return common >= RELATED_SHARE * shorter


def group_memos(memos: list[Memo]) -> list[list[str]]:
    """Groups of two or more paths that are copies of one memo, each sorted, in the order
    of their first path."""
    parent = list(range(len(memos)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    numbers: dict[str, int] = {}
    coded: dict[int, tuple[int, ...]] = {}

    def code(i: int) -> tuple[int, ...]:
        if i not in coded:
            coded[i] = tuple(numbers.setdefault(word, len(numbers)) for word in memos[i].words)
        return coded[i]

    for i, j in sorted(candidates(memos)):
        if root(i) != root(j) and related(code(i), code(j)):
            parent[root(j)] = root(i)
    components: dict[int, list[str]] = defaultdict(list)
    for number, memo in enumerate(memos):
        components[root(number)].append(memo.path)
    groups = [sorted(paths) for paths in components.values() if len(paths) > 1]
    return sorted(groups)


def find_copies(texts: Iterable[tuple[str, str]]) -> list[list[str]]:
    """(path, text) for each file -> groups of paths that are copies of one memo."""
    return group_memos([Memo(path, memo_words(text)) for path, text in texts])


def input_text(path: str, options) -> str | None:
    """The text of an input as the encoder reads it (OCR text, hOCR, ALTO, PAGE XML;
    PAGE1+PAGE2 joined); None when it cannot be read: encoding it will say why."""
    from tei_encoder.batch.store import read_bytes
    from tei_encoder.errors import EncoderError
    from tei_encoder.pipeline import parse_xml
    from tei_encoder.readers.formats import page_files, read_any

    try:
        pages = [(read_bytes(part), part) for part in page_files(path)]
        source = read_any(pages[0][0] if len(pages) == 1 else tuple(pages), path, options, parse=parse_xml)
    except EncoderError:
        return None
    return "\n".join(line.text for line in source.lines)


def group_jobs(jobs: list, options) -> tuple[list, list[list[str]]]:
    """The batch's jobs with the copies of one memo made one job each (written where its
    first file's output would be), and the groups found."""
    from tei_encoder.batch.plan import Job

    texts = [(job.name, input_text(job.name, options)) for job in jobs if len(job.inputs) == 1]
    groups = find_copies((path, text) for path, text in texts if text is not None)
    first = {group[0]: group for group in groups}
    grouped = {path for group in groups for path in group}
    merged = []
    for job in jobs:
        if job.name in first:
            merged.append(Job(tuple(first[job.name]), job.target))
        elif job.name not in grouped:
            merged.append(job)
    return merged, groups
