"""Running a batch's jobs: in this process, in worker processes (-j N), or on a Dask
cluster (--engine dask), giving each Outcome as its job finishes. The job itself
(batch.job.run_job) is the same everywhere, so the outputs are the same bytes whatever
runs them; only the order in which outcomes arrive differs (batch.driver writes the
manifest in the jobs' order whatever it is).

Worker processes and Dask workers are handed chunks: runs of consecutive jobs
(chunks()), one task each, so that what a task costs besides its jobs (pickling, the
pool's or the scheduler's messages: ~10 ms of CPU a task on a Dask LocalCluster) is paid
once for several memos. A chunk's outcomes come back when the whole chunk is done."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from tei_encoder.batch.job import ERROR, Outcome, Settings, encode_job, run_job, validator, write_job
from tei_encoder.batch.plan import Job
from tei_encoder.errors import ClusterUnreachable

# Chunks in flight per worker: one running, one waiting, so that no worker waits for the
# next; few enough that memory stays flat however long the batch is (results are taken as
# they come).
IN_FLIGHT_PER_WORKER = 2
# The largest chunk: 16 memos are ~0.6 s of work, enough to make a task's own cost small
# beside its jobs, little to redo when a killed batch resumes (a chunk's outcomes reach the
# manifest together), and the progress bar still moves every second or so.
LARGEST_CHUNK = 16
# A chunk is at most 1/(workers * TAIL_SHARE) of the jobs not yet handed out, so chunks
# shrink to single jobs towards the end and the workers finish at nearly the same time.
TAIL_SHARE = 4

ENGINES = ("local", "dask")

# Settings of the LocalCluster made for a batch (no --scheduler). It has no dashboard, so
# nothing reads what the workers' statistical profiler (a stack sample every 10 ms)
# and the system monitor (every 0.5 s) collect; together with the event-loop tick
# (every 20 ms) they cost ~80 ms of CPU a second on an idle 2-worker cluster, and the
# profiler's samples take the GIL from the job. The memory monitor still stops a worker
# that outgrows its memory, every 2 s rather than every 0.1 s.
QUIET_LOCAL_CLUSTER = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "2s",
    "distributed.admin.tick.interval": "500ms",
}


def run_jobs(jobs: list[Job], settings: Settings, workers: int = 1) -> Iterator[Outcome]:
    """In this process (-j 1, or a single job), else in `workers` local processes."""
    if workers <= 1 or len(jobs) <= 1:
        yield from written_while_encoding(jobs, settings)
        return
    yield from _run_in_processes(jobs, settings, workers)


def run_chunk(jobs: list[Job], settings: Settings) -> list[Outcome]:
    """One task of a worker: its jobs one after another."""
    return list(written_while_encoding(jobs, settings))


def written_while_encoding(jobs: list[Job], settings: Settings) -> Iterator[Outcome]:
    """The jobs in their order in this process, each written by a second thread while the
    next is encoded: a write mostly waits on the disk (publish.write's fsync, a few ms
    on a busy disk, as much as a tenth of a memo) with the GIL released. One job at a
    time is being written; its outcome is given once it is written (neither step raises)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="tei-encoder-writer") as writer:
        writing = None
        for job in jobs:
            encoded = encode_job(job, settings)
            if writing is not None:
                yield writing.result()
            writing = writer.submit(write_job, *encoded)
        if writing is not None:
            yield writing.result()


def chunks(jobs: list[Job], workers: int, largest: int = LARGEST_CHUNK) -> Iterator[list[Job]]:
    """The jobs in their order, cut into runs: `largest` while many remain, then smaller
    (a share of what remains), down to single jobs for the last few."""
    start = 0
    while start < len(jobs):
        size = max(1, min(largest, (len(jobs) - start) // (max(workers, 1) * TAIL_SHARE)))
        yield jobs[start:start + size]
        start += size


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
    from dask.distributed import Client, as_completed

    if not jobs:
        return
    cluster = _local_cluster(workers) if scheduler is None else None
    client = _client(Client, cluster if cluster is not None else scheduler)
    try:
        threads = max(sum(client.nthreads().values()), 1)
        pending = chunks(jobs, threads)
        submitted = {}

        def submit(chunk: list[Job]):
            # pure=False: a job writes files; Dask must run it, never reuse a cached result.
            future = client.submit(run_chunk, chunk, settings, pure=False)
            submitted[future.key] = chunk
            return future

        running = as_completed([submit(chunk) for chunk in islice(pending, threads * IN_FLIGHT_PER_WORKER)])
        for future in running:
            chunk = submitted.pop(future.key)
            following = next(pending, None)
            if following is not None:  # handed out before this chunk's outcomes are written
                running.add(submit(following))
            try:
                outcomes = future.result()
            except Exception:  # the worker died (or the chunk could not reach one): find the job that did it
                outcomes = _one_by_one(client, chunk, settings)
            future.release()
            yield from outcomes
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _one_by_one(client, chunk: list[Job], settings: Settings) -> list[Outcome]:
    """A chunk whose task failed, run again a job a task, so that only the job that kills
    its worker (Dask retries it, then gives up) is recorded as failed, not its neighbours.
    A worker's death also fails the tasks waiting on it: when several fail, each of them
    is run once more alone."""
    outcomes, failures = _each_once(client, chunk, settings, together=True)
    if len(failures) > 1:
        retried, failures = _each_once(client, list(failures), settings, together=False)
        outcomes.update(retried)
    return [outcomes[job] if job in outcomes else _failed(job, failures[job]) for job in chunk]


def _failed(job: Job, exc: BaseException) -> Outcome:
    return Outcome(job, ERROR, f"{job.name}: error: the Dask job failed: {type(exc).__name__}: {exc}")


def _each_once(client, jobs: list[Job], settings: Settings, together: bool):
    """Each job a task (all submitted at once, or one after another): {job: Outcome} of
    those that ran, {job: exception} of those whose task failed."""
    outcomes, failures = {}, {}
    futures = [client.submit(run_job, job, settings, pure=False) for job in jobs] if together else None
    for index, job in enumerate(jobs):
        future = futures[index] if together else client.submit(run_job, job, settings, pure=False)
        try:
            outcomes[job] = future.result()
        except Exception as exc:  # recorded, not fatal
            failures[job] = exc
        future.release()
    return outcomes, failures


def _local_cluster(workers: int):
    import logging

    import dask
    from dask.distributed import LocalCluster

    # The workers (started by nannies while LocalCluster starts) take the settings with them.
    with dask.config.set(QUIET_LOCAL_CLUSTER):
        return LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True,
                            dashboard_address=None, silence_logs=logging.ERROR)


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
    """The chunks in a pool of worker processes. A worker that dies (the OOM killer, a
    kill -9, a crash in C) breaks the whole pool and every chunk in it: those chunks are
    run again an input at a time, each in a pool of its own, so that only an input that
    kills its worker again is recorded as `error`; the rest of the batch goes on in a new
    pool (the Dask engine does the same)."""
    workers = min(workers, len(jobs))
    pending = chunks(jobs, workers)
    while True:
        lost: list[list[Job]] = []
        yield from _in_pool(pending, settings, workers, lost)
        if not lost:
            return
        for job in (job for chunk in lost for job in chunk):
            yield _alone(job, settings)


def _in_pool(pending: Iterator[list[Job]], settings: Settings, workers: int,
             lost: list[list[Job]]) -> Iterator[Outcome]:
    """Outcomes of the chunks `pending` gives, in one pool, until it is done or broken
    (then the chunks it held are put in `lost`)."""
    # Processes, not threads: the pipeline is pure Python and holds the GIL.
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker) as pool:
        running: dict = {}

        def submit(chunk: list[Job]) -> None:
            try:
                running[pool.submit(run_chunk, chunk, settings)] = chunk
            except BrokenProcessPool:  # taken from `pending`, never run
                lost.append(chunk)
                raise

        try:
            for chunk in islice(pending, workers * IN_FLIGHT_PER_WORKER):
                submit(chunk)
            while running:
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for following in islice(pending, len(done)):  # handed out before the outcomes are written
                    submit(following)
                for future in done:
                    outcomes = future.result()
                    del running[future]
                    yield from outcomes
        except BrokenProcessPool:
            lost.extend(running.values())


def _alone(job: Job, settings: Settings) -> Outcome:
    """One input of a chunk lost with its worker, in a worker process of its own."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=1, initializer=_start_worker) as pool:
        try:
            return pool.submit(run_chunk, [job], settings).result()[0]
        except BrokenProcessPool:
            return Outcome(job, ERROR, f"{job.name}: error: the worker process died while encoding it alone, "
                                       f"as it had in its chunk (killed, out of memory, or a crash)")


def _start_worker() -> None:
    validator()  # build the schemas before the first job, not during it
