"""Reading inputs and writing outputs of a batch: local paths (atomic writes), or fsspec
URLs (s3://, gcs://, file://, memory://, ...) when fsspec is installed, for workers on
other machines: finding the inputs under a URL, reading, writing, appending to the
manifest."""

from __future__ import annotations

import fnmatch
import posixpath
from pathlib import Path

from tei_encoder.errors import InputError, OutputError
from tei_encoder.publish.write import write_atomic, write_atomic_set
from tei_encoder.readers.bounded import DEFAULT_MAX_BYTES, read_bounded


def is_url(path: str) -> bool:
    return "://" in path


def url_files(url: str, pattern: str | None) -> list[str] | None:
    """The files a URL names, as URLs spelt like it: a directory's files whose names match
    `pattern` (at any depth, in sorted order), a glob's matches, the file itself; None
    when nothing is there (reading it will then say so)."""
    fs, root = _filesystem(url)
    head = url.split("://", 1)[0] + "://"
    try:
        if fs.isdir(root):
            found = [p for p in fs.find(root) if pattern is None or fnmatch.fnmatchcase(posixpath.basename(p), pattern)]
            return [url.rstrip("/") + "/" + posixpath.relpath(p, root) for p in sorted(found)]
        if set("*?[") & set(root):
            return [head + _spelt(p, root, url) for p in sorted(fs.glob(root))] or None
        return [url] if fs.exists(root) else None
    except OSError as exc:
        raise InputError(url, f"cannot list: {exc.strerror or exc}") from None


def url_path(url: str) -> str:
    """The path part of a URL, as its filesystem names it ("memory://in/a.txt" -> "/in/a.txt")."""
    return _filesystem(url)[1]


def join(base: str, relative: str) -> str:
    """A path under a local directory or a URL prefix (relative: with "/" between parts)."""
    if is_url(base):
        return base.rstrip("/") + "/" + relative
    return str(Path(base) / relative)


def exists(path: str) -> bool:
    if not is_url(path):
        return Path(path).exists()
    fs, root = _filesystem(path)
    try:
        return fs.exists(root)
    except OSError:
        return False


def read_text(path: str) -> str:
    """A whole text file (the manifest), or FileNotFoundError."""
    if not is_url(path):
        return Path(path).read_text(encoding="utf-8")
    fs, root = _filesystem(path)
    if not fs.exists(root):
        raise FileNotFoundError(path)
    return fs.cat_file(root).decode("utf-8")


def append_lines(path: str, text: str) -> None:
    """Appends to an fsspec URL (the manifest of a batch written to a URL): on a line of
    its own after a line a kill cut short. Object stores that cannot append are named."""
    fs, root = _filesystem(path)
    try:
        previous = fs.cat_file(root)[-1:] if fs.exists(root) else b""
        if previous and previous != b"\n":
            text = "\n" + text
        with fs.open(root, "ab") as handle:
            handle.write(text.encode("utf-8"))
    except (NotImplementedError, ValueError) as exc:
        raise OutputError(path, f"cannot append the manifest here ({exc}): write the batch to a local "
                                f"directory or a filesystem that appends (file://, memory://, sftp://)") from None
    except OSError as exc:
        raise OutputError(path, f"cannot write: {exc.strerror or exc}") from None


def _spelt(found: str, pattern_path: str, url: str) -> str:
    """A glob match as a path after the URL's protocol, spelt as the URL spells its own."""
    spelt = url.split("://", 1)[1]
    if not spelt.startswith("/") and found.startswith("/") and pattern_path.startswith("/"):
        return found[1:]
    return found


def _filesystem(url: str):
    return _fsspec().core.url_to_fs(url)


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The whole input, or InputError: never more than max_bytes + 1 bytes are read
    (tei_encoder.readers.bounded)."""
    if not is_url(path):
        return read_bounded(path, max_bytes)
    try:
        with _fsspec().open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise InputError(path, f"more than {max_bytes:,} bytes (--max-size)")
    return data


def write_bytes(path: str, data: bytes) -> None:
    if not is_url(path):
        write_atomic(Path(path), data)
        return
    try:  # object stores make an object visible only once it is whole
        with _fsspec().open(path, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise OutputError(path, f"cannot write: {exc.strerror or exc}") from None


def write_set(files: list[tuple[str, bytes]]) -> None:
    """Outputs that belong together, all or none where the files are local
    (publish.write.write_atomic_set); one by one to an object store."""
    if not any(is_url(path) for path, _ in files):
        write_atomic_set([(Path(path), data) for path, data in files])
        return
    for path, data in files:
        write_bytes(path, data)


def _fsspec():
    try:
        import fsspec
    except ImportError:
        raise InputError("fsspec", "URLs need fsspec: pip install 'tei-encoder[urls]' (or [dask])") from None
    return fsspec
