"""The command line. Thin: options in, pipeline called, exceptions -> exit codes.

Exit codes: 0 success; 1 an encoding was not valid (nothing written for it);
2 usage error; 3 input unreadable or undecodable; 4 output not writable.
"""

from __future__ import annotations

import json
import os
import sys
from importlib import resources
from pathlib import Path

import click
from lxml import etree

from tei_encoder import __version__
from tei_encoder.check import check_files, expand, parse_size
from tei_encoder.errors import EXIT_INVALID, EncoderError, InvalidEncoding
from tei_encoder.findings import render
from tei_encoder.metadata import load_metadata
from tei_encoder.package import Payload, bag_info, make_package, verify_package
from tei_encoder.pipeline import encode
from tei_encoder.read import DEFAULT_SEPARATOR, ReadOptions
from tei_encoder.rebuild import extract_witness, read_tei
from tei_encoder.report import apparatus_counts, document_report, format_table
from tei_encoder.tei import LAYOUTS
from tei_encoder.transform import load_stylesheet, reading_page, transform
from tei_encoder.validate import ENGINES, Validator
from tei_encoder.write import write_atomic

SAMPLE = "assurances-1962-11-13.txt"

EPILOG = """\b
Exit codes:
  0  all inputs encoded, valid, written
  1  an encoding did not validate (its errors are printed; it was not written)
  2  usage error (bad option or argument)
  3  an input could not be read or decoded (file:line: message)
  4  an output could not be written
"""


@click.group(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tei-encoder")
def main() -> None:
    """Turn OCR'd typewritten memos into archive-ready TEI P5 XML.

    \b
    Try it on the bundled sample memo:
      tei-encoder encode --sample --report
    """


def reading_options(command):
    """How the OCR input is read: shared by encode and package."""
    for option in reversed([
        click.option("--separator", default=DEFAULT_SEPARATOR, show_default=True,
                     help="Regular expression (case-insensitive) for the line that starts another copy."),
        click.option("--encoding", default=None, help="Decode the input with this encoding instead of strict UTF-8."),
        click.option("--layout", type=click.Choice(LAYOUTS), default="merged", show_default=True,
                     help="merged: one text, the copies' differences in an apparatus (app/rdg); "
                          "copies: one transcription per copy."),
        click.option("--merge", is_flag=True,
                     help="The INPUT files are copies of one memo: write one TEI with a witness per copy."),
    ]):
        command = option(command)
    return command


def metadata_options(command):
    """What the OCR does not say, for the TEI header: shared by encode and package."""
    for option in reversed([
        click.option("--metadata", "metadata_file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
                     help="TOML file with a [tei] table: repository, collection, publisher, licence, ..."),
        click.option("--title", help="Title for the header (default: the memo's own heading)."),
        click.option("--author"),
        click.option("--repository", help="Holding archive (msIdentifier/repository)."),
        click.option("--collection"),
        click.option("--publisher", help="Publisher of the encoding."),
        click.option("--licence", help="Licence of the encoding, e.g. 'CC BY 4.0'."),
        click.option("--licence-url", help="URL of the licence."),
        click.option("--idno", "identifier", help="Persistent identifier of the encoding."),
        click.option("--date", help="Date of the encoding, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else none)."),
        click.option("--schema-href", help="href of the xml-model line for the project XSD."),
        click.option("--rng-href", help="href of the xml-model line for tei_all.rng."),
    ]):
        command = option(command)
    return command


@main.command("encode", epilog=EPILOG)
@click.argument("inputs", nargs=-1, type=click.Path(dir_okay=False, allow_dash=False, path_type=Path))
@click.option("--sample", is_flag=True, help="Encode the bundled sample memo (13 November 1962).")
@click.option("-o", "--output", default=None,
              help="Output file (one input), directory, or '-' for standard output. Default: output/<name>.xml")
@reading_options
@metadata_options
@click.option("--html", "with_html", is_flag=True, help="Also write the reading page (<name>.html) beside the XML.")
@click.option("--report", is_flag=True, help="Print a table of what was found per copy (to stderr).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON to stdout.")
def encode_command(inputs, sample, output, separator, encoding, metadata_file, layout, merge, with_html, report,
                   as_json, **meta) -> None:
    """Encode OCR text files as TEI P5.

    Each file may hold several copies of the memo, split at separator lines
    ("ALTERNATE COPY FOLLOWS"); with --merge, the files themselves are copies of
    one memo. By default the copies are merged into one text with a critical
    apparatus (parallel segmentation). Every result is validated against the
    project schema before it is written; an invalid result is not written.
    """
    paths = list(inputs)
    if sample:
        paths.append(Path(str(resources.files("tei_encoder") / "data" / SAMPLE)))
    if not paths:
        raise click.UsageError("give at least one INPUT file, or --sample")
    if output == "-" and (as_json or with_html):
        raise click.UsageError("--json and --html need -o FILE or DIR (standard output holds the TEI)")
    if output and output != "-" and len(paths) > 1 and not merge and Path(output).suffix == ".xml":
        raise click.UsageError("several inputs need an output directory, not one file (or --merge)")
    hrefs = {k: meta.pop(k) for k in ("schema_href", "rng_href")}
    try:
        metadata = load_metadata(metadata_file, {**meta, **{k: v for k, v in hrefs.items() if v}})
        options = ReadOptions(encoding, separator)
        validator = Validator()
        reports, failed = [], False
        for group in ([paths] if merge else [[path] for path in paths]):
            inputs_read = [(_read(path), str(path)) for path in group]
            try:
                document, xml = encode(inputs_read, validator, metadata, options, layout)
            except InvalidEncoding as exc:
                click.echo(str(exc), err=True)
                failed = True
                continue
            target = _target(group[0], output)
            _write(target, xml)
            if with_html:
                write_atomic(target.with_suffix(".html"), reading_page(xml, str(target)))
            apparatus = apparatus_counts(xml) if layout == "merged" else None
            found = document_report(document, str(target) if target else "-", apparatus)
            reports.append(found)
            if report:
                click.echo(format_table(found), err=True)
    except EncoderError as exc:
        click.echo(str(exc), err=True)
        sys.exit(exc.exit_code)
    if as_json:
        click.echo(json.dumps({"documents": reports}, indent=2, ensure_ascii=False))
    if failed:
        sys.exit(EXIT_INVALID)


@main.command("witness", epilog=EPILOG)
@click.argument("tei_file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--wit", "sigil", required=True, help="The copy to rebuild: its sigil (A, B, ...).")
@click.option("--format", "form", type=click.Choice(["text", "tei"]), default="text", show_default=True,
              help="text: the copy's text, line by line; tei: a TEI transcription of that copy alone.")
@click.option("-o", "--output", default="-", show_default=True, help="Output file, or '-' for standard output.")
def witness_command(tei_file, sigil, form, output) -> None:
    """Rebuild one copy from a TEI file written by `encode` (either layout).

    The text is the copy's own reading everywhere, its page furniture included,
    one typescript line per line; --format tei gives the same copy as a TEI
    document of its own, without apparatus.
    """
    try:
        tree = read_tei(tei_file)
        data = extract_witness(tree, sigil, form, str(tei_file))
        if form == "tei":  # a new document: it is checked like every other output
            Validator().validate(etree.ElementTree(etree.fromstring(data)), source=f"{tei_file} (copy {sigil})")
        _write(None if output == "-" else Path(output), data)
    except EncoderError as exc:
        click.echo(str(exc), err=True)
        sys.exit(exc.exit_code)


VALIDATE_EPILOG = """\b
Exit codes:
  0  every file is valid
  1  some file is invalid (malformed XML included)
  2  usage error, or an input could not be read (missing, above --max-size)
"""


@main.command("validate", epilog=VALIDATE_EPILOG)
@click.argument("paths", nargs=-1, required=True)
@click.option("--glob", default="*.xml", show_default=True, help="Files to take from a directory (recursively).")
@click.option("--project/--no-project", default=None,
              help="The project schema (tei-memo.xsd). Default: on, unless --tei-all is given alone.")
@click.option("--tei-all", is_flag=True, help="The official TEI P5 tei_all schema (RELAX NG; ~10 s to compile).")
@click.option("--rules/--no-rules", default=True, show_default=True,
              help="The project's rules: ids, pointers, apparatus, pb/@n, date/@when.")
@click.option("--format", "form", type=click.Choice(["text", "json", "junit", "github"]), default="text",
              show_default=True, help="Report for people, JSON, JUnit XML, or GitHub Actions annotations.")
@click.option("-q", "--quiet", is_flag=True, help="Text format: print only the problems, no summary.")
@click.option("--max-size", default="50M", show_default=True, help="Refuse files larger than this (bytes, k, M, G).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for many files (default: the number of CPUs; 1: none).")
@click.option("--engine", type=click.Choice(ENGINES), default="xmlschema", show_default=True,
              help="What checks the project schema: xmlschema, or libxml2 (the same XSD, ~100x faster).")
def validate_command(paths, glob, project, tei_all, rules, form, quiet, max_size, jobs, engine) -> None:
    """Validate TEI files (any TEI, not only tei-encoder's) against the schemas and
    rules: files, directories, or '-' for standard input.

    Parsing is safe: no DTD, no entity expansion, no external entities or XInclude,
    no network. Each problem is reported as FILE:LINE:COL with the check that found it.
    """
    try:
        max_bytes = parse_size(max_size)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--max-size") from None
    project = (not tei_all) if project is None else project
    if not (project or tei_all or rules):
        raise click.UsageError("nothing to check: give --project, --tei-all or --rules")
    check_names = [n for n, on in (("tei-memo.xsd", project), ("tei_all.rng", tei_all), ("rules", rules)) if on]
    names = list(expand(paths, glob))
    jobs = jobs or os.cpu_count() or 1
    settings = {"tei_all": tei_all, "project": project, "rules": rules, "engine": engine}
    results = check_files(names, settings, max_bytes, jobs)
    if not results:
        raise click.UsageError(f"no files matching {glob!r} in {', '.join(paths)}")
    click.echo(render(results, form, check_names, quiet), nl=False)
    statuses = {r.status for r in results}
    sys.exit(2 if "unreadable" in statuses else 1 if "invalid" in statuses else 0)


@main.command("transform", epilog=EPILOG)
@click.argument("tei_file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--xsl", "stylesheet", default="html", show_default=True,
              help="html (the reading page), text (one copy's text; --param wit=B), or the path of any XSLT 1.0 stylesheet.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="A stylesheet parameter (a string).")
@click.option("-o", "--output", default="-", show_default=True, help="Output file, or '-' for standard output.")
def transform_command(tei_file, stylesheet, params, output) -> None:
    """Transform a TEI file with XSLT 1.0 (lxml): the bundled stylesheets or yours.

    Stylesheets may read files but never write files or use the network. Exit 3
    when the TEI or the stylesheet cannot be read, compiled or run.
    """
    values = {}
    for param in params:
        name, sep, value = param.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{param!r} is not NAME=VALUE", param_hint="--param")
        values[name] = value
    try:
        tree = read_tei(tei_file)
        result = transform(tree, load_stylesheet(stylesheet), values, str(tei_file))
        _write(None if output == "-" else Path(output), result)
    except EncoderError as exc:
        click.echo(str(exc), err=True)
        sys.exit(exc.exit_code)


@main.command("package", epilog=EPILOG)
@click.argument("inputs", nargs=-1, type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("-o", "--output", "target", type=click.Path(path_type=Path),
              help="The bag to create: a new directory.")
@click.option("--verify", "verify", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Check an existing bag instead (checksums, completeness); exit 1 if it is not valid.")
@click.option("--source-organization", help="bag-info Source-Organization.")
@click.option("--contact-email", help="bag-info Contact-Email.")
@click.option("--external-identifier", help="bag-info External-Identifier (default: --idno).")
@click.option("--external-description", help="bag-info External-Description (default: from the title).")
@reading_options
@metadata_options
def package_command(inputs, target, verify, source_organization, contact_email, external_identifier,
                    external_description, separator, encoding, metadata_file, layout, merge, **meta) -> None:
    """Encode INPUT (copies of one memo, or one file) and deposit it as a BagIt bag:
    data/ holds the TEI, the reading page, the OCR text and the schemas, with a
    SHA-256 manifest and bag-info.txt. --verify BAG checks a bag.
    """
    try:
        if verify is not None:
            if inputs or target:
                raise click.UsageError("--verify takes a bag alone")
            verify_package(verify)
            click.echo(f"{verify}: valid bag")
            return
        if not inputs or target is None:
            raise click.UsageError("give INPUT file(s) and -o BAG (or --verify BAG)")
        if len(inputs) > 1 and not merge:
            raise click.UsageError("several inputs are packaged as copies of one memo: add --merge")
        hrefs = {k: meta.pop(k) for k in ("schema_href", "rng_href")}
        hrefs = {"schema_href": hrefs["schema_href"] or "schema/tei-memo.xsd",
                 "rng_href": hrefs["rng_href"] or "schema/tei_all.rng"}
        metadata = load_metadata(metadata_file, {**meta, **hrefs})
        document, xml = encode([(_read(p), str(p)) for p in inputs], Validator(), metadata,
                               ReadOptions(encoding, separator), layout)
        name = inputs[0].stem
        payload = Payload(name, xml, reading_page(xml, name), tuple(inputs))
        fields = {"Source-Organization": source_organization or metadata.publisher,
                  "Contact-Email": contact_email, "External-Identifier": external_identifier,
                  "External-Description": external_description}
        title = etree.fromstring(xml).findtext(".//{http://www.tei-c.org/ns/1.0}title")
        make_package(target, payload, bag_info(fields, title, metadata.identifier))
        click.echo(f"{target}: bag written ({len(inputs)} OCR file(s), {len(document.witnesses)} copies)")
    except EncoderError as exc:
        click.echo(str(exc), err=True)
        sys.exit(exc.exit_code)


def _write(target: Path | None, data: bytes) -> None:
    """To a file, atomically; None: to standard output."""
    if target is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomic(target, data)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise EncoderError(f"{path}: error: cannot read: {exc.strerror}") from None


def _target(path: Path, output: str | None) -> Path | None:
    if output == "-":
        return None
    name = path.with_suffix(".xml").name
    if output is None:
        return Path("output") / name
    out = Path(output)
    if out.suffix.lower() == ".xml" and not out.is_dir():
        return out
    return out / name

