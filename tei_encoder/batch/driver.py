"""A batch from start to end: skip what a previous run finished (--resume), clear what a
killed run left half-done, run the rest, record each outcome in the manifest as it
arrives, and show progress."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tei_encoder.batch import store
from tei_encoder.batch.job import OK, Outcome, Settings, exit_status
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


def encode_batch(jobs: list[Job], settings: Settings, outdir: Path | str | None, workers: int = 1,
                 resume: bool = False, quiet: bool = False, runner=None) -> BatchResult:
    """outdir: where manifest.jsonl goes, a directory or a URL (None: no manifest). runner: a function like
    batch.run.run_jobs(jobs, settings, workers) giving outcomes as they finish."""
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
    order = {job: index for index, job in enumerate(todo)}
    try:
        for outcome in (runner or run_jobs)(todo, settings, workers):
            if manifest is not None:
                manifest.append(lines_for(outcome, settings))
            progress.finished(outcome.status)
            if outcome.status != OK:
                progress.write(outcome.message)
            result.outcomes.append(outcome)
    finally:
        progress.close()
    result.outcomes.sort(key=lambda o: order[o.job])
    return result
