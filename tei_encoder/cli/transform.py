"""`transform`: XSLT 1.0 over a TEI file, a bundled stylesheet or the user's."""

from __future__ import annotations

from pathlib import Path

import click

from tei_encoder.cli.common import UNWRITABLE, USAGE, exit_codes, exit_on_error, max_size_option, write_output
from tei_encoder.publish.transform import BUNDLED, check_witness, load_stylesheet, transform, transform_limited
from tei_encoder.validation.safexml import read_tei

TRANSFORM_EXITS = exit_codes(
    (0, "the result written"), (2, USAGE),
    (3, "the TEI or the stylesheet could not be read, compiled or run (FILE:LINE: message)"), (4, UNWRITABLE))


@click.command("transform", epilog=TRANSFORM_EXITS)
@click.argument("tei_file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--xsl", "stylesheet", default="html", show_default=True,
              help="html (the reading page), text (one copy's text; --param wit=B), "
                   "or the path of any XSLT 1.0 stylesheet.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="A stylesheet parameter (a string).")
@click.option("-o", "--output", default="-", show_default=True, help="Output file, or '-' for standard output.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60, show_default=True,
              help="Stop a stylesheet of yours that runs longer than this many seconds (exit 3).")
@max_size_option
def transform_command(tei_file, stylesheet, params, output, timeout, max_bytes) -> None:
    """Transform a TEI file with XSLT 1.0 (lxml): the bundled stylesheets or yours.

    Stylesheets may read files but never write files or use the network; yours
    are stopped after --timeout seconds. Exit 3 when the TEI or the stylesheet
    cannot be read, compiled or run, or (bundled stylesheets) the TEI is not
    tei-encoder's or has no such copy.
    """
    values = {}
    for param in params:
        name, sep, value = param.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{param!r} is not NAME=VALUE", param_hint="--param")
        values[name] = value
    with exit_on_error():
        tree = read_tei(tei_file, max_bytes)
        sheet = load_stylesheet(stylesheet, max_bytes)
        if stylesheet in BUNDLED:  # ours: known to end; they read tei-encoder's TEI only
            check_witness(tree, values.get("wit"), str(tei_file))
            result = transform(tree, sheet, values, str(tei_file), f"tei-to-{stylesheet}.xsl")
        else:
            result = transform_limited(tree, sheet, values, str(tei_file), stylesheet, timeout)
        write_output(None if output == "-" else Path(output), result)
