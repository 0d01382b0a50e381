"""fsspec URL batches, the review's findings (issue 13): --resume on file:// outputs,
an input that fails before any output exists, URL inputs without -o DIR, -o URL.xml,
and URL writes through a temporary moved into place (all or none for the TEI and its
page), the manifest appended without reading it back. file:// and memory:// only."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest
from click.testing import CliRunner

from tei_encoder.batch import store
from tei_encoder.batch.manifest import read_lines, remove_partial_writes
from tei_encoder.cli import main
from tei_encoder.errors import OutputError
from tests.conftest import CORPUS

fsspec = pytest.importorskip("fsspec", reason="fsspec comes with the dask extra: pip install -e '.[dask]'")

MEMO = CORPUS[0]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def inputs(tmp_path):
    (tmp_path / "in").mkdir()
    shutil.copy(MEMO, tmp_path / "in" / MEMO.name)
    return tmp_path / "in"


@pytest.fixture
def memory():
    filesystem = fsspec.filesystem("memory")
    filesystem.pipe(f"/url-review/in/{MEMO.name}", MEMO.read_bytes())
    yield filesystem
    filesystem.rm("/url-review", recursive=True)


def test_resume_on_a_file_url_output_checks_the_outputs_it_wrote(inputs, tmp_path):
    out = (tmp_path / "out").as_uri()
    assert run("encode", inputs.as_uri(), "-o", out, "-j", "1").exit_code == 0
    again = run("encode", inputs.as_uri(), "-o", out, "-j", "1", "--resume")
    assert again.exit_code == 0, again.stderr  # before: MemoryError (a 2**62-byte read)
    assert "1 input(s) skipped" in again.stderr


def test_a_checksum_is_read_in_chunks_locally_and_from_a_url(tmp_path, memory, monkeypatch):
    monkeypatch.setattr(store, "CHUNK", 1000)  # the memo is many chunks long
    expected = hashlib.sha256(MEMO.read_bytes()).hexdigest()
    assert store.sha256(str(MEMO)) == expected == store.sha256(f"memory://url-review/in/{MEMO.name}")
    with pytest.raises(OSError):
        store.sha256((tmp_path / "absent.txt").as_uri())


def test_an_input_failing_before_any_output_on_a_file_url_is_recorded(tmp_path):
    out = tmp_path / "never-made"
    result = run("encode", (tmp_path / "absent.txt").as_uri(), "-o", out.as_uri(), "-j", "1")
    assert result.exit_code == 3, result.stderr  # before: exit 4, the manifest's folder missing
    assert "absent.txt: error: cannot read" in result.stderr and "manifest.jsonl" not in result.stderr
    [line] = read_lines(out / "manifest.jsonl")
    assert line["status"] == "unreadable" and "absent.txt" in line["message"]


@pytest.mark.parametrize("spelt", ["file", "memory"])
def test_a_url_input_to_standard_output_is_read_through_the_store(spelt, inputs, memory):
    url = (inputs / MEMO.name).as_uri() if spelt == "file" else f"memory://url-review/in/{MEMO.name}"
    result = run("encode", url, "-o", "-")
    assert result.exit_code == 0, result.stderr  # before: "file:/tmp/...: cannot read"
    assert result.stdout_bytes == run("encode", MEMO, "-o", "-").stdout_bytes


def test_a_missing_url_input_to_standard_output_names_the_url(memory):
    result = run("encode", "memory://url-review/in/absent.txt", "-o", "-")
    assert result.exit_code == 3 and "memory://url-review/in/absent.txt: error: cannot read" in result.stderr


def test_a_url_output_is_a_batch_folder_and_url_xml_is_refused(inputs, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    named = (tmp_path / "one.xml").as_uri()
    refused = run("encode", inputs / MEMO.name, "-o", named)
    assert refused.exit_code == 2 and "a URL output is a batch's output folder" in refused.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]  # before: a local folder "file:", exit 0
    folder = run("encode", inputs / MEMO.name, "-o", named + "/", "-j", "1")
    assert folder.exit_code == 0, folder.stderr
    assert (tmp_path / "one.xml" / MEMO.with_suffix(".xml").name).is_file()
    assert (tmp_path / "one.xml" / "manifest.jsonl").is_file()


def test_a_url_set_is_written_all_or_none(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "blocker").write_bytes(b"a file where a folder is wanted")
    xml, html = (tmp_path / "out" / "memo.xml"), (tmp_path / "out" / "blocker" / "memo.html")
    with pytest.raises(OutputError) as caught:
        store.write_set([(xml.as_uri(), b"<TEI/>\n"), (html.as_uri(), b"<html/>\n")])
    assert "memo.html" in str(caught.value)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["blocker"]  # before: memo.xml written


def test_a_url_output_replaces_its_target_through_a_moved_temporary(tmp_path, monkeypatch):
    target = tmp_path / "memo.xml"
    target.write_bytes(b"<old/>\n")
    written = []
    local = fsspec.get_filesystem_class("file")
    pipe = local.pipe_file

    def recorded(self, path, data, **kwargs):
        written.append(path)
        return pipe(self, path, data, **kwargs)
    monkeypatch.setattr(local, "pipe_file", recorded)
    store.write_bytes(target.as_uri(), b"<new/>\n")
    assert target.read_bytes() == b"<new/>\n" and [p.name for p in tmp_path.iterdir()] == ["memo.xml"]
    [temporary] = written  # before: the target itself, opened for writing in place
    assert store.is_temporary_of(temporary.rsplit("/", 1)[1], {"memo.xml"})


def test_temporaries_a_killed_worker_left_under_a_url_are_removed(memory):
    memory.pipe("/url-review/out/.memo.xml.0a1b2c3d4e5f.tmp", b"<?xml half")
    memory.pipe("/url-review/out/.keep", b"not ours")
    assert remove_partial_writes(["memory://url-review/out/memo.xml"]) == 1
    assert memory.ls("/url-review/out", detail=False) == ["/url-review/out/.keep"]


class _WholeReadRefused(fsspec.get_filesystem_class("memory")):
    """A filesystem that fails when a file is read whole: appends must not reread the manifest."""

    protocol = "wholereadrefused"

    @classmethod
    def _strip_protocol(cls, path):
        return super()._strip_protocol(path.replace("wholereadrefused://", "memory://", 1))

    def cat_file(self, path, start=None, end=None, **kwargs):
        if start is None:
            raise AssertionError(f"{path} read whole")
        return super().cat_file(path, start, end, **kwargs)


def test_the_manifest_is_appended_without_reading_it_back(memory):
    fsspec.register_implementation("wholereadrefused", _WholeReadRefused, clobber=True)
    url = "wholereadrefused://url-review/out/manifest.jsonl"
    store.append_lines(url, '{"input": "a"}\n')
    memory.pipe("/url-review/out/manifest.jsonl", memory.cat("/url-review/out/manifest.jsonl") + b'{"inp')  # a kill
    store.append_lines(url, '{"input": "b"}\n')
    lines = memory.cat("/url-review/out/manifest.jsonl").decode().splitlines()
    assert len(lines) == 3 and lines[1] == '{"inp'  # the line cut short, then one of its own
    assert [json.loads(lines[0])["input"], json.loads(lines[2])["input"]] == ["a", "b"]
