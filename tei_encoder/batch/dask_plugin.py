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
and nothing is kept in module state.

Imported only where Dask is installed (the plugin is a distributed.WorkerPlugin)."""

from __future__ import annotations

import threading

from distributed import WorkerPlugin, get_worker

from tei_encoder.batch.job import Settings, run_job, warm_up
from tei_encoder.batch.workers import Chunk, Pool, can_fork


class WorkerProcesses(WorkerPlugin):
    """One batch's worker processes on one Dask worker: one per Dask worker thread."""

    def __init__(self, name: str, settings: Settings, time_limit: float | None):
        self.name = name
        self.settings = settings
        self.time_limit = time_limit
        self._pools: dict[int, Pool] = {}  # thread ident -> its worker process
        self._lock = None  # made on the worker (setup): a lock does not pickle

    def __getstate__(self) -> dict:
        return {"name": self.name, "settings": self.settings, "time_limit": self.time_limit}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["name"], state["settings"], state["time_limit"])

    def setup(self, worker) -> None:
        self._lock = threading.Lock()

    def teardown(self, worker) -> None:
        with self._lock:
            pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            pool.close()

    def pool(self) -> Pool:
        """The calling thread's worker process, started (forked) at its first call. The
        Dask worker warms up first (imports, schemas, the word list's index), so that
        every process it forks, in this batch or the next, starts warm."""
        thread = threading.get_ident()
        with self._lock:
            pool = self._pools.get(thread)
        if pool is None:
            warm_up(many=True)
            pool = Pool(1, self.settings, self.time_limit)
            with self._lock:
                self._pools[thread] = pool
        return pool


def run_chunk(chunk: Chunk, name: str) -> list:
    """One Dask task: its jobs, in the worker process of this thread for the batch whose
    plugin is `name`."""
    plugin: WorkerProcesses = get_worker().plugins[name]
    if not can_fork():  # in the Dask worker itself, without a time limit (no process to stop)
        warm_up(many=True)
        return [run_job(job, plugin.settings) for _, job in chunk]
    return list(plugin.pool().run([chunk]))
