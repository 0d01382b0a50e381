"""--resume with the page files of one copy (PAGE1+PAGE2) in a batch: the manifest keeps
each page file's checksum, so an unchanged copy is skipped and a changed page redone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from tei_encoder.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "ocr"
PAGES = ("assurances-B-p1.hocr", "assurances-B-p2.hocr")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_resume_skips_unchanged_page_files_and_redoes_a_changed_one(tmp_path):
    for name in PAGES:
        shutil.copy(FIXTURES / name, tmp_path / name)
    copy = "+".join(str(tmp_path / name) for name in PAGES)
    out = tmp_path / "out"
    assert run("encode", copy, "-o", f"{out}/").exit_code == 0
    [line] = [json.loads(text) for text in (out / "manifest.jsonl").read_text("utf-8").splitlines()]
    assert [p["path"] for p in line["parts"]] == copy.split("+")
    assert all(p["sha256"] and p["size"] for p in line["parts"])
    assert line["size"] == sum((tmp_path / name).stat().st_size for name in PAGES)

    again = run("encode", copy, "-o", f"{out}/", "--resume")
    assert again.exit_code == 0 and "1 input(s) skipped" in again.output

    # A word corrected on page 2 alone: the copy is encoded again, with the correction.
    page2 = tmp_path / PAGES[1]
    page2.write_bytes(page2.read_bytes().replace(b">Gubans<", b">Cubans<", 1))
    redone = run("encode", copy, "-o", f"{out}/", "--resume")
    assert redone.exit_code == 0 and "skipped" not in redone.output
    [output] = line["outputs"]
    assert "Cubans against" in Path(output["path"]).read_text("utf-8")
    # The same page files in another order are another copy.
    swapped = "+".join(reversed(copy.split("+")))
    assert "skipped" not in run("encode", swapped, "-o", f"{out}/", "--resume").output
