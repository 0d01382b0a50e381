"""The command line. Thin: options in, pipeline called, exceptions -> exit codes.

Each command lives in its own module and is imported only when it runs (or when its own
help is asked for), so that a command pays at start-up for what it uses and nothing
else: `transform` needs lxml, not xmlschema or bagit. The table below is the one list
of commands; it also holds each command's one-line help, so that `tei-encoder --help`
imports none of them (a test keeps the lines equal to the commands' own).
"""

from __future__ import annotations

import importlib

import click

from tei_encoder import __version__

# name -> (module, attribute, the first sentences of the command's help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "encode": ("tei_encoder.cli.encode", "encode_command", "Encode OCR text files as TEI P5."),
    "witness": ("tei_encoder.cli.encode", "witness_command",
                "Rebuild one copy from a TEI file written by `encode` (either layout)."),
    "validate": ("tei_encoder.cli.validate", "validate_command",
                 "Validate TEI files (any TEI, not only tei-encoder's) against the schemas and rules: files, "
                 "directories, or '-' for standard input."),
    "transform": ("tei_encoder.cli.transform", "transform_command",
                  "Transform a TEI file with XSLT 1.0 (lxml): the bundled stylesheets or yours."),
    "package": ("tei_encoder.cli.package", "package_command",
                "Encode INPUT (copies of one memo, or one file) and deposit it as a BagIt bag: data/ holds the TEI, "
                "the reading page, the OCR text and the schemas, with a SHA-256 manifest and bag-info.txt."),
    "report": ("tei_encoder.cli.report", "report_command",
               "Summarise a batch from its manifest.jsonl (or the directory that holds it): totals, failures by "
               "kind, the slowest files."),
}

EPILOG = """\b
Exit codes: each command lists its own (tei-encoder COMMAND --help).
"""


class LazyGroup(click.Group):
    """A group whose commands are imported on first use, from COMMANDS."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attribute, _ = COMMANDS[name]
        return getattr(importlib.import_module(module), attribute)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # The stored one-line helps: listing the commands must not import them.
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [(name, _short(help_line, limit)) for name, (_, _, help_line) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _short(text: str, limit: int) -> str:
    """The first sentence, cut at a word to fit the listing's width."""
    sentence = text.split(". ")[0]
    if len(sentence) <= limit:
        return sentence
    return sentence[: max(limit - 3, 1)].rsplit(" ", 1)[0] + "..."


@click.group(cls=LazyGroup, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tei-encoder")
def main() -> None:
    """Turn OCR'd typewritten memos into archive-ready TEI P5 XML.

    \b
    Try it on the bundled sample memo:
      tei-encoder encode --sample --report
    """
