"""Encode tesseract's output for rendered corpus pages every way, and check each result.

    .venv/bin/python tools/render_pages.py MEMO.txt DIR --name NAME --pages 2 --multi   # per memo
    .venv/bin/python tools/ocr_roundtrip.py DIR

For every NAME.hocr (tesseract's multi-page hOCR) in DIR, with its NAME-pN.txt/.hocr and
NAME.xml (ALTO) beside it, four inputs: the multi-page hOCR, the multi-page ALTO, the
page files NAME-p1.hocr+NAME-p2.hocr+..., and tesseract's text merged with the hOCR as
two copies; each in both layouts. Every TEI must pass the project schema and tei_all,
and each copy rebuilt from it must have the very words of tesseract's text output.
Slow (tesseract makes the inputs), so not part of the test suite; the tests check the
same on the committed fixtures. Prints each failure and the count; exit 1 if any.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tei_encoder.errors import EncoderError  # noqa: E402
from tei_encoder.pipeline import analyse_copies, to_tei  # noqa: E402
from tei_encoder.publish.rebuild import witness_text  # noqa: E402
from tei_encoder.validation.validator import Validator, schema_dir  # noqa: E402


def cases(directory: Path, stem: str) -> dict[str, list]:
    pages = sorted(directory.glob(f"{stem}-p*.txt"))
    multi, alto = directory / f"{stem}.hocr", directory / f"{stem}.xml"
    page_files = tuple(((directory / f"{p.stem}.hocr").read_bytes(), str(directory / f"{p.stem}.hocr")) for p in pages)
    text = "\f\n".join(p.read_text(encoding="utf-8") for p in pages).encode("utf-8")
    return {
        "hocr": [(multi.read_bytes(), str(multi))],
        "alto": [(alto.read_bytes(), str(alto))],
        "page files": [(page_files, "+".join(path for _, path in page_files))],
        "text + hocr": [(text, f"{stem}.txt"), (multi.read_bytes(), str(multi))],
    }


def main(argv: list[str]) -> int:
    directory = Path(argv[1])
    validator = Validator()
    tei_all = etree.RelaxNG(etree.parse(str(schema_dir() / "tei_all.rng")))
    problems = checked = 0
    for multi in sorted(directory.glob("*.hocr")):
        stem = multi.stem
        pages = sorted(directory.glob(f"{stem}-p*.txt"))
        if not pages:
            continue  # a page file, not a multi-page one
        words = [w for p in pages for w in p.read_text(encoding="utf-8").split()]
        for name, inputs in cases(directory, stem).items():
            for layout in ("merged", "copies"):
                checked += 1
                where = f"{stem} {name} {layout}"
                try:
                    tree = etree.ElementTree(etree.fromstring(to_tei(analyse_copies(inputs), layout)))
                    validator.validate(tree, source=where)
                except EncoderError as exc:
                    problems += 1
                    print(f"{where}: {exc}")
                    continue
                if not tei_all.validate(tree):
                    problems += 1
                    print(f"{where}: not valid against tei_all: {tei_all.error_log.last_error}")
                sigil = "B" if name == "text + hocr" else "A"
                if witness_text(tree, sigil).split() != words:
                    problems += 1
                    print(f"{where}: copy {sigil}'s words differ from tesseract's text")
    print(f"{checked} encodings checked, {problems} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
