"""OUTDIR/manifest.jsonl: one JSON line per input, appended (and flushed to disk) as
each job finishes, so a batch killed at any moment leaves a manifest of what it finished.

A line: input, size, sha256 (of the input bytes; for the page files of one copy,
PAGE1+PAGE2, parts: [{path, size, sha256}] per page file, size their sum); outputs
[{path, sha256}]; status (ok, invalid, unreadable, unwritable, error); message (the
error with its position, for a failure); copies, pages, apps (by type, merged layout);
group (every input of a merged TEI, when there are several); seconds; version and
options (what changes the output).

--resume skips an input whose last line is ok with the same input checksum (every page
file's, for PAGE1+PAGE2) and options, and whose outputs are still there with the
checksums recorded. A line cut short by a
kill is ignored (and the next line starts on a line of its own).

OUTDIR may be an fsspec URL (batch.store): the manifest is then appended there, on
filesystems that can append.
"""

from __future__ import annotations

import json
import os
import posixpath
import time
from collections.abc import Iterable
from pathlib import Path

from tei_encoder.batch import store
from tei_encoder.batch.job import OK, Outcome, Settings
from tei_encoder.batch.plan import Job
from tei_encoder.errors import EncoderError
from tei_encoder.readers.formats import page_files

NAME = "manifest.jsonl"
HELD = ".manifest.held.jsonl"  # beside it: lines held for the inputs' order (batch.driver)


def read_lines(path: Path | str, missing_ok: bool = True) -> list[dict]:
    """Every whole line of a manifest; a damaged line (a kill mid-write) is skipped."""
    entries = []
    try:
        text = store.read_text(str(path))
    except FileNotFoundError:
        if not missing_ok:
            raise
        return []
    for line in text.splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(entry, dict) and "input" in entry:
            entries.append(entry)
    return entries


def lines_for(outcome: Outcome, settings: Settings, options: dict | None = None) -> list[dict]:
    """One line per input of the job (a merged group gives each member a line). options:
    settings.output_options(), when the caller has made it already."""
    options = dict(options if options is not None else settings.output_options())
    version = options.pop("version")
    group = list(outcome.job.inputs) if len(outcome.job.inputs) > 1 else None
    known = {item["path"]: item for item in outcome.inputs}
    lines = []
    for path in outcome.job.inputs:
        parts = page_files(path)
        item = known.get(path, {})
        line = {"input": path, "size": item.get("size"), "sha256": item.get("sha256")}
        if len(parts) > 1:  # the page files of one copy: each one's checksum
            line["parts"] = [{"path": part, "size": known.get(part, {}).get("size"),
                              "sha256": known.get(part, {}).get("sha256")} for part in parts]
            sizes = [p["size"] for p in line["parts"]]
            line["size"] = sum(sizes) if None not in sizes else None
        line.update({"outputs": outcome.outputs, "status": outcome.status})
        if outcome.message:
            line["message"] = outcome.message
        line.update({"copies": outcome.copies, "pages": outcome.pages, "apps": outcome.apps})
        if group:
            line["group"] = group
        line.update({"seconds": outcome.seconds, "version": version, "options": options})
        lines.append(line)
    return lines


class Manifest:
    """Appends to OUTDIR/manifest.jsonl; knows which jobs an earlier run finished.

    A local manifest is held open while the batch runs. Each append is written through to
    the operating system at once (a kill, even kill -9, loses no line that was appended),
    and made durable (fsync) by an append SYNC_EVERY seconds or more after the last fsync,
    and by close(): an fsync costs a few milliseconds of waiting on a disk, as much as a
    tenth of a memo's time. A power cut loses the lines since the last fsync (of any age
    while the batch waits on a slow memo); that only means --resume encodes their inputs
    again (each output's data is fsynced before its rename, and --resume checks every
    output against its line's checksum, so an output whose rename was lost is redone)."""

    SYNC_EVERY = 1.0

    def __init__(self, path: Path | str):
        self.path = path if store.is_url(str(path)) else Path(path)
        self.previous = {entry["input"]: entry for entry in read_lines(self.path)}
        self._handle = None
        self._synced = 0.0

    def is_done(self, job: Job, settings: Settings) -> bool:
        """Finished by an earlier run with these very inputs and options, outputs intact."""
        options = settings.output_options()
        version = options.pop("version")
        for path in job.inputs:
            entry = self.previous.get(path)
            if entry is None or entry.get("status") != OK or entry.get("options") != options:
                return False
            if entry.get("version") != version or (len(job.inputs) > 1) != ("group" in entry):
                return False
            if len(job.inputs) > 1 and entry["group"] != list(job.inputs):
                return False
            if not _unchanged(entry, path) or not all(_intact(o) for o in entry.get("outputs", [])):
                return False
        return True

    def append(self, lines: Iterable[dict]) -> None:
        text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
        if not isinstance(self.path, Path):
            store.append_lines(self.path, text)
            return
        if self._handle is None:
            self._handle = self._open()
            if self._handle.tell() > 0:  # after a kill mid-line: start a line of our own
                self._handle.seek(-1, os.SEEK_END)
                if self._handle.read(1) != b"\n":
                    text = "\n" + text
        self._handle.write(text.encode("utf-8"))
        self._handle.flush()
        if time.monotonic() - self._synced >= self.SYNC_EVERY:
            self._sync()

    def close(self) -> None:
        """Makes every line appended durable and lets the file go."""
        if self._handle is not None:
            self._sync()
            self._handle.close()
            self._handle = None

    def discard(self) -> None:
        """Lets the file go and removes it (the side file of held lines, batch.driver)."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        if isinstance(self.path, Path):
            self.path.unlink(missing_ok=True)

    def _open(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return self.path.open("a+b")

    def _sync(self) -> None:
        os.fsync(self._handle.fileno())
        self._synced = time.monotonic()


def remove_partial_writes(targets: Iterable[str]) -> int:
    """Temporary files a killed worker left beside its targets (publish.write and
    batch.store name them .NAME.XXXX.tmp): never an output, removed before the targets
    are written again. Each output directory is listed once. Returns how many were removed."""
    names_by_dir: dict[str, set[str]] = {}
    for target in targets:
        directory, name = posixpath.split(target) if store.is_url(target) else os.path.split(target)
        names_by_dir.setdefault(directory, set()).update({name, posixpath.splitext(name)[0] + ".html"})
    removed = 0
    for directory, names in names_by_dir.items():
        if store.is_url(directory):
            removed += store.remove_temporaries(directory, names)
            continue
        try:
            entries = list(os.scandir(directory or "."))
        except OSError:
            continue
        for entry in entries:
            if store.is_temporary_of(entry.name, names) and entry.is_file():
                os.unlink(entry.path)
                removed += 1
    return removed


def _sha256(path: str) -> str | None:
    try:
        return store.sha256(path)
    except (OSError, EncoderError):
        return None


def _unchanged(entry: dict, path: str) -> bool:
    """The input's bytes are those the line recorded: the file's checksum, or for
    PAGE1+PAGE2 every page file's, the same files in the same order. A line with no
    checksum (an input that could not be read) is never unchanged."""
    parts = page_files(path)
    if len(parts) == 1:
        return entry.get("sha256") is not None and entry["sha256"] == _sha256(path)
    recorded = entry.get("parts")
    if not isinstance(recorded, list) or [p.get("path") for p in recorded if isinstance(p, dict)] != parts:
        return False
    return all(p.get("sha256") is not None and p["sha256"] == _sha256(p["path"]) for p in recorded)


def _intact(output: dict) -> bool:
    return _sha256(output["path"]) == output.get("sha256")
