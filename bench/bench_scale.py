"""Benchmark (issue 11, item 4): how encode's time and memory grow with the input.

    python bench/bench_scale.py                  # the goals' cases, and a growth series
    python bench/bench_scale.py --cases seed64   # one case

Each case is encoded from OCR text to validated TEI bytes (read, analyse, collate, build,
validate: what `encode` does, without the disk), in a process of its own, so that its
peak memory is that process's maximum RSS. The cases:

- seedN: the seed's two copies, each repeated N times (joined by page breaks): N times
  the length, two copies to collate. Goal: seed64 under 150 MB.
- ocrN: N MB of real OCR text (the corpus files, separators taken out, repeated) as one
  copy. Goal: ocr10 under 30 s and 400 MB.
- twoN: N MB of that text as two copies (the second with every 50th line dropped).
- validateN: `tei-encoder validate` (default engine and rules) of an N MB TEI file: the
  seed's merged TEI with its body's content repeated (the body holds no xml:id, so the
  copy is valid); its own process, wall time and peak memory. (Issue 11 found the
  default engine over 60 s on a 41 MB file: validate41.)

Growth is read from the series (seed8, seed16, seed32, seed64): linear time and memory
double with the size. Figures are noisy on a shared machine: each case runs --repeat
times; the minimum wall and CPU times (process_time of the encode) and the maximum memory
are reported.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SEED = ROOT / "tei_encoder" / "data" / "assurances-1962-11-13.txt"
CORPUS = sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.txt"))
PAGE_BREAK = "\n\n\n\n\n"
SEPARATOR = "\nALTERNATE COPY FOLLOWS\n"
DEFAULT_CASES = ["seed8", "seed16", "seed32", "seed64", "ocr1", "ocr2", "ocr5", "ocr10", "two2"]


def seed_repeated(times: int) -> str:
    from tei_encoder.readers.text import read_source, split_witnesses
    source = read_source(SEED.read_bytes(), str(SEED))
    copies = ["\n".join(line.text for line in w.lines) for w in split_witnesses(source)]
    return SEPARATOR.join(PAGE_BREAK.join([copy] * times) for copy in copies)


def ocr_text(megabytes: float) -> str:
    from tei_encoder.readers.text import DEFAULT_SEPARATOR
    separator = re.compile(DEFAULT_SEPARATOR, re.IGNORECASE)
    lines = [line for path in CORPUS for line in path.read_text("utf-8").split("\n") if not separator.search(line)]
    text = "\n".join(lines) + "\n"
    size = int(megabytes * 1_000_000)
    out = (text * (size // len(text) + 1))[:size]
    return out[: out.rfind("\n") + 1]


def case_text(name: str) -> str:
    kind, number = re.fullmatch(r"([a-z]+)(\d+(?:\.\d+)?)", name).groups()
    if kind == "seed":
        return seed_repeated(int(number))
    if kind == "ocr":
        return ocr_text(float(number))
    if kind == "two":
        text = ocr_text(float(number) / 2)
        other = "\n".join(line for index, line in enumerate(text.split("\n")) if index % 50 != 49)
        return text + SEPARATOR + other
    raise SystemExit(f"unknown case {name!r}")


def large_tei(megabytes: float) -> bytes:
    """The seed's merged TEI with its body's content repeated to about this size."""
    from lxml import etree

    from tei_encoder.pipeline import encode
    from tei_encoder.validation.validator import Validator
    _, xml = encode([(SEED.read_bytes(), SEED.name)], Validator())
    root = etree.fromstring(xml)
    body = root.find(".//{http://www.tei-c.org/ns/1.0}body")
    content = [etree.tostring(child) for child in body]
    times = max(1, int(megabytes * 1_000_000 / sum(map(len, content))))
    for _ in range(times - 1):
        body.extend(etree.fromstring(piece) for piece in content)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def run_validate(name: str, megabytes: float) -> dict:
    """`tei-encoder validate` of a large TEI in a process of its own."""
    import tempfile
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{name}.xml"
        path.write_bytes(large_tei(megabytes))
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "tei_encoder", "validate", str(path)], capture_output=True)
        seconds = time.perf_counter() - start
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # the validate process (the encode ran here)
        size = round(path.stat().st_size / 1e6, 2)
        return {"case": name, "input_mb": size, "tei_mb": size, "copies": 2, "seconds": round(seconds, 2),
                "cpu": round(usage.ru_utime + usage.ru_stime, 2), "peak_mb": round(usage.ru_maxrss / 1024, 1),
                "valid": done.returncode == 0}


def run_case(name: str) -> dict:
    """In this process: encode the case, return seconds and peak memory."""
    if name.startswith("validate"):
        return run_validate(name, float(name[len("validate"):]))
    from tei_encoder.pipeline import encode
    from tei_encoder.validation.validator import Validator
    data = case_text(name).encode("utf-8")
    validator = Validator()
    start, cpu = time.perf_counter(), time.process_time()
    document, xml = encode([(data, f"{name}.txt")], validator)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"case": name, "input_mb": round(len(data) / 1e6, 2), "tei_mb": round(len(xml) / 1e6, 2),
            "copies": len(document.witnesses), "seconds": round(seconds, 2), "cpu": round(cpu, 2),
            "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", nargs="*", default=DEFAULT_CASES)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--one", help=argparse.SUPPRESS)  # a child process runs one case
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_case(args.one)))
        return
    print(f"{'case':8} {'input MB':>9} {'TEI MB':>7} {'copies':>6} {'seconds':>8} {'cpu s':>7} {'peak MB':>8}")
    for name in args.cases:
        runs = []
        for _ in range(args.repeat):
            done = subprocess.run([sys.executable, __file__, "--one", name], capture_output=True, text=True)
            if done.returncode:
                print(f"{name:8} failed: {done.stderr.strip().splitlines()[-1:]}")
                break
            runs.append(json.loads(done.stdout))
        if runs:
            best = dict(runs[0], seconds=min(r["seconds"] for r in runs), cpu=min(r["cpu"] for r in runs),
                        peak_mb=max(r["peak_mb"] for r in runs))
            print(f"{best['case']:8} {best['input_mb']:9} {best['tei_mb']:7} {best['copies']:6} "
                  f"{best['seconds']:8} {best['cpu']:7} {best['peak_mb']:8}", flush=True)


if __name__ == "__main__":
    main()
