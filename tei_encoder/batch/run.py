"""Running a batch's jobs: in this process, in worker processes (-j N), or on a Dask
cluster (--engine dask), giving each Outcome as its job finishes. The job itself
(batch.job.run_job) is the same everywhere, so the outputs are the same bytes whatever
runs them; only the order in which outcomes arrive differs."""

from __future__ import annotations

from collections.abc import Iterator

from tei_encoder.batch.job import Outcome, Settings, run_job, validator
from tei_encoder.batch.plan import Job

# Jobs in flight per worker: enough that no worker waits for the next, few enough that
# memory stays flat however long the batch is (results are taken as they come).
IN_FLIGHT_PER_WORKER = 4


def run_jobs(jobs: list[Job], settings: Settings, workers: int = 1) -> Iterator[Outcome]:
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield run_job(job, settings)
        return
    yield from _run_in_processes(jobs, settings, workers)


def _run_in_processes(jobs: list[Job], settings: Settings, workers: int) -> Iterator[Outcome]:
    # Processes, not threads: the pipeline is pure Python and holds the GIL.
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    pending = iter(jobs)
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), initializer=_start_worker) as pool:
        running = set()
        for job in pending:
            running.add(pool.submit(run_job, job, settings))
            if len(running) >= workers * IN_FLIGHT_PER_WORKER:
                break
        while running:
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
                following = next(pending, None)
                if following is not None:
                    running.add(pool.submit(run_job, following, settings))


def _start_worker() -> None:
    validator()  # build the schemas before the first job, not during it
