"""The command line. Thin: options in, pipeline called, exceptions -> exit codes.

Exit codes: 0 success; 1 an encoding was not valid (nothing written for it);
2 usage error; 3 input unreadable or undecodable; 4 output not writable.
"""

from __future__ import annotations

import click

from tei_encoder import __version__
from tei_encoder.cli.common import EPILOG
from tei_encoder.cli.encode import encode_command, witness_command
from tei_encoder.cli.package import package_command
from tei_encoder.cli.transform import transform_command
from tei_encoder.cli.validate import validate_command


@click.group(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tei-encoder")
def main() -> None:
    """Turn OCR'd typewritten memos into archive-ready TEI P5 XML.

    \b
    Try it on the bundled sample memo:
      tei-encoder encode --sample --report
    """


for command in (encode_command, witness_command, validate_command, transform_command, package_command):
    main.add_command(command)
