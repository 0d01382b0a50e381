"""Reading inputs and writing outputs of a batch: local paths (atomic writes), or fsspec
URLs (s3://, gcs://, ...) when fsspec is installed, for workers on other machines."""

from __future__ import annotations

from pathlib import Path

from tei_encoder.errors import InputError, OutputError
from tei_encoder.publish.write import write_atomic


def is_url(path: str) -> bool:
    return "://" in path


def read_bytes(path: str) -> bytes:
    try:
        if is_url(path):
            with _fsspec().open(path, "rb") as handle:
                return handle.read()
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None


def write_bytes(path: str, data: bytes) -> None:
    if not is_url(path):
        write_atomic(Path(path), data)
        return
    try:  # object stores make an object visible only once it is whole
        with _fsspec().open(path, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise OutputError(path, f"cannot write: {exc.strerror or exc}") from None


def _fsspec():
    try:
        import fsspec
    except ImportError:
        raise InputError("fsspec", "URLs need fsspec: pip install 'tei-encoder[dask]'") from None
    return fsspec
