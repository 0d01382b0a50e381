"""--group-copies (issue 13): the files of a batch that are copies of one memo are found
from the memo's text (not the release form's boilerplate) and merged."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

from click.testing import CliRunner

from tei_encoder.batch.group import find_copies, memo_words
from tei_encoder.batch.manifest import read_lines
from tei_encoder.cli import main
from tests.conftest import CORPUS


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def by_number(number: str) -> Path:
    return next(p for p in CORPUS if p.name.startswith(number))


def test_corpus_groups_01_02_and_05_06_and_nothing_else():
    groups = find_copies((str(p), p.read_text("utf-8")) for p in CORPUS)
    assert [[Path(p).name[:2] for p in group] for group in groups] == [["01", "02"], ["05", "06"]]


def test_release_form_lines_are_not_the_memo():
    text = by_number("01").read_text("utf-8")
    words = memo_words(text)
    assert "record" not in words[:40] and "agency" not in words[:40]  # the form's fields are gone
    assert words[:6] == ("the", "secretary", "of", "state", "washington", "top")


def _form_and_body(form_of: Path, body_of: Path) -> str:
    """The release form of one corpus file in front of another file's memo."""
    form = form_of.read_text("utf-8").split("THE SECRETARY OF STATE")[0]
    body = body_of.read_text("utf-8")
    return form + body


def test_the_same_release_form_on_two_memos_does_not_make_them_copies(tmp_path):
    first = _form_and_body(by_number("01"), by_number("07"))
    second = _form_and_body(by_number("01"), by_number("11"))
    assert find_copies([("a.txt", first), ("b.txt", second)]) == []


def test_a_noisy_second_scan_is_still_a_copy():
    text = by_number("04").read_text("utf-8")
    rng = random.Random(13)

    def misread(word: str) -> str:  # OCR-like: a letter swapped or lost in one word in six
        if len(word) > 3 and rng.random() < 1 / 6:
            i = rng.randrange(len(word))
            return word[:i] + rng.choice("ilrnmceo") + word[i + 1:]
        return word

    noisy = "\n".join(" ".join(misread(w) for w in line.split()) for line in text.splitlines()[5:])
    others = [(str(p), p.read_text("utf-8")) for p in CORPUS if not p.name.startswith("04")]
    groups = find_copies(others + [("04.txt", text), ("04-rescan.txt", noisy)])
    assert ["04-rescan.txt", "04.txt"] in groups and len(groups) == 3


def test_batch_writes_one_merged_tei_per_group(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for path in CORPUS:
        shutil.copy(path, inputs / path.name)
    out = tmp_path / "out"
    result = run("encode", inputs, "-o", out, "--group-copies", "-j", "2")
    assert result.exit_code == 0, result.stderr
    assert "2 group(s) of copies found" in result.stderr
    written = sorted(p.name[:2] for p in out.glob("*.xml"))
    assert written == ["01", "03", "04", "05", "07", "08", "09", "10", "11", "12"]
    entries = {Path(e["input"]).name[:2]: e for e in read_lines(out / "manifest.jsonl")}
    assert len(entries) == 12
    assert [Path(p).name[:2] for p in entries["06"]["group"]] == ["05", "06"]
    assert entries["05"]["outputs"] == entries["06"]["outputs"] and entries["06"]["copies"] == 2
    assert "group" not in entries["03"]
    merged = tmp_path / "merged.xml"
    assert run("encode", "--merge", inputs / by_number("05").name, inputs / by_number("06").name,
               "-o", merged).exit_code == 0
    assert (out / by_number("05").with_suffix(".xml").name).read_bytes() == merged.read_bytes()
    summary = json.loads(run("report", out, "--json").stdout)
    assert summary["groups"] == 2 and summary["copies"] == 12
    again = run("encode", inputs, "-o", out, "--group-copies", "--resume")
    assert again.exit_code == 0 and "12 input(s) skipped" in again.stderr


def test_group_copies_needs_an_output_directory_and_not_merge(tmp_path):
    assert run("encode", CORPUS[0], "-o", "-", "--group-copies").exit_code == 2
    assert run("encode", CORPUS[0], CORPUS[1], "-o", tmp_path, "--group-copies", "--merge").exit_code == 2
