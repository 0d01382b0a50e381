"""Benchmark: the edition (reading text) against the best single copy, on the dev set.

Runs the dev-set scorer (`../shared/devset/score.py`) on this checkout's `tei-encoder
encode` and keeps its `edition_wer` figures: the edition's word error rate against the
clean text (closest copy), beside the best single copy's input and the best copy's reading
as the tool reads it (furniture and noise left out), over the whole set and over the
multi-copy documents, and per document. The ratio the issue's goals are stated in is
edition / best witness reading. Not a test: run it by hand,

    .venv/bin/python bench/bench_reading.py [--devset DIR] [--extra-args '--no-corrections']

It writes bench/results-reading-DATE.txt (DATE in UTC) and prints the same table.
WER is deterministic: one run is enough (no timing is reported here).
"""

from __future__ import annotations

import argparse
import datetime
import json
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT.parent.parent / "shared" / "devset"


def score(devset: Path, extra: str, tool: str | None = None) -> dict:
    tool = tool or shlex.quote(str(Path(sys.executable).with_name("tei-encoder")))
    command = f"{tool} encode {{input}} -o {{output}} {extra}".strip()
    with tempfile.TemporaryDirectory() as work:
        out = Path(work) / "score.json"
        subprocess.run([sys.executable, str(devset / "score.py"), command, "--json", str(out)],
                       check=True, stdout=subprocess.DEVNULL)
        return json.loads(out.read_text("utf-8"))


def table(result: dict, label: str) -> list[str]:
    wer = result["edition_wer"]
    lines = [f"== {label}", "", f"{'':44}{'all':>10}{'multi-copy':>12}"]
    rows = [("documents", "documents", "{:d}"),
            ("edition reading vs clean (closest copy)", "edition_vs_clean", "{:.4f}"),
            ("best single copy (input vs its clean)", "best_copy_input_vs_clean", "{:.4f}"),
            ("ratio edition / best copy", "ratio", "{:.3f}"),
            ("best witness reading (tool's, one copy)", "best_witness_reading_vs_clean", "{:.4f}"),
            ("ratio edition / best witness reading", "ratio_to_best_reading", "{:.3f}"),
            ("documents whose edition beats best copy", "edition_below_best_copy", "{:d}")]
    for name, key, form in rows:
        lines.append(f"{name:44}{form.format(wer['all'][key]):>10}{form.format(wer['multi_copy'][key]):>12}")
    stats = wer.get("edition_stats", {})
    lines += ["", "edition made from: " + ", ".join(f"{k} {v}" for k, v in sorted(stats.items())), "",
              f"{'doc':5}{'copies':>7}{'edition':>9}{'best copy':>11}{'best reading':>14}{'ed/reading':>12}"
              "  beats reading"]
    for name, doc in sorted(result["documents"].items()):
        ed = doc.get("edition")
        if not ed:
            lines.append(f"{name:5}  (no edition: the tool failed)")
            continue
        edition, best_copy, best_reading = ed["edition_vs_clean"][0], ed["best_copy"][0], ed["best_reading"][0]
        ratio = edition / best_reading if best_reading else float("nan")
        copies = len(ed["each_copy_vs_clean"])
        beats = "yes" if edition < best_reading else "no"
        lines.append(f"{name:5}{copies:>7}{edition:>9.4f}{best_copy:>11.4f}{best_reading:>14.4f}{ratio:>12.3f}"
                     f"  {beats}")
    return lines + [""]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--extra-args", default="", help="more options for `tei-encoder encode`")
    parser.add_argument("--label", default=None, help="a heading for this run in the results file")
    parser.add_argument("--tool", default=None,
                        help="the command to score instead of this checkout's tei-encoder (a baseline: "
                             "'env PYTHONPATH=/tmp/main-checkout python -P -m tei_encoder'; -P, or the "
                             "current directory, this checkout, comes first on sys.path)")
    args = parser.parse_args()
    result = score(args.devset, args.extra_args, args.tool)
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    label = args.label or f"commit {commit}, encode {args.extra_args or '(defaults)'}"
    lines = table(result, label)
    print("\n".join(lines))
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    out = ROOT / "bench" / f"results-reading-{today}.txt"
    with out.open("a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
