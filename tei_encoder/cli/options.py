"""The options encode and package share: how the OCR input is read, and the header
facts the OCR does not hold."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import click

from tei_encoder.readers.ocr import FORMATS
from tei_encoder.readers.text import DEFAULT_SEPARATOR
from tei_encoder.tei.document import LAYOUTS


def _separator(ctx, param, value: str) -> str:
    """A pattern that compiles and does not match an empty line (it would split at every line)."""
    try:
        pattern = re.compile(value, re.IGNORECASE)
    except re.error as exc:
        raise click.BadParameter(f"not a regular expression: {exc}") from None
    if pattern.search(""):
        raise click.BadParameter(f"{value!r} matches an empty line: every line would start a copy")
    return value


def _encoding(ctx, param, value: str | None) -> str | None:
    if value is not None:
        try:
            codecs.lookup(value)
        except LookupError:
            raise click.BadParameter(f"no such encoding: {value!r}") from None
    return value


def reading_options(command):
    """How the OCR input is read: shared by encode and package."""
    return _reading_options(command, click.option(
        "--layout", type=click.Choice(LAYOUTS), default="merged", show_default=True,
        help="merged: one text, the copies' differences in an apparatus (app/rdg); "
             "copies: one transcription per copy."))


# The issue that asked for Archivematica transfers named them `package --layout
# archivematica`; the option that chooses them is --deposit, since --layout is the TEI's
# layout. package accepts the spelling too, given alone (cli/package.py).
DEPOSIT_ALIAS = "archivematica"


def package_reading_options(command):
    """reading_options for package: --layout may also be `archivematica`, the same as
    --deposit archivematica (with the TEI merged); given more than once it is an error."""
    return _reading_options(command, click.option(
        "--layout", type=click.Choice((*LAYOUTS, DEPOSIT_ALIAS)), multiple=True,
        help="merged (default): one text, the copies' differences in an apparatus (app/rdg); copies: "
             "one transcription per copy; archivematica: the same as --deposit archivematica."))


def _reading_options(command, layout_option):
    for option in reversed([
        click.option("--separator", default=DEFAULT_SEPARATOR, show_default=True, callback=_separator,
                     help="Regular expression (case-insensitive) for the line that starts another copy."),
        click.option("--encoding", default=None, callback=_encoding,
                     help="Decode the input with this encoding instead of strict UTF-8."),
        click.option("--format", "input_format", type=click.Choice(FORMATS), default=None,
                     help="Read every INPUT as this format (default: told from the content): text, hocr "
                          "(tesseract's hOCR), alto (ALTO v2-v4), page (PAGE XML 2013/2019)."),
        layout_option,
        click.option("--merge", is_flag=True,
                     help="The INPUT files are copies of one memo: write one TEI with a witness per copy."),
    ]):
        command = option(command)
    return command


def text_options(command):
    """How the reading text is made (tei_encoder.reading): options of encode."""
    for option in reversed([
        click.option("--no-corrections", is_flag=True,
                     help="Do not mark OCR non-words near a word as choice/sic/corr."),
        click.option("--base", default=None, metavar="SIGIL",
                     help="The copy whose readings the reading text follows where the typescripts differ "
                          "(default: the copy whose OCR is most plausible overall)."),
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


XML_MODEL_HREFS = ("schema_href", "rng_href")


def header_metadata(metadata_file: Path | None, header: dict, max_bytes: int, hrefs: dict | None = None):
    """The Metadata of metadata_options: `header` (the options, by field) over the
    --metadata file. An xml-model href left empty takes hrefs' (package: the bag's own
    schema/), else the file's, else Metadata's default."""
    from tei_encoder.readers.metadata import load_metadata

    hrefs = hrefs or {}
    overrides = {key: (value or hrefs.get(key)) if key in XML_MODEL_HREFS else value for key, value in header.items()}
    return load_metadata(metadata_file, overrides, max_bytes)


IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".jp2", ".webp", ".gif")


def facsimile_options(command):
    """How the TEI links to the page images, for input from an OCR engine (encode)."""
    for option in reversed([
        click.option("--images", "images", default=None, metavar="DIR",
                     help="Where the page images are, as the TEI should name them (a directory relative to "
                          "the TEI, or a URL prefix): graphic/@url is DIR/<the image the OCR file names>, or "
                          "DIR's images in name order when the OCR file names none."),
        click.option("--zones", type=click.Choice(["lines", "words"]), default="lines", show_default=True,
                     help="A facsimile zone per line, or per line and word."),
        click.option("--dpi", "dpi", type=click.FloatRange(min=1, max=100000), default=None, metavar="N",
                     help="The scans' resolution in pixels per inch, for ALTO measured in mm10 or inch1200 "
                          "(default: from the page image beside the ALTO file, else the zones keep the "
                          "file's units)."),
        click.option("--iiif-manifest", "iiif_manifest", default=None, metavar="FILE|URL",
                     help="A IIIF Presentation (2 or 3) manifest, a file or an http(s) URL: the pages, in "
                          "order, are its canvases (surface/@sameAs), their images its images' Image API "
                          "full-size URLs (graphic/@url). A URL is fetched once, within --max-size and "
                          "30 seconds."),
    ]):
        command = option(command)
    return command


def facsimile_settings(images: str | None, zones: str, manifest: str | None, max_bytes: int):
    """The FacsimileOptions of those options: the image directory listed (when local),
    the manifest read (from a file or a URL, within max_bytes)."""
    from tei_encoder.model import FacsimileOptions
    from tei_encoder.readers.bounded import read_bounded
    from tei_encoder.readers.iiif import read_manifest
    from tei_encoder.readers.remote import fetch_bounded, is_url

    files: tuple[str, ...] = ()
    if images and "://" not in images and Path(images).is_dir():
        files = tuple(sorted(p.name for p in Path(images).iterdir() if p.suffix.lower() in IMAGE_SUFFIXES))
    canvases = ()
    if manifest is not None:
        if is_url(manifest):
            data = fetch_bounded(manifest, max_bytes, accept="application/ld+json, application/json;q=0.9, */*;q=0.1")
        else:
            data = read_bounded(manifest, max_bytes)
        canvases = read_manifest(data, str(manifest))
    return FacsimileOptions(zones, images.rstrip("/") if images else None, files, canvases)
