"""`encode` (OCR text -> TEI) and `witness` (one copy back out of the TEI)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from tei_encoder.batch.job import Settings
from tei_encoder.batch.plan import find_inputs
from tei_encoder.cli.batch import batch_options, is_batch, run_batch
from tei_encoder.cli.common import (
    SAMPLE_MEMO,
    UNREADABLE,
    UNWRITABLE,
    USAGE,
    exit_codes,
    exit_on_error,
    max_size_option,
    read_input,
    write_output,
)
from tei_encoder.cli.options import (
    facsimile_options,
    facsimile_settings,
    header_metadata,
    metadata_options,
    reading_options,
    text_options,
)
from tei_encoder.cli.request import BatchOptions, EncodeRequest
from tei_encoder.errors import EXIT_INVALID, InvalidEncoding
from tei_encoder.model import ReadingOptions
from tei_encoder.pipeline import encode
from tei_encoder.publish.rebuild import edition_text, extract_witness
from tei_encoder.publish.report import apparatus_counts, document_report, format_table
from tei_encoder.publish.transform import reading_page
from tei_encoder.publish.write import write_atomic_set
from tei_encoder.readers.formats import page_files
from tei_encoder.readers.text import ReadOptions
from tei_encoder.validation.safexml import parse_root, read_tei
from tei_encoder.validation.validator import Validator

ENCODE_EXITS = exit_codes(
    (0, "all inputs encoded, valid, written"),
    (1, "an encoding did not validate (its errors are printed; it was not written)"),
    (2, USAGE), (3, UNREADABLE), (4, UNWRITABLE))
WITNESS_EXITS = exit_codes(
    (0, "the copy written"),
    (1, "the copy's own TEI (--format tei) did not validate; nothing written"),
    (2, USAGE), (3, "the TEI could not be read, is not TEI, or has no such copy"), (4, UNWRITABLE))


@click.command("encode", epilog=ENCODE_EXITS)
@click.argument("inputs", nargs=-1)
@click.option("--sample", is_flag=True, help="Encode the bundled sample memo (13 November 1962).")
@click.option("-o", "--output", default=None,
              help="Output file (one input), directory, or '-' for standard output. Default: output/<name>.xml")
@batch_options
@reading_options
@text_options
@metadata_options
@facsimile_options
@click.option("--html", "with_html", is_flag=True, help="Also write the reading page (<name>.html) beside the XML.")
@click.option("--report", is_flag=True, help="Print a table of what was found per copy (to stderr).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON to stdout.")
@max_size_option
def encode_command(inputs, sample, output, pattern, jobs, resume, quiet, group_copies, engine, scheduler, time_limit,
                   separator, encoding, input_format, metadata_file, layout, merge, no_corrections, base, with_html,
                   report, as_json, max_bytes, **header) -> None:
    """Encode OCR text files as TEI P5.

    INPUT: files, directories (searched recursively for --glob), glob patterns. Each
    file may hold several copies of the memo, split at separator lines
    ("ALTERNATE COPY FOLLOWS"); with --merge, the files themselves are copies of
    one memo. An INPUT is OCR text, or an OCR engine's hOCR, ALTO or PAGE XML (told
    from the content; --format forces it); PAGE1+PAGE2+... is one copy made of
    these page files, in this order; such input links every line to its page
    image (facsimile, --images, --zones, --iiif-manifest). By default the copies
    are merged into one text with a critical apparatus (parallel segmentation). Every result is validated against the
    project schema before it is written; an invalid result is not written.

    With an output directory, the inputs are a batch: -j worker processes, the
    input tree mirrored under the directory, one bad input recorded and the rest
    encoded (the exit code is the highest over the inputs), and DIR/manifest.jsonl
    recording each input as it finishes (--resume skips those already done).
    """
    arguments = _arguments(inputs, sample)
    _check_output(output)
    batch = BatchOptions(jobs, resume, quiet, engine, scheduler, group_copies, time_limit)
    read = ReadOptions(encoding, separator, input_format, header.pop("dpi"))
    with exit_on_error():
        facsimile = facsimile_settings(header.pop("images"), header.pop("zones"), header.pop("iiif_manifest"),
                                       max_bytes)
    single_run = not is_batch(output)  # -o FILE.xml or -o -; else a batch to a directory or URL
    paths = _single_run_inputs(arguments, output, pattern, merge, batch, with_html or as_json) if single_run else []
    with exit_on_error():
        metadata = header_metadata(metadata_file, header, max_bytes)
    settings = Settings(metadata, read, layout, with_html, report or as_json, max_bytes, facsimile,
                        ReadingOptions(not no_corrections, base))
    request = EncodeRequest(tuple(arguments), output, pattern, merge, settings, batch, report, as_json)
    if single_run:
        _encode_files(request, paths)
    else:
        run_batch(request)


def _arguments(inputs: tuple[str, ...], sample: bool) -> list[str]:
    arguments = [*inputs, str(SAMPLE_MEMO)] if sample else list(inputs)
    if not arguments:
        raise click.UsageError("give at least one INPUT file, or --sample")
    return arguments


def _single_run_inputs(arguments: list[str], output: str | None, pattern: str, merge: bool, batch: BatchOptions,
                       beside_the_tei: bool) -> list[Path | str]:
    """The inputs of a run without an output directory (-o FILE.xml or -o -), or a usage
    error when its options need a batch or more outputs than it has. beside_the_tei: --html
    or --json, which need the TEI elsewhere than on standard output."""
    if batch.asks_for_a_batch:
        raise click.UsageError("--resume, --group-copies, --engine dask and --time-limit need -o DIR (batches only)")
    # A URL stays a URL (read through batch.store); Path() would make file:///a "file:/a".
    paths = [found.path if "://" in found.path else Path(found.path) for found in find_inputs(arguments, pattern)]
    if output == "-" and len(paths) > 1 and not merge:
        raise click.UsageError("several inputs cannot share standard output (one TEI document each): "
                               "give -o DIR, or --merge if they are copies of one memo")
    if output == "-" and beside_the_tei:
        raise click.UsageError("--json and --html need -o FILE or DIR (standard output holds the TEI)")
    if output and output != "-" and len(paths) > 1 and not merge and Path(output).suffix == ".xml":
        raise click.UsageError("several inputs need an output directory, not one file (or --merge)")
    return paths


def _encode_files(request: EncodeRequest, paths: list[Path | str]) -> None:
    """Each input (or, with --merge, all of them as one memo) encoded, validated and written
    in turn; one that does not validate is reported and left out, and the run exits 1."""
    reports, failed = [], False
    with exit_on_error():
        validator = Validator()
        for group in ([paths] if request.merge else [[path] for path in paths]):
            found = _encode_group(request, group, validator)
            if found is None:
                failed = True
            else:
                reports.append(found)
    if request.as_json:
        click.echo(json.dumps({"documents": reports}, indent=2, ensure_ascii=False))
    if failed:
        sys.exit(EXIT_INVALID)


def _encode_group(request: EncodeRequest, group: list[Path | str], validator: Validator) -> dict | None:
    """One TEI document from the copies in group: written (with its reading page, with
    --html), its report returned; None when it did not validate (its errors printed)."""
    settings = request.settings
    inputs_read = [(read_input(path, settings.max_bytes), str(path)) for path in group]
    try:
        document, xml = encode(inputs_read, validator, settings.metadata, settings.read, settings.layout,
                               settings.facsimile, settings.text)
    except InvalidEncoding as exc:
        click.echo(str(exc), err=True)
        return None
    target = _target(group[0], request.output)
    if settings.html:  # both or neither: the page is made before anything is written
        write_atomic_set([(target, xml), (target.with_suffix(".html"), reading_page(xml, str(target)))])
    else:
        write_output(target, xml)
    apparatus = apparatus_counts(xml) if settings.layout == "merged" else None
    found = document_report(document, str(target) if target else "-", apparatus)
    if request.table:
        click.echo(format_table(found), err=True)
    return found


@click.command("witness", epilog=WITNESS_EXITS)
@click.argument("tei_file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--wit", "sigil", default=None, help="The copy to rebuild: its sigil (A, B, ...).")
@click.option("-r", "--reading", is_flag=True,
              help="Instead of a copy, the reading text: each variant's preferred reading (lem), corrections "
                   "applied, page furniture and noise left out, one block per line.")
@click.option("--format", "form", type=click.Choice(["text", "tei"]), default="text", show_default=True,
              help="text: the copy's text, line by line; tei: a TEI transcription of that copy alone.")
@click.option("-o", "--output", default="-", show_default=True, help="Output file, or '-' for standard output.")
@max_size_option
def witness_command(tei_file, sigil, reading, form, output, max_bytes) -> None:
    """Rebuild one copy from a TEI file written by `encode` (either layout).

    The text is the copy's own reading everywhere, its page furniture included,
    one typescript line per line; --format tei gives the same copy as a TEI
    document of its own, without apparatus. --reading gives the edition text
    instead: the text to read and index, better than any one copy.
    """
    if reading == (sigil is not None):
        raise click.UsageError("give --wit SIGIL (a copy) or --reading (the reading text), not both")
    if reading and form == "tei":
        raise click.UsageError("--reading writes text only (the TEI itself holds the reading: its lem and corr)")
    with exit_on_error():
        tree = read_tei(tei_file, max_bytes)
        if reading:
            data = edition_text(tree, str(tei_file))
        else:
            data = extract_witness(tree, sigil, form, str(tei_file))
        if form == "tei":  # a new document: it is checked like every other output
            source = f"{tei_file} (copy {sigil})"
            Validator().validate(parse_root(data, source).getroottree(), source=source)
        write_output(None if output == "-" else Path(output), data)


def _check_output(output: str | None) -> None:
    """-o is '-', FILE.xml or a directory. A name with another extension ("out.txt") is
    taken for a slip, not made a directory: a directory that does not exist yet is
    given as DIR/ or without an extension."""
    if output in (None, "-") or output.endswith(("/", os.sep)) or Path(output).is_dir():
        return
    suffix = Path(output).suffix
    if "://" in output and suffix.lower() == ".xml":
        raise click.UsageError(f"-o {output}: a URL output is a batch's output folder, not one TEI file: "
                               f"give a local FILE.xml, or write {output}/ for a folder of that name")
    if suffix and suffix.lower() != ".xml":
        raise click.UsageError(f"-o {output}: a TEI file is named FILE.xml; for a new directory of that "
                               f"name write {output}/")


def _target(path: Path | str, output: str | None) -> Path | None:
    if output == "-":
        return None
    name = Path(page_files(str(path))[0]).with_suffix(".xml").name
    if output is None:
        return Path("output") / name
    out = Path(output)
    if out.suffix.lower() == ".xml" and not out.is_dir():
        return out
    return out / name
