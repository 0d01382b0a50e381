"""Benchmark: tei-encoder's collation against CollateX 2.3, in the same run, on the same
input (the seed memo's two copies, and those copies repeated 4 and 16 times).

    pip install collatex==2.3 levenshtein     # the baseline; not a dependency
    python bench/bench_collate.py                      # 1x and 4x with CollateX, 16x alone
    python bench/bench_collate.py --collatex-sizes 1   # skip CollateX's 4x (about 5 minutes)

Each measurement runs in its own process (peak memory is that process's maximum RSS).
For each tool and size it reports: wall time of the collation, peak memory, the number
of app entries, false function-word anchors (bench/measures.py), and whether each copy
can be rebuilt from the tool's TEI (the same words in the same order as the input copy).
What is timed is alignment to TEI: for CollateX, collate(output="tei") on each copy's
plain text (one run: it is slow); for tei-encoder, collation of the analysed copies and
the apparatus TEI, best of 5 runs (the first run and the whole encode from OCR text,
reading and page/block analysis included, are reported beside it).
Goals (issue 3): at least 500x faster than CollateX on the seed, 5,000x at 4x; at 16x,
under 1 s and under 150 MB; fewer apps than CollateX and no false anchors.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tei_encoder.publish.rebuild import input_text  # noqa: E402
from tei_encoder.readers.text import DEFAULT_SEPARATOR, read_source, split_witnesses  # noqa: E402

SEED = ROOT / "tei_encoder" / "data" / "assurances-1962-11-13.txt"
PAGE_BREAK = "\n\n\n\n\n"
REPEATS = 5


def copies() -> list[str]:
    """The seed's copies as they stand in the file (lines, blank lines and all)."""
    source = read_source(SEED.read_bytes(), str(SEED))
    return ["\n".join(line.text for line in w.lines) for w in split_witnesses(source, DEFAULT_SEPARATOR)]


def repeated_file(times: int) -> str:
    """One OCR file whose copies are the seed's copies, each repeated `times` times."""
    return "\nALTERNATE COPY FOLLOWS\n".join(PAGE_BREAK.join([copy] * times) for copy in copies())


def measure(tool: str, times: int) -> dict:
    size = times
    data = repeated_file(size).encode("utf-8")
    witnesses = split_witnesses(read_source(data, "bench.txt"))
    extra = {}
    if tool == "tei-encoder":
        from tei_encoder.collate import collate
        from tei_encoder.pipeline import analyse
        from tei_encoder.publish.write import serialise
        from tei_encoder.tei.document import build_document
        start = time.perf_counter()
        document = analyse(data, "bench.txt")
        analysed = time.perf_counter()
        times = []
        for _ in range(REPEATS):
            begin = time.perf_counter()
            xml = serialise(build_document(document, collate(document.witnesses)))
            times.append(time.perf_counter() - begin)
        seconds = min(times)
        extra = {"first_seconds": times[0], "encode_seconds": analysed - start + times[0]}
    else:
        from collatex import Collation, collate
        collation = Collation()
        for w in witnesses:
            collation.add_plain_witness(w.sigil, " ".join(input_text(w).split()))
        start = time.perf_counter()
        xml = collate(collation, output="tei", segmentation=True).encode("utf-8")
        seconds = time.perf_counter() - start
    return {"tool": tool, "times": size, "seconds": seconds, **extra,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, **quality(xml, witnesses)}


def quality(xml: bytes, witnesses) -> dict:
    from lxml import etree

    from bench.measures import apps, function_word_anchors, reading_text
    root = etree.fromstring(xml)
    rebuilt = {w.sigil: reading_text(root, w.sigil).split() == input_text(w).split() for w in witnesses}
    return {"apps": len(apps(root)), "function_word_anchors": len(function_word_anchors(root)),
            "rebuilds": rebuilt}


def run_isolated(tool: str, times: int, timeout: float) -> dict:
    command = [sys.executable, __file__, "--one", tool, str(times)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return {"tool": tool, "times": times, "error": f"over {timeout:.0f} s"}
    except subprocess.CalledProcessError as exc:
        return {"tool": tool, "times": times, "error": exc.stderr.strip().splitlines()[-1]}
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,4,16", help="copies repeated this many times (tei-encoder)")
    parser.add_argument("--collatex-sizes", default="1,4", help="sizes also run with CollateX")
    parser.add_argument("--timeout", type=float, default=1200)
    parser.add_argument("--one", nargs=2, metavar=("TOOL", "TIMES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one[0], int(args.one[1]))))
        return
    results = []
    collatex_sizes = {int(s) for s in args.collatex_sizes.split(",") if s}
    for times in (int(s) for s in args.sizes.split(",")):
        ours = run_isolated("tei-encoder", times, args.timeout)
        results.append(ours)
        print(_line(ours), flush=True)
        if times in collatex_sizes:
            theirs = run_isolated("collatex", times, args.timeout)
            results.append(theirs)
            print(_line(theirs), flush=True)
            if "error" not in theirs and "error" not in ours:
                print(f"  ratio at {times}x: tei-encoder is {theirs['seconds'] / ours['seconds']:,.0f}x faster, "
                      f"uses {ours['peak_mb'] / theirs['peak_mb']:.2f}x the memory", flush=True)
    print(json.dumps(results, indent=1))


def _line(r: dict) -> str:
    if "error" in r:
        return f"{r['tool']:12} {r['times']:>3}x  not measured: {r['error']}"
    rebuilds = ", ".join(f"{k} {'yes' if v else 'no'}" for k, v in r["rebuilds"].items())
    first = ""
    if "first_seconds" in r:
        first = f" (first run {r['first_seconds']:.3f} s, whole encode {r['encode_seconds']:.3f} s)"
    return (f"{r['tool']:12} {r['times']:>3}x  {r['seconds']:9.3f} s{first}  {r['peak_mb']:7.0f} MB  "
            f"apps {r['apps']:5}  function-word anchors {r['function_word_anchors']:4}  rebuilds: {rebuilds}")


if __name__ == "__main__":
    main()
