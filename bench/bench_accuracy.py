"""Benchmark: structure accuracy on the development set (FRUS and the real corpus).

Runs the dev set's scorer (`../shared/devset/score.py`, or `--devset DIR`) twice with
THIS checkout's `tei-encoder` (the interpreter running this script, `-m tei_encoder`):
once on the 28 synthetic FRUS documents and once with `--real` on the twelve corpus
files, and writes both reports, whole, to `bench/results-accuracy-DATE.txt` (and
prints them). Not a test and not timed: run it by hand,

    .venv/bin/python bench/bench_accuracy.py [--only 03 11] [--out FILE]

The dev set's gold is a test set: nothing in the tool is trained or tuned on it.
"""

from __future__ import annotations

import argparse
import datetime
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DEVSET = ROOT.parent.parent / "shared" / "devset"


def scorer_command(devset: Path, real: bool, only: list[str]) -> list[str]:
    """The scorer's command line, with this checkout's tool as the command it runs."""
    tool = f"{shlex.quote(sys.executable)} -m tei_encoder encode {{input}} -o {{output}}"
    command = [sys.executable, str(devset / "score.py")]
    if real:
        command.append("--real")
    command.append(tool)
    if only and not real:
        command += ["--only", *only]
    return command


def run_scorer(devset: Path, real: bool, only: list[str]) -> str:
    result = subprocess.run(scorer_command(devset, real, only), cwd=ROOT, capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        raise SystemExit(f"score.py failed ({result.returncode}): {result.stderr.strip()[-500:]}")
    return result.stdout


def git_head() -> str:
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                            check=False)
    return result.stdout.strip() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=DEFAULT_DEVSET, help="folder holding score.py")
    parser.add_argument("--only", nargs="*", default=[], help="FRUS document numbers to score")
    parser.add_argument("--out", type=Path, help="results file (default bench/results-accuracy-DATE.txt)")
    args = parser.parse_args()
    if not (args.devset / "score.py").is_file():
        raise SystemExit(f"{args.devset}: no score.py (give --devset)")
    today = datetime.date.today().isoformat()
    out = args.out or ROOT / "bench" / f"results-accuracy-{today}.txt"
    parts = [f"tei-encoder accuracy, {today}, commit {git_head()}", ""]
    for real in (False, True):
        parts += [f"## score.py{' --real' if real else ''}", "", run_scorer(args.devset, real, args.only)]
    report = "\n".join(parts)
    out.write_text(report, encoding="utf-8")
    print(report)
    print(f"written to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
