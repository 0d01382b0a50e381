"""What a batch will do: the input files found from the arguments, and where each one's
TEI goes.

Arguments are files, directories (searched recursively for --glob) and glob patterns
(expanded here, so a quoted pattern works as the shell's would). Output paths mirror the
input tree under OUTDIR: each file's path relative to the deepest directory that holds
every argument, with .xml for its suffix. Two inputs with one base name in different
directories thus get different outputs; two inputs that would still share one output
(memo.txt and memo.ocr in one directory) are refused before anything runs.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path

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


def find_inputs(arguments: list[str], pattern: str = "*.txt") -> list[Found]:
    """Every input file, in argument order; directories and globs in sorted order. A
    path that does not exist is kept as given: reading it fails and is recorded."""
    found: list[Found] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found += [Found(str(p), argument) for p in sorted(path.rglob(pattern)) if p.is_file()]
        elif not path.exists() and MAGIC & set(argument):
            matches = sorted(glob.glob(argument, recursive=True))
            base = _fixed_prefix(argument)
            found += [Found(m, base) for m in matches if Path(m).is_file()] or [Found(argument, base)]
        else:
            found.append(Found(argument, str(Path(page_files(argument)[0]).parent)))
    return _unique(found)


def plan(arguments: list[str], outdir: Path, pattern: str = "*.txt", merge: bool = False) -> list[Job]:
    """Jobs for the arguments: one per file, or one for all (--merge)."""
    found = find_inputs(arguments, pattern)
    if not found:
        return []
    # Inputs that cannot be found are recorded as unreadable; they must not move the root.
    present = [f for f in found if os.path.exists(page_files(f.path)[0])] or found
    root = os.path.commonpath([os.path.abspath(f.base) for f in present])
    # The page files of one copy (PAGE1+PAGE2) are written where the first page's would be.
    targets = {f.path: str(outdir / _relative(page_files(f.path)[0], root)) for f in found}
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


def _relative(path: str, root: str) -> Path:
    relative = os.path.relpath(os.path.abspath(path), root)
    if relative.startswith(os.pardir):  # outside the root (a missing input): its name alone
        relative = os.path.basename(path)
    return Path(relative).with_suffix(".xml")


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
        key = os.path.realpath(item.path)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept
