"""Worker processes a batch supervises (-j N, and on each Dask worker).

Each worker is a process forked from the one that supervises it; it is sent chunks of
(index, Job) and runs their jobs one after another (batch.job), writing a job's files
in a second thread while it encodes the next. It tells the supervisor when it starts
each job and, once that job's files are written, its Outcome. So the supervisor
(Pool.run):

- gives each outcome as soon as its files are written (the manifest line need not wait
  for the next job, nor for the end of the chunk);
- stops a worker whose job has run past the time limit (--time-limit: seconds of the
  worker's CPU time from the job's start to its files written, and at most WALL_FACTOR
  times as many wall-clock seconds): the worker is killed with SIGKILL, the job
  recorded as `timeout` and whatever of it the worker had written removed, the jobs it
  had not finished handed to the others, and a new worker started in its place. A hang
  in pure Python or in C (a regular expression) uses CPU and is stopped at the limit;
  one that waits (a stuck disk, a lock) uses none and is stopped by the wall clock.
  Nothing in the worker needs to cooperate;
- stops, the same way, a worker that has not started its first job within the limit
  of its birth (its CPU time since it was forked; the wall clock as above): a hang
  while it warms up (a fork that inherited a lock another thread held, in a threaded
  Dask worker say, or a stuck disk under the schemas). No job is to blame, its jobs go
  to the others. START_ATTEMPTS such workers in a row (none of any worker starting a
  job between them) mean no worker can start: the batch's remaining
  jobs are recorded `timeout` with that message, and the batch ends;
- replaces a worker that dies (the OOM killer, a crash in C, a kill from outside): the
  jobs it had started are run again each alone in a worker, so that only a job that
  kills its worker again is recorded as `error`; those it had not started go on as usual.

Outputs are written to temporaries and renamed (publish.write), so a killed worker
leaves no half output; its temporaries are removed before its jobs are run again.
Forked, not spawned: a worker starts in a few milliseconds with what its parent has
imported (and, on a Dask worker, whatever the worker has set up), and needs no
multiprocessing machinery (a Dask worker is a daemonic process, which multiprocessing
forbids to have children)."""

from __future__ import annotations

import functools
import gc
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, Pipe, wait

from tei_encoder.batch.job import (
    ERROR,
    TIMEOUT,
    WALL_FACTOR,
    Outcome,
    Settings,
    encode_job,
    output_paths,
    warm_up,
    write_job,
)
from tei_encoder.batch.manifest import remove_partial_writes
from tei_encoder.batch.plan import Job
from tei_encoder.batch.store import remove_output

# A worker's messages to its supervisor.
STARTED, WRITTEN = "started", "written"
# Chunks in flight per worker: one running, one waiting in its pipe, so that no worker
# waits for the next; few enough that memory stays flat however long the batch is.
IN_FLIGHT_PER_WORKER = 2
# How long a worker that has been told to stop (its work all done) may take to exit
# before it is killed.
STOP_GRACE = 10.0
# Workers in a row that do not start their first job within the limit before the batch
# gives up (one could be bad luck; three, with no job started between them, is not).
START_ATTEMPTS = 3
# The time limit counts the worker's CPU seconds (all its threads: the job's encoding and
# any write of the job before it that overlaps it), read from /proc/PID/stat: a job
# waiting for a core on a loaded machine uses none, so a slow but sound input is not
# stopped. A hang that waits without using CPU (a stuck disk, a lock) is stopped by the
# wall clock at WALL_FACTOR (batch.job) times the limit. Where /proc is missing (not
# Linux) the limit is wall-clock seconds, as it was.
# Why a job (or a worker's warm-up) was stopped: it used its CPU time; it reached the
# wall-clock backstop; it ran the limit in wall-clock time where no CPU clock is to be read.
CPU, WALL, WALL_ONLY = "cpu", "wall", "wall only"

Chunk = list[tuple[int, Job]]


def timed_out(job: Job, limit: float, why: str = CPU) -> Outcome:
    """seconds: the time it had (report's slowest lists it)."""
    spent = {CPU: f"{limit:g} s of CPU time (--time-limit)",
             WALL: f"{limit * WALL_FACTOR:g} s (--time-limit {limit:g}: {WALL_FACTOR:g} times that of wall-clock time)",
             WALL_ONLY: f"{limit:g} s (--time-limit: wall-clock time, the CPU's not being known here)"}[why]
    return Outcome(job, TIMEOUT, f"{job.name}: error: not encoded and written within {spent}; "
                                 f"its worker process was stopped and replaced",
                   seconds=limit * WALL_FACTOR if why == WALL else limit)


def not_started(job: Job, limit: float) -> Outcome:
    return Outcome(job, TIMEOUT, f"{job.name}: error: not run: {START_ATTEMPTS} worker processes in a row did not "
                                 f"start their first input within {limit:g} s of CPU time or {limit * WALL_FACTOR:g} s "
                                 f"(--time-limit); the batch stopped",
                   seconds=0.0)


def died_alone(job: Job) -> Outcome:
    return Outcome(job, ERROR, f"{job.name}: error: the worker process died while encoding it alone, "
                               f"as it had beside other inputs (killed, out of memory, or a crash)")


@dataclass
class _Worker:
    pid: int
    connection: Connection
    assigned: dict[int, Job] = field(default_factory=dict)  # sent, no outcome yet, in the order they run
    # (monotonic time, the worker's CPU seconds) at the start of each it was heard to start
    started: dict[int, tuple[float, float]] = field(default_factory=dict)
    chunk_ends: deque[int] = field(default_factory=deque)  # the last index of each chunk in flight
    alone: bool = False  # running one job suspected of killing its worker, and nothing else
    born: float = field(default_factory=time.monotonic)
    heard: bool = False  # has it started a job yet (its warm-up over)
    look_at: float = 0.0  # not before then can the clock's job have used its CPU time

    def clock(self) -> tuple[float, float] | None:
        """(monotonic time, CPU seconds) at the start of what the limit times: the oldest job
        it has started and not finished (it runs its jobs in the order sent: the first one
        assigned); before it has started any, its warm-up, from its birth (a forked process
        starts with no CPU time). None: nothing to time."""
        if not self.assigned:
            return None
        if self.heard:
            return self.started.get(next(iter(self.assigned)))
        return self.born, 0.0


class Pool:
    """`count` worker processes running jobs with `settings`, each job within `limit`
    seconds (None: no limit). run() may be called several times; close() ends them."""

    def __init__(self, count: int, settings: Settings, limit: float | None = None, many: bool = True):
        self.count = max(count, 1)
        self.many = many  # the workers will run more than one job (batch.job.warm_up)
        self.settings = settings
        self.limit = limit
        self.workers: list[_Worker] = []
        self.retry: deque[Chunk] = deque()  # jobs a stopped worker had not finished, before new chunks
        self.suspects: deque[tuple[int, Job]] = deque()  # jobs a worker died running: each alone
        self.failed_starts = 0  # workers in a row stopped before they started a job

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close(graceful=exc_info[0] is None)

    def run(self, chunks: Iterable[Chunk]) -> Iterator[Outcome]:
        """The Outcome of every job of the chunks, each as soon as its files are written."""
        pending = iter(chunks)
        self.failed_starts = 0
        while len(self.workers) < self.count:
            self.workers.append(self._start())
        while True:
            for worker in self.workers:
                self._feed(worker, pending)
            busy = [worker for worker in self.workers if worker.assigned]
            if not busy:
                return
            looks = [look for look in (self._next_look(worker) for worker in busy) if look is not None]
            timeout = max(0.0, min(looks) - time.monotonic()) if looks else None
            ready = set(wait([worker.connection for worker in busy], timeout))
            for worker in busy:
                if worker.connection in ready:
                    yield from self._heard(worker)
            for worker in list(self.workers):
                if self._overdue(worker) is not None:
                    yield from self._stop_late(worker)
            if self.failed_starts >= START_ATTEMPTS:
                yield from self._give_up(pending)
                return

    def close(self, graceful: bool = True) -> None:
        """Ends the workers: told to stop and given STOP_GRACE seconds (graceful), or killed."""
        for worker in self.workers:
            if graceful:
                try:
                    worker.connection.send(None)
                except OSError:
                    pass
            else:
                _kill(worker.pid)
        for worker in self.workers:
            _reap(worker.pid, STOP_GRACE if graceful else None)
            worker.connection.close()
        self.workers = []

    def _next_look(self, worker: _Worker) -> float | None:
        """When the worker's clock may next be past the limit: not before its job has had
        the limit in wall-clock time (it cannot use CPU faster than that), nor before it
        can have used the rest of its CPU time since the last look; at the latest when
        the wall-clock backstop comes."""
        clock = worker.clock() if self.limit is not None else None
        if clock is None:
            return None
        since, _ = clock
        return min(since + self.limit * WALL_FACTOR, max(since + self.limit, worker.look_at))

    def _overdue(self, worker: _Worker) -> str | None:
        """CPU or WALL when the worker's clock is past the limit, else None. The worker's
        CPU time is read only once its job has run the limit in wall-clock time, so a
        batch of sound jobs never reads it."""
        look = self._next_look(worker)
        now = time.monotonic()
        if look is None or now < look:
            return None
        since, cpu_then = worker.clock()
        if now >= since + self.limit * WALL_FACTOR:
            return WALL
        cpu_now = cpu_seconds(worker.pid)
        if cpu_now is None:  # no CPU clock here: the limit is wall-clock
            return WALL_ONLY
        used = cpu_now - cpu_then
        if used >= self.limit:
            return CPU
        worker.look_at = now + self.limit - used  # a later job of its started later: no sooner either
        return None

    def _feed(self, worker: _Worker, pending: Iterator[Chunk]) -> None:
        """Sends the worker what it can take: a suspect alone when it is idle, else chunks
        (the unfinished ones of a stopped worker first) up to IN_FLIGHT_PER_WORKER."""
        if worker.alone:
            return
        if self.suspects:  # no new chunks until every suspect has had an idle worker
            if not worker.assigned:
                self._send(worker, [self.suspects.popleft()])
                worker.alone = True
            return
        while len(worker.chunk_ends) < IN_FLIGHT_PER_WORKER:
            chunk = self.retry.popleft() if self.retry else next(pending, None)
            if chunk is None:
                return
            self._send(worker, chunk)

    def _send(self, worker: _Worker, chunk: Chunk) -> None:
        worker.assigned.update(chunk)
        worker.chunk_ends.append(chunk[-1][0])
        try:
            worker.connection.send(chunk)
        except OSError:  # it has died: _heard finds it at its pipe's end
            pass

    def _heard(self, worker: _Worker) -> Iterator[Outcome]:
        """What the worker said since last time; if its pipe has ended, it has died."""
        try:
            while worker.connection.poll():
                yield from self._message(worker, worker.connection.recv())
        except (EOFError, OSError):
            yield from self._died(worker)

    def _message(self, worker: _Worker, message) -> Iterator[Outcome]:
        kind, index, *rest = message
        if kind == STARTED:
            worker.started[index] = (time.monotonic(), rest[0])
            worker.heard = True
            self.failed_starts = 0
            return
        worker.assigned.pop(index, None)
        worker.started.pop(index, None)
        if worker.chunk_ends and worker.chunk_ends[0] == index:
            worker.chunk_ends.popleft()
        if not worker.assigned:
            worker.alone = False
        yield rest[0]

    def _died(self, worker: _Worker) -> Iterator[Outcome]:
        """A worker whose pipe ended: the jobs it had started (all it had, if it had started
        none) are suspects, each to run alone, the rest go on; a job it was running alone
        is the one that kills its worker."""
        _kill(worker.pid)
        _reap(worker.pid, None)
        self._clean(worker)
        started = [(index, job) for index, job in worker.assigned.items() if index in worker.started]
        suspects = started or list(worker.assigned.items())
        if worker.alone:
            for _, job in suspects:
                self._remove_outputs(job)
                yield died_alone(job)
        else:
            self.suspects.extend(suspects)
            self._hand_back(worker, exclude={index for index, _ in suspects})
        self._replace(worker)

    def _stop_late(self, worker: _Worker) -> Iterator[Outcome]:
        """Kills a worker whose oldest running job is past the limit. What it reported
        written before it was killed still counts. The late job is a timeout when it was
        the only one running (what it may have written, renamed into place just before the
        kill and never reported, is removed: a `timeout` line has no output beside it);
        when the next one had started too (its encoding may hold the GIL, in a regular
        expression say, and so starve the late job's write), each of them is run again
        alone, where a timeout can only be its own. The others go on as usual."""
        yield from self._heard(worker)  # it may have finished the late job just now, or died
        why = self._overdue(worker) if worker in self.workers else None
        if why is None:
            return
        _kill(worker.pid)
        _reap(worker.pid, None)
        yield from self._drain(worker)
        self._clean(worker)
        if not worker.heard:  # stuck before its first job: no job is to blame
            self.failed_starts += 1
            self._hand_back(worker, exclude=set())
            if self.failed_starts < START_ATTEMPTS:
                self._replace(worker)
            else:  # run() gives up: no new worker
                self.workers.remove(worker)
                worker.connection.close()
            return
        started = [(index, job) for index, job in worker.assigned.items() if index in worker.started]
        if len(started) == 1 or (worker.alone and started):
            self._remove_outputs(started[0][1])
            yield timed_out(started[0][1], self.limit, why)
        else:  # none (all written as it was killed), or several: each alone
            self.suspects.extend(started)
        self._hand_back(worker, exclude={index for index, _ in started})
        self._replace(worker)

    def _give_up(self, pending: Iterator[Chunk]) -> Iterator[Outcome]:
        """No worker can start: every job not yet written is recorded as not run, in the
        order of the inputs (--resume runs them once the cause is mended)."""
        workers, self.workers = self.workers, []
        for worker in workers:
            _kill(worker.pid)
        for worker in workers:
            _reap(worker.pid, None)
            yield from self._drain(worker)  # what it wrote before it was stopped still counts
            self._clean(worker)
            worker.connection.close()
        left = [pair for worker in workers for pair in worker.assigned.items()]
        for worker in workers:  # killed after a rename, before it was reported
            for index in worker.started.keys() & worker.assigned.keys():
                self._remove_outputs(worker.assigned[index])
        left += [pair for chunk in self.retry for pair in chunk] + list(self.suspects)
        left += [pair for chunk in pending for pair in chunk]
        self.retry.clear()
        self.suspects.clear()
        for _, job in sorted(left, key=lambda pair: pair[0]):
            yield not_started(job, self.limit)

    def _drain(self, worker: _Worker) -> Iterator[Outcome]:
        """Outcomes a killed worker sent before it died (its pipe still holds them)."""
        try:
            while worker.connection.poll():
                message = worker.connection.recv()
                if message[0] == WRITTEN:
                    yield from self._message(worker, message)
        except (EOFError, OSError):
            return

    def _hand_back(self, worker: _Worker, exclude: set) -> None:
        rest = [(index, job) for index, job in worker.assigned.items() if index not in exclude]
        if rest:
            self.retry.appendleft(rest)

    def _clean(self, worker: _Worker) -> None:
        """Temporaries the dead worker left beside the outputs of its unfinished jobs."""
        remove_partial_writes(job.target for job in worker.assigned.values())

    def _remove_outputs(self, job: Job) -> None:
        """The files of a job recorded as not written that its killed worker may have put
        in place before it could report them."""
        for path in output_paths(job, self.settings):
            remove_output(path)

    def _replace(self, worker: _Worker) -> None:
        worker.connection.close()
        self.workers[self.workers.index(worker)] = self._start()

    def _start(self) -> _Worker:
        ours, theirs = Pipe()
        others = [worker.connection for worker in self.workers]
        pid = os.fork()
        if pid == 0:  # the worker: never returns
            status = 1
            try:
                _die_with_parent()
                ours.close()
                for connection in others:  # or a worker would keep its siblings' pipes open
                    connection.close()
                serve(theirs, self.settings, self.many)
                status = 0
            finally:
                os._exit(status)  # no atexit, no flushing of buffers copied from the parent
        theirs.close()
        return _Worker(pid, ours)


def can_fork() -> bool:
    """Worker processes are forked: POSIX only."""
    return hasattr(os, "fork")


WORKER_GC_THRESHOLDS = (7000, 10, 10)


def serve(connection: Connection, settings: Settings, many: bool = True) -> None:
    """A worker's life: chunks in, STARTED and WRITTEN out, until told to stop (None) or
    its supervisor is gone. One job is written (by a second thread: a write mostly waits
    on the disk's fsync with the GIL released) while the next is encoded."""
    from concurrent.futures import ThreadPoolExecutor

    warm_up(many)  # before the first job's clock starts
    # This process is the batch's own and only encodes. What it was given warm lives as
    # long as it does: frozen out of the cyclic garbage collector's reach, no collection
    # walks it again (freezing moves the collector's lists whole, touching no object, so
    # the pages shared with the parent stay shared; no collection first, which would
    # touch them all). And a memo makes tens of thousands of small objects and almost no
    # reference cycles, so the young generations' collections, every 700 allocations by
    # default, find nearly nothing: it collects ten times less often.
    gc.freeze()
    gc.set_threshold(*WORKER_GC_THRESHOLDS)
    lock = threading.Lock()

    def send(message) -> None:
        with lock:
            connection.send(message)

    def write(index: int, encoded) -> None:
        send((WRITTEN, index, write_job(*encoded)))

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="tei-encoder-writer") as writer:
        writing = None
        while True:
            try:
                chunk = connection.recv()
            except EOFError:
                chunk = None
            if chunk is None:
                break
            for index, job in chunk:
                send((STARTED, index, time.process_time()))
                encoded = encode_job(job, settings)
                if writing is not None:
                    writing.result()  # one write at a time; a failed send ends the worker
                writing = writer.submit(write, index, encoded)
        if writing is not None:
            writing.result()


def _die_with_parent() -> None:
    """Linux: the kernel kills this worker when its supervisor dies (even by kill -9), so a
    worker stuck in a job never outlives the batch. Elsewhere a worker ends at its next
    message (its pipe's end)."""
    parent = os.getppid()
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # it died before the kernel was asked
        os._exit(1)


def cpu_seconds(pid: int) -> float | None:
    """The CPU seconds (user and system, all its threads) process `pid` has used, from
    /proc/PID/stat; None where there is no /proc (or the process is gone)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()  # after the name, which may hold spaces
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / _clock_ticks()  # utime, stime


@functools.cache
def _clock_ticks() -> int:
    return os.sysconf("SC_CLK_TCK")


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _reap(pid: int, grace: float | None) -> None:
    """Waits for the process to end (killing it after `grace` seconds, if given)."""
    deadline = None if grace is None else time.monotonic() + grace
    while True:
        try:
            done, _ = os.waitpid(pid, 0 if deadline is None else os.WNOHANG)
        except ChildProcessError:
            return
        if done:
            return
        if time.monotonic() >= deadline:
            _kill(pid)
            deadline = None
        else:
            time.sleep(0.01)
