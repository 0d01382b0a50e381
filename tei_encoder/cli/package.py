"""`package`: a memo as a BagIt bag for deposit, and `package --verify`."""

from __future__ import annotations

from pathlib import Path

import click

from tei_encoder.cli.common import (
    SAMPLE_MEMO,
    UNREADABLE,
    USAGE,
    exit_codes,
    exit_on_error,
    max_size_option,
    read_input,
)
from tei_encoder.cli.options import DEPOSIT_ALIAS, header_metadata, metadata_options, package_reading_options
from tei_encoder.pipeline import encode
from tei_encoder.publish.package import LAYOUTS, Payload, bag_info, make_package, verify_package
from tei_encoder.publish.transform import reading_page
from tei_encoder.readers.text import ReadOptions
from tei_encoder.validation.safexml import parse_root
from tei_encoder.validation.validator import Validator

# The bag holds the schemas under data/schema/, beside the TEI: its xml-model lines point there
# unless --schema-href / --rng-href say otherwise (a --metadata file's hrefs do not count).
BAG_SCHEMA_HREFS = {"schema_href": "schema/tei-memo.xsd", "rng_href": "schema/tei_all.rng"}

PACKAGE_EXITS = exit_codes(
    (0, "bag written (with --verify: the bag is valid)"),
    (1, "the encoding did not validate (no bag written), or --verify found the bag invalid"),
    (2, USAGE), (3, UNREADABLE), (4, "the bag could not be written (the target exists, or the disk refused)"))


@click.command("package", epilog=PACKAGE_EXITS)
@click.argument("inputs", nargs=-1, type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("-o", "--output", "target", type=click.Path(path_type=Path),
              help="The bag to create: a new directory.")
@click.option("--verify", "verify", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Check an existing bag instead (checksums, completeness); exit 1 if it is not valid.")
@click.option("--sample", is_flag=True, help="Package the bundled sample memo (13 November 1962).")
@click.option("--deposit", "deposit_layout", type=click.Choice(LAYOUTS), default=None,
              help="bag (default): a BagIt bag; archivematica: an Archivematica standard transfer (objects/, "
                   "metadata/, metadata/submissionDocumentation/). --layout stays the TEI's layout.")
@click.option("--source-organization", help="bag-info Source-Organization.")
@click.option("--contact-email", help="bag-info Contact-Email.")
@click.option("--external-identifier", help="bag-info External-Identifier (default: --idno).")
@click.option("--external-description", help="bag-info External-Description (default: from the title).")
@package_reading_options
@metadata_options
@max_size_option
def package_command(inputs, target, verify, sample, deposit_layout, source_organization, contact_email,
                    external_identifier,
                    external_description, separator, encoding, input_format, metadata_file, layout, merge,
                    max_bytes, **meta) -> None:
    """Encode INPUT (copies of one memo, or one file) and deposit it as a BagIt bag:
    data/ holds the TEI, the reading page, the OCR text and the schemas, with a
    SHA-256 manifest and bag-info.txt. --verify BAG checks a bag.
    """
    with exit_on_error():
        layout, deposit_layout = _layouts(layout, deposit_layout)
        if verify is not None:
            if inputs or target:
                raise click.UsageError("--verify takes a bag alone")
            verify_package(verify)
            click.echo(f"{verify}: valid bag")
            return
        if sample:
            if inputs:
                raise click.UsageError("--sample takes no INPUT")
            inputs = (SAMPLE_MEMO,)
        if not inputs or target is None:
            raise click.UsageError("give INPUT file(s) (or --sample) and -o BAG (or --verify BAG)")
        if len(inputs) > 1 and not merge:
            raise click.UsageError("several inputs are packaged as copies of one memo: add --merge")
        names = [p.name for p in inputs]
        if len(set(names)) < len(names):  # data/ocr/ holds each by its name: one would replace another
            raise click.UsageError(f"two inputs are named {next(n for n in names if names.count(n) > 1)!r}: "
                                   "the bag keeps each OCR file under its name; rename one")
        metadata = header_metadata(metadata_file, meta, max_bytes, BAG_SCHEMA_HREFS)
        originals = [(read_input(p, max_bytes), p) for p in inputs]
        document, xml = encode([(data, str(p)) for data, p in originals], Validator(), metadata,
                               ReadOptions(encoding, separator, input_format), layout)
        name = inputs[0].stem
        payload = Payload(name, xml, reading_page(xml, name), tuple(_ocr_files(originals)))
        fields = {"Source-Organization": source_organization or metadata.publisher,
                  "Contact-Email": contact_email, "External-Identifier": external_identifier,
                  "External-Description": external_description}
        title = parse_root(xml, f"{name}.xml").findtext(".//{http://www.tei-c.org/ns/1.0}title")
        make_package(target, payload, bag_info(fields, title, metadata.identifier), deposit_layout)
        copies = len(document.witnesses)
        what = "bag" if deposit_layout == "bag" else "Archivematica transfer"
        held = f"{copies} {'copy' if copies == 1 else 'copies'}"
        click.echo(f"{target}: {what} written ({len(inputs)} OCR file(s), {held})")


def _layouts(layouts: tuple[str, ...], deposit: str | None) -> tuple[str, str]:
    """The TEI's layout and the deposit's, from --layout (given at most once; `archivematica`
    is --deposit archivematica with the TEI merged) and --deposit."""
    if len(layouts) > 1:
        raise click.UsageError(f"--layout given {len(layouts)} times ({', '.join(layouts)}): give the TEI's "
                               "layout with --layout and the deposit with --deposit, e.g. "
                               "--layout copies --deposit archivematica")
    layout = layouts[0] if layouts else "merged"
    if layout != DEPOSIT_ALIAS:
        return layout, deposit or "bag"
    if deposit == "bag":
        raise click.UsageError("--layout archivematica writes an Archivematica transfer, --deposit bag a bag: "
                               "give one of them")
    return "merged", "archivematica"


def _ocr_files(originals) -> list[tuple[str, bytes]]:
    """(name, bytes) of every OCR file as it was read for the encoding (an INPUT of page
    files, PAGE1+PAGE2, gives each of its files)."""
    files = []
    for data, path in originals:
        parts = [(data, str(path))] if isinstance(data, bytes) else list(data)
        files += [(Path(part).name, part_data) for part_data, part in parts]
    return files
