"""Reading inputs and writing outputs of a batch: local paths (atomic writes), or fsspec
URLs (s3://, gcs://, ...) when fsspec is installed, for workers on other machines."""

from __future__ import annotations

from pathlib import Path

from tei_encoder.errors import InputError, OutputError
from tei_encoder.publish.write import write_atomic, write_atomic_set
from tei_encoder.readers.bounded import DEFAULT_MAX_BYTES, read_bounded


def is_url(path: str) -> bool:
    return "://" in path


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
        raise InputError("fsspec", "URLs need fsspec: pip install 'tei-encoder[dask]'") from None
    return fsspec
