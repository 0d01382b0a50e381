"""Benchmark: XSLT through lxml per memo (the reading page, one copy's text), xsltproc on
the same files in the same run, and the time to make and verify a BagIt package.

    python bench/bench_transform.py

Inputs: the encodings (merged layout) of the seed and the twelve corpus files.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lxml import etree  # noqa: E402

from tei_encoder.pipeline import analyse, to_tei  # noqa: E402
from tei_encoder.publish.transform import load_stylesheet, stylesheet_path, transform  # noqa: E402
from tests.conftest import ALL_INPUTS, SEED  # noqa: E402

REPEATS = 5


def best(function, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-transform-"))
    try:
        trees, files = [], []
        for path in ALL_INPUTS:
            data = to_tei(analyse(path.read_bytes(), str(path)))
            target = folder / f"{path.stem}.xml"
            target.write_bytes(data)
            files.append(target)
            trees.append(etree.ElementTree(etree.fromstring(data)))
        start = time.perf_counter()
        sheets = {"html": load_stylesheet("html"), "text": load_stylesheet("text")}
        print(f"{len(trees)} memos; stylesheets compiled in {1000 * (time.perf_counter() - start):.1f} ms")
        for name, sheet in sheets.items():
            seconds = best(lambda: [transform(t, sheet, {"wit": "A"} if name == "text" else None) for t in trees])
            print(f"  lxml {name:4}: {1000 * seconds / len(trees):6.2f} ms per memo (best of {REPEATS})")
            if shutil.which("xsltproc"):
                start = time.perf_counter()
                for f in files:
                    subprocess.run(["xsltproc", str(stylesheet_path(name)), str(f)], capture_output=True, check=True)
                per_call = (time.perf_counter() - start) / len(files)
                print(f"        xsltproc, one call per memo: {1000 * per_call:6.2f} ms per memo "
                      f"(lxml in-process is {per_call / (seconds / len(trees)):.1f}x faster)")
        bag = folder / "bag"
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "tei_encoder", "package", str(SEED), "-o", str(bag)],
                              capture_output=True)
        made = time.perf_counter() - start
        start = time.perf_counter()
        checked = subprocess.run([sys.executable, "-m", "tei_encoder", "package", "--verify", str(bag)],
                                 capture_output=True)
        verified = time.perf_counter() - start
        print(f"  package the seed (whole command: encode, validate, page, bag): {made:.2f} s "
              f"(exit {done.returncode}); "
              f"verify: {verified:.2f} s (exit {checked.returncode})")
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
