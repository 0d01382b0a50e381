"""Batches whose inputs and outputs are fsspec URLs (issue 13): `encode URL... -o URL`
through the planner, the manifest and --resume, with the local engine (in this process,
-j 1 --time-limit 0: fsspec's memory:// filesystem lives in one process) and, on file:// URLs that every
process reaches, with worker processes and a Dask LocalCluster. The bytes are those of a
batch on local paths."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from tei_encoder.batch.manifest import read_lines
from tei_encoder.batch.plan import PlanError, plan
from tei_encoder.cli import main
from tests.conftest import CORPUS

fsspec = pytest.importorskip("fsspec", reason="fsspec comes with the dask extra: pip install -e '.[dask]'")

MEMOS = CORPUS[:3]
IN_THIS_PROCESS = ("-j", "1", "--time-limit", "0")  # memory:// is this process's own


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def memory():
    filesystem = fsspec.filesystem("memory")
    for number, memo in enumerate(MEMOS):
        filesystem.pipe(f"/url-batch/in/box{number % 2}/{memo.name}", memo.read_bytes())
    filesystem.pipe("/url-batch/in/box0/notes.md", b"not a memo")
    yield filesystem
    filesystem.rm("/url-batch", recursive=True)


@pytest.fixture
def local(tmp_path):
    """The same tree on local paths, encoded there: the bytes every URL batch must give."""
    for number, memo in enumerate(MEMOS):
        (tmp_path / "in" / f"box{number % 2}").mkdir(parents=True, exist_ok=True)
        shutil.copy(memo, tmp_path / "in" / f"box{number % 2}" / memo.name)
    assert run("encode", tmp_path / "in", "-o", tmp_path / "local", "-j", "1").exit_code == 0
    return {str(p.relative_to(tmp_path / "local")): p.read_bytes() for p in sorted((tmp_path / "local").rglob("*.xml"))}


def memory_tree(filesystem, prefix: str) -> dict[str, bytes]:
    return {p[len(prefix) + 1:]: filesystem.cat(p) for p in sorted(filesystem.find(prefix)) if p.endswith(".xml")}


def test_a_url_prefix_is_walked_and_mirrored_under_an_output_url(memory, local):
    result = run("encode", "memory://url-batch/in", "-o", "memory://url-batch/out", *IN_THIS_PROCESS)
    assert result.exit_code == 0, result.stderr
    assert memory_tree(memory, "/url-batch/out") == local and len(local) == 3
    lines = read_lines("memory://url-batch/out/manifest.jsonl")
    assert sorted(line["input"] for line in lines) == sorted(
        f"memory://url-batch/in/box{n % 2}/{m.name}" for n, m in enumerate(MEMOS))
    assert all(line["status"] == "ok" and line["outputs"][0]["path"].startswith("memory://url-batch/out/box")
               for line in lines)


def test_resume_on_urls_skips_what_is_done_and_redoes_what_changed(memory):
    assert run("encode", "memory://url-batch/in", "-o", "memory://url-batch/out", *IN_THIS_PROCESS).exit_code == 0
    changed = f"/url-batch/in/box0/{MEMOS[0].name}"
    memory.pipe(changed, memory.cat(changed) + b"\nA line added.\n")
    again = run("encode", "memory://url-batch/in", "-o", "memory://url-batch/out", *IN_THIS_PROCESS, "--resume")
    assert again.exit_code == 0 and "2 input(s) skipped" in again.stderr
    assert len(read_lines("memory://url-batch/out/manifest.jsonl")) == 4  # three, then the changed one again


def test_a_url_glob_and_a_missing_url(memory):
    result = run("encode", "memory://url-batch/in/box0/*.txt", "memory://url-batch/in/absent.txt",
                 "-o", "memory://url-batch/out", *IN_THIS_PROCESS)
    assert result.exit_code == 3  # the missing one is recorded as unreadable, the others written
    by_input = {line["input"]: line for line in read_lines("memory://url-batch/out/manifest.jsonl")}
    assert by_input["memory://url-batch/in/absent.txt"]["status"] == "unreadable"
    assert "memory://url-batch/in/absent.txt" in by_input["memory://url-batch/in/absent.txt"]["message"]
    assert sum(line["status"] == "ok" for line in by_input.values()) == 2
    assert memory.exists(f"/url-batch/out/{MEMOS[0].with_suffix('.xml').name}")  # relative to the glob's folder


def _no_append_filesystem():
    """An object store's behaviour: whole objects only, no append."""
    class NoAppend(fsspec.get_filesystem_class("memory")):
        protocol = "noappend"

        def _open(self, path, mode="rb", **kwargs):
            if "a" in mode:
                raise NotImplementedError("append is not supported")
            return super()._open(path, mode, **kwargs)
    return NoAppend


def test_an_output_url_that_cannot_append_the_manifest_stops_with_exit_4(memory):
    fsspec.register_implementation("noappend", _no_append_filesystem(), clobber=True)
    result = run("encode", "memory://url-batch/in", "-o", "noappend://url-batch/refused", *IN_THIS_PROCESS)
    assert result.exit_code == 4
    assert "noappend://url-batch/refused/manifest.jsonl" in result.stderr and "cannot append" in result.stderr


def test_local_paths_and_urls_are_not_mixed_in_one_batch(memory, tmp_path):
    with pytest.raises(PlanError, match="local paths or the URLs of one filesystem"):
        plan(["memory://url-batch/in", str(MEMOS[0])], tmp_path)


def test_file_urls_with_worker_processes(local, tmp_path):
    inputs, out = (tmp_path / "in").as_uri(), (tmp_path / "url-out").as_uri()
    result = run("encode", inputs, "-o", out, "-j", "2")
    assert result.exit_code == 0, result.stderr
    assert {str(p.relative_to(tmp_path / "url-out")): p.read_bytes()
            for p in sorted((tmp_path / "url-out").rglob("*.xml"))} == local
    assert len(read_lines(tmp_path / "url-out" / "manifest.jsonl")) == 3


def test_file_urls_on_a_dask_local_cluster(local, tmp_path):
    pytest.importorskip("distributed", reason="Dask is an optional extra: pip install 'tei-encoder[dask]'")
    inputs, out = (tmp_path / "in").as_uri(), (tmp_path / "dask-out").as_uri()
    result = run("encode", inputs, "-o", out, "--engine", "dask", "-j", "2")
    assert result.exit_code == 0, result.stderr
    assert {str(p.relative_to(tmp_path / "dask-out")): p.read_bytes()
            for p in sorted((tmp_path / "dask-out").rglob("*.xml"))} == local


def test_url_inputs_to_a_local_directory(memory, local, tmp_path):
    """Inputs on a store, outputs and manifest on a (shared) local directory."""
    out = tmp_path / "from-urls"
    assert run("encode", "memory://url-batch/in", "-o", out, *IN_THIS_PROCESS).exit_code == 0
    assert {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.xml"))} == local
    again = run("encode", "memory://url-batch/in", "-o", out, *IN_THIS_PROCESS, "--resume")
    assert again.exit_code == 0 and "3 input(s) skipped" in again.stderr
