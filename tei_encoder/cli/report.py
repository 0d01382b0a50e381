"""`report`: the summary of a batch's manifest (tei_encoder.batch.summary)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

REPORT_EPILOG = """\b
Exit codes:
  0  the manifest was read (whatever the batch's outcome)
  2  usage error, or the manifest cannot be read
"""


@click.command("report", epilog=REPORT_EPILOG)
@click.argument("manifest", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="The summary as JSON.")
@click.option("--slowest", type=click.IntRange(min=0), default=10, show_default=True,
              help="How many of the slowest files to list.")
def report_command(manifest, as_json, slowest) -> None:
    """Summarise a batch from its manifest.jsonl (or the directory that holds it):
    totals, failures by kind, the slowest files."""
    from tei_encoder.batch.manifest import NAME, read_lines
    from tei_encoder.batch.summary import format_summary, summarise

    path = manifest / NAME if manifest.is_dir() else manifest
    try:
        entries = read_lines(path, missing_ok=False)
    except (OSError, UnicodeDecodeError) as exc:
        raise click.UsageError(f"{path}: cannot read the manifest: {exc}") from None
    summary = summarise(entries, slowest)
    if as_json:
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(format_summary(summary, str(path)))
