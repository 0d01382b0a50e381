"""Benchmark: encode+validate the seed, cold CLI run, peak memory; jing as the baseline.

Reports ratios against `jing` validating the same output in the same run (the usual TEI
validation step). Not a test: run it by hand, `python bench/bench_encode.py [--runs N]`.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tei_encoder.pipeline import encode  # noqa: E402
from tei_encoder.validation.validator import Validator  # noqa: E402

SEED = ROOT / "tei_encoder" / "data" / "assurances-1962-11-13.txt"


def timed(command: list[str], runs: int) -> tuple[float, int]:
    """Median wall time (s) of a command and the peak RSS (KiB) of its largest run."""
    times, peak = [], 0
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
        peak = max(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
    return statistics.median(times), peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    data = SEED.read_bytes()
    validator = Validator()
    encode([(data, str(SEED))], validator)  # warm
    loops = 50
    start = time.perf_counter()
    for _ in range(loops):
        _, xml = encode([(data, str(SEED))], validator)
    in_process = (time.perf_counter() - start) / loops

    out = Path(tempfile.mkdtemp()) / "seed.xml"
    out.write_bytes(xml)
    cli = [sys.executable, "-m", "tei_encoder", "encode", str(SEED), "-o", str(out)]
    cold, peak_kib = timed(cli, args.runs)

    print(f"seed: {len(data)} bytes, 2 copies")
    print(f"in-process encode+validate per memo: {in_process * 1000:.1f} ms (goal < 20 ms)")
    print(f"cold `tei-encoder encode` wall time: {cold:.3f} s (goal < 0.6 s)")
    print(f"peak memory (max RSS of the CLI runs): {peak_kib / 1024:.1f} MB (goal < 100 MB)")
    jing = shutil.which("jing")
    if jing is None:
        print("jing not found: no baseline ratios (apt-get install jing)")
        return
    rng = ROOT / "schema" / "tei_all.rng"
    jing_time, jing_peak = timed([jing, str(rng), str(out)], args.runs)
    print(f"baseline jing tei_all.rng on the same output: {jing_time:.3f} s, {jing_peak / 1024:.1f} MB peak")
    print(f"ratio in-process / jing: {in_process / jing_time:.4f} ({jing_time / in_process:.0f}x faster)")
    print(f"ratio cold CLI / jing:   {cold / jing_time:.3f} ({jing_time / cold:.1f}x faster)")
    print(f"ratio peak memory / jing: {peak_kib / max(jing_peak, 1):.2f}")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
