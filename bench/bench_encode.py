"""Benchmark: encode+validate the seed, cold CLI runs, peak memory.

Two baselines, each measured in the same run: `jing` validating the same output (the
usual TEI validation step), and the start-up floor, `python -c "import lxml.etree"`,
against which every command's cold start is a ratio (`encode --sample`, `validate` of
one file, `transform --xsl html`, `--help`). Not a test: run it by hand,
`python bench/bench_encode.py [--runs N]`. Times are medians (minimum in brackets).
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SEED = ROOT / "tei_encoder" / "data" / "assurances-1962-11-13.txt"


def runs_of(command: list[str], runs: int) -> tuple[list[float], int]:
    """Wall times (s) of each run of a command and the peak RSS (KiB) of its largest
    run, that process's own (os.wait4), not the largest child so far."""
    times, peak = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        times.append(time.perf_counter() - start)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            raise SystemExit(f"{' '.join(command)} exited {process.returncode}")
        peak = max(peak, usage.ru_maxrss)
    return times, peak


def timed(command: list[str], runs: int) -> tuple[float, int]:
    """Median wall time (s) of a command and the peak RSS (KiB) of its largest run."""
    times, peak = runs_of(command, runs)
    return statistics.median(times), peak


def command_line() -> list[str]:
    """The installed console script beside this Python (what users run), else -m."""
    script = Path(sys.executable).with_name("tei-encoder")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tei_encoder"]


def startup(xml: Path, runs: int) -> None:
    """Cold start of each command against the floor of Python + lxml, interleaved so
    that the machine's noise falls on all of them alike."""
    tool = command_line()
    html = xml.with_suffix(".html")
    commands = {
        "floor: python -c 'import lxml.etree'": [sys.executable, "-c", "import lxml.etree"],
        "tei-encoder --help": tool + ["--help"],
        "transform --xsl html": tool + ["transform", str(xml), "--xsl", "html", "-o", str(html)],
        "validate (one file)": tool + ["validate", str(xml)],
        "encode --sample": tool + ["encode", "--sample", "-o", str(xml.with_name("sample.xml"))],
    }
    times = {name: [] for name in commands}
    peaks = dict.fromkeys(commands, 0)
    for _ in range(runs):
        for name, command in commands.items():
            one, peak = runs_of(command, 1)
            times[name] += one
            peaks[name] = max(peaks[name], peak)
    floor = statistics.median(times[next(iter(commands))])
    floor_peak = peaks[next(iter(commands))]
    print(f"cold start, {runs} interleaved runs each (median, [minimum]), ratios to the floor's median:")
    for name in commands:
        median, least = statistics.median(times[name]), min(times[name])
        print(f"  {name:38} {median:6.3f} s [{least:.3f}]  x{median / floor:5.2f}  "
              f"peak {peaks[name] / 1024:6.1f} MB  x{peaks[name] / floor_peak:4.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--startup-runs", type=int, default=20)
    parser.add_argument("--startup-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.startup_only:
        startup(args.startup_only, args.startup_runs)
        return
    from tei_encoder.pipeline import encode
    from tei_encoder.validation.validator import Validator

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
    # From a fresh, small process: a child's peak RSS counts the pages of the process
    # that started it, and this one has grown to ~60 MB by now.
    subprocess.run([sys.executable, __file__, "--startup-only", str(out), "--startup-runs", str(args.startup_runs)],
                   check=True)
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
