"""Benchmark: encode time per page for text, hOCR (as XHTML and as HTML), ALTO and PAGE XML of the same pages.

The inputs are the fixture pages (tests/fixtures/ocr: tesseract 5.3's output for two
typed pages of the seed's copy B and one corpus page), each format of the same pages
encoded in the same run, interleaved so that the machine's noise falls on all alike:
read + analyse + TEI + validation against the project schema, in process (what `encode`
does per input, start-up aside). The reference is tesseract's own OCR time per page on
the same page images (`tesseract IMG out txt hocr alto`, one process per page), what any
pipeline that OCRs its scans spends anyway. Times are medians of the runs (minimum in
brackets). Not a test: run it by hand,

    python bench/bench_readers.py [--runs N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lxml import etree  # noqa: E402

from tei_encoder.pipeline import encode  # noqa: E402
from tei_encoder.validation.validator import Validator  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "ocr"
PAGES = ("assurances-B-p1", "assurances-B-p2", "congo-p1")
FORMATS = {"text": ".txt", "hocr": ".hocr", "html": ".hocr", "alto": ".xml", "page": ".page.xml"}


def inputs(name: str, suffix: str) -> list[tuple[bytes, str]]:
    """The pages in one format. html: tesseract's hOCR with its XML declaration line
    blanked, so that the HTML parser reads it (readers.hocr), as for OCRopus or kraken."""
    found = [((FIXTURES / f"{page}{suffix}").read_bytes(), f"{page}{suffix}") for page in PAGES]
    if name == "html":
        found = [(b"\n" + data.split(b"\n", 1)[1], path) for data, path in found]
    return found


def encode_seconds(data: list[tuple[bytes, str]], validator: Validator) -> float:
    """One encode (with validation) of each page; the total wall time."""
    start = time.perf_counter()
    for item in data:
        encode([item], validator)
    return time.perf_counter() - start


def tesseract_seconds(work: Path) -> float:
    start = time.perf_counter()
    for page in PAGES:
        image = work / f"{page}.png"
        subprocess.run(["tesseract", image.name, page, "--dpi", "100", "-l", "eng", "txt", "hocr", "alto"],
                       cwd=work, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    validator = Validator()
    data = {name: inputs(name, suffix) for name, suffix in FORMATS.items()}
    for name in data:  # warm: schema compiled, modules imported
        encode_seconds(data[name], validator)
    times: dict[str, list[float]] = {name: [] for name in data}
    for _ in range(args.runs):
        for name in data:
            times[name].append(encode_seconds(data[name], validator))
    reference: list[float] = []
    if shutil.which("tesseract"):
        with tempfile.TemporaryDirectory() as work:
            for page in PAGES:
                shutil.copy(FIXTURES / f"{page}.png", Path(work) / f"{page}.png")
            for _ in range(max(1, args.runs // 2)):
                reference.append(tesseract_seconds(Path(work)))
    pages = len(PAGES)
    text = statistics.median(times["text"]) / pages
    print(f"{pages} pages, {args.runs} runs; ms per page, median [min]; ratio to text input")
    for name, values in times.items():
        median, least = statistics.median(values) / pages, min(values) / pages
        print(f"  encode {name:5} {median * 1000:8.1f} [{least * 1000:7.1f}]   x{median / text:5.2f}")
    if reference:
        median, least = statistics.median(reference) / pages, min(reference) / pages
        hocr = statistics.median(times["hocr"]) / pages
        print(f"  tesseract OCR {median * 1000:7.1f} [{least * 1000:7.1f}]   encoding hOCR is "
              f"{hocr / median:.1%} of tesseract's time")
    else:
        print("  tesseract not installed: no reference")
    sizes = {name: sum(len(d) for d, _ in data[name]) // pages for name in data}
    print("  input bytes per page: " + ", ".join(f"{name} {size:,}" for name, size in sizes.items()))
    lines = {name: etree.fromstring(encode([data[name][0]], validator)[1]).xpath("count(//*[local-name()='lb'])")
             for name in data}
    print("  lb on page 1: " + ", ".join(f"{name} {int(count)}" for name, count in lines.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
