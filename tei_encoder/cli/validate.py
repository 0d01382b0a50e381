"""`validate`: any TEI files against the schemas and rules, reported for people and CI."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from tei_encoder.cli.common import max_size_option
from tei_encoder.validation.check import check_files, expand
from tei_encoder.validation.findings import render
from tei_encoder.validation.validator import ENGINES

VALIDATE_EPILOG = """\b
Exit codes:
  0  every file is valid
  1  some file is invalid (malformed XML included)
  2  usage error, an input could not be read (missing, above --max-size), or the
     --junit report could not be written
"""


@click.command("validate", epilog=VALIDATE_EPILOG)
@click.argument("paths", nargs=-1, required=True)
@click.option("--glob", default="*.xml", show_default=True, help="Files to take from a directory (recursively).")
@click.option("--project/--no-project", default=None,
              help="The project schema (tei-memo.xsd). Default: on, unless --tei-all is given alone.")
@click.option("--tei-all", is_flag=True, help="The official TEI P5 tei_all schema (RELAX NG; ~10 s to compile).")
@click.option("--rules/--no-rules", default=True, show_default=True,
              help="The rules no schema expresses: ids, pointers, apparatus, date/@when; with the project "
                   "schema also the house conventions (pb/@n, p/@n, div content, one copy no app).")
@click.option("--xinclude/--no-xinclude", default=True, show_default=True,
              help="Resolve XIncludes of local files before validating (as jing does).")
@click.option("--format", "form", type=click.Choice(["text", "json", "junit", "github"]), default="text",
              show_default=True, help="Report for people, JSON, JUnit XML, or GitHub Actions annotations.")
@click.option("--junit", "junit_file", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Also write the JUnit XML report to this file (one run, two reports: e.g. "
                   "--format github --junit report.xml in CI).")
@click.option("-q", "--quiet", is_flag=True, help="Text format: print only the problems, no summary.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for many files (default: the number of CPUs; 1: none).")
@click.option("--engine", type=click.Choice(ENGINES), default="auto", show_default=True,
              help="What checks the project schema: auto (libxml2 decides, xmlschema words the problems of an "
                   "invalid file), xmlschema alone, or libxml2 alone (its own messages).")
@max_size_option
def validate_command(paths, glob, project, tei_all, rules, xinclude, form, junit_file, quiet, jobs, engine,
                     max_bytes) -> None:
    """Validate TEI files (any TEI, not only tei-encoder's) against the schemas and
    rules: files, directories, or '-' for standard input.

    Parsing is safe: no DTD, no entity expansion, no external entities, no network;
    XIncludes of local files in the document's folder (or the current directory) are
    resolved, as jing does. Each problem is reported as FILE:LINE:COL with the check that found it.
    """
    project = (not tei_all) if project is None else project
    if not (project or tei_all or rules):
        raise click.UsageError("nothing to check: give --project, --tei-all or --rules")
    check_names = [n for n, on in (("tei-memo.xsd", project), ("tei_all.rng", tei_all), ("rules", rules)) if on]
    names = list(expand(paths, glob))
    jobs = jobs or os.cpu_count() or 1
    settings = {"tei_all": tei_all, "project": project, "rules": rules, "engine": engine}
    results = check_files(names, settings, max_bytes, jobs, xinclude)
    if not results:
        raise click.UsageError(f"no files matching {glob!r} in {', '.join(paths)}")
    if junit_file:
        _write_report(junit_file, render(results, "junit", check_names))
    click.echo(render(results, form, check_names, quiet), nl=False)
    statuses = {r.status for r in results}
    sys.exit(2 if "unreadable" in statuses else 1 if "invalid" in statuses else 0)


def _write_report(name: str, text: str) -> None:
    """Atomically, so a CI step never uploads half a report."""
    from tei_encoder.errors import OutputError
    from tei_encoder.publish.write import write_atomic

    try:
        write_atomic(Path(name), text.encode("utf-8"))
    except OutputError as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
