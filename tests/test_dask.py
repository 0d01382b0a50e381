"""--engine dask (issue 13): the same per-file job on a Dask cluster, here a LocalCluster
of two worker processes, gives the same bytes as -j 1; manifest and resume the same."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tei_encoder.batch.manifest import read_lines
from tei_encoder.cli import main
from tests.conftest import ROOT

pytest.importorskip("distributed", reason="Dask is an optional extra: pip install 'tei-encoder[dask]'")

CORPUS_DIR = ROOT / "tests" / "fixtures" / "corpus"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def tree_bytes(outdir):
    return {str(p.relative_to(outdir)): p.read_bytes() for p in sorted(outdir.rglob("*.xml"))}


def test_local_cluster_of_two_workers_gives_the_bytes_of_one_process(tmp_path):
    one, cluster = tmp_path / "one", tmp_path / "dask"
    assert run("encode", CORPUS_DIR, "-o", one, "-j", "1").exit_code == 0
    (tmp_path / "in").mkdir()
    missing = tmp_path / "in" / "missing.txt"  # a failure on a worker is recorded like any other
    result = run("encode", CORPUS_DIR, missing, "-o", cluster, "--engine", "dask", "-j", "2", "--group-copies")
    assert result.exit_code == 3, result.stderr
    grouped = {e["input"]: e for e in read_lines(cluster / "manifest.jsonl")}
    assert grouped[str(missing)]["status"] == "unreadable"
    assert sum(e["status"] == "ok" for e in grouped.values()) == 12
    plain = tmp_path / "dask-plain"
    result = run("encode", CORPUS_DIR, "-o", plain, "--engine", "dask", "-j", "2")
    assert result.exit_code == 0, result.stderr
    assert tree_bytes(plain) == tree_bytes(one) and len(tree_bytes(one)) == 12
    again = run("encode", CORPUS_DIR, "-o", plain, "--engine", "dask", "-j", "2", "--resume")
    assert again.exit_code == 0 and "12 input(s) skipped" in again.stderr
    assert len(read_lines(plain / "manifest.jsonl")) == 12


def test_scheduler_needs_the_dask_engine(tmp_path):
    result = run("encode", CORPUS_DIR, "-o", tmp_path, "--scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == 2 and "--engine dask" in result.stderr


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:1", "bogus://x:1", "tcp://127.0.0.1:notaport"])
def test_a_scheduler_nobody_answers_at_is_a_clear_error_and_nothing_is_written(tmp_path, address):
    import dask

    out = tmp_path / "out"
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = run("encode", CORPUS_DIR, "-o", out, "--engine", "dask", "--scheduler", address)
    assert result.exit_code == 2, result.output
    assert f"cannot reach the Dask scheduler at {address}" in result.stderr
    assert "Traceback" not in result.output
    assert not list(out.rglob("*.xml")) and not (out / "manifest.jsonl").exists()


def hangs_forever() -> None:
    """A real hang, in C and holding the GIL: a regular expression that backtracks 2**40 times."""
    import re

    re.match(r"(a+)+$", "a" * 40 + "!")


def _child_processes() -> list[int]:
    """Run on a Dask worker: the processes it has forked and not reaped."""
    import os

    pids = []
    for task in os.listdir(f"/proc/{os.getpid()}/task"):
        with open(f"/proc/{os.getpid()}/task/{task}/children") as children:
            pids += [int(pid) for pid in children.read().split()]
    return pids


def _patched_batch(tmp_path, action: str, time_limit=None):
    """A batch of the corpus three times over on a LocalCluster of two workers whose worker
    processes (forked from the Dask worker: they take the patch with them) do `action` on
    the second input of the first chunk: "kill" the Dask worker itself, "hang", or nothing
    ("none"). Each worker process leaves a file tmp_path/forked/PID as it starts; the
    processes the Dask workers have forked and not reaped once the batch is over are
    tmp_path/children.json."""
    import gc
    import logging
    import sys

    import cloudpickle
    import dask
    from dask.distributed import Client, LocalCluster, WorkerPlugin

    from tei_encoder.batch import run as batch_run
    from tei_encoder.batch.driver import encode_batch
    from tei_encoder.batch.job import Settings
    from tei_encoder.batch.plan import plan

    class Patch(WorkerPlugin):
        def __init__(self, name, action, forked):
            self.name, self.action, self.forked = name, action, forked

        def setup(self, worker):
            import os
            import signal

            from tei_encoder.batch import workers

            real, name, action = workers.encode_job, self.name, self.action
            real_serve, forked = workers.serve, self.forked

            def serve(*args):
                (Path(forked) / str(os.getpid())).touch()
                return real_serve(*args)

            workers.serve = serve

            def encode_job(job, settings):
                if job.name == name and action == "kill":
                    os.kill(os.getppid(), signal.SIGKILL)  # the Dask worker dies, as on the OOM killer
                    os._exit(1)
                if job.name == name and action == "hang":
                    hangs_forever()
                return real(job, settings)

            workers.encode_job = encode_job

    inputs = tmp_path / "in"
    inputs.mkdir()
    for copy in range(3):
        for source in sorted(CORPUS_DIR.glob("*.txt")):
            (inputs / f"{copy}-{source.name}").write_bytes(source.read_bytes())
    jobs = plan([str(inputs)], tmp_path / "out")
    patched = next(batch_run.chunks(jobs, 2))[1]
    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the plugin travels whole to the workers
    # A Client the unreachable-scheduler tests left half-made (its constructor raised) must be
    # finalised here: collected later, inside the start of the new cluster's event-loop
    # thread, its __del__ waits for the lock that start holds (distributed's LoopRunner).
    gc.collect()
    try:
        with dask.config.set({"distributed.scheduler.allowed-failures": 0}):  # no retries: a death fails the task
            cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                   silence_logs=logging.CRITICAL)
        with cluster, Client(cluster) as client:
            (tmp_path / "forked").mkdir()
            client.register_plugin(Patch(patched.name, action, str(tmp_path / "forked")))
            result = encode_batch(jobs, Settings(), tmp_path / "out", workers=2, quiet=True,
                                  runner=batch_run.dask_runner(cluster.scheduler_address), time_limit=time_limit)
            (tmp_path / "children.json").write_text(json.dumps(client.run(_child_processes)))
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    return jobs, patched, result


def test_an_input_that_kills_its_worker_fails_alone_not_its_chunk(tmp_path):
    """A task whose Dask worker dies (on one input, in the middle of the first chunk) is
    run again an input a task: the input is recorded as error, every other input of its
    chunk is written."""
    jobs, killer, result = _patched_batch(tmp_path, "kill")
    statuses = {o.job.name: o.status for o in result.outcomes}
    assert statuses.pop(killer.name) == "error" and set(statuses.values()) == {"ok"}
    assert [o.job for o in result.outcomes] == jobs
    lines = read_lines(tmp_path / "out" / "manifest.jsonl")
    assert [e["input"] for e in lines] == [job.name for job in jobs]
    assert "the Dask job failed" in next(e["message"] for e in lines if e["input"] == killer.name)
    assert len(list((tmp_path / "out").rglob("*.xml"))) == len(jobs) - 1


def test_a_dask_batch_keeps_one_warm_worker_process_a_thread_and_none_after_it(tmp_path):
    """The review's R-B3: each Dask worker thread kept its worker process after the batch,
    until the Dask worker exited. Within the batch each of the two (single-threaded) Dask
    workers forks one worker process and keeps it for all its tasks; once the batch is
    over, on a cluster that goes on, none is left."""
    jobs, _, result = _patched_batch(tmp_path, "none", time_limit=600)
    assert [o.status for o in result.outcomes] == ["ok"] * len(jobs)
    assert len(list((tmp_path / "forked").iterdir())) == 2
    left = json.loads((tmp_path / "children.json").read_text())
    assert len(left) == 2 and all(pids == [] for pids in left.values()), left


def test_an_input_that_hangs_on_a_dask_worker_is_a_timeout_and_the_batch_goes_on(tmp_path):
    """The time limit is per input on Dask as well: the hung input's worker process is
    killed and replaced, the input recorded as timeout, the rest of its chunk (and of the
    batch) written, with the bytes of -j 1."""
    jobs, hung, result = _patched_batch(tmp_path, "hang", time_limit=5)
    statuses = {o.job.name: o.status for o in result.outcomes}
    assert statuses.pop(hung.name) == "timeout" and set(statuses.values()) == {"ok"}
    assert result.exit_code == 3
    lines = read_lines(tmp_path / "out" / "manifest.jsonl")
    assert [e["input"] for e in lines] == [job.name for job in jobs]
    assert "--time-limit" in next(e["message"] for e in lines if e["input"] == hung.name)
    one = tmp_path / "one"
    assert run("encode", tmp_path / "in", "-o", one, "-j", "1", "-q").exit_code == 0
    expected = tree_bytes(one)
    del expected[Path(hung.target).name]  # the inputs are side by side: an output is its name
    assert tree_bytes(tmp_path / "out") == expected
    assert not [p for p in (tmp_path / "out").rglob(".*") if p.is_file()]


def test_a_killed_batch_leaves_no_worker_process_once_idle(tmp_path):
    """The review's R8-4: a batch whose command is killed never removes its plugin, so its
    worker processes stayed on a cluster that goes on until each Dask worker closed. Now a
    process that waits idle_limit seconds for a task is ended, and a task that comes later
    forks another and is written as before."""
    import logging
    import sys

    import cloudpickle
    from dask.distributed import Client, LocalCluster

    from tei_encoder.batch import run as batch_run
    from tei_encoder.batch.dask_plugin import WorkerProcesses, run_chunk
    from tei_encoder.batch.job import Settings
    from tei_encoder.batch.plan import plan

    jobs = plan([str(CORPUS_DIR)], tmp_path / "out")
    first, second = list(batch_run.chunks(list(enumerate(jobs)), 2))[:2]
    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # _child_processes runs on the workers
    try:
        cluster = LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=logging.CRITICAL)
        with cluster, Client(cluster) as client:
            # What a batch registers, never removed: the command that would remove it is gone.
            client.register_plugin(WorkerProcesses("killed-batch", Settings(), 600, idle_limit=1.0),
                                   name="killed-batch")
            outcomes = client.submit(run_chunk, first, "killed-batch", pure=False).result()
            assert [o.status for o in outcomes] == ["ok"] * len(first)
            assert list(client.run(_child_processes).values()) != [[]]  # its worker process waits for a task
            deadline = time.monotonic() + 60
            while list(client.run(_child_processes).values()) != [[]] and time.monotonic() < deadline:
                time.sleep(0.2)
            assert list(client.run(_child_processes).values()) == [[]]  # ended idle, the plugin still there
            later = client.submit(run_chunk, second, "killed-batch", pure=False).result()
            assert [o.status for o in later] == ["ok"] * len(second)
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    one = tmp_path / "one"
    assert run("encode", CORPUS_DIR, "-o", one, "-j", "1", "-q").exit_code == 0
    written = tree_bytes(tmp_path / "out")
    assert len(written) == len(first) + len(second)
    assert written == {name: data for name, data in tree_bytes(one).items() if name in written}
