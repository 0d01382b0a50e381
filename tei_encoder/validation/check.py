"""`validate` over many files: find them, parse them safely, run the checks, and say for
each whether it is valid, invalid or unreadable."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tei_encoder.errors import SchemaProblem
from tei_encoder.validation import xinclude as xi
from tei_encoder.validation.safexml import DEFAULT_MAX_BYTES, XmlRefused, parse, read_bytes

STDIN = "-"


@dataclass
class FileResult:
    """status: valid, invalid (problems found, malformed XML included) or unreadable."""

    path: str
    problems: list[SchemaProblem] = field(default_factory=list)
    unreadable: str | None = None

    @property
    def status(self) -> str:
        if self.unreadable is not None:
            return "unreadable"
        return "invalid" if self.problems else "valid"


def expand(paths: Iterable[str], glob: str) -> Iterator[str]:
    """Files as given; directories searched recursively for `glob`, in sorted order."""
    for name in paths:
        path = Path(name)
        if name != STDIN and path.is_dir():
            yield from (str(p) for p in sorted(path.rglob(glob)) if p.is_file())
        else:
            yield name


def check_files(names: list[str], checks: dict, max_bytes: int = DEFAULT_MAX_BYTES, jobs: int = 1,
                xinclude: bool = True) -> list[FileResult]:
    """Check every file, in order, its XIncludes resolved first unless xinclude is off.
    With jobs > 1 and enough files, in that many worker processes, each with its own
    Validator (built once per process: the project schema comes from the cache in
    0.05 s). xmlschema is pure Python, so processes, not threads."""
    from tei_encoder.validation.validator import Validator

    if jobs <= 1 or len(names) < PARALLEL_FROM or STDIN in names:
        validator = Validator(**checks)
        return [check_file(name, validator, max_bytes, xinclude) for name in names]
    from concurrent.futures import ProcessPoolExecutor  # only when there are workers to run

    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(checks,)) as pool:
        chunk = max(1, len(names) // (jobs * 4))
        return list(pool.map(_check_in_worker, names, [max_bytes] * len(names), [xinclude] * len(names),
                             chunksize=chunk))


PARALLEL_FROM = 8
_worker: dict = {}  # the Validator of a worker process (set by its initializer, nowhere else)


def _start_worker(checks: dict) -> None:
    from tei_encoder.validation.validator import Validator
    _worker["validator"] = Validator(**checks)


def _check_in_worker(name: str, max_bytes: int, xinclude: bool) -> FileResult:
    return check_file(name, _worker["validator"], max_bytes, xinclude)


def check_file(name: str, validator, max_bytes: int = DEFAULT_MAX_BYTES, xinclude: bool = True) -> FileResult:
    try:
        data = read_bytes(name, max_bytes)
        tree = parse(data, "<stdin>" if name == STDIN else name, max_bytes)
        if xinclude and xi.has_includes(tree):
            # Standard input has no folder: its includes resolve from the current directory.
            xi.resolve(tree, Path.cwd() / "-" if name == STDIN else Path(name), max_bytes)
    except xi.IncludeFailed as failed:
        problem = SchemaProblem(message=str(failed), line=failed.line, source=name, rule="xinclude")
        return FileResult(name, [problem])
    except XmlRefused as refused:
        if refused.unreadable:
            return FileResult(name, unreadable=refused.message)
        problem = SchemaProblem(message=refused.message, line=refused.line, column=refused.column,
                                source=refused.source, rule=refused.rule)
        return FileResult(name, [problem])
    source = "<stdin>" if name == STDIN else name
    return FileResult(name, list(validator.iter_problems(tree, source)))
