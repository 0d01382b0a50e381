"""What a batch will do: the input files found from the arguments, and where each one's
TEI goes.

Arguments are files, directories (searched recursively for --glob) and glob patterns
(expanded here, so a quoted pattern works as the shell's would). Output paths mirror the
input tree under OUTDIR: each file's path relative to the deepest directory that holds
every argument, with .xml for its suffix. Two inputs with one base name in different
directories thus get different outputs; two inputs that would still share one output
(memo.txt and memo.ocr in one directory) are refused before anything runs.

An argument may be an fsspec URL (s3://bucket/release/, file:///data/*.txt, memory://in):
a URL prefix is searched like a directory, and OUTDIR may be a URL too (batch.store).
One batch takes its inputs either from local paths or from URLs of one filesystem.
"""

from __future__ import annotations

import glob
import os
import posixpath
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from tei_encoder.batch import store
from tei_encoder.errors import EXIT_USAGE, EncoderError
from tei_encoder.readers.formats import page_files

MAGIC = frozenset("*?[")


@dataclass(frozen=True)
class Job:
    """One TEI to write: from one file, or from several files that are copies of one memo."""

    inputs: tuple[str, ...]
    target: str

    @property
    def name(self) -> str:
        return self.inputs[0]


class PlanError(EncoderError):
    """The arguments cannot make a batch (outputs would collide)."""

    exit_code = EXIT_USAGE


@dataclass(frozen=True)
class Found:
    """An input file and the directory its output path is taken relative to."""

    path: str
    base: str
    listed: bool = False  # found by listing a URL: known to exist

    @property
    def present(self) -> bool:
        if store.is_url(self.path):
            return self.listed or store.exists(page_files(self.path)[0])
        return os.path.exists(page_files(self.path)[0])


def find_inputs(arguments: list[str], pattern: str = "*.txt") -> list[Found]:
    """Every input file, in argument order; directories and globs in sorted order. A
    path that does not exist is kept as given: reading it fails and is recorded."""
    found: list[Found] = []
    for argument in arguments:
        if store.is_url(argument):
            found += _url_inputs(argument, pattern)
            continue
        path = Path(argument)
        if path.is_dir():
            found += [Found(str(p), argument) for p in sorted(path.rglob(pattern)) if _an_input(p)]
        elif not path.exists() and MAGIC & set(argument):
            matches = sorted(glob.glob(argument, recursive=True))
            base = _fixed_prefix(argument)
            found += [Found(m, base) for m in matches if _an_input(Path(m))] or [Found(argument, base)]
        else:
            found.append(Found(argument, str(Path(page_files(argument)[0]).parent)))
    return _unique(found)


def _an_input(path: Path) -> bool:
    """A file the search found: a regular file, or a link to nothing (a file moved or
    deleted under the link: reading it fails, and the batch records it, rather than
    passing over it without a word). Directories, pipes and devices are not memos."""
    return path.is_file() or (path.is_symlink() and not path.exists())


def plan(arguments: list[str], outdir: Path | str, pattern: str = "*.txt", merge: bool = False) -> list[Job]:
    """Jobs for the arguments: one per file, or one for all (--merge). outdir: a local
    directory or a URL prefix."""
    found = find_inputs(arguments, pattern)
    if not found:
        return []
    if len({store.is_url(f.path) and f.path.split("://", 1)[0] for f in found}) > 1:
        raise PlanError(f"{found[0].path}: error: one batch reads local paths or the URLs of one filesystem, "
                        f"not both; encode them in separate batches")
    relative = _url_relative if store.is_url(found[0].path) else _relative
    # Inputs that cannot be found are recorded as unreadable; they must not move the root.
    present = [f for f in found if f.present] or found
    root = _root(present)
    # The page files of one copy (PAGE1+PAGE2) are written where the first page's would be.
    targets = {f.path: store.join(str(outdir), relative(page_files(f.path)[0], root)) for f in found}
    if merge:
        return [Job(tuple(f.path for f in found), targets[found[0].path])]
    jobs = [Job((f.path,), targets[f.path]) for f in found]
    check_collisions(jobs)
    return jobs


def check_collisions(jobs: list[Job]) -> None:
    seen: dict[str, str] = {}
    for job in jobs:
        other = seen.setdefault(job.target, job.name)
        if other != job.name:
            raise PlanError(f"{job.name}: error: its output {job.target} would overwrite that of {other}; "
                            f"rename one of them or encode them in separate batches")


def _root(present: list[Found]) -> str:
    if store.is_url(present[0].path):
        return posixpath.commonpath([store.url_path(f.base) for f in present])
    return os.path.commonpath([os.path.abspath(f.base) for f in present])


def _relative(path: str, root: str) -> str:
    relative = os.path.relpath(os.path.abspath(path), root)
    if relative.startswith(os.pardir):  # outside the root (a missing input): its name alone
        relative = os.path.basename(path)
    return Path(relative).with_suffix(".xml").as_posix()


def _url_relative(url: str, root: str) -> str:
    relative = posixpath.relpath(store.url_path(url), root)
    if relative.startswith(posixpath.pardir):
        relative = posixpath.basename(store.url_path(url))
    return str(PurePosixPath(relative).with_suffix(".xml"))


def _url_inputs(argument: str, pattern: str) -> list[Found]:
    """A URL argument's files: a prefix is searched for `pattern` like a directory."""
    files = store.url_files(argument, pattern)
    if files is None:
        return [Found(argument, _url_parent(argument))]
    if files == [argument]:
        return [Found(argument, _url_parent(argument), listed=True)]
    base = argument if not MAGIC & set(argument) else _url_fixed_prefix(argument)
    return [Found(url, base, listed=True) for url in files]


def _url_fixed_prefix(pattern: str) -> str:
    """A URL glob's part before the directory with its first wildcard."""
    head, _, path = pattern.partition("://")
    parts = path.split("/")
    fixed = []
    for part in parts[:-1]:
        if MAGIC & set(part):
            break
        fixed.append(part)
    return head + "://" + "/".join(fixed)


def _url_parent(url: str) -> str:
    head, _, path = url.partition("://")
    return head + "://" + (posixpath.dirname(path.rstrip("/")) or path)


def _fixed_prefix(pattern: str) -> str:
    """The directory part of a glob before its first wildcard: "scans/**/a*.txt" -> "scans"."""
    parts = Path(pattern).parts
    fixed = []
    for part in parts[:-1]:
        if MAGIC & set(part):
            break
        fixed.append(part)
    return str(Path(*fixed)) if fixed else "."


def _unique(found: list[Found]) -> list[Found]:
    """The same file named twice (by two arguments) is encoded once."""
    seen: set[str] = set()
    kept = []
    for item in found:
        key = item.path if store.is_url(item.path) else os.path.realpath(item.path)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept
