"""Running a batch's jobs: in this process, in worker processes (-j N), or on a Dask
cluster (--engine dask), giving each Outcome as its job finishes. The job itself
(batch.job.run_job) is the same everywhere, so the outputs are the same bytes whatever
runs them; only the order in which outcomes arrive differs."""

from __future__ import annotations

from collections.abc import Iterator

from tei_encoder.batch.job import ERROR, Outcome, Settings, run_job, validator
from tei_encoder.batch.plan import Job
from tei_encoder.errors import ClusterUnreachable

# Jobs in flight per worker: enough that no worker waits for the next, few enough that
# memory stays flat however long the batch is (results are taken as they come).
IN_FLIGHT_PER_WORKER = 4


ENGINES = ("local", "dask")


def run_jobs(jobs: list[Job], settings: Settings, workers: int = 1) -> Iterator[Outcome]:
    """In this process (-j 1, or a single job), else in `workers` local processes."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield run_job(job, settings)
        return
    yield from _run_in_processes(jobs, settings, workers)


def dask_missing() -> bool:
    import importlib.util
    return importlib.util.find_spec("distributed") is None


def dask_runner(scheduler: str | None = None):
    """A runner like run_jobs that runs the jobs on a Dask cluster: the scheduler at
    `scheduler` (tcp://host:8786), or, without one, a LocalCluster of `workers`
    single-threaded worker processes made for the batch and closed after it."""
    def run(jobs: list[Job], settings: Settings, workers: int = 1) -> Iterator[Outcome]:
        yield from _run_on_dask(jobs, settings, workers, scheduler)
    return run


def _run_on_dask(jobs: list[Job], settings: Settings, workers: int, scheduler: str | None) -> Iterator[Outcome]:
    import logging

    from dask.distributed import Client, LocalCluster, as_completed

    if not jobs:
        return
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
    client = _client(Client, cluster if cluster is not None else scheduler)
    try:
        slots = max(sum(client.nthreads().values()), 1) * IN_FLIGHT_PER_WORKER
        pending = iter(jobs)
        submitted = {}

        def submit(job: Job):
            # pure=False: a job writes files; Dask must run it, never reuse a cached result.
            future = client.submit(run_job, job, settings, pure=False)
            submitted[future.key] = job
            return future

        running = as_completed([submit(job) for _, job in zip(range(slots), pending)])
        for future in running:
            job = submitted.pop(future.key)
            try:
                yield future.result()
            except Exception as exc:  # the worker died or the job could not reach it: recorded, not fatal
                yield Outcome(job, ERROR, f"{job.name}: error: the Dask job failed: {type(exc).__name__}: {exc}")
            future.release()
            following = next(pending, None)
            if following is not None:
                running.add(submit(following))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _client(client_class, address):
    """A Dask client of the cluster (or the scheduler at `address`); a scheduler that does
    not answer within Dask's connect timeout (distributed.comm.timeouts.connect, 30 s by
    default) is a typed error, not a traceback."""
    try:
        return client_class(address)
    except (OSError, ValueError) as exc:  # OSError("Timed out trying to connect ..."), or an
        if not isinstance(address, str):   # address distributed cannot parse (ValueError)
            raise
        raise ClusterUnreachable(address, str(exc)) from exc


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
