"""A batch from start to end: skip what a previous run finished (--resume), clear what a
killed run left half-done, run the rest, record each outcome in the manifest, and show
progress.

The manifest gets its lines in the order of the jobs whatever runs them (-j N, Dask), so
that it reads the same, but for the seconds each job took, however many workers there
were: an outcome that arrives before an earlier job's is held (InOrder) until that one
is in. A held outcome's lines go at once to a side file, OUTDIR/.manifest.held.jsonl
(removed when the batch ends): --resume after a kill takes the held lines whose inputs
and outputs are intact as done and moves them into the manifest (after the lines the
killed batch wrote), so that what it redoes is only what was being encoded or written."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tei_encoder.batch import store
from tei_encoder.batch.job import DEFAULT_TIME_LIMIT, OK, Outcome, Settings, exit_status
from tei_encoder.batch.manifest import HELD, NAME, Manifest, lines_for, read_lines, remove_partial_writes
from tei_encoder.batch.plan import Job
from tei_encoder.batch.progress import Progress
from tei_encoder.batch.run import run_jobs


@dataclass
class BatchResult:
    outcomes: list[Outcome] = field(default_factory=list)  # in the order of the jobs
    skipped: list[Job] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return exit_status(o.status for o in self.outcomes)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status != OK]


class InOrder:
    """Outcomes given back in the order of their jobs: each as soon as every job before it is in."""

    def __init__(self, jobs: list[Job]):
        self.position = {job: index for index, job in enumerate(jobs)}
        self.held: dict[int, Outcome] = {}
        self.next = 0

    def holds(self, outcome: Outcome) -> bool:
        """Would add() hold it (a job before it is not in yet)?"""
        return self.position[outcome.job] != self.next

    def add(self, outcome: Outcome) -> list[Outcome]:
        self.held[self.position[outcome.job]] = outcome
        ready = []
        while self.next in self.held:
            ready.append(self.held.pop(self.next))
            self.next += 1
        return ready


def encode_batch(jobs: list[Job], settings: Settings, outdir: Path | str | None, workers: int = 1,
                 resume: bool = False, quiet: bool = False, runner=None,
                 time_limit: float | None = DEFAULT_TIME_LIMIT) -> BatchResult:
    """outdir: where manifest.jsonl goes, a directory or a URL (None: no manifest). runner: a function like
    batch.run.run_jobs(jobs, settings, workers, time_limit) giving outcomes as they finish. time_limit:
    the seconds each job may take (None: no limit)."""
    manifest = Manifest(store.join(str(outdir), NAME)) if outdir is not None else None
    held = _held_lines(outdir)
    result = BatchResult()
    todo = jobs
    if resume and manifest is not None:
        carried = _carried(manifest, held)
        todo = [job for job in jobs if not manifest.is_done(job, settings)]
        done = set(todo)
        result.skipped = [job for job in jobs if job not in done]
        skipped = {path: index for index, job in enumerate(result.skipped) for path in job.inputs}
        manifest.append(sorted((e for e in carried if e["input"] in skipped), key=lambda e: skipped[e["input"]]))
    if held is not None:
        held.discard()  # a killed run's: its lines are in the manifest now, or will be redone
    remove_partial_writes(job.target for job in todo)
    progress = Progress(len(jobs), quiet)
    progress.skipped(len(result.skipped))
    in_order = InOrder(todo)
    options = settings.output_options()  # the same on every line: made once
    lines_held: dict[Job, list[dict]] = {}
    try:
        for outcome in (runner or run_jobs)(todo, settings, workers, time_limit):
            progress.finished(outcome.status)
            if outcome.status != OK:
                progress.write(outcome.message)
            if held is not None and in_order.holds(outcome):
                lines_held[outcome.job] = lines_for(outcome, settings, options)
                held.append(lines_held[outcome.job])
            for ready in in_order.add(outcome):
                if manifest is not None:
                    lines = lines_held.pop(ready.job, None) or lines_for(ready, settings, options)
                    manifest.append(lines)
                result.outcomes.append(ready)
    except BaseException:
        if held is not None:
            held.close()  # kept for --resume
        raise
    else:
        if held is not None:
            held.discard()  # every line it holds is in the manifest
    finally:
        progress.close()
        if manifest is not None:
            manifest.close()
    return result


def _held_lines(outdir: Path | str | None) -> Manifest | None:
    """The side file of held lines, for a local output directory (a URL's manifest is
    appended through fsspec: held lines there are redone after a kill, as before)."""
    if outdir is None or store.is_url(str(outdir)):
        return None
    return Manifest(Path(outdir) / HELD)


def _carried(manifest: Manifest, held: Manifest | None) -> list[dict]:
    """The lines a killed run held that its manifest lacks, taken as the inputs' latest
    (manifest.previous) so that --resume skips the intact ones."""
    if held is None:
        return []
    carried = [entry for entry in read_lines(held.path) if manifest.previous.get(entry["input"]) != entry]
    manifest.previous.update((entry["input"], entry) for entry in carried)
    return carried
