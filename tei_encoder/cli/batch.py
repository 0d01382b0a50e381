"""`encode ... -o DIR`: the options of a batch and the glue between them and
tei_encoder.batch (imported only when a batch runs, so start-up stays light)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from tei_encoder.batch.job import DEFAULT_TIME_LIMIT, WALL_FACTOR
from tei_encoder.cli.common import exit_on_error
from tei_encoder.cli.request import BatchOptions, EncodeRequest


def batch_options(command):
    for option in reversed([
        click.option("--glob", "pattern", default="*.txt", show_default=True,
                     help="Files to take from a directory (recursively)."),
        click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
                     help="Worker processes (default: the number of CPUs; 1: none)."),
        click.option("--resume", is_flag=True,
                     help="Skip inputs that DIR/manifest.jsonl records as written with the same bytes and options."),
        click.option("-q", "--quiet", is_flag=True, help="No progress bar (none when stderr is not a terminal)."),
        click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
                     help="local: -j processes on this machine; dask: a Dask cluster (pip install "
                          "'tei-encoder[dask]'), the one at --scheduler or a LocalCluster of -j workers."),
        click.option("--scheduler", metavar="ADDRESS", default=None,
                     help="With --engine dask: the scheduler's address (tcp://host:8786)."),
        click.option("--group-copies", is_flag=True,
                     help="Find the files that are copies of one memo and write each group as one merged TEI."),
        click.option("--time-limit", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
                     help=f"Seconds of CPU time each input may take in its worker, and {WALL_FACTOR:g} times as "
                          f"many of wall-clock time (a hang that waits); then its worker is stopped and the input "
                          f"recorded as timeout, exit 3. 0: no limit. [default: {DEFAULT_TIME_LIMIT:g}]"),
    ]):
        command = option(command)
    return command


def is_batch(output: str | None) -> bool:
    """An output directory (or the default output/) makes a batch; '-' and FILE.xml do not.
    A URL output is always a batch's output folder (cli.encode refuses URL.xml)."""
    if output is None or "://" in output:
        return True
    if output == "-":
        return False
    path = Path(output)
    return path.is_dir() or path.suffix.lower() != ".xml"


def run_batch(request: EncodeRequest) -> None:
    """Plan the batch, group its copies when asked, run it, print what was asked for and
    exit with the highest exit code over its inputs."""
    from tei_encoder.batch.driver import encode_batch

    outdir = request.output if request.output and "://" in request.output else Path(request.output or "output")
    jobs = _planned_jobs(request, outdir)
    runner = _runner(request.batch)
    run = request.batch
    _say_if_no_fork(run)
    # The default output/ gets no manifest: it is the sample's place in the repository.
    with exit_on_error():  # the manifest itself cannot be written (a URL that cannot append)
        result = encode_batch(jobs, request.settings, outdir if request.output else None,
                              run.jobs or os.cpu_count() or 1, run.resume, run.quiet, runner, _time_limit(run))
    _print_reports(request, result)
    sys.exit(result.exit_code)


def _planned_jobs(request: EncodeRequest, outdir: Path | str) -> list:
    """The batch's jobs (a URL output: batch.store writes it), copies of one memo made one
    job each with --group-copies."""
    from tei_encoder.batch.plan import plan

    with exit_on_error():
        jobs = plan(list(request.inputs), outdir, request.pattern, request.merge)
    if not jobs:
        raise click.UsageError(f"no files matching {request.pattern!r} in {', '.join(request.inputs)}")
    if not request.batch.group_copies:
        return jobs
    if request.merge:
        raise click.UsageError("--group-copies finds the copies itself: give it or --merge, not both")
    from tei_encoder.batch.group import group_jobs
    jobs, groups = group_jobs(jobs, request.settings.read)
    if not request.batch.quiet:
        click.echo(f"{len(groups)} group(s) of copies found", err=True)
    return jobs


def _say_if_no_fork(run: BatchOptions) -> None:
    """Worker processes are forked: where os.fork is missing (Windows) a batch runs in
    this process, one input after another, with no time limit; say so rather than
    ignore -j and --time-limit without a word (not when they ask for neither)."""
    from tei_encoder.batch.run import can_fork
    if can_fork() or (run.time_limit == 0 and run.jobs == 1):
        return
    click.echo("warning: this platform cannot fork worker processes: the batch runs in this process, "
               "one input after another, without -j or --time-limit", err=True)


def _time_limit(run: BatchOptions) -> float | None:
    """--time-limit's seconds: the default when not given, None (no limit) for 0."""
    if run.time_limit is None:
        return DEFAULT_TIME_LIMIT
    return run.time_limit or None


def _runner(run: BatchOptions):
    """What runs the jobs: None for this machine's processes (batch.run.run_jobs), else a Dask runner."""
    if run.scheduler is not None and run.engine != "dask":
        raise click.UsageError("--scheduler goes with --engine dask")
    if run.engine != "dask":
        return None
    from tei_encoder.batch.run import dask_missing, dask_runner
    if dask_missing():
        raise click.UsageError("--engine dask needs Dask: pip install 'tei-encoder[dask]'")
    return dask_runner(run.scheduler)


def _print_reports(request: EncodeRequest, result) -> None:
    """--report's tables (stderr), --json's reports (stdout), and how many --resume skipped."""
    from tei_encoder.publish.report import format_table

    written = [o for o in result.outcomes if o.report is not None]
    if request.table:
        for outcome in written:
            click.echo(format_table(outcome.report), err=True)
    if request.as_json:
        click.echo(json.dumps({"documents": [o.report for o in written]}, indent=2, ensure_ascii=False))
    if result.skipped and not request.batch.quiet:
        skipped = sum(len(job.inputs) for job in result.skipped)
        click.echo(f"{skipped} input(s) skipped: already written (--resume)", err=True)
