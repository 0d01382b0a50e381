"""`encode ... -o DIR`: the options of a batch and the glue between them and
tei_encoder.batch (imported only when a batch runs, so start-up stays light)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from tei_encoder.errors import EncoderError


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


def run_batch(arguments, output, pattern, jobs, resume, quiet, separator, encoding, input_format, metadata_file, layout,
              merge, with_html, report, as_json, meta, max_bytes, facsimile=None, group_copies=False,
              engine="local", scheduler=None, text=None, dpi=None) -> None:
    from tei_encoder.batch.driver import encode_batch
    from tei_encoder.batch.job import Settings
    from tei_encoder.batch.plan import plan
    from tei_encoder.model import ReadingOptions
    from tei_encoder.publish.report import format_table
    from tei_encoder.readers.metadata import load_metadata
    from tei_encoder.readers.text import ReadOptions

    outdir = output if output and "://" in output else Path(output or "output")  # a URL: batch.store writes it
    hrefs = {k: meta.pop(k) for k in ("schema_href", "rng_href")}
    try:
        metadata = load_metadata(metadata_file, {**meta, **{k: v for k, v in hrefs.items() if v}}, max_bytes)
        jobs_planned = plan(arguments, outdir, pattern, merge)
    except EncoderError as exc:
        click.echo(str(exc), err=True)
        sys.exit(exc.exit_code)
    if not jobs_planned:
        raise click.UsageError(f"no files matching {pattern!r} in {', '.join(arguments)}")
    settings = Settings(metadata, ReadOptions(encoding, separator, input_format, dpi), layout, with_html,
                        report or as_json, max_bytes, facsimile, text or ReadingOptions())
    if group_copies:
        if merge:
            raise click.UsageError("--group-copies finds the copies itself: give it or --merge, not both")
        from tei_encoder.batch.group import group_jobs
        jobs_planned, groups = group_jobs(jobs_planned, settings.read)
        if not quiet:
            click.echo(f"{len(groups)} group(s) of copies found", err=True)
    runner = None
    if scheduler is not None and engine != "dask":
        raise click.UsageError("--scheduler goes with --engine dask")
    if engine == "dask":
        from tei_encoder.batch.run import dask_missing, dask_runner
        if dask_missing():
            raise click.UsageError("--engine dask needs Dask: pip install 'tei-encoder[dask]'")
        runner = dask_runner(scheduler)
    # The default output/ gets no manifest: it is the sample's place in the repository.
    try:
        result = encode_batch(jobs_planned, settings, outdir if output else None, jobs or os.cpu_count() or 1,
                              resume, quiet, runner)
    except EncoderError as exc:  # the manifest itself cannot be written (a URL that cannot append)
        click.echo(str(exc), err=True)
        sys.exit(exc.exit_code)
    written = [o for o in result.outcomes if o.report is not None]
    if report:
        for outcome in written:
            click.echo(format_table(outcome.report), err=True)
    if as_json:
        click.echo(json.dumps({"documents": [o.report for o in written]}, indent=2, ensure_ascii=False))
    if result.skipped and not quiet:
        skipped = sum(len(job.inputs) for job in result.skipped)
        click.echo(f"{skipped} input(s) skipped: already written (--resume)", err=True)
    sys.exit(result.exit_code)
