"""Running a batch's jobs: in worker processes this process supervises (-j N, -j 1
included: batch.workers), or on a Dask cluster (--engine dask), giving each Outcome as
its job is written. The job itself (batch.job) is the same everywhere, so the outputs
are the same bytes whatever runs them; only the order in which outcomes arrive differs
(batch.driver writes the manifest in the jobs' order whatever it is).

Workers are handed chunks: runs of consecutive jobs (chunks()), so that what a task
costs besides its jobs (pickling, the scheduler's messages: ~10 ms of CPU a task on a
Dask LocalCluster) is paid once for several memos. Every job has a time limit of its
own (--time-limit, not one for its chunk): a job past it is recorded as `timeout` and
its worker process replaced. On Dask each worker thread runs its tasks' jobs in a worker
process of its own (batch.workers again, kept for the batch by batch.dask_plugin), so
the limit, and the replacement of a process that dies, work there as here."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from itertools import islice

from tei_encoder.batch.job import DEFAULT_TIME_LIMIT, ERROR, Outcome, Settings, for_many, run_job, warm_up
from tei_encoder.batch.plan import Job
from tei_encoder.batch.workers import IN_FLIGHT_PER_WORKER, Chunk, Pool, can_fork
from tei_encoder.errors import ClusterUnreachable

# The largest chunk: 16 memos are ~0.6 s of work, enough to make a task's own cost small
# beside its jobs, and little to redo when a killed batch resumes.
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


def run_jobs(jobs: list[Job], settings: Settings, workers: int = 1,
             time_limit: float | None = DEFAULT_TIME_LIMIT) -> Iterator[Outcome]:
    """In `workers` worker processes, each job within time_limit seconds (None: no limit).
    One worker and no limit, or a platform without os.fork (Windows; the command says
    so): in this process, one job after another (there is no worker to stop; and
    fsspec's memory:// filesystem is this process's own)."""
    if not jobs:
        return
    many = len(jobs) > 1  # the word list's index repays its building (warm_up) over many memos
    if many:
        settings = for_many(settings)
    if (workers <= 1 and time_limit is None) or not can_fork():
        yield from _in_this_process(jobs, settings, many)
        return
    workers = min(workers, len(jobs))
    warm_up(many)  # here, once: every worker forked from this process starts warm
    with Pool(workers, settings, time_limit, many) as pool:
        yield from pool.run(chunks(list(enumerate(jobs)), workers))


def _in_this_process(jobs: list[Job], settings: Settings, many: bool) -> Iterator[Outcome]:
    warm_up(many)
    for job in jobs:
        yield run_job(job, settings)


def chunks(jobs: list, workers: int, largest: int = LARGEST_CHUNK) -> Iterator[list]:
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
    def run(jobs: list[Job], settings: Settings, workers: int = 1,
            time_limit: float | None = DEFAULT_TIME_LIMIT) -> Iterator[Outcome]:
        yield from _run_on_dask(jobs, settings, workers, scheduler, time_limit)
    return run


def _run_on_dask(jobs: list[Job], settings: Settings, workers: int, scheduler: str | None,
                 time_limit: float | None) -> Iterator[Outcome]:
    from dask.distributed import Client, as_completed

    if not jobs:
        return
    from tei_encoder.batch.dask_plugin import WorkerProcesses, run_chunk

    cluster = _local_cluster(workers) if scheduler is None else None
    client = _client(Client, cluster if cluster is not None else scheduler)
    # The batch's worker processes on each Dask worker live as long as this plugin: removed
    # at the end, it ends them (batch.dask_plugin).
    name = f"tei-encoder-batch-{uuid.uuid4().hex}"
    registered = False
    try:
        # Every Dask worker builds the word list's index (warm_up(many=True)): its memos ask for it.
        client.register_plugin(WorkerProcesses(name, for_many(settings), time_limit), name=name)
        registered = True
        threads = max(sum(client.nthreads().values()), 1)
        pending = chunks(list(enumerate(jobs)), threads)
        submitted = {}

        def submit(chunk: Chunk):
            # pure=False: a job writes files; Dask must run it, never reuse a cached result.
            future = client.submit(run_chunk, chunk, name, pure=False)
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
                outcomes = _one_by_one(client, chunk, name)
            future.release()
            yield from outcomes
    finally:
        if registered:
            _unregister(client, name)
        client.close()
        if cluster is not None:
            cluster.close()


def _unregister(client, name: str) -> None:
    """Removes the batch's plugin, ending its worker processes; a cluster that has gone
    meanwhile has ended them itself (a Dask worker removes its plugins as it closes)."""
    try:
        client.unregister_worker_plugin(name)
    except Exception:  # noqa: BLE001 - the batch's outcomes are in; nothing here may hide them
        pass


def _one_by_one(client, chunk: Chunk, name: str) -> list[Outcome]:
    """A chunk whose task failed (its Dask worker died), run again a job a task, so that
    only the job that kills its Dask worker (Dask retries it, then gives up) is recorded
    as failed, not its neighbours. A worker's death also fails the tasks waiting on it:
    when several fail, each of them is run once more alone."""
    outcomes, failures = _each_once(client, chunk, name, together=True)
    if len(failures) > 1:
        retried, failures = _each_once(client, [item for item in chunk if item[1] in failures], name,
                                       together=False)
        outcomes.update(retried)
    return [outcomes[job] if job in outcomes else _failed(job, failures[job]) for _, job in chunk]


def _failed(job: Job, exc: BaseException) -> Outcome:
    return Outcome(job, ERROR, f"{job.name}: error: the Dask job failed: {type(exc).__name__}: {exc}")


def _each_once(client, chunk: Chunk, name: str, together: bool):
    """Each job a task (all submitted at once, or one after another): {job: Outcome} of
    those that ran, {job: exception} of those whose task failed."""
    from tei_encoder.batch.dask_plugin import run_chunk

    def submit(item):
        return client.submit(run_chunk, [item], name, pure=False)

    outcomes, failures = {}, {}
    futures = [submit(item) for item in chunk] if together else None
    for position, item in enumerate(chunk):
        future = futures[position] if together else submit(item)
        try:
            outcomes[item[1]] = future.result()[0]
        except Exception as exc:  # recorded, not fatal
            failures[item[1]] = exc
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
