"""Benchmark: --group-copies on generated collections (issue 13: at least 10,000 files,
precision and recall of the grouping, and its time; sub-quadratic in the files).

    python bench/bench_grouping.py [--files 10000] [--sizes 2500,5000] [--seed 13]

The collection is generated from real memo text: the paragraphs of the corpus, the seed
and the dev set's FRUS documents. Each distinct memo is 4-10 of those paragraphs, each
rewritten (a third of its words replaced by words of the pool), so that memos are new
texts that still share the pool's phrases, as memos of one archive do. Three in ten
memos come in two or three copies, each copy with OCR-like noise: letters misread in one
word in eight, words lost or run together, lines dropped, lines wrapped at another width
(another engine), a page number; one copy in ten lost its last third (a page).
Half the files, copies or not, start with the same release form (the corpus's JFK
identification form, record numbers changed), the boilerplate that must not make them copies.

Reported for each size: files, true pairs (two files of one memo), pairs found,
precision and recall over pairs, and the time of each step (reading the files as the
encoder does, the memo's words, candidates from the index, the relatedness test).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tei_encoder.batch import group  # noqa: E402
from tei_encoder.readers.text import ReadOptions  # noqa: E402

SHARED = ROOT.parent.parent / "shared" if (ROOT.parent.parent / "shared").is_dir() else ROOT.parent / "shared"


def pool_paragraphs() -> list[list[str]]:
    sources = sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.txt"))
    sources += [ROOT / "tei_encoder" / "data" / "assurances-1962-11-13.txt"]
    sources += sorted((SHARED / "devset" / "frus").glob("*.txt"))
    paragraphs = []
    for path in sources:
        for block in re.split(r"\n\s*\n", path.read_text("utf-8", errors="replace")):
            words = block.split()
            if len(words) >= 15 and sum(w.isalpha() for w in words) > len(words) / 2:
                paragraphs.append(words)
    return paragraphs


def release_form(rng: random.Random) -> str:
    form = (ROOT / "tests" / "fixtures" / "corpus").glob("01-*.txt")
    text = next(form).read_text("utf-8").split("THE SECRETARY OF STATE")[0]
    number = f"{rng.randrange(100, 200)}-{rng.randrange(10000, 99999)}-{rng.randrange(10000, 99999)}"
    return re.sub(r"\d{3}-\d{5}-\d{5}", number, text)


def new_memo(rng: random.Random, paragraphs: list[list[str]], vocabulary: list[str]) -> list[list[str]]:
    chosen = rng.sample(paragraphs, rng.randint(4, 10))
    return [[rng.choice(vocabulary) if rng.random() < 1 / 3 else w for w in para] for para in chosen]


def misread(rng: random.Random, word: str) -> str:
    if len(word) > 2 and rng.random() < 1 / 8:
        i = rng.randrange(len(word))
        return word[:i] + rng.choice("ilrnmceo1.,") + word[i + 1:]
    return word


def ocr_copy(rng: random.Random, memo: list[list[str]]) -> str:
    width = rng.choice([55, 62, 70])
    if len(memo) > 3 and rng.random() < 0.1:  # a page lost: the last third of the memo
        memo = memo[:len(memo) - len(memo) // 3]
    lines_out = []
    for para in memo:
        words = []
        for word in para:
            roll = rng.random()
            if roll < 0.02:
                continue  # lost
            if roll < 0.03 and words:
                words[-1] += word  # run together
                continue
            words.append(misread(rng, word))
        line = ""
        for word in words:
            if len(line) + len(word) + 1 > width:
                lines_out.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines_out.append(line)
        lines_out.append("")
    kept = [line for line in lines_out if line == "" or rng.random() > 0.03]
    if rng.random() < 0.5:
        kept.insert(len(kept) // 2, f"- {rng.randint(2, 9)} -")
    return "\n".join(kept) + "\n"


def generate(folder: Path, files: int, rng: random.Random) -> dict[str, int]:
    """Writes about `files` files; returns file path -> memo number."""
    paragraphs = pool_paragraphs()
    vocabulary = [w for para in paragraphs for w in para if w.isalpha()]
    truth: dict[str, int] = {}
    memo_number = 0
    while len(truth) < files:
        memo = new_memo(rng, paragraphs, vocabulary)
        copies = 1 if rng.random() < 0.7 else rng.choice([2, 3])
        for copy in range(copies):
            text = ocr_copy(rng, memo)
            if rng.random() < 0.5:
                text = release_form(rng) + text
            path = folder / f"{memo_number // 1000:03d}" / f"m{memo_number:06d}-{copy}.txt"
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, "utf-8")
            truth[str(path)] = memo_number
        memo_number += 1
    return truth


def pairs_of(groups: list[list[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted(pair)) for g in groups for pair in combinations(g, 2)}


def measure(truth: dict[str, int]) -> dict:
    paths = sorted(truth)
    options = ReadOptions(format="text")  # generated text may start with "<u>", which format detection takes for XML
    start = time.perf_counter()
    texts = [(p, group.input_text(p, options)) for p in paths]
    read = time.perf_counter()
    memos = [group.Memo(p, group.memo_words(t)) for p, t in texts]
    words = time.perf_counter()
    candidates = group.candidates(memos)
    indexed = time.perf_counter()
    groups = group.group_memos(memos)
    verified = time.perf_counter()
    by_memo: dict[int, list[str]] = {}
    for path, number in truth.items():
        by_memo.setdefault(number, []).append(path)
    true_pairs = pairs_of([g for g in by_memo.values() if len(g) > 1])
    found = pairs_of(groups)
    right = len(true_pairs & found)
    return {"files": len(paths), "true pairs": len(true_pairs), "found pairs": len(found),
            "candidates": len(candidates),
            "precision": right / len(found) if found else 1.0, "recall": right / len(true_pairs) if true_pairs else 1.0,
            "read s": read - start, "words s": words - read, "candidates s": indexed - words,
            "test s": verified - indexed, "grouping s": verified - read}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=10000)
    parser.add_argument("--sizes", default="2500,5000", help="smaller collections first, for the scaling")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s] + [args.files]
    print(f"{'files':>6} {'true':>6} {'found':>6} {'cands':>6} {'precision':>9} {'recall':>7} "
          f"{'read':>7} {'words':>7} {'index':>7} {'test':>7} {'grouping':>9}  (seconds; grouping = words+index+test)")
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            truth = generate(Path(folder), size, random.Random(args.seed + size))
            r = measure(truth)
        print(f"{r['files']:>6} {r['true pairs']:>6} {r['found pairs']:>6} {r['candidates']:>6} "
              f"{r['precision']:>9.4f} {r['recall']:>7.4f} {r['read s']:>7.2f} {r['words s']:>7.2f} "
              f"{r['candidates s']:>7.2f} {r['test s']:>7.2f} {r['grouping s']:>9.2f}", flush=True)


if __name__ == "__main__":
    main()
