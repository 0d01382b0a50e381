"""One job of a batch, as run in any worker (this process, a worker process, a Dask
worker): read the inputs, encode, validate, write, and say what happened. A failure is
an Outcome, never an exception, so one bad input never stops the others."""

from __future__ import annotations

import functools
import hashlib
import time
import traceback
from dataclasses import dataclass, field, replace

from tei_encoder.batch.plan import Job
from tei_encoder.batch.store import read_bytes, write_set
from tei_encoder.errors import CollationError, EncoderError, InputError, InvalidEncoding, OutputError
from tei_encoder.model import FacsimileOptions, Metadata, ReadingOptions
from tei_encoder.readers.bounded import DEFAULT_MAX_BYTES
from tei_encoder.readers.formats import page_files
from tei_encoder.readers.text import ReadOptions

# Statuses of an outcome, and the exit code a batch with one of them ends with (the
# highest wins): see exit_status().
# timeout: not encoded and written within the batch's time limit (batch.workers); like
# error, an input the encoder could not finish (exit 3), with its own status so that a
# curator can tell a hang (or an input too big for the limit) from a crash.
OK, INVALID, UNREADABLE, UNWRITABLE, ERROR, TIMEOUT = "ok", "invalid", "unreadable", "unwritable", "error", "timeout"
STATUS_EXIT = {OK: 0, INVALID: 1, UNREADABLE: 3, ERROR: 3, TIMEOUT: 3, UNWRITABLE: 4}
# Seconds of CPU time a job of a batch may take in its worker, from its start to its
# files written (--time-limit): some 5,000 times the slowest real memo (0.12 s), 30 times
# an input of 10 MB of OCR text (~20 s), and over twice what the largest input
# --max-size lets in (64 MB) needs. A job is also stopped after WALL_FACTOR times as
# many seconds of wall-clock time: a hang that waits (a stuck disk) uses no CPU.
DEFAULT_TIME_LIMIT = 600.0
WALL_FACTOR = 4.0


@dataclass(frozen=True)
class Settings:
    """Everything about a batch that changes its outputs (recorded in the manifest, and
    compared by --resume), and what the caller wants back."""

    metadata: Metadata = Metadata()
    read: ReadOptions = ReadOptions()
    layout: str = "merged"
    html: bool = False
    report: bool = False  # return the per-copy report (for --report / --json)
    max_bytes: int = DEFAULT_MAX_BYTES  # --max-size: no input is read past it
    facsimile: FacsimileOptions | None = None  # how input from an OCR engine links to its page images
    text: ReadingOptions = ReadingOptions()  # corrections and the base copy of the reading text

    def output_options(self) -> dict:
        import json
        from dataclasses import asdict

        from tei_encoder import __version__
        return {"version": __version__, "layout": self.layout, "html": self.html,
                "corrections": self.text.corrections, "base": self.text.base,
                "encoding": self.read.encoding, "separator": self.read.separator, "format": self.read.format,
                # as JSON has it (lists, not tuples), so that --resume compares like with like
                "facsimile": json.loads(json.dumps(asdict(self.facsimile))) if self.facsimile else None,
                "metadata": {k: v for k, v in asdict(self.metadata).items() if v is not None},
                # only when given, so that manifests written before --dpi existed still match
                **({"dpi": self.read.dpi} if self.read.dpi else {})}


@dataclass
class Outcome:
    job: Job
    status: str
    message: str = ""
    inputs: list[dict] = field(default_factory=list)  # {path, size, sha256}
    outputs: list[dict] = field(default_factory=list)  # {path, sha256}
    copies: int = 0
    pages: int = 0
    apps: dict | None = None
    seconds: float = 0.0
    report: dict | None = None


def run_job(job: Job, settings: Settings) -> Outcome:
    """The whole job: encode, then write."""
    return write_job(*encode_job(job, settings))


def encode_job(job: Job, settings: Settings) -> tuple[Outcome, list[tuple[str, bytes]]]:
    """Everything but the writing: the outcome so far and the files to write (none after
    a failure). write_job finishes it; batch.run writes a job while the next is encoded."""
    started = time.perf_counter()
    outcome = Outcome(job, OK)
    files: list[tuple[str, bytes]] = []
    try:
        files = _encode_job(job, settings, outcome)
    except Exception as exc:
        _failed(outcome, exc)
    outcome.seconds = round(time.perf_counter() - started, 4)
    return outcome, files


def write_job(outcome: Outcome, files: list[tuple[str, bytes]]) -> Outcome:
    """Writes an encoded job's files, the TEI and its page both or neither, and records
    their checksums; the seconds it took are added to the job's."""
    if outcome.status != OK:
        return outcome
    started = time.perf_counter()
    try:
        write_set(files)
        outcome.outputs = [{"path": target, "sha256": hashlib.sha256(data).hexdigest()} for target, data in files]
    except Exception as exc:
        outcome.report = None
        _failed(outcome, exc)
    outcome.seconds = round(outcome.seconds + time.perf_counter() - started, 4)
    return outcome


def _failed(outcome: Outcome, exc: Exception) -> None:
    """A failure as the outcome's status and message (never raised: the batch goes on)."""
    if isinstance(exc, InvalidEncoding):
        outcome.status = INVALID
    elif isinstance(exc, OutputError):
        outcome.status = UNWRITABLE
    elif isinstance(exc, (InputError, CollationError, EncoderError)):
        outcome.status = UNREADABLE
    else:  # a bug on one input: recorded with where it happened
        where = traceback.extract_tb(exc.__traceback__)[-1]
        outcome.status = ERROR
        outcome.message = (f"{outcome.job.name}: error: internal error {type(exc).__name__}: {exc} "
                           f"(at {where.filename}:{where.lineno}); please report it")
        return
    outcome.message = str(exc)


def _encode_job(job: Job, settings: Settings, outcome: Outcome) -> list[tuple[str, bytes]]:
    from tei_encoder.pipeline import encode
    from tei_encoder.publish.report import apparatus_counts, document_report

    inputs = []
    for path in job.inputs:
        pages = []
        for part in page_files(path):  # PAGE1+PAGE2: the page files of one copy
            data = read_bytes(part, settings.max_bytes)
            outcome.inputs.append({"path": part, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()})
            pages.append((data, part))
        inputs.append((pages[0][0] if len(pages) == 1 else tuple(pages), path))
    document, xml = encode(inputs, validator(), settings.metadata, settings.read, settings.layout, settings.facsimile,
                           settings.text)
    outcome.copies = len(document.witnesses)
    outcome.pages = max((len(w.pages) for w in document.witnesses), default=0)
    outcome.apps = apparatus_counts(xml) if settings.layout == "merged" else None
    files = [(job.target, xml)]
    if settings.html:
        from tei_encoder.publish.transform import reading_page
        files.append((output_paths(job, settings)[1], reading_page(xml, job.target)))
    if settings.report:
        outcome.report = document_report(document, job.target, outcome.apps)
    return files


def output_paths(job: Job, settings: Settings) -> list[str]:
    """The files a job writes: its TEI, and with --html its reading page beside it."""
    if settings.html:
        return [job.target, job.target.rsplit(".", 1)[0] + ".html"]
    return [job.target]


def for_many(settings: Settings) -> Settings:
    """The settings a process that runs many jobs gives them: its memos ask for the word
    list's index that warm_up(many=True) built (ReadingOptions.list_index), which changes
    no byte (the corrections are the same either way), only what a memo costs."""
    return replace(settings, text=replace(settings.text, list_index=True))


def warm_up(many: bool = True) -> None:
    """What a process builds once, before its first job, so that no job's time includes
    it: the modules a job runs, the schemas (validator), and for many jobs the word list's
    index of confusion forms (reading.correct: ~20 ms, then ~0.6 ms less a memo; one memo
    would not repay it) and what a first memo builds (WARM_UP_MEMO, encoded and thrown
    away: the analysis's index of near words, ~60 ms, the word tables, the patterns). A
    process that forks workers calls it first, so that they share what it built
    (copy-on-write) instead of each building its own (each worker then freezes it out of
    the garbage collector's reach: batch.workers.serve). Done once a process (a worker
    forked warm does not do it again)."""
    _warmed(many)


@functools.cache
def _warmed(many: bool) -> None:
    import tei_encoder.pipeline  # noqa: F401 - imported here, before the first job's clock
    validator()
    if many:
        from tei_encoder.analyse.plausibility import has_near_word
        from tei_encoder.model import ReadingOptions
        from tei_encoder.pipeline import encode
        from tei_encoder.reading.correct import index_word_list

        index_word_list()
        has_near_word("memorandnm")  # builds the near-word index, whatever the memo asks
        encode([(WARM_UP_MEMO, "warm-up.txt")], validator(), reading=ReadingOptions(list_index=True))


# A small made-up memo of the usual parts (banner, heading, subject, dated and numbered
# paragraphs, a page break, a misread word), for warm_up.
WARM_UP_MEMO = (b"SECRET\n\nMEMORANDUM FOR THE RECORD\n\nSUBJECT: Meeting of the working group\n\n"
                b"1. The group met on 3 May 1963 to review the plan for the next quarter.\n\n"
                b"2. It was agreed that the paper would go forward to the Secretary.\n\n"
                b"-2-\n\n3. The next meeting wi11 be held in June.\n\nSECRET\n")


@functools.cache
def validator():
    """One Validator per process, built on first use: its schemas cost far more than a
    memo, so every job a worker runs shares it."""
    from tei_encoder.validation.validator import Validator
    return Validator()


def exit_status(statuses) -> int:
    return max((STATUS_EXIT[s] for s in statuses), default=0)
