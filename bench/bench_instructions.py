"""Benchmark: instructions a memo costs (encode + validate in process), this tree against
another revision, counted by valgrind's callgrind. A count does not move with the machine's
load, so two trees can be compared on a shared, noisy machine where timings cannot.

    python bench/bench_instructions.py [--against REV] [--memos seed|mix|sample] [--jobs 2]

REV (default: main) is exported with `git archive` to a temporary directory, as
bench_memo.py does. For each tree three processes run under callgrind, each counting all
it executes: the set-up alone (imports, the Validator, the word list's index a batch
worker builds at its start, the analysis's index of near words, one small made-up memo
encoded to pay what a process does at its first encode), the set-up plus each memo encoded once (a memo first seen in
the process, as most memos of a real batch are), and that plus each memo once more (warm:
what the process caches across memos helps). The differences, divided by the number of
memos, are the first-seen and the warm cost a memo. --memos: the seed alone (default),
the batch benchmark's mix of 41 memos (the seed, the twelve corpus files, the dev set's 28
FRUS documents), or every fourth of them (sample: 11 memos, a quarter of the time).
--stage analyse counts the readers and the analysis alone (pipeline.analyse_copies, after
the same set-up): the analysis stage's share of a memo's cost.
PYTHONHASHSEED is fixed so the same tree gives the same count (to about 0.01 %).
Needs valgrind (apt-get install valgrind); callgrind runs Python ~50x slower: the seed
takes about a minute a tree, the mix about ten.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench_memo import ROOT, WORKER_SET_UP, export, mix_inputs

SEED = ROOT / "tei_encoder" / "data" / "assurances-1962-11-13.txt"

# argv: tree, rounds (0: set-up only; 1: each memo once; 2: twice), stage, memo paths.
COUNTED = r"""
import pathlib, sys
sys.path.insert(0, sys.argv[1])
import tei_encoder
assert tei_encoder.__file__.startswith(sys.argv[1]), tei_encoder.__file__
from tei_encoder.pipeline import analyse_copies, encode
from tei_encoder.validation.validator import Validator
validator = Validator()
""" + WORKER_SET_UP + r"""try:  # the analysis's index of near words, built at a process's first use
    from tei_encoder.analyse.plausibility import has_near_word
except ImportError:
    pass
else:
    has_near_word("memorandnm")
# One small made-up memo pays what a process does once, at its first encode (tables read,
# patterns compiled), so that "first seen" is a new memo's own cost in a worker already running.
warm_up = (b"SECRET\n\nMEMORANDUM FOR THE RECORD\n\nSUBJECT: Meeting of the working group\n\n"
           b"1. The group met on 3 May 1963 to review the plan.\n\n"
           b"2. It was agreed that the paper would go forward.\n\n-2-\n\nSECRET\n")
encode([(warm_up, "warm-up.txt")], validator, **reading)
memos = [(pathlib.Path(p).read_bytes(), p) for p in sys.argv[4:]]
for _ in range(int(sys.argv[2])):
    for memo in memos:
        if sys.argv[3] == "analyse":
            analyse_copies([memo])  # the readers and the analysis only
        else:
            encode([memo], validator, **reading)
"""

_COLLECTED = re.compile(r"Collected : (\d+)")


def count(tree: Path, rounds: int, memos: list[str], scratch: Path, stage: str = "encode") -> int:
    """Instructions one process executes: the set-up, then `rounds` passes over the memos
    (stage: encode, or analyse: the readers and the analysis alone, pipeline.analyse_copies)."""
    out = scratch / f"callgrind.{os.getpid()}.{abs(hash((str(tree), rounds)))}"
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
         sys.executable, "-c", COUNTED, str(tree), str(rounds), stage, *memos],
        capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    found = _COLLECTED.search(done.stderr)
    if done.returncode or not found:
        raise SystemExit(f"counting {tree} ({rounds} rounds) failed:\n{done.stderr[-2000:]}")
    out.unlink(missing_ok=True)
    return int(found.group(1))


def memo_set(name: str) -> list[str]:
    mix = [str(SEED)] + mix_inputs()
    return {"seed": [str(SEED)], "mix": mix, "sample": mix[::4]}[name]


def costs(setup: int, once: int, twice: int, memos: int) -> dict[str, float]:
    """Millions of instructions a memo, first seen and warm, from the three counts."""
    return {"first": (once - setup) / memos / 1e6, "warm": (twice - once) / memos / 1e6, "setup": setup / 1e6}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", default="main")
    parser.add_argument("--memos", choices=("seed", "mix", "sample"), default="seed")
    parser.add_argument("--jobs", type=int, default=2, help="callgrind processes at once")
    parser.add_argument("--stage", choices=("encode", "analyse"), default="encode",
                        help="what each memo runs: encode + validate, or the analysis alone (its share)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    memos = memo_set(args.memos)
    with tempfile.TemporaryDirectory() as temporary, ThreadPoolExecutor(args.jobs) as pool:
        scratch = Path(temporary)
        (scratch / "against").mkdir()
        trees = {args.against: export(args.against, scratch / "against"), "this tree": ROOT}
        # All six processes queued at once: counts do not depend on what runs beside them.
        counted = {name: [pool.submit(count, tree, rounds, memos, scratch, args.stage) for rounds in (0, 1, 2)]
                   for name, tree in trees.items()}
        figures = {name: costs(*(job.result() for job in jobs), len(memos)) for name, jobs in counted.items()}
    print(f"# bench_instructions.py --against {args.against} --memos {args.memos} --stage {args.stage} "
          f"({len(memos)} memos); "
          "millions of instructions (callgrind, PYTHONHASHSEED=0)")
    for name, cost in figures.items():
        print(f"{name:>12}: {cost['first']:8.1f} a memo first seen, {cost['warm']:8.1f} warm; "
              f"set-up {cost['setup']:.0f}")
    before, after = figures[args.against], figures["this tree"]
    print(f"this tree / {args.against}: first seen {after['first'] / before['first']:.3f}, "
          f"warm {after['warm'] / before['warm']:.3f} (below 1: fewer instructions)")


if __name__ == "__main__":
    main()
