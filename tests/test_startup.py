"""Every command starts fast: it imports what it uses and nothing else, and its help
lists its own exit codes.

What a command imports is checked in a fresh interpreter (this test process has
imported everything already), by the modules left in sys.modules after the command ran.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import click
import pytest
from click.testing import CliRunner

from tei_encoder.cli import COMMANDS, main
from tests.conftest import SEED

# What only some commands need, and what each costs at start-up if imported anyway.
HEAVY = ("xmlschema", "bagit", "rapidfuzz", "concurrent.futures", "tei_encoder.pipeline", "tei_encoder.model")


def imported_after(args: list[str]) -> set[str]:
    """The modules a fresh interpreter holds after running `tei-encoder ARGS`."""
    program = textwrap.dedent(f"""
        import json, sys
        from click.testing import CliRunner
        from tei_encoder.cli import main
        result = CliRunner().invoke(main, {args!r})
        assert result.exit_code == 0, result.output
        print(json.dumps(sorted(sys.modules)))
    """)
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout.splitlines()[-1]))


def heavy_in(modules: set[str]) -> set[str]:
    return {name for name in HEAVY if name in modules}


def test_help_imports_no_command():
    modules = imported_after(["--help"])
    assert heavy_in(modules) == set()
    assert not any(name.startswith("tei_encoder.cli.") for name in modules)


@pytest.mark.parametrize("name", ["encode", "witness", "validate", "transform", "package", "report"])
def test_a_commands_help_imports_none_of_what_it_runs_on(name):
    # Help is read before anything runs: no schema engine, no bag writer, no workers.
    assert heavy_in(imported_after([name, "--help"])) & {"xmlschema", "bagit", "concurrent.futures"} == set()


def test_transform_imports_only_what_it_uses(tmp_path):
    encoded = tmp_path / "seed.xml"
    assert CliRunner().invoke(main, ["encode", str(SEED), "-o", str(encoded)]).exit_code == 0
    modules = imported_after(["transform", str(encoded), "--xsl", "html", "-o", str(tmp_path / "seed.html")])
    assert heavy_in(modules) == set()
    assert (tmp_path / "seed.html").read_bytes().startswith(b"<!DOCTYPE html")


def test_validate_with_libxml2_never_imports_xmlschema(tmp_path):
    encoded = tmp_path / "seed.xml"
    assert CliRunner().invoke(main, ["encode", str(SEED), "-o", str(encoded)]).exit_code == 0
    modules = imported_after(["validate", str(encoded), "--engine", "libxml2", "-j", "1"])
    assert "xmlschema" not in modules and "bagit" not in modules


def test_a_validator_imports_xmlschema_only_when_it_checks(seed_tree):
    program = textwrap.dedent("""
        import sys
        from tei_encoder.validation.validator import Validator
        validator = Validator()
        print("xmlschema" in sys.modules)
    """)
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_the_command_table_lists_every_command_with_its_own_first_help_sentences():
    for name, (_, _, line) in COMMANDS.items():
        command = main.get_command(click.Context(main), name)
        assert command is not None and command.name == name
        first_paragraph = " ".join(command.help.split("\n\n")[0].split())
        assert line.endswith(".") and first_paragraph.startswith(line), name
    listing = CliRunner().invoke(main, ["--help"]).output
    assert all(name in listing for name in COMMANDS)


@pytest.mark.parametrize("name, own, foreign", [
    ("encode", "an encoding did not validate", "every file is valid"),
    ("witness", "has no such copy", "an encoding did not validate"),
    ("validate", "every file is valid", "an output could not be written"),
    ("transform", "stylesheet could not be read", "an encoding did not validate"),
    ("package", "found the bag invalid", "every file is valid"),
])
def test_each_command_lists_its_own_exit_codes(name, own, foreign):
    output = " ".join(CliRunner().invoke(main, [name, "--help"]).output.split())
    assert "Exit codes" in output
    assert own in output and foreign not in output


def test_unknown_command_is_a_usage_error():
    result = CliRunner().invoke(main, ["encdoe"])
    assert result.exit_code == 2 and "No such command" in result.output


def test_encoding_plain_text_imports_no_engine_reader_and_no_xmlschema(tmp_path):
    # A valid result is decided by libxml2; xmlschema only words a failure.
    modules = imported_after(["encode", str(SEED), "-o", str(tmp_path / "seed.xml")])
    assert "xmlschema" not in modules and "bagit" not in modules
    assert not {"tei_encoder.readers.hocr", "tei_encoder.readers.alto", "tei_encoder.readers.pagexml"} & modules
