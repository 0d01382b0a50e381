"""Benchmark: a batch of 1,000 memos, run four ways in the same run (issue 13):

    baseline   one `tei-encoder encode FILE -o DIR` process per file, one after another
               (what a shell loop over a collection did before batches)
    -j 1       `tei-encoder encode IN -o OUT -j 1` (the batch in one process)
    -j 2       the same with two worker processes
    dask       `--engine dask -j 2`: a LocalCluster of two worker processes

    python bench/bench_batch.py [--files 1000] [--baseline-files N]

The memos are the real inputs (the seed, the twelve corpus files, the dev set's 28 FRUS
documents) repeated under new names in ten folders up to --files. Each way is the real
command in a subprocess, start-up included. Reported for each: wall time, memos per
second, CPU use (user+system of the command and all its processes over wall time: 2.0
is both cores busy), the peak resident memory of the command's process tree (sampled
every 0.1 s with psutil), the peak in the first and in the second half of the batch
(flat memory: the second no higher than the first, give or take), and each as a ratio to
the baseline. --baseline-files times the baseline on the first N files only (its rate
is per file and does not change with the batch's length; the default runs it on all).
The outputs of -j 1, -j 2 and dask are compared byte for byte.

Goals on the 2-core machine: -j 2 >= 150 memos/s and >= 1.8x -j 1; dask within 25 % of
-j 2; memory flat over the batch.
"""

from __future__ import annotations

import argparse
import os
import shutil
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
    return {"wall": wall, "cpu": cpu / wall, "peak": max(first + second), "first": max(first), "second": max(second)}


def manifest_share(outdir: Path, total: int):
    def share() -> float:
        try:
            return (outdir / "manifest.jsonl").read_bytes().count(b"\n") / total
        except OSError:
            return 0.0
    return share


def tree_bytes(outdir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(outdir)): p.read_bytes() for p in sorted(outdir.rglob("*.xml"))}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--baseline-files", type=int, default=None)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        inputs = make_inputs(folder / "in", args.files)
        base_files = inputs[: args.baseline_files or len(inputs)]
        base_out = folder / "baseline"
        done = iter(range(1, len(base_files) + 1))
        counter = {"n": 0}

        def baseline_share() -> float:
            return counter["n"] / len(base_files)

        commands = [COMMAND + ["encode", str(f), "-o", str(base_out / f.parent.name)] for f in base_files]
        start = time.perf_counter()
        # One process per file: counted as each one finishes.
        measured = {"wall": 0.0}
        samples_first, samples_second, cpu_total = [], [], 0.0
        for command in commands:
            one = run_measured([command], baseline_share)
            counter["n"] = next(done)
            measured["wall"] += one["wall"]
            cpu_total += one["cpu"] * one["wall"]
            (samples_first if baseline_share() <= 0.5 else samples_second).append(one["peak"])
        results["baseline"] = {"files": len(base_files), "wall": time.perf_counter() - start,
                               "cpu": cpu_total / measured["wall"], "peak": max(samples_first + samples_second),
                               "first": max(samples_first or [0]), "second": max(samples_second or [0])}
        for name, extra in (("-j 1", ["-j", "1"]), ("-j 2", ["-j", "2"]), ("dask", ["--engine", "dask", "-j", "2"])):
            out = folder / name.replace(" ", "")
            command = COMMAND + ["encode", str(folder / "in"), "-o", str(out), "-q"] + extra
            results[name] = {"files": len(inputs), **run_measured([command], manifest_share(out, len(inputs)))}
            results[name]["out"] = out
        same = tree_bytes(results["-j 1"]["out"]) == tree_bytes(results["-j 2"]["out"]) == tree_bytes(
            results["dask"]["out"])
    base = results["baseline"]
    base_rate = base["files"] / base["wall"]
    print(f"{args.files} memos (seed, corpus, dev set, repeated); machine: {os.cpu_count()} cores, "
          f"load {os.getloadavg()[0]:.1f} at the end (shared with other jobs)")
    print(f"{'way':>9} {'files':>6} {'wall s':>8} {'memos/s':>8} {'x base':>7} {'CPU/wall':>8} {'x base':>7} "
          f"{'peak MB':>8} {'x base':>7} {'1st half':>9} {'2nd half':>9}")
    for name, r in results.items():
        rate = r["files"] / r["wall"]
        print(f"{name:>9} {r['files']:>6} {r['wall']:>8.1f} {rate:>8.1f} {rate / base_rate:>7.2f} {r['cpu']:>8.2f} "
              f"{r['cpu'] / base['cpu']:>7.2f} {r['peak'] / 2**20:>8.0f} {r['peak'] / base['peak']:>7.2f} "
              f"{r['first'] / 2**20:>9.0f} {r['second'] / 2**20:>9.0f}")
    rate = {name: r["files"] / r["wall"] for name, r in results.items()}
    print(f"-j 2 / -j 1 = {rate['-j 2'] / rate['-j 1']:.2f} (goal >= 1.8); -j 2 = {rate['-j 2']:.1f} memos/s "
          f"(goal >= 150); dask / -j 2 = {rate['dask'] / rate['-j 2']:.2f} (goal >= 0.75); "
          f"same bytes for -j 1, -j 2, dask: {same}")


if __name__ == "__main__":
    main()
