"""A batch from start to end: skip what a previous run finished (--resume), clear what a
killed run left half-done, run the rest, record each outcome in the manifest, and show
progress.

The manifest gets its lines in the order of the jobs whatever runs them (-j N, Dask), so
that it reads the same, but for the seconds each job took, however many workers there
were: an outcome that arrives before an earlier job's is held (InOrder) until that one
is in. Held outcomes are a few hundred bytes each and their outputs are already written:
a batch killed while holding some redoes those inputs on --resume, with the same bytes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tei_encoder.batch import store
from tei_encoder.batch.job import DEFAULT_TIME_LIMIT, OK, Outcome, Settings, exit_status
from tei_encoder.batch.manifest import NAME, Manifest, lines_for, remove_partial_writes
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
    result = BatchResult()
    todo = jobs
    if resume and manifest is not None:
        todo = [job for job in jobs if not manifest.is_done(job, settings)]
        done = set(todo)
        result.skipped = [job for job in jobs if job not in done]
    remove_partial_writes(job.target for job in todo)
    progress = Progress(len(jobs), quiet)
    progress.skipped(len(result.skipped))
    in_order = InOrder(todo)
    options = settings.output_options()  # the same on every line: made once
    try:
        for outcome in (runner or run_jobs)(todo, settings, workers, time_limit):
            progress.finished(outcome.status)
            if outcome.status != OK:
                progress.write(outcome.message)
            for ready in in_order.add(outcome):
                if manifest is not None:
                    manifest.append(lines_for(ready, settings, options))
                result.outcomes.append(ready)
    finally:
        progress.close()
        if manifest is not None:
            manifest.close()
    return result
