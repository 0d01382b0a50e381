"""Batches (issue 13): directories, globs, mirrored outputs, failures recorded while the
rest goes on, exit status, the manifest, --resume (after a real kill -9), same bytes
whatever -j is."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tei_encoder.batch.job import exit_status
from tei_encoder.batch.manifest import read_lines
from tei_encoder.batch.plan import plan
from tei_encoder.cli import main
from tests.conftest import CORPUS, ROOT, SEED


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def manifest(outdir: Path) -> list[dict]:
    return read_lines(outdir / "manifest.jsonl")


def tree_bytes(outdir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(outdir)): p.read_bytes() for p in sorted(outdir.rglob("*.xml"))}


@pytest.fixture
def collection(tmp_path):
    """Two releases, each with a memo of the same base name, and a nested folder."""
    root = tmp_path / "in"
    for folder, sources in (("release1", CORPUS[:3]), ("release2", CORPUS[3:5]), ("release2/box", [SEED])):
        (root / folder).mkdir(parents=True, exist_ok=True)
        for source in sources:
            shutil.copy(source, root / folder / source.name)
    shutil.copy(CORPUS[5], root / "release1" / "memo.txt")
    shutil.copy(CORPUS[6], root / "release2" / "memo.txt")
    return root


def test_directory_walked_and_tree_mirrored(collection, tmp_path):
    out = tmp_path / "out"
    result = run("encode", collection, "-o", out, "-j", "1")
    assert result.exit_code == 0, result.stderr
    written = tree_bytes(out)
    assert "release1/memo.xml" in written and "release2/memo.xml" in written
    assert "release2/box/assurances-1962-11-13.xml" in written
    assert written["release1/memo.xml"] != written["release2/memo.xml"]  # neither overwrote the other
    assert len(written) == 8 and len(manifest(out)) == 8


def test_same_base_name_given_as_files_never_collide(collection, tmp_path):
    out = tmp_path / "out"
    result = run("encode", collection / "release1" / "memo.txt", collection / "release2" / "memo.txt", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert sorted(tree_bytes(out)) == ["release1/memo.xml", "release2/memo.xml"]


def test_outputs_that_would_still_collide_are_refused(tmp_path):
    (tmp_path / "memo.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "memo.ocr").write_bytes(SEED.read_bytes())
    result = run("encode", tmp_path, "--glob", "memo.*", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "would overwrite" in result.stderr and not (tmp_path / "out").exists()


def test_quoted_glob_is_expanded(collection, tmp_path):
    out = tmp_path / "out"
    result = run("encode", f"{collection}/**/0*.txt", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert sorted(tree_bytes(out)) == sorted(
        f"{p.parent.relative_to(collection)}/{p.stem}.xml" for p in collection.rglob("0*.txt"))


def test_one_bad_input_is_recorded_and_the_rest_go_on(collection, tmp_path):
    (collection / "release1" / "broken.txt").write_bytes(b"MEMORANDUM\n\xff\xfe bad bytes\n")
    out = tmp_path / "out"
    result = run("encode", collection, collection / "missing.txt", "-o", out, "-j", "2")
    assert result.exit_code == 3
    assert "broken.txt:2: error: invalid UTF-8" in result.stderr and "missing.txt: error: cannot read" in result.stderr
    entries = {Path(e["input"]).name: e for e in manifest(out)}
    assert len(manifest(out)) == 10
    assert entries["broken.txt"]["status"] == "unreadable" and "broken.txt:2" in entries["broken.txt"]["message"]
    assert entries["missing.txt"]["status"] == "unreadable"
    assert sum(e["status"] == "ok" for e in manifest(out)) == 8
    assert len(tree_bytes(out)) == 8 and not (out / "release1" / "broken.xml").exists()


def test_a_link_to_nothing_in_a_directory_is_recorded_not_passed_over(collection, tmp_path):
    """Found by the session-6 review: a dangling symlink matched --glob but was not a file,
    so the walk skipped it without a word. A FIFO is still not a memo (reading one could
    wait for ever)."""
    (collection / "release1" / "moved.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(collection / "release1" / "pipe.txt")
    out = tmp_path / "out"
    result = run("encode", collection, "-o", out, "-q")
    assert result.exit_code == 3
    assert "moved.txt: error: cannot read" in result.stderr
    entries = {Path(e["input"]).name: e for e in manifest(out)}
    assert entries["moved.txt"]["status"] == "unreadable" and "pipe.txt" not in entries
    assert sum(e["status"] == "ok" for e in manifest(out)) == 8 and len(manifest(out)) == 9


def test_exit_status_summarises():
    assert exit_status(["ok", "ok"]) == 0
    assert exit_status(["ok", "invalid"]) == 1
    assert exit_status(["invalid", "unreadable", "ok"]) == 3
    assert exit_status([]) == 0


def test_same_bytes_whatever_jobs(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    assert run("encode", ROOT / "tests" / "fixtures" / "corpus", "-o", one, "-j", "1").exit_code == 0
    assert run("encode", ROOT / "tests" / "fixtures" / "corpus", "-o", two, "-j", "2").exit_code == 0
    assert tree_bytes(one) == tree_bytes(two) and len(tree_bytes(one)) == len(CORPUS)


def test_manifest_line_fields(tmp_path):
    out = tmp_path / "out"
    assert run("encode", SEED, "-o", out, "--html").exit_code == 0
    (entry,) = manifest(out)
    data = SEED.read_bytes()
    import hashlib
    assert entry["input"] == str(SEED) and entry["size"] == len(data)
    assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert [Path(o["path"]).name for o in entry["outputs"]] == ["assurances-1962-11-13.xml",
                                                               "assurances-1962-11-13.html"]
    xml = (out / "assurances-1962-11-13.xml").read_bytes()
    assert entry["outputs"][0]["sha256"] == hashlib.sha256(xml).hexdigest()
    assert entry["status"] == "ok" and entry["copies"] == 2 and entry["pages"] == 6
    assert entry["apps"]["ocr"] > 0 and entry["seconds"] > 0
    assert entry["options"]["layout"] == "merged" and entry["options"]["html"] is True and entry["version"]


def test_resume_skips_what_is_done_and_redoes_what_changed(collection, tmp_path):
    out = tmp_path / "out"
    assert run("encode", collection, "-o", out).exit_code == 0
    again = run("encode", collection, "-o", out, "--resume")
    assert again.exit_code == 0 and "8 input(s) skipped" in again.stderr
    assert len(manifest(out)) == 8  # nothing run, nothing appended
    changed = collection / "release1" / "memo.txt"
    changed.write_bytes(CORPUS[7].read_bytes())
    (out / "release2" / "memo.xml").write_bytes(b"damaged")  # an output that is no longer what was written
    third = run("encode", collection, "-o", out, "--resume")
    assert third.exit_code == 0 and "6 input(s) skipped" in third.stderr
    assert {Path(e["input"]).parent.name + "/" + Path(e["input"]).name for e in manifest(out)[8:]} == {
        "release1/memo.txt", "release2/memo.txt"}
    assert (out / "release2" / "memo.xml").read_bytes().startswith(b"<?xml")
    other_options = run("encode", collection, "-o", out, "--resume", "--layout", "copies")
    assert "skipped" not in other_options.stderr and len(manifest(out)) == 18


def test_plan_mirrors_relative_to_the_common_directory(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "c").mkdir(parents=True)
    for name in ("a/x.txt", "b/c/x.txt"):
        (tmp_path / name).write_text("x")
    jobs = plan([str(tmp_path / "a" / "x.txt"), str(tmp_path / "b")], Path("out"))
    assert [job.target for job in jobs] == ["out/a/x.xml", "out/b/c/x.xml"]


def test_kill_9_mid_batch_then_resume(tmp_path):
    """A real batch in a subprocess, killed with SIGKILL after some files: no output is
    ever half-written, and --resume finishes the rest, giving the uninterrupted bytes."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    for copy in range(4):
        for source in CORPUS:
            shutil.copy(source, inputs / f"{copy}-{source.name}")
    total = 4 * len(CORPUS)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "tei_encoder", "encode", str(inputs), "-o", str(out), "-j", "2", "-q"]
    process = subprocess.Popen(command, start_new_session=True, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while len(manifest(out)) < 3 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    finished = len(manifest(out))
    assert 3 <= finished < total, "the batch was not killed mid-way"
    for path in out.rglob("*.xml"):  # whatever is there under an output's name is whole
        assert path.read_bytes().endswith(b"</TEI>\n")
    resumed = subprocess.run(command + ["--resume"], capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert len(manifest(out)) == total  # only the unfinished inputs were run again
    assert not [p for p in out.rglob(".*") if p.is_file()]  # no temporary file left
    reference = tmp_path / "reference"
    assert run("encode", inputs, "-o", reference, "-j", "1").exit_code == 0
    assert tree_bytes(out) == tree_bytes(reference)
    assert {e["input"] for e in manifest(out) if e["status"] == "ok"} == {str(p) for p in inputs.iterdir()}


def test_a_line_cut_by_a_kill_is_ignored_and_the_next_starts_afresh(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.jsonl").write_text('{"input": "cut.txt", "status": "o')  # killed mid-line
    assert run("encode", SEED, "-o", out).exit_code == 0
    lines = (out / "manifest.jsonl").read_text().splitlines()
    assert len(lines) == 2 and [e["input"] for e in manifest(out)] == [str(SEED)]


def test_temporary_files_a_killed_worker_left_are_removed(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    leftover = out / ".assurances-1962-11-13.xml.0a1b2c3d4e5f.tmp"  # what write_atomic names its temporary file
    leftover.write_bytes(b"<?xml half")
    older = out / ".assurances-1962-11-13.xml.k3j_9x"  # as earlier versions named it
    older.write_bytes(b"<?xml half")
    unrelated = out / ".keep"
    unrelated.write_text("not ours")
    assert run("encode", SEED, "-o", out).exit_code == 0
    assert not leftover.exists() and not older.exists() and unrelated.exists()


def test_report_totals_failures_by_kind_and_slowest(collection, tmp_path):
    (collection / "release1" / "broken.txt").write_bytes(b"\xff\n")
    out = tmp_path / "out"
    run("encode", collection, collection / "gone.txt", "-o", out)
    result = run("report", out / "manifest.jsonl", "--slowest", "2")
    assert result.exit_code == 0
    text = result.stdout
    assert "10 input(s)" in text and "ok 8, unreadable 2" in text
    assert "unreadable: invalid UTF-8" in text and "unreadable: cannot read" in text and "gone.txt" in text
    assert text.count(" s  ") == 2  # the two slowest
    summary = json.loads(run("report", out, "--json").stdout)  # the directory will do
    assert summary["status"] == {"ok": 8, "unreadable": 2} and summary["copies"] >= 8
    assert len(summary["slowest"]) == 10 and summary["slowest"][0]["seconds"] >= summary["slowest"][-1]["seconds"]


def test_report_counts_each_input_once_by_its_last_line(tmp_path):
    out = tmp_path / "out"
    (tmp_path / "memo.txt").write_bytes(b"\xff\n")
    run("encode", tmp_path / "memo.txt", "-o", out)
    (tmp_path / "memo.txt").write_bytes(SEED.read_bytes())
    run("encode", tmp_path / "memo.txt", "-o", out)
    summary = json.loads(run("report", out, "--json").stdout)
    assert summary["inputs"] == 1 and summary["status"] == {"ok": 1} and summary["failures"] == {}


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_on_a_terminal_counts_done_failed_skipped():
    from tei_encoder.batch.progress import Progress
    stream = _Terminal()
    progress = Progress(4, stream=stream)
    progress.skipped(1)
    progress.finished("ok")
    progress.finished("invalid")
    progress.close()
    drawn = stream.getvalue()
    assert "3/4" in drawn and "done=1" in drawn and "failed=1" in drawn and "skipped=1" in drawn
    assert progress.counts == {"skipped": 1, "done": 1, "failed": 1}


def test_no_progress_bar_when_quiet_or_not_a_terminal():
    from tei_encoder.batch.progress import Progress
    stream = _Terminal()
    assert Progress(4, quiet=True, stream=stream).bar is None
    assert Progress(4, stream=io.StringIO()).bar is None


def test_many_jobs_ask_for_the_word_list_index_and_one_does_not(tmp_path, monkeypatch):
    """A batch of several memos builds the word list's index once (warm_up) and its memos
    correct by it (ReadingOptions.list_index; review R8-3: they built it and never asked);
    a batch of one memo neither builds nor asks. The bytes are the same either way."""
    import tei_encoder.pipeline
    from tei_encoder.batch import run as batch_run
    from tei_encoder.batch.job import Settings, for_many, warm_up

    warm_up(many=True)  # done once a process, before any job: its own warm-up memo asks too
    asked = []
    real = tei_encoder.pipeline.word_list_index
    monkeypatch.setattr(tei_encoder.pipeline, "word_list_index", lambda: asked.append(1) or real())
    inputs = [tmp_path / "in" / name for name in ("a.txt", "b.txt")]
    for path, source in zip(inputs, CORPUS):
        path.parent.mkdir(exist_ok=True)
        shutil.copy(source, path)
    jobs = plan([str(tmp_path / "in")], tmp_path / "out")
    written = [o.outputs for o in batch_run.run_jobs(jobs, Settings(), workers=1, time_limit=None)]
    assert len(asked) == 2 and all(written)
    asked.clear()
    alone = plan([str(inputs[0])], tmp_path / "alone")
    [one] = batch_run.run_jobs(alone, Settings(), workers=1, time_limit=None)
    assert asked == [] and one.outputs[0]["sha256"] == written[0][0]["sha256"]
    assert for_many(Settings()).text.list_index and for_many(Settings()).output_options() == Settings().output_options()


def test_warm_up_builds_what_a_first_memo_would_and_freezes_nothing():
    """warm_up builds what a first memo would (the analysis's near-word index among it);
    it freezes nothing (review M1: it also runs in a Dask worker's own process, which is
    not ours): the batch's forked worker does (workers.serve)."""
    script = ("import gc\nfrom tei_encoder.batch.job import warm_up\n"
              "from tei_encoder.analyse.plausibility import _index\n"
              "warm_up(many=True)\nprint(gc.get_freeze_count(), _index.cache_info().currsize)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "1"]


def test_apparatus_counts_read_without_parsing_only_where_there_is_no_app():
    """apparatus_counts parses a TEI only when an app start tag is in it: the counts are
    those of every app element (any prefix) on the merged seed and on made-up documents,
    and zero for one copy."""
    from collections import Counter

    from tei_encoder.batch.job import validator
    from tei_encoder.pipeline import encode
    from tei_encoder.publish.report import apparatus_counts
    from tei_encoder.validation.safexml import parse_root

    def parsed(xml: bytes) -> dict:
        counts = Counter(app.get("type") for app in parse_root(xml, "x").iter("{http://www.tei-c.org/ns/1.0}app"))
        return {kind: counts.get(kind, 0) for kind in ("ocr", "substantive", "layout")}

    seed = encode([(SEED.read_bytes(), str(SEED))], validator())[1]
    one = encode([(CORPUS[2].read_bytes(), str(CORPUS[2]))], validator())[1]
    ns = 'xmlns="http://www.tei-c.org/ns/1.0"'
    made = [f'<TEI {ns}><app\ttype="ocr"/><app type="layout">x</app></TEI>'.encode(),
            '<t:TEI xmlns:t="http://www.tei-c.org/ns/1.0"><t:app type="substantive"/></t:TEI>'.encode(),
            f'<TEI {ns}><p>an &lt;app type="ocr"&gt; in text, an app, apps</p></TEI>'.encode()]
    for xml in [seed, one, *made]:
        assert apparatus_counts(xml) == parsed(xml)
    assert sum(apparatus_counts(seed).values()) > 50 and apparatus_counts(one) == parsed(one) == \
        {"ocr": 0, "substantive": 0, "layout": 0}
    assert [sum(apparatus_counts(xml).values()) for xml in made] == [2, 1, 0]


def test_a_worker_process_freezes_what_it_was_given_and_collects_less_often():
    """A batch's worker process (workers.serve, in a process of its own here), before its
    first job, freezes what it was given warm out of the collector's reach and sets the
    collector's thresholds to WORKER_GC_THRESHOLDS: a memo makes many small objects and
    almost no cycles."""
    script = ("import gc\nfrom tei_encoder.batch import workers\nfrom tei_encoder.batch.job import Settings\n"
              "class Ended:\n    def recv(self):\n        raise EOFError\n"
              "default = gc.get_threshold()\nworkers.serve(Ended(), Settings(), many=False)\n"
              "print(default == (700, 10, 10), gc.get_threshold() == workers.WORKER_GC_THRESHOLDS,"
              " gc.get_freeze_count() > 10_000)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "True", "True"]
