"""batch.store: a batch's reads and writes, to local paths or to fsspec URLs (the
workers of a cluster may reach only an object store). URLs are tried on fsspec's
in-memory filesystem, which behaves as an object store does for these calls."""

from __future__ import annotations

import pytest

from tei_encoder.batch.store import is_url, read_bytes, write_bytes, write_set
from tei_encoder.errors import InputError

fsspec = pytest.importorskip("fsspec", reason="fsspec comes with the dask extra: pip install -e '.[dask]'")


@pytest.fixture
def memory():
    filesystem = fsspec.filesystem("memory")
    yield filesystem
    if filesystem.exists("/store-test"):
        filesystem.rm("/store-test", recursive=True)


def test_local_paths_and_urls_are_told_apart(tmp_path):
    assert is_url("memory://store-test/a.txt") and is_url("s3://bucket/key")
    assert not is_url(str(tmp_path / "a.txt")) and not is_url("memo.txt")


def test_a_url_is_read_whole_and_within_the_limit(memory):
    memory.pipe("/store-test/memo.txt", b"SECRET\nMovember 13, 1962\n")
    assert read_bytes("memory://store-test/memo.txt") == b"SECRET\nMovember 13, 1962\n"
    with pytest.raises(InputError, match="more than 10 bytes"):
        read_bytes("memory://store-test/memo.txt", max_bytes=10)


def test_a_missing_url_is_an_input_error_that_names_it(memory):
    with pytest.raises(InputError) as caught:
        read_bytes("memory://store-test/absent.txt")
    assert "memory://store-test/absent.txt" in str(caught.value) and "cannot read" in str(caught.value)


def test_outputs_reach_the_store_and_local_sets_are_written_whole(memory, tmp_path):
    write_bytes("memory://store-test/out/memo.xml", b"<TEI/>\n")
    write_set([("memory://store-test/out/memo.html", b"<html/>\n"), ("memory://store-test/out/m.xml", b"<x/>\n")])
    assert memory.cat("/store-test/out/memo.xml") == b"<TEI/>\n"
    assert memory.cat("/store-test/out/memo.html") == b"<html/>\n"
    local = [(str(tmp_path / "memo.xml"), b"<TEI/>\n"), (str(tmp_path / "memo.html"), b"<html/>\n")]
    write_set(local)
    assert (tmp_path / "memo.xml").read_bytes() == b"<TEI/>\n" and (tmp_path / "memo.html").exists()
