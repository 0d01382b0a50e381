"""Reading inputs and writing outputs of a batch: local paths (atomic writes), or fsspec
URLs (s3://, gcs://, file://, memory://, ...) when fsspec is installed, for workers on
other machines: finding the inputs under a URL, reading, writing, appending to the
manifest.

A URL output is written as a local one is, to a temporary name beside the target
(.NAME.XXXX.tmp) then moved into place (fs.mv: a rename on file://, sftp://, memory://),
every file of a set before any is moved. Object stores (OBJECT_STORES) make an object
visible only once it is whole and cannot rename (their mv is a copy): there each file is
put directly, whole, but a set is not all-or-none."""

from __future__ import annotations

import fnmatch
import hashlib
import os
import posixpath
from pathlib import Path

from tei_encoder.errors import InputError, OutputError
from tei_encoder.publish.write import write_atomic_set
from tei_encoder.readers.bounded import DEFAULT_MAX_BYTES, read_bounded

# Protocols whose put makes a whole object visible at once and whose mv copies it.
OBJECT_STORES = frozenset({"s3", "s3a", "gs", "gcs", "az", "abfs", "abfss", "adl", "oss"})
CHUNK = 2**20  # what a checksum reads at a time


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
    its own after a line a kill cut short (only the last byte is read back, so a batch's
    appends stay linear). The folder is made first: an input may fail before any output
    is written. Object stores that cannot append are named."""
    fs, root = _filesystem(path)
    try:
        fs.makedirs(posixpath.dirname(root), exist_ok=True)
        previous = fs.cat_file(root, start=-1) if fs.exists(root) else b""
        if previous and previous != b"\n":
            text = "\n" + text
        with fs.open(root, "ab") as handle:
            handle.write(text.encode("utf-8"))
    except (NotImplementedError, ValueError) as exc:
        raise OutputError(path, f"cannot append the manifest here ({exc}): write the batch to a local "
                                f"directory or a filesystem that appends (file://, memory://, sftp://)") from None
    except OSError as exc:
        raise OutputError(path, f"cannot write: {exc.strerror or exc}") from None


def sha256(path: str) -> str:
    """The SHA-256 of a local file or a URL, read CHUNK bytes at a time (an output or an
    input of any size). OSError or InputError when it cannot be read."""
    digest = hashlib.sha256()
    with (_fsspec().open(path, "rb") if is_url(path) else open(path, "rb")) as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


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
    write_set([(path, data)])


def write_set(files: list[tuple[str, bytes]]) -> None:
    """Outputs that belong together (a TEI and its page), all or none: local paths
    (publish.write.write_atomic_set) and URLs of filesystems that rename; one whole
    object after another to an object store."""
    if not any(is_url(path) for path, _ in files):
        write_atomic_set([(Path(path), data) for path, data in files])
        return
    fs, _ = _filesystem(files[0][0])
    roots = [(path, _filesystem(path)[1], data) for path, data in files]
    if _is_object_store(fs):
        for path, root, data in roots:
            _guarded(path, fs.pipe_file, root, data)
        return
    moves = []
    try:
        for path, root, data in roots:
            folder, name = posixpath.split(root)
            temporary = posixpath.join(folder, f".{name}.{os.urandom(6).hex()}.tmp")
            _guarded(path, fs.makedirs, folder, exist_ok=True)
            moves.append((path, temporary, root))
            _guarded(path, fs.pipe_file, temporary, data)
        for path, temporary, root in moves:
            _guarded(path, fs.mv, temporary, root)
    finally:  # after a failure: no temporary left (after success none is there)
        for _, temporary, _ in moves:
            try:
                if fs.exists(temporary):
                    fs.rm(temporary)
            except OSError:
                pass  # the next batch's remove_partial_writes takes it away


def remove_output(path: str) -> None:
    """Removes an output if it is there (a local path or a URL); one that cannot be
    removed is left (--resume checks every output against its manifest line)."""
    try:
        if not is_url(path):
            os.unlink(path)
            return
        fs, root = _filesystem(path)
        if fs.exists(root):
            fs.rm(root)
    except (OSError, InputError):
        pass


def is_temporary_of(name: str, names: set[str]) -> bool:
    """A temporary file a writer (write_set, publish.write) made for one of `names`:
    .NAME.XXXX.tmp (or .NAME.XXXX, as earlier versions named it)."""
    stem = name[1:].removesuffix(".tmp")
    return name.startswith(".") and "." in stem and stem.rsplit(".", 1)[0] in names


def remove_temporaries(directory: str, names: set[str]) -> int:
    """Removes what a killed worker left in an output URL's folder (is_temporary_of);
    how many. An object store holds none (its objects are put whole)."""
    fs, root = _filesystem(directory)
    if _is_object_store(fs):
        return 0
    try:
        found = [p for p in fs.ls(root, detail=False) if is_temporary_of(posixpath.basename(p), names)]
        for temporary in found:
            fs.rm(temporary)
    except OSError:  # no folder yet: nothing was written there
        return 0
    return len(found)


def _is_object_store(fs) -> bool:
    protocols = {fs.protocol} if isinstance(fs.protocol, str) else set(fs.protocol)
    return bool(protocols & OBJECT_STORES)


def _guarded(path: str, operation, *args, **kwargs):
    try:
        return operation(*args, **kwargs)
    except OSError as exc:
        raise OutputError(path, f"cannot write: {exc.strerror or exc}") from None


def _fsspec():
    try:
        import fsspec
    except ImportError:
        raise InputError("fsspec", "URLs need fsspec: pip install 'tei-encoder[urls]' (or [dask])") from None
    return fsspec
