"""Benchmark: a batch of 1,000 memos, run four ways in the same run (issue 13):

    baseline   one `tei-encoder encode FILE -o DIR` process per file, one after another
               (what a shell loop over a collection did before batches)
    -j 1       `tei-encoder encode IN -o OUT -j 1` (the batch in one worker process)
    -j 2       the same with two worker processes
    dask       `--engine dask -j 2`: a LocalCluster of two worker processes

    python bench/bench_batch.py [--files 1000] [--baseline-files N] [--rounds R]

The memos are the real inputs (the seed, the twelve corpus files, the dev set's 28 FRUS
documents) repeated under new names in ten folders up to --files. Each way is the real
command in a subprocess, start-up included. Reported for each: wall time, memos per
second, CPU use (user+system of the command and all its processes over wall time: 2.0
is both cores busy), the peak resident memory of the command's process tree (sampled
every 0.1 s with psutil), the peak in the first and in the second half of the batch
(flat memory: the second no higher than the first, give or take), and each as a ratio to
the baseline. --baseline-files times the baseline on the first N files only (its rate
is per file and does not change with the batch's length; the default runs it on all;
0 leaves it out). --rounds repeats -j 1, -j 2 and dask R times, one after another in each
round, and reports each round, the median of each figure, and the medians of the
ratios taken within each round (on a shared machine the load moves between rounds; a
ratio of two runs minutes apart says little). CPU ms per memo (user+system of the
command's processes over the memos) is the work itself, whatever the load.
The outputs of -j 1, -j 2 and dask are compared byte for byte.

Each round also runs "encode": one process that reads, encodes and validates the same
inputs in the same order and writes nothing (no hashes, outputs, manifest or progress).
Each way's CPU ms a memo less encode's is what the batch machinery costs a memo:
hashing, writing, the manifest, and for -j 2 and dask the pool or cluster (its start,
handing jobs out, results back) and the parent process.

Goals on the 2-core machine: -j 2 >= 150 memos/s and >= 1.8x -j 1; dask within 25 % of
-j 2; memory flat over the batch.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent.parent / "shared" if (ROOT.parent.parent / "shared").is_dir() else ROOT.parent / "shared"
COMMAND = [str(Path(sys.executable).with_name("tei-encoder"))]


def memo_sources() -> list[Path]:
    sources = [ROOT / "tei_encoder" / "data" / "assurances-1962-11-13.txt"]
    sources += sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.txt"))
    sources += sorted((SHARED / "devset" / "frus").glob("*.txt"))
    return sources


def make_inputs(folder: Path, count: int) -> list[Path]:
    sources = memo_sources()
    made = []
    for number in range(count):
        source = sources[number % len(sources)]
        target = folder / f"box{number % 10}" / f"{number:05d}-{source.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
        made.append(target)
    return made


def run_measured(commands: list[list[str]], done_count) -> dict:
    """Run the commands one after another; sample the process tree's memory."""
    start = time.perf_counter()
    before = os.times()
    samples: list[tuple[float, int]] = []  # (share of the batch done, RSS bytes)
    for command in commands:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        watched = psutil.Process(process.pid)
        while process.poll() is None:
            try:
                tree = [watched] + watched.children(recursive=True)
                rss = sum(p.memory_info().rss for p in tree if p.is_running())
                samples.append((done_count(), rss))
            except psutil.Error:
                pass
            time.sleep(0.1)
        if process.returncode != 0:
            error = process.stderr.read().decode()[-2000:]
            raise SystemExit(f"{command[:4]}... failed ({process.returncode}): {error}")
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    first = [rss for share, rss in samples if share < 0.5] or [0]
    second = [rss for share, rss in samples if share >= 0.5] or [0]
    return {"wall": wall, "cpu": cpu / wall, "cpu_s": cpu, "peak": max(first + second), "first": max(first),
            "second": max(second)}


def manifest_share(outdir: Path, total: int):
    def share() -> float:
        try:
            return (outdir / "manifest.jsonl").read_bytes().count(b"\n") / total
        except OSError:
            return 0.0
    return share


def tree_bytes(outdir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(outdir)): p.read_bytes() for p in sorted(outdir.rglob("*.xml"))}


def run_baseline(inputs: list[Path], folder: Path) -> dict:
    """One process per file, counted as each one finishes."""
    base_out = folder / "baseline"
    counter = {"n": 0}

    def share() -> float:
        return counter["n"] / len(inputs)

    start = time.perf_counter()
    wall, cpu_total, first, second = 0.0, 0.0, [], []
    for path in inputs:
        one = run_measured([COMMAND + ["encode", str(path), "-o", str(base_out / path.parent.name)]], share)
        counter["n"] += 1
        wall += one["wall"]
        cpu_total += one["cpu_s"]
        (first if share() <= 0.5 else second).append(one["peak"])
    return {"files": len(inputs), "wall": time.perf_counter() - start, "cpu": cpu_total / wall, "cpu_s": cpu_total,
            "peak": max(first + second), "first": max(first or [0]), "second": max(second or [0])}


WAYS = (("-j 1", ["-j", "1"]), ("-j 2", ["-j", "2"]), ("dask", ["--engine", "dask", "-j", "2"]))


def encode_only(folder: str) -> None:
    """The memos' own work: read, encode and validate each input of the batch in its order,
    in one process, writing nothing."""
    from tei_encoder.batch.job import Settings, validator
    from tei_encoder.batch.plan import plan
    from tei_encoder.pipeline import encode

    settings = Settings()
    for job in plan([folder], Path(tempfile.gettempdir()) / "unused"):
        path = job.inputs[0]
        encode([(Path(path).read_bytes(), path)], validator(), settings.metadata, settings.read, settings.layout,
               settings.facsimile, settings.text)


def run_round(folder: Path, inputs: list[Path], number: int) -> dict:
    results = {"encode": {"files": len(inputs), **run_measured(
        [[sys.executable, __file__, "--encode-only", str(folder / "in")]], lambda: 0.0)}}
    for name, extra in WAYS:
        out = folder / f"{name.replace(' ', '')}-{number}"
        command = COMMAND + ["encode", str(folder / "in"), "-o", str(out), "-q"] + extra
        results[name] = {"files": len(inputs), **run_measured([command], manifest_share(out, len(inputs))), "out": out}
    results["same"] = tree_bytes(results["-j 1"]["out"]) == tree_bytes(results["-j 2"]["out"]) == tree_bytes(
        results["dask"]["out"])
    for name, _ in WAYS:
        shutil.rmtree(results[name].pop("out"))
    return results


def print_row(name: str, r: dict, base: dict | None) -> None:
    rate = r["files"] / r["wall"]
    base_rate = base["files"] / base["wall"] if base else None
    ratio = f"{rate / base_rate:>7.2f}" if base else f"{'':>7}"
    print(f"{name:>9} {r['files']:>6} {r['wall']:>8.1f} {rate:>8.1f} {ratio} {r['cpu']:>8.2f} "
          f"{r['cpu_s'] / r['files'] * 1000:>8.1f} {r['peak'] / 2**20:>8.0f} "
          f"{r['first'] / 2**20:>9.0f} {r['second'] / 2**20:>9.0f}")


def compile_modules() -> None:
    """The tree's modules compiled to bytecode first, as installing a package does: an
    editable install under PYTHONDONTWRITEBYTECODE (set on some CI and container
    machines) would otherwise compile every module again in every process it measures
    (~0.15 s a process start), which is no cost of the batch."""
    import compileall

    compileall.compile_dir(str(ROOT / "tei_encoder"), quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--baseline-files", type=int, default=None)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--encode-only", metavar="DIR", help=argparse.SUPPRESS)  # the "encode" way's process
    args = parser.parse_args()
    if args.encode_only:
        return encode_only(args.encode_only)
    compile_modules()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        inputs = make_inputs(folder / "in", args.files)
        base = None
        if args.baseline_files != 0:
            base = run_baseline(inputs[: args.baseline_files or len(inputs)], folder)
        rounds = [run_round(folder, inputs, number) for number in range(args.rounds)]
    print(f"{args.files} memos (seed, corpus, dev set, repeated); machine: {os.cpu_count()} cores, "
          f"load {os.getloadavg()[0]:.1f} at the end (shared with other jobs)")
    print(f"{'way':>9} {'files':>6} {'wall s':>8} {'memos/s':>8} {'x base':>7} {'CPU/wall':>8} {'CPU ms':>8} "
          f"{'peak MB':>8} {'1st half':>9} {'2nd half':>9}")
    if base:
        print_row("baseline", base, None)
    for number, results in enumerate(rounds):
        for name in ["encode"] + [name for name, _ in WAYS]:
            print_row(f"{name} r{number + 1}", results[name], base)
    rate = {name: [r[name]["files"] / r[name]["wall"] for r in rounds] for name, _ in WAYS}
    scaling = statistics.median(r2 / r1 for r1, r2 in zip(rate["-j 1"], rate["-j 2"]))
    dask_share = statistics.median(d / r2 for r2, d in zip(rate["-j 2"], rate["dask"]))
    cpu_ms = {name: statistics.median(r[name]["cpu_s"] / r[name]["files"] * 1000 for r in rounds) for name, _ in WAYS}
    print(f"medians over {len(rounds)} round(s): " + ", ".join(
        f"{name} {statistics.median(rate[name]):.1f} memos/s ({cpu_ms[name]:.1f} CPU ms a memo)" for name, _ in WAYS))
    encode_ms = statistics.median(r["encode"]["cpu_s"] / r["encode"]["files"] * 1000 for r in rounds)
    print(f"the memos' own work (encode, in one process): {encode_ms:.1f} CPU ms a memo; what the batch adds a memo: "
          + ", ".join(f"{name} {cpu_ms[name] - encode_ms:+.1f} ms" for name, _ in WAYS))
    print(f"-j 2 / -j 1 = {scaling:.2f} (goal >= 1.8); -j 2 = {statistics.median(rate['-j 2']):.1f} memos/s "
          f"(goal >= 150); dask / -j 2 = {dask_share:.2f} (goal >= 0.75); "
          f"same bytes for -j 1, -j 2, dask: {all(r['same'] for r in rounds)}")


if __name__ == "__main__":
    main()
