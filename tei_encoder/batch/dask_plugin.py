"""The worker processes of one batch on a Dask worker (--engine dask), as a Dask worker
plugin, so that their life is the batch's.

The batch registers a WorkerProcesses plugin under a name of its own on every Dask
worker (and on any that joins while it runs), with its settings and time limit; each
task (run_chunk) runs its jobs in the worker process of the Dask worker thread it runs
in (batch.workers: a Pool of one), started by that thread's first task of the batch and
kept for its next ones, so a thread's process stays warm the whole batch. When the batch
ends the client removes the plugin, whose teardown ends those processes (told to stop,
and reaped: their CPU time counts as the Dask worker's); a Dask worker that closes
removes its plugins too. So a long-lived cluster keeps no process of a finished batch,
and nothing is kept in module state. A batch whose command is killed never removes its
plugin: a thread's process that has run no task for IDLE_LIMIT seconds is ended then
(the next task of the batch, if one ever comes, forks another), so such a batch leaves
only the plugin, holding no process, on a cluster that goes on.

Imported only where Dask is installed (the plugin is a distributed.WorkerPlugin)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from distributed import WorkerPlugin, get_worker

from tei_encoder.batch.job import Settings, run_job, warm_up
from tei_encoder.batch.workers import Chunk, Pool, can_fork

# Seconds a batch's worker process may wait for its next task before it is ended: far
# longer than the gaps between a running batch's tasks (a scheduler round trip), short
# enough that a killed batch's processes (~100 MB each) do not stay on a shared cluster.
IDLE_LIMIT = 120.0


class WorkerProcesses(WorkerPlugin):
    """One batch's worker processes on one Dask worker: one per Dask worker thread."""

    def __init__(self, name: str, settings: Settings, time_limit: float | None, idle_limit: float = IDLE_LIMIT):
        self.name = name
        self.settings = settings
        self.time_limit = time_limit
        self.idle_limit = idle_limit
        self._pools: dict[int, Pool] = {}  # thread ident -> its worker process, while it has no task
        self._last_task: dict[int, float] = {}  # thread ident -> when its last task ended (monotonic)
        self._lock = None  # made on the worker (setup): a lock does not pickle
        self._stopped = None  # set at teardown: the idle reaper's end

    def __getstate__(self) -> dict:
        return {"name": self.name, "settings": self.settings, "time_limit": self.time_limit,
                "idle_limit": self.idle_limit}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["name"], state["settings"], state["time_limit"], state["idle_limit"])

    def setup(self, worker) -> None:
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        threading.Thread(target=self._reap_idle, name=f"{self.name}-idle", daemon=True).start()

    def teardown(self, worker) -> None:
        self._stopped.set()
        with self._lock:
            pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            pool.close()

    @contextmanager
    def pool(self) -> Iterator[Pool]:
        """The calling thread's worker process for the length of a task, started (forked)
        at its first task or after it was ended idle. The Dask worker warms up first
        (imports, schemas, the word list's index), so that every process it forks, in this
        batch or the next, starts warm. While a task holds it, the idle reaper cannot see it."""
        thread = threading.get_ident()
        with self._lock:
            pool = self._pools.pop(thread, None)
        if pool is None:
            warm_up(many=True)
            pool = Pool(1, self.settings, self.time_limit)
        try:
            yield pool
        finally:
            with self._lock:
                if self._stopped.is_set():  # torn down meanwhile: this process is the last one left
                    pool.close()
                else:
                    self._pools[thread] = pool
                    self._last_task[thread] = time.monotonic()

    def _reap_idle(self) -> None:
        """Ends the worker processes that have waited idle_limit seconds for a task."""
        while not self._stopped.wait(min(self.idle_limit / 4, 30.0)):
            now = time.monotonic()
            with self._lock:
                idle = [thread for thread in self._pools if now - self._last_task[thread] >= self.idle_limit]
                pools = [self._pools.pop(thread) for thread in idle]
            for pool in pools:
                pool.close()


def run_chunk(chunk: Chunk, name: str) -> list:
    """One Dask task: its jobs, in the worker process of this thread for the batch whose
    plugin is `name`."""
    plugin: WorkerProcesses = get_worker().plugins[name]
    if not can_fork():  # in the Dask worker itself, without a time limit (no process to stop)
        warm_up(many=True)
        return [run_job(job, plugin.settings) for _, job in chunk]
    with plugin.pool() as pool:
        return list(pool.run([chunk]))
