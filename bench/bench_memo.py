"""Benchmark: the cost of one memo in process, this tree against another revision, in the
same run (issue 13: encode+validate of the seed <= 12 ms; validate >= 300 memos/s).

    python bench/bench_memo.py [--against REV] [--rounds 3] [--mix]

REV (default: 0aa494b, the tree before the speed work of issue 13; main is a good choice too) is exported with
`git archive` to a temporary directory. Each tree is measured in its own process, the
trees alternating, `--rounds` times: CPU time (process_time) of pipeline.encode on the seed
with a reused Validator (its default engine), best and median of 40; and validate's
per-file work (check_file: safe parse, project schema, rules) on the encoded seed, files
per second, best and median of 100. Reported: each round, then the best of each tree and
this tree's ratio to REV. --mix also measures the mean encode+validate time over the
batch benchmark's mix (the seed, the twelve corpus files, the dev set's 28 FRUS documents;
best of 3 each), the memos bench_batch.py repeats, and the mean of their first encode in
the process (after the seed's): a new memo of a batch, for which nothing is cached.
Each process first builds what a batch worker builds once at its start (the word list's
index for the corrections, reading.correct.index_word_list, in trees that have it).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# What a batch worker does at its start, for the trees that have it: the word list's index
# built, and (since session 8) asked for by the memos' options. bench_instructions.py too.
WORKER_SET_UP = r"""reading = {}
try:  # a process that encodes many memos, as a batch worker does, builds the word list's index first
    from tei_encoder.reading.correct import index_word_list
except ImportError:  # a revision from before that index
    pass
else:
    index_word_list()
    from tei_encoder.model import ReadingOptions
    if "list_index" in ReadingOptions.__dataclass_fields__:  # its memos ask for it (since session 8)
        reading = {"reading": ReadingOptions(list_index=True)}
"""

MEASURE = r"""
import json, pathlib, statistics, sys, tempfile, time
sys.path.insert(0, sys.argv[1])
import tei_encoder
assert tei_encoder.__file__.startswith(sys.argv[1]), tei_encoder.__file__
from tei_encoder.pipeline import encode
from tei_encoder.validation.check import check_file
from tei_encoder.validation.validator import Validator
seed = pathlib.Path(sys.argv[1]) / "tei_encoder" / "data" / "assurances-1962-11-13.txt"
data = seed.read_bytes()
validator = Validator()
""" + WORKER_SET_UP + r"""_, xml = encode([(data, str(seed))], validator, **reading)
encode_times = []
for _ in range(40):
    start = time.process_time()
    encode([(data, str(seed))], validator, **reading)
    encode_times.append(time.process_time() - start)
target = pathlib.Path(tempfile.mkdtemp()) / "seed.xml"
target.write_bytes(xml)
check_times = []
for _ in range(100):
    start = time.process_time()
    result = check_file(str(target), validator)
    check_times.append(time.process_time() - start)
assert result.status == "valid", result.problems
mix_ms = first_ms = None
if len(sys.argv) > 2:
    mix = [seed] + [pathlib.Path(p) for p in sys.argv[2:]]
    best, first = [], []
    for path in mix:
        memo = path.read_bytes()
        start = time.process_time()
        encode([(memo, str(path))], validator, **reading)
        if path != seed:  # the seed was encoded above: its first time is long past
            first.append(time.process_time() - start)
        times = []
        for _ in range(3):
            start = time.process_time()
            encode([(memo, str(path))], validator, **reading)
            times.append(time.process_time() - start)
        best.append(min(times))
    mix_ms = statistics.mean(best) * 1000
    first_ms = statistics.mean(first) * 1000
print(json.dumps({"encode_ms": [min(encode_times) * 1000, statistics.median(encode_times) * 1000],
                  "validate_per_s": [1 / min(check_times), 1 / statistics.median(check_times)], "mix_ms": mix_ms,
                  "first_ms": first_ms}))
"""


def export(revision: str, folder: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, "tei_encoder", "schema"],
                             check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def mix_inputs() -> list[str]:
    shared = ROOT.parent.parent / "shared" if (ROOT.parent.parent / "shared").is_dir() else ROOT.parent / "shared"
    return [str(p) for p in sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.txt"))
            + sorted((shared / "devset" / "frus").glob("*.txt"))]


def measure(tree: Path, mix: list[str]) -> dict:
    done = subprocess.run([sys.executable, "-c", MEASURE, str(tree), *mix], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"measuring {tree} failed:\n{done.stderr}")
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--against", default="0aa494b")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--mix", action="store_true")
    args = parser.parse_args()
    mix = mix_inputs() if args.mix else []
    with tempfile.TemporaryDirectory() as temporary:
        trees = {args.against: export(args.against, Path(temporary)), "this tree": ROOT}
        results: dict[str, list[dict]] = {name: [] for name in trees}
        for round_ in range(args.rounds):
            for name, tree in trees.items():
                figures = measure(tree, mix)
                results[name].append(figures)
                mixed = (f"; mix of {len(mix) + 1}: {figures['mix_ms']:.1f} ms mean, "
                         f"{figures['first_ms']:.1f} first seen") if mix else ""
                print(f"round {round_ + 1} {name:>10}: encode+validate {figures['encode_ms'][0]:.1f} ms best, "
                      f"{figures['encode_ms'][1]:.1f} median; validate {figures['validate_per_s'][0]:.0f}/s best, "
                      f"{figures['validate_per_s'][1]:.0f}/s median{mixed}")
    best = {name: (min(r["encode_ms"][0] for r in rs), max(r["validate_per_s"][0] for r in rs))
            for name, rs in results.items()}
    before, after = best[args.against], best["this tree"]
    print(f"best of {args.rounds}: encode+validate {before[0]:.1f} -> {after[0]:.1f} ms "
          f"({before[0] / after[0]:.2f}x faster; goal <= 12 ms), "
          f"validate {before[1]:.0f} -> {after[1]:.0f} memos/s ({after[1] / before[1]:.1f}x; goal >= 300/s)")
    if mix:
        low = {name: min(r["mix_ms"] for r in rs) for name, rs in results.items()}
        print(f"mix of {len(mix) + 1} memos, mean of each memo's best: {low[args.against]:.1f} -> "
              f"{low['this tree']:.1f} ms ({low[args.against] / low['this tree']:.2f}x faster)")
        first = {name: min(r["first_ms"] for r in rs) for name, rs in results.items()}
        print(f"mix, each memo's first encode in the process (a batch's new memo: nothing cached for it): "
              f"{first[args.against]:.1f} -> {first['this tree']:.1f} ms "
              f"({first[args.against] / first['this tree']:.2f}x faster)")


if __name__ == "__main__":
    main()
