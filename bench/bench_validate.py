"""Benchmark: `tei-encoder validate` on 200 encoded memos, each check alone, against jing
(the usual RELAX NG validator of TEI projects) on the same files in the same run.

    python bench/bench_validate.py            # needs jing on PATH for the ratios (apt-get install jing)

The 200 files are the encodings of the seed and the corpus in both layouts, and of the
multi-copy test cases, repeated under new names up to 200. Reported: files per second
for each check after start-up (schemas built once, as `validate` does), the start-up
cost of each check, the whole `tei-encoder validate DIR` command, and jing on all files
in one call and on one file per call, for both engines of the project schema (xmlschema,
the default; libxml2, --engine libxml2). Goal (issue 4): at least 100 memos per second
with the project schema and rules, after start-up.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tei_encoder.pipeline import analyse_copies, to_tei  # noqa: E402
from tei_encoder.validation.safexml import parse_file  # noqa: E402
from tei_encoder.validation.validator import Validator, schema_dir  # noqa: E402
from tests.test_apparatus import CASES  # noqa: E402

COUNT = 200


def make_files(folder: Path) -> list[Path]:
    distinct = []
    for name, inputs in sorted(CASES.items()):
        document = analyse_copies(inputs)
        for layout in ("merged", "copies"):
            distinct.append(to_tei(document, layout))
    files = []
    for index in range(COUNT):
        path = folder / f"memo-{index:03}.xml"
        path.write_bytes(distinct[index % len(distinct)])
        files.append(path)
    return files


def per_second(files: list[Path], **checks) -> tuple[float, float, int]:
    start = time.perf_counter()
    validator = Validator(**checks)
    built = time.perf_counter()
    problems = sum(len(list(validator.iter_problems(parse_file(f), str(f)))) for f in files)
    done = time.perf_counter()
    return len(files) / (done - built), built - start, problems


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-validate-"))
    try:
        files = make_files(folder)
        size = sum(f.stat().st_size for f in files) / len(files) / 1024
        print(f"{len(files)} encoded memos, {size:.0f} kB each on average")
        rows = [("project schema + rules (default)", {}),
                ("project schema (libxml2) + rules", {"engine": "libxml2"}),
                ("project schema alone", {"rules": False}),
                ("project schema alone (libxml2)", {"rules": False, "engine": "libxml2"}),
                ("rules alone", {"project": False}),
                ("tei_all alone", {"project": False, "rules": False, "tei_all": True})]
        rates = {}
        for label, checks in rows:
            rate, startup, problems = per_second(files, **checks)
            rates[label] = rate
            print(f"  {label:34} {rate:8.1f} files/s   start-up {startup:6.2f} s   problems {problems}")
        whole = {}
        for engine in ("xmlschema", "libxml2"):
            for jobs in (1, os.cpu_count() or 1):
                start = time.perf_counter()
                done = subprocess.run([sys.executable, "-m", "tei_encoder", "validate", "-q", "-j", str(jobs),
                                       "--engine", engine, str(folder)])
                whole[engine, jobs] = seconds = time.perf_counter() - start
                print(f"  tei-encoder validate --engine {engine} -j {jobs} DIR (whole command, start-up included, "
                      f"exit {done.returncode}): {seconds:.2f} s = {len(files) / seconds:.1f} files/s")
        whole = min(seconds for (engine, _), seconds in whole.items() if engine == "xmlschema")
        jing = shutil.which("jing")
        if jing is None:
            print("  jing not found: no ratios (apt-get install jing)")
            return
        rng = str(schema_dir() / "tei_all.rng")
        start = time.perf_counter()
        subprocess.run([jing, rng, *map(str, files)], capture_output=True)
        jing_all = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run([jing, rng, str(files[0])], capture_output=True)
        jing_one = time.perf_counter() - start
        jing_rate = len(files) / jing_all
        print(f"  jing, all files in one call: {jing_all:.2f} s = {jing_rate:.1f} files/s; one file per call: "
              f"{jing_one:.2f} s")
        default = rates["project schema + rules (default)"]
        fast = rates["project schema (libxml2) + rules"]
        print(f"  ratios, --engine libxml2: {fast / jing_rate:.1f}x jing's files/s in one call, "
              f"{fast * jing_one:.0f}x jing called per file")
        print(f"  ratios: default checks {default / jing_rate:.1f}x jing's files/s in one call, "
              f"{default * jing_one:.0f}x jing called per file; tei_all in lxml "
              f"{rates['tei_all alone'] / jing_rate:.1f}x jing; whole command {jing_all / whole:.1f}x jing")
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
