"""What one `encode` command was asked to do, built once from click's options
(cli.encode) and read by both of its paths: a few files to FILE.xml or standard output
(cli.encode), a batch to a directory or URL (cli.batch)."""

from __future__ import annotations

from dataclasses import dataclass

from tei_encoder.batch.job import Settings


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs, not what it writes (that is Settings): cli.batch.batch_options."""

    jobs: int | None = None  # worker processes; None: the number of CPUs
    resume: bool = False
    quiet: bool = False
    engine: str = "local"  # local or dask
    scheduler: str | None = None  # a Dask scheduler's address, with engine dask
    group_copies: bool = False
    time_limit: float | None = None  # seconds a job may take (--time-limit); None: no limit

    @property
    def asks_for_a_batch(self) -> bool:
        """Options that mean nothing outside a batch (--resume, --group-copies, --engine dask, --time-limit)."""
        return self.resume or self.group_copies or self.engine != "local" or self.time_limit is not None


@dataclass(frozen=True)
class EncodeRequest:
    """An `encode` run: its inputs and output, what every document is encoded and written
    with (batch.job.Settings: reading, layout, header, facsimile, --html, --max-size), how
    a batch of them runs, and what is printed besides."""

    inputs: tuple[str, ...]  # the INPUT arguments, then --sample's memo
    output: str | None  # -o: '-', FILE.xml, a directory or a URL; None: output/
    pattern: str  # --glob
    merge: bool  # the inputs are copies of one memo
    settings: Settings
    batch: BatchOptions = BatchOptions()
    table: bool = False  # --report: a table per document on stderr
    as_json: bool = False  # --json: the reports as JSON on stdout
