"""Inputs an adversary (or an unattended archive run) gives: each of issue 11's findings,
as a test that failed before its fix. Never a traceback, never a runaway read, never a
byte lost or mislabelled; every refusal names the place and has its documented exit code."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from tei_encoder.cli import main
from tests.conftest import SEED


def run(*args, env=None, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env, input=input)


def no_tei_in(folder) -> bool:
    """Nothing was written there (a batch's manifest recording the failure aside)."""
    return not folder.exists() or not [p for p in folder.rglob("*") if p.name != "manifest.jsonl"]


def write(tmp_path, name: str, data: str | bytes):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


# --- 1. a file or a copy holding only a page marker ---------------------------------------

@pytest.mark.parametrize("marker", ["---", "## Page 2", "*****", "--- Page 3 ---", "\f"])
def test_a_file_of_page_markers_only_is_refused_not_a_traceback(tmp_path, marker):
    memo = write(tmp_path, "m.txt", f"{marker}\n\n{marker}\n")
    result = run("encode", memo, "-o", tmp_path / "out")
    assert result.exit_code == 3, result.output
    assert "m.txt: error: the file holds no text" in result.stderr and "page markers" in result.stderr
    assert no_tei_in(tmp_path / "out")


@pytest.mark.parametrize("marker", ["---", "## Page 2", "--- Page 3 ---"])
def test_a_copy_of_page_markers_only_is_no_copy(tmp_path, marker):
    memo = write(tmp_path, "m.txt", f"Some text of the memo.\nALTERNATE COPY FOLLOWS\n{marker}\n")
    result = run("encode", memo, "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("<witness ") == 1


# --- 2. characters XML 1.0 forbids ----------------------------------------------------------

@pytest.mark.parametrize("char", ["\ufffe", "\uffff"])
def test_xml_forbidden_noncharacters_are_refused_with_their_place(tmp_path, char):
    memo = write(tmp_path, "m.txt", f"first line\nsec{char}ond\n")
    result = run("encode", memo, "-o", tmp_path / "out")
    assert result.exit_code == 3, result.output
    assert f"m.txt:2:4: error: U+{ord(char):04X}" in result.stderr
    assert no_tei_in(tmp_path / "out")


@pytest.mark.parametrize("entity", ["&#12;", "&#x0c;", "&#xFFFE;", "&#1;"])
def test_entities_that_decode_to_forbidden_characters_are_refused(tmp_path, entity):
    memo = write(tmp_path, "m.txt", f"first line\n  - a {entity} b\n")
    result = run("encode", memo, "-o", tmp_path / "out")
    assert result.exit_code == 3, result.output
    assert f"m.txt:2:7: error: the entity {entity}" in result.stderr
    assert no_tei_in(tmp_path / "out")


def test_harmless_entities_are_still_decoded(tmp_path):
    memo = write(tmp_path, "m.txt", "Smith &amp; Jones &#39;quoted&#39; &#x41;\n")
    result = run("encode", memo, "-o", "-")
    assert result.exit_code == 0 and "Smith &amp; Jones 'quoted' A" in result.stdout


@pytest.mark.parametrize("option", ["--title", "--author", "--repository", "--publisher", "--idno",
                                    "--licence-url", "--schema-href"])
def test_forbidden_characters_in_metadata_options_are_usage_errors(tmp_path, option):
    result = run("encode", SEED, "-o", tmp_path / "out", option, "bad\x01value")
    assert result.exit_code == 2, result.output
    assert option in result.stderr and "U+0001" in result.stderr
    assert no_tei_in(tmp_path / "out")


def test_forbidden_characters_in_the_metadata_file_name_its_line(tmp_path):
    meta = write(tmp_path, "meta.toml", '[tei]\nrepository = "NARA"\npublisher = "bad\\uFFFEname"\n')
    result = run("encode", SEED, "-o", tmp_path / "out", "--metadata", meta)
    assert result.exit_code == 3, result.output
    assert "meta.toml:3: error: publisher" in result.stderr and "U+FFFE" in result.stderr


# --- 3. bounded reads ---------------------------------------------------------------------

def _cli(*args, stdin=None):
    """The real command in a process of its own: a runaway read cannot take the tests with it."""
    return subprocess.run([sys.executable, "-m", "tei_encoder", *map(str, args)], capture_output=True,
                          stdin=stdin, timeout=120, env={**os.environ, "PYTHONPATH": os.getcwd()})


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
@pytest.mark.parametrize("command", [["encode", "/dev/zero", "-o", "-"], ["validate", "/dev/zero"],
                                     ["witness", "/dev/zero", "--wit", "A"], ["transform", "/dev/zero"],
                                     ["package", "/dev/zero", "-o", "BAG"]])
def test_every_command_stops_reading_a_device_at_its_limit(tmp_path, command):
    command = [str(tmp_path / a) if a == "BAG" else a for a in command]
    result = _cli(*command, "--max-size", "64k")
    assert result.returncode in (2, 3), result.stderr
    assert b"/dev/zero: error: more than 65,536 bytes (--max-size)" in result.stdout + result.stderr


def test_standard_input_is_bounded_too(tmp_path):
    result = run("validate", "-", "--max-size", "1k", input=b"<TEI>" + b" " * 2000 + b"</TEI>")
    assert result.exit_code == 2 and "-: error: more than 1,024 bytes (--max-size)" in result.output


def test_a_file_at_the_limit_is_read_and_one_byte_more_is_refused(tmp_path):
    text = b"A memo line.\n"
    memo = write(tmp_path, "m.txt", text * 100)
    assert run("encode", memo, "-o", "-", "--max-size", str(len(text) * 100)).exit_code == 0
    result = run("encode", memo, "-o", "-", "--max-size", str(len(text) * 100 - 1))
    assert result.exit_code == 3 and "m.txt: error: more than 1,299 bytes (--max-size)" in result.stderr


def test_the_default_limit_is_documented_and_fits_real_memos():
    from tei_encoder.readers.bounded import DEFAULT_MAX_BYTES
    from tests.conftest import ALL_INPUTS
    assert DEFAULT_MAX_BYTES >= 1000 * max(p.stat().st_size for p in ALL_INPUTS)
    assert "--max-size" in run("encode", "--help").output and "64M" in run("witness", "--help").output


def test_a_bad_size_is_a_usage_error():
    assert run("encode", SEED, "--max-size", "lots").exit_code == 2


# --- 9. every option value is checked -------------------------------------------------------

@pytest.mark.parametrize("date", ["2026-02-30", "2026-13-01", "1962-11-31", "yesterday", "2026-2-3"])
def test_an_impossible_date_is_a_usage_error(tmp_path, date):
    result = run("encode", SEED, "-o", tmp_path / "out", "--date", date)
    assert result.exit_code == 2, result.output
    assert "--date" in result.stderr and date in result.stderr
    assert no_tei_in(tmp_path / "out")


def test_a_real_date_is_taken(tmp_path):
    result = run("encode", SEED, "-o", "-", "--date", "2024-02-29")
    assert result.exit_code == 0 and '<change when="2024-02-29">' in result.stdout


def test_an_impossible_date_in_the_metadata_file_names_its_line(tmp_path):
    meta = write(tmp_path, "meta.toml", '[tei]\npublisher = "X"\ndate = "2026-02-30"\n')
    result = run("encode", SEED, "-o", tmp_path / "out", "--metadata", meta)
    assert result.exit_code == 3 and "meta.toml:3: error: date" in result.stderr


@pytest.mark.parametrize("args", [["--separator", "("], ["--separator", ""], ["--separator", "x*"],
                                  ["--encoding", "no-such-codec"]])
def test_unusable_reading_options_are_usage_errors(tmp_path, args):
    result = run("encode", SEED, "-o", tmp_path / "out", *args)
    assert result.exit_code == 2, result.output
    assert args[0] in result.stderr
    assert no_tei_in(tmp_path / "out")


def test_a_separator_matching_every_line_says_so(tmp_path):
    result = run("encode", SEED, "-o", tmp_path / "out", "--separator", ".")
    assert result.exit_code == 3
    assert "every line matches the separator pattern '.' (--separator)" in result.stderr


# --- 6. witness --format tei where one copy has a paragraph label the other lacks ----------

def test_a_label_only_one_copy_has_gives_valid_witness_tei(tmp_path, validator):
    from lxml import etree
    first = write(tmp_path, "one.txt", "with Belgian\ntransportation to\n")
    second = write(tmp_path, "two.txt", "with Belgian\n8.\ntransportation to\n")
    tei = tmp_path / "merged.xml"
    assert run("encode", "--merge", first, second, "-o", tei).exit_code == 0
    for sigil in ("A", "B"):
        out = tmp_path / f"{sigil}.xml"
        result = run("witness", tei, "--wit", sigil, "--format", "tei", "-o", out)
        assert result.exit_code == 0, result.output
        tree = etree.parse(str(out))
        assert validator.is_valid(tree)
        assert run("witness", out, "--wit", sigil).stdout == run("witness", tei, "--wit", sigil).stdout
    paragraphs = etree.parse(str(tmp_path / "B.xml")).findall(".//{http://www.tei-c.org/ns/1.0}p[@n='8']")
    assert len(paragraphs) == 1  # copy B's own paragraph 8 begins at its label


# --- 7. furniture and stamp words in one stamp row stay apart ------------------------------

@pytest.mark.parametrize("text, row", [("x\n___\n2\t(b)\nE.O. 12958\n", "2 (b)"),
                                       ("Some text here.\n\t2\tDECLASSIFY\n", "2 DECLASSIFY"),
                                       ("Text of it.\n\n(b)(1)\t3\t(b)(3)\n", "(b)(1) 3 (b)(3)")])
def test_cells_of_a_stamp_row_are_separate_words(tmp_path, text, row):
    memo = write(tmp_path, "m.txt", text)
    tei = tmp_path / "m.xml"
    assert run("encode", memo, "-o", tei).exit_code == 0
    assert row in run("witness", tei, "--wit", "A").stdout.split("\n")


# --- 8. unbalanced <u>: text, in the TEI and in input_text alike ----------------------------

@pytest.mark.parametrize("line, kept", [("<u>unclosed words", "<u>unclosed words"),
                                        ("a lone </u> here", "a lone </u> here"),
                                        ("as &lt;u&gt; typed", "as <u> typed"),
                                        ("<u>underlined</u> then <u>stray", "underlined then <u>stray")])
def test_an_unpaired_underline_tag_is_text_in_the_tei_and_in_the_input_text(tmp_path, line, kept):
    from tei_encoder.publish.rebuild import input_text
    from tei_encoder.readers.text import read_source, split_witnesses
    text = f"First line of it.\n{line}\nLast line.\n"
    memo = write(tmp_path, "m.txt", text)
    tei = tmp_path / "m.xml"
    assert run("encode", memo, "-o", tei).exit_code == 0
    rebuilt = run("witness", tei, "--wit", "A").stdout
    assert kept in rebuilt.split("\n")
    assert rebuilt == input_text(split_witnesses(read_source(text.encode(), "m.txt"))[0])


def test_a_no_break_space_is_kept_by_witness_and_the_text_stylesheet_alike(tmp_path):
    memo = write(tmp_path, "m.txt", "First line.\n1. \u00a0 the words\n")
    tei = tmp_path / "m.xml"
    assert run("encode", memo, "-o", tei).exit_code == 0
    rebuilt = run("witness", tei, "--wit", "A").stdout
    assert "1. \u00a0 the words" in rebuilt.split("\n")
    assert run("transform", tei, "--xsl", "text", "--param", "wit=A").stdout == rebuilt


# --- 10. output modes honour the umask ------------------------------------------------------

def _mode(path) -> int:
    return path.stat().st_mode & 0o777


def test_outputs_and_bags_get_the_modes_of_a_normal_write(tmp_path):
    old = os.umask(0o022)
    try:
        out = tmp_path / "out"
        assert run("encode", SEED, "-o", out, "--html").exit_code == 0
        assert {_mode(p) for p in out.iterdir()} == {0o644}
        bag = tmp_path / "bag"
        assert run("package", SEED, "-o", bag).exit_code == 0
        folders = [bag] + [p for p in bag.rglob("*") if p.is_dir()]
        files = [p for p in bag.rglob("*") if p.is_file()]
        assert {_mode(p) for p in folders} == {0o755} and {_mode(p) for p in files} == {0o644}
        os.umask(0o077)
        private = tmp_path / "private"
        assert run("package", SEED, "-o", private).exit_code == 0
        assert _mode(private) == 0o700 and {_mode(p) for p in private.rglob("*") if p.is_file()} == {0o600}
    finally:
        os.umask(old)


# --- 13. a bag validates with the schemas inside it --------------------------------------

def test_the_bags_own_schema_compiles_and_validates_its_tei(tmp_path):
    from lxml import etree
    bag = tmp_path / "bag"
    assert run("package", SEED, "-o", bag).exit_code == 0
    schema_dir = bag / "data" / "schema"
    assert (schema_dir / "xml.xsd").is_file()
    # libxml2 (what xmllint --schema runs), reading only the bag's files, never the network.
    parser = etree.XMLParser(no_network=True)
    schema = etree.XMLSchema(etree.parse(str(schema_dir / "tei-memo.xsd"), parser))
    assert schema.validate(etree.parse(str(bag / "data" / f"{SEED.stem}.xml")))


@pytest.mark.skipif(not __import__("shutil").which("xmllint"), reason="xmllint (libxml2-utils) is not installed")
def test_xmllint_validates_a_bag_with_its_own_schema(tmp_path):
    bag = tmp_path / "bag"
    assert run("package", SEED, "-o", bag).exit_code == 0
    done = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", str(bag / "data" / "schema" / "tei-memo.xsd"),
                           str(bag / "data" / f"{SEED.stem}.xml")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


# --- 12. messages that say what happened ---------------------------------------------------

@pytest.fixture
def seed_tei(tmp_path):
    tei = tmp_path / "seed.xml"
    assert run("encode", SEED, "-o", tei).exit_code == 0
    return tei


def test_transform_with_an_unknown_copy_names_the_copies(seed_tei):
    result = run("transform", seed_tei, "--xsl", "text", "--param", "wit=Z")
    assert result.exit_code == 3 and result.stdout == ""
    assert "no copy 'Z'" in result.stderr and "A, B" in result.stderr


def test_the_text_stylesheet_on_xml_that_is_not_tei_is_refused(tmp_path):
    other = write(tmp_path, "other.xml", "<catalogue><item>one</item></catalogue>\n")
    result = run("transform", other, "--xsl", "text")
    assert result.exit_code == 3 and "not a TEI document" in result.stderr


def test_a_runaway_stylesheet_is_stopped_with_one_clear_message(tmp_path, seed_tei):
    sheet = write(tmp_path, "loop.xsl", """<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/"><xsl:call-template name="again"/></xsl:template>
  <xsl:template name="again"><xsl:call-template name="again"/></xsl:template>
</xsl:stylesheet>
""")
    result = run("transform", seed_tei, "--xsl", sheet)
    assert result.exit_code == 3
    assert result.stderr.count("unknown error") <= 1 and "loop.xsl" in result.stderr
    assert len(result.stderr) < 2000


def test_verify_names_each_bad_file_once_and_an_added_file_as_added(tmp_path):
    bag = tmp_path / "bag"
    assert run("package", SEED, "-o", bag).exit_code == 0
    tei = bag / "data" / f"{SEED.stem}.xml"
    tei.write_bytes(tei.read_bytes().replace(b"ASSURANCES", b"ASSURANCEZ", 1))
    result = run("package", "--verify", bag)
    assert result.exit_code == 1
    assert result.output.count(f"data/{SEED.stem}.xml") == 1
    (bag / "data" / "extra.txt").write_text("not in the manifest\n")
    result = run("package", "--verify", bag)
    assert result.exit_code == 1 and "data/extra.txt" in result.output and "not in the manifest" in result.output


def test_a_stylesheet_that_runs_too_long_is_stopped(tmp_path, seed_tei):
    """Three nested loops over every node of the seed: some 10^11 steps."""
    sheet = write(tmp_path, "slow.xsl", """<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text"/>
  <xsl:template match="/"><xsl:for-each select="//node()"><xsl:for-each select="//node()">
    <xsl:for-each select="//node()"><xsl:if test="false()">x</xsl:if></xsl:for-each>
  </xsl:for-each></xsl:for-each></xsl:template>
</xsl:stylesheet>
""")
    result = run("transform", seed_tei, "--xsl", sheet, "--timeout", "1")
    assert result.exit_code == 3 and "did not finish within 1 s (--timeout)" in result.stderr
    assert run("transform", seed_tei, "--xsl", sheet, "--timeout", "0").exit_code == 2


def test_the_merged_text_keeps_a_no_break_space(tmp_path):
    text = "Some words \u00a0 13 then more\nAnd a line\n"
    first, second = write(tmp_path, "one.txt", text), write(tmp_path, "two.txt", text.replace("more", "mare"))
    tei = tmp_path / "m.xml"
    assert run("encode", "--merge", first, second, "-o", tei).exit_code == 0
    for sigil in ("A", "B"):
        assert "Some words \u00a0 13 then" in run("witness", tei, "--wit", sigil).stdout


# --- 11. several inputs, one output: refused or handled, never a half-written set ---------

def test_several_inputs_cannot_share_standard_output(tmp_path):
    other = write(tmp_path, "other.txt", SEED.read_text("utf-8"))
    result = run("encode", SEED, other, "-o", "-")
    assert result.exit_code == 2 and "standard output" in result.stderr and result.stdout == ""
    assert run("encode", "--merge", SEED, other, "-o", "-").stdout.count("<?xml version") == 1


def test_an_output_named_like_a_file_is_not_made_a_directory(tmp_path):
    target = tmp_path / "out.txt"
    result = run("encode", SEED, "-o", target)
    assert result.exit_code == 2 and "FILE.xml" in result.stderr and not target.exists()
    assert run("encode", SEED, "-o", f"{target}/").exit_code == 0 and (target / f"{SEED.stem}.xml").is_file()


def test_json_reports_what_was_written_when_a_later_input_fails(tmp_path):
    import json
    good = write(tmp_path, "a.txt", SEED.read_bytes())
    bad = write(tmp_path, "zbad.txt", b"bad\x00\n")
    result = run("encode", good, bad, "-o", tmp_path / "out", "--json", "-q", "-j", "1")
    assert result.exit_code == 3 and "zbad.txt:1:4: error" in result.stderr
    documents = json.loads(result.stdout)["documents"]
    assert [d["output"] for d in documents] == [str(tmp_path / "out" / "a.xml")]


@pytest.mark.parametrize("output", ["file", "dir"])
def test_html_and_xml_are_written_both_or_neither(tmp_path, monkeypatch, output):
    """A disk that fills while the reading page is written: no .xml without its .html."""
    import errno

    from tei_encoder.publish import write as writing
    real = os.fdopen

    def full_for_html(handle, mode="r", *args, **kwargs):
        stream = real(handle, mode, *args, **kwargs)
        if ".html." in os.readlink(f"/proc/self/fd/{handle}"):
            stream.close()
            raise OSError(errno.ENOSPC, "No space left on device")
        return stream

    monkeypatch.setattr(writing.os, "fdopen", full_for_html)
    target = tmp_path / "out" / "memo.xml" if output == "file" else tmp_path / "out"
    result = run("encode", SEED, "-o", target, "--html", "-j", "1")
    assert result.exit_code == 4, result.output
    assert "No space left on device" in result.stderr
    assert [p.name for p in (tmp_path / "out").rglob("*") if p.suffix in (".xml", ".html", ".tmp")] == []


# --- 5. unrelated memos are refused, related copies merged --------------------------------

def _corpus(prefix: str):
    from tests.conftest import CORPUS
    return next(p for p in CORPUS if p.name.startswith(prefix))


@pytest.mark.parametrize("pair", [("03", "12"), ("01", "08"), ("07", "11"), ("04", "12")])
def test_unrelated_memos_are_not_merged(tmp_path, pair):
    first, second = (_corpus(n) for n in pair)
    result = run("encode", "--merge", first, second, "-o", tmp_path / "m.xml")
    assert result.exit_code == 3, result.output
    assert "copy B" in result.stderr and second.name in result.stderr and "not a copy of" in result.stderr
    assert not (tmp_path / "m.xml").exists()
    assert run("encode", "--merge", first, second, "-o", tmp_path / "c.xml", "--layout", "copies").exit_code == 0


def test_a_memo_with_another_memo_as_its_second_copy_is_refused(tmp_path):
    from tei_encoder.readers.text import read_source, split_witnesses
    copy_a = split_witnesses(read_source(SEED.read_bytes(), str(SEED)))[0]
    text = "\n".join(line.text for line in copy_a.lines) + "\nALTERNATE COPY FOLLOWS\n" + _corpus("11").read_text()
    memo = write(tmp_path, "m.txt", text)
    result = run("encode", memo, "-o", tmp_path / "m.xml")
    assert result.exit_code == 3 and "copy B" in result.stderr and "not a copy of" in result.stderr


def _seed_copies() -> list[str]:
    from tei_encoder.readers.text import read_source, split_witnesses
    return ["\n".join(line.text for line in w.lines) for w in split_witnesses(read_source(SEED.read_bytes(), "s"))]


def test_copies_that_share_text_through_another_are_merged(tmp_path, validator):
    from lxml import etree
    a, b = _seed_copies()
    memo = write(tmp_path, "m.txt", "\nALTERNATE COPY FOLLOWS\n".join([a, b + "\n\n\n\n" + a, b]))
    result = run("encode", memo, "-o", tmp_path / "m.xml")
    assert result.exit_code == 0, result.output
    tree = etree.parse(str(tmp_path / "m.xml"))
    assert validator.is_valid(tree) and tree.getroot().find(".//{http://www.tei-c.org/ns/1.0}app") is not None
    from tei_encoder.publish.rebuild import input_text, witness_text
    from tei_encoder.readers.text import read_source, split_witnesses
    for copy in split_witnesses(read_source(memo.read_bytes(), str(memo))):
        assert witness_text(tree, copy.sigil) == input_text(copy)


def test_an_unrelated_one_liner_among_identical_copies_is_named(tmp_path):
    a, _ = _seed_copies()
    memo = write(tmp_path, "m.txt", "\nALTERNATE COPY FOLLOWS\n".join([a, "Lunch is at noon on Friday in room 4.", a]))
    result = run("encode", memo, "-o", tmp_path / "m.xml")
    assert result.exit_code == 3
    assert "copy B (" in result.stderr and "not a copy of the memo that copy A, C holds" in result.stderr


def test_a_label_that_only_some_copies_begin_with_gives_valid_witness_tei(tmp_path, validator):
    """Found by the campaign: copies A and C open with "2.", B does not (the merged p has
    no @n); copy A alone is numbered as its label says."""
    from lxml import etree
    line = "of of weapons that State of a President Cuba assurances inspection not"
    text = (f"2. {line}\n{line}\n2. {line}\n*** another copy follows ***\n{line}\n"
            f"*** another copy follows ***\n2. {line}\n2. {line}\n{line}\n")
    memo = write(tmp_path, "m.txt", text)
    tei = tmp_path / "m.xml"
    assert run("encode", memo, "-o", tei).exit_code == 0
    for sigil in ("A", "B", "C"):
        out = tmp_path / f"{sigil}.xml"
        assert run("witness", tei, "--wit", sigil, "--format", "tei", "-o", out).exit_code == 0, sigil
        assert validator.is_valid(etree.parse(str(out)))
        assert run("witness", out, "--wit", sigil).stdout == run("witness", tei, "--wit", sigil).stdout
    first = etree.parse(str(tmp_path / "A.xml")).find(".//{http://www.tei-c.org/ns/1.0}body//{http://www.tei-c.org/ns/1.0}p")
    assert first.get("n") == "2"


def test_exemption_codes_in_one_line_stay_one_line_for_the_text_stylesheet(tmp_path):
    """Found by the property test: tei-to-text.xsl broke the line at each seg[@type='excision']."""
    memo = write(tmp_path, "m.txt", "  1. the\n\n(b)(1)\t(b)(3)\n  1. the end\n")
    tei = tmp_path / "m.xml"
    assert run("encode", memo, "-o", tei).exit_code == 0
    rebuilt = run("witness", tei, "--wit", "A").stdout
    assert "(b)(1) (b)(3)" in rebuilt.split("\n")
    assert run("transform", tei, "--xsl", "text").stdout == rebuilt


def test_a_label_line_split_between_merged_paragraphs_rebuilds_as_one_line(tmp_path):
    """Found by the property test (tests/fuzzing.py): three copies that paragraph
    differently, copy C's label line split between two merged paragraphs."""
    from tei_encoder.publish.rebuild import input_text
    from tei_encoder.readers.text import read_source, split_witnesses
    first = "Soviet inspection Belgian to transportation in United"
    second = "be of not would offensive inspection with Department"
    texts = [f"{first}\n{second}\n2. {second}\nGovernment that be Belgian 1962 with offensive a transportation\n",
             f"{first}\n2. {second}\n{second}\n", f"{first}\n2. {second}\n"]
    files = [write(tmp_path, f"copy{i}.txt", text) for i, text in enumerate(texts)]
    tei = tmp_path / "m.xml"
    assert run("encode", "--merge", *files, "-o", tei).exit_code == 0
    copy = split_witnesses(read_source(texts[2].encode(), "c"))[0]
    assert run("witness", tei, "--wit", "C").stdout == input_text(copy)


def test_a_loop_over_a_line_break_keeps_its_line_in_the_merged_form(tmp_path):
    """Found by the property test after loops over line breaks came in (analyse, 54f9036)."""
    from tei_encoder.publish.rebuild import input_text
    from tei_encoder.readers.text import read_source, split_witnesses
    copy = "territory Secretary be assurances be Cuba States in United\n---\nSept. 1, 63\nSept. 1, 63\n"
    text = copy + "ALTERNATE COPY FOLLOWS\n" + copy
    memo = write(tmp_path, "m.txt", text)
    tei = tmp_path / "m.xml"
    assert run("encode", memo, "-o", tei).exit_code == 0
    first = split_witnesses(read_source(text.encode(), "m"))[0]
    assert run("witness", tei, "--wit", "A").stdout == input_text(first)


def test_publish_reads_xml_only_through_safexml():
    """publish/ (and the package command) read XML, their own output included, through
    validation/safexml; the one exception is the stylesheet loader, which needs a base URL
    for xsl:import (documented in docs/ARCHITECTURE.md). The vendored XSDs are loaded
    with etree.parse and a parser without entities or network (publish/deposit._schema)."""
    import ast
    from pathlib import Path

    package = Path(__file__).resolve().parents[1] / "tei_encoder"
    found = []
    for path in sorted((package / "publish").glob("*.py")) + [package / "cli" / "package.py"]:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("fromstring", "XML", "parse") \
                    and isinstance(node.value, ast.Name) and node.value.id == "etree":
                found.append(f"{path.name}:{node.attr}")
    assert found == ["deposit.py:parse", "transform.py:fromstring"]


def test_a_copys_line_is_cut_at_its_own_line_break_where_the_merged_paragraph_ends(tmp_path):
    """Found by the campaign (bench/fuzz.py --seed 13): copy A ends a paragraph after
    "for", copy B reads on into "that States" on its next line; B's words of the point
    of variation that runs over A's paragraph end must be cut at B's own line break."""
    from tei_encoder.publish.rebuild import input_text
    from tei_encoder.readers.text import read_source, split_witnesses
    text = ("that for\n\nGovernment that States\nState is\nALTERNATE COPY FOLLOWS\nthat for\nthat States\n"
            "- States\nSoviet State is\nALTERNATE COPY FOLLOWS\nthat States\n- States Soviet")
    memo = write(tmp_path, "m.txt", text)
    tei = tmp_path / "m.xml"
    assert run("encode", memo, "-o", tei).exit_code == 0
    copy = split_witnesses(read_source(text.encode(), "m"))[1]
    assert run("witness", tei, "--wit", "B").stdout == input_text(copy)


def test_an_underlined_line_at_a_page_edge_is_typed_text_in_the_tei_as_in_input_text(tmp_path):
    """Found by the campaign: a line "<u>|||</u>" at a page foot was taken as noise and
    kept its tags as text, while input_text strips the pair. A line whose tags are
    underline markup is typed text: underlined in the TEI, never furniture."""
    from tei_encoder.publish.rebuild import input_text
    from tei_encoder.readers.text import read_source, split_witnesses
    text = "The Government would receive assurances.\nthe States would continue.\n<u>|||</u>\n"
    memo = write(tmp_path, "m.txt", text)
    tei = tmp_path / "m.xml"
    assert run("encode", memo, "-o", tei).exit_code == 0
    assert '<hi rend="underline">|||</hi>' in tei.read_text()
    assert run("witness", tei, "--wit", "A").stdout == input_text(split_witnesses(read_source(text.encode(), "m"))[0])


def assert_every_copy_rebuilds(tmp_path, text: str) -> list:
    """Encode one file of copies; `witness` gives each copy back line for line as
    publish.rebuild.input_text reads it from the input. Returns the copies."""
    from tei_encoder.publish.rebuild import input_text
    from tei_encoder.readers.text import read_source, split_witnesses
    memo = write(tmp_path, "m.txt", text)
    tei = tmp_path / "m.xml"
    assert run("encode", memo, "-o", tei).exit_code == 0
    copies = split_witnesses(read_source(text.encode(), "m"))
    for copy in copies:
        assert run("witness", tei, "--wit", copy.sigil).stdout == input_text(copy)
    return copies


def test_copies_that_paragraph_at_other_lines_keep_their_lines_in_the_merged_form(tmp_path):
    """Found by the campaign: copy A opens paragraph "a." at "States", copy B at
    "offensive"; with A's paragraphs as the structure, B's line "weapons States" was cut
    at A's paragraph end. The structure is taken from a copy whose paragraph ends are
    line ends of every other copy (here B's), else each copy keeps its own blocks."""
    text = ("United per\noffensive weapons\na. States\nfor Cuba\nALTERNATE COPY FOLLOWS\n"
            "United per\na. offensive\nweapons States\nfor Cuba\n")
    assert_every_copy_rebuilds(tmp_path, text)


def test_witness_tei_numbers_a_copys_labelled_paragraph_behind_another_copys_block_start(tmp_path):
    """Found by the campaign (seed 21): in copy C's own TEI the merged p opens with C's
    label "(b)", but copy A's block milestone stood before it when the labelled p were
    numbered: the p had a label and no @n (house rule p-label-n). Numbered once the
    other copies' breaks are gone."""
    from lxml import etree

    from tei_encoder.validation.validator import Validator
    text = ("receive be\n(b) offensive\nBelgian that assurances\nALTERNATE COPY FOLLOWS\nreceive be\n"
            "that assurances\nSECOND COPY FOLLOWS\n(b) in offensive\nSoviet Belgian\nthat assurances\n")
    memo = write(tmp_path, "m.txt", text)
    tei = tmp_path / "m.xml"
    assert run("encode", memo, "-o", tei).exit_code == 0
    own = run("witness", tei, "--wit", "C", "--format", "tei")
    assert own.exit_code == 0
    root = etree.fromstring(own.stdout_bytes)
    first = root.find(".//{http://www.tei-c.org/ns/1.0}body//{http://www.tei-c.org/ns/1.0}p")
    assert first.get("n") == "b"
    assert not list(Validator(engine="libxml2").iter_problems(etree.ElementTree(root), "C"))


def test_one_copy_is_not_collated_and_its_merged_form_is_its_own_body():
    """A single copy has nothing to merge (issue 11, item 4: collating it cost a fifth of
    the time and half the memory of a large file): the merged form is built from the
    copy itself, without a collation, and is the per-copy form's body."""
    from unittest import mock

    from lxml import etree

    from tei_encoder import pipeline
    from tei_encoder.tei.names import TEI_NS
    data = SEED.read_bytes().split(b"ALTERNATE COPY FOLLOWS")[0]
    document = pipeline.analyse_copies([(data, "one.txt")])
    assert len(document.witnesses) == 1
    with mock.patch.object(pipeline, "collate", side_effect=AssertionError("collated")):
        merged = etree.fromstring(pipeline.to_tei(document, "merged"))
    copies = etree.fromstring(pipeline.to_tei(document, "copies"))
    body = f"{{{TEI_NS}}}body"
    assert etree.tostring(merged.find(f".//{body}")).split() == etree.tostring(copies.find(f".//{body}")).split()


def test_serialise_checks_nfc_chunk_by_chunk_and_still_normalises(monkeypatch):
    """serialise never decodes a large TEI whole to check NFC (issue 11, item 4): it
    checks chunks cut after line feeds; a character out of NFC in a later chunk still
    makes the output NFC, and NFC input comes back byte for byte."""
    from lxml import etree

    from tei_encoder.publish import write
    monkeypatch.setattr(write, "NFC_CHUNK", 8)
    decomposed = etree.ElementTree(etree.fromstring("<a>\n<b>abc</b>\n<b>" + "y" * 40 + "e\u0301</b>\n</a>"))
    out = write.serialise(decomposed)
    assert "\u00e9".encode() in out and "e\u0301".encode() not in out
    composed = etree.ElementTree(etree.fromstring("<a>\n<b>\u00e9 and \u00df</b>\n</a>"))
    assert write.serialise(composed) == etree.tostring(composed, xml_declaration=True, encoding="UTF-8") + b"\n"


def test_an_ocr_repeat_that_ends_a_paragraph_stays_before_the_next_label_line(tmp_path):
    """Found by the campaign (seed 31): copy A's paragraph ends with an OCR repeat of its
    last line ("President Soviet Cuba" twice) and the next paragraph opens "8."; where a
    point of variation began at that paragraph end, the repeat went into the next
    paragraph, on the label's line. Items that end the block before stay there."""
    text = ("United in\nPresident Soviet Cuba\nPresident Soviet Cuba\n8. United in\nSECOND COPY FOLLOWS\n"
            "United in\n\nSoviet Cuba\nUnited in\n")
    assert_every_copy_rebuilds(tmp_path, text)


def test_a_no_break_space_after_a_shared_label_stays_in_its_reading(tmp_path):
    """Found by the campaign (seed 51): copy A's paragraph "1. \\xa0 the" and copy B's
    "1. é the" are one block app; the label both start with is written once before the
    app (tei.hoist), and what followed it lost its leading white space by Python's
    str.lstrip, the no-break space with it (a character of the text, not XML white space)."""
    text = "\n".join(["  (a) a missiles transportation receive a State weapons to", "  1. \xa0 the \xa0 \xa0 \xa0",
                      "the é", "THE PROBLEM OF ASSURANCES", "13 November 1962", "THE PROBLEM OF ASSURANCES",
                      "*** another copy follows ***", "  (a) ½ of ½ ½ ½", "  1. é the",
                      "the is re: memorandum of for Belgian"]) + "\n"
    assert len(assert_every_copy_rebuilds(tmp_path, text)) == 2


def test_copies_that_agree_between_two_alignments_get_no_app_of_one_reading(tmp_path):
    """Found by the campaign (seed 71): three copies, "(b) |" and "State |" in different
    orders. Each copy is aligned with the base on its own, so the copies paired the
    repeated "|" with different places of the base, and the stretch left between them,
    cut at a block boundary, was a piece every copy read alike: an app with a lem and no
    rdg, which the schema rejects. Such a piece is shared text."""
    text = ("agreement \\\nre: State |\n(b) |\nweapons the President (b) is Belgian offensive Secretary\n"
            "another copy follows\nagreement \\\n(b) |\nState |\nALTERNATE COPY FOLLOWS\n"
            "agreement \\\n(b) |\nre: State |\nweapons the President (b) is Belgian offensive Secretary\n")
    assert len(assert_every_copy_rebuilds(tmp_path, text)) == 3


@pytest.mark.parametrize("name", ["ЛОДЖ", "Ñęýĭ"])
def test_a_word_without_latin_letters_alone_at_a_page_edge_is_not_a_crash(tmp_path, name):
    """Found by the campaign (seed 71): a capitalised word alone on a page's first line is
    tested as a signature by the letter model, which has no score for a word with no
    Latin letter (None, compared with a float: TypeError). It is not taken for a name."""
    memo = write(tmp_path, "m.txt", f"be would President 13 for\n\n## Page 2\n{name}\n")
    tei = tmp_path / "m.xml"
    result = run("encode", memo, "-o", tei)
    assert result.exit_code == 0, result.output
    assert name in run("witness", tei, "--wit", "A").stdout


@pytest.mark.parametrize("odd", ["\xa0åĠħh", "\xa0åĠħh\xa0", "\xa0\xa0the end", "åĠħh\xa0", "x\xa0\xa0y"])
def test_a_no_break_space_against_a_repeat_stays_against_it_in_the_merged_form(odd):
    """Found by the campaign (seed 73, on 9ca39ba; the same at 3a11656): copy B repeats a
    line whose first character is a no-break space. The analysis splits words at it (it is
    Unicode white space), so the repeat is a surplus right after a piece "\xa0"; the
    collation splits only at XML white space, and set the surplus aside with a word space
    before it in the merged form: B read "\xa0 åĠħh". A repeat glued to a word stays in it."""
    from tests.fuzzing import Case, Tools, check_case
    line = "the of (b) Belgian that per inspection inspection (b) continue"
    one_lacks_it = ["inspection be (b)", f"the {line}\n{odd}\n{line}\ninspection be (b)"]
    one_repeats_it = [f"the {line}\n{odd}\ninspection be (b)", f"the {line}\n{odd}\n{odd}\ninspection be (b)"]
    for texts in (one_lacks_it, one_repeats_it):
        case = Case(tuple((f"copy{i}.txt", text) for i, text in enumerate(texts)), merge=True)
        assert check_case(case, Tools.build()) == "ok"


_LOOPED = "State with Soviet a United Soviet continue and United would territory 13"
_OTHER = "The Ambassador said that the Government would consider the matter at once"
_SLIPPED = _LOOPED.replace("United Soviet", "UnitOd Soviet")


@pytest.mark.parametrize("copies", [
    # the campaign's input: then a date line
    [f"{_LOOPED}\n{_LOOPED}\n\n\n\n\nSept. 1, 63\n", f"{_LOOPED}\n\n{_LOOPED}\n\n\n\nSept. 1, 63\n",
     f"{_LOOPED}\n{_SLIPPED}\n\n\n\nSept. 1, 63\n"],
    # the loop inside a paragraph, then a date line
    [f"{_OTHER}\n{_LOOPED}\n{_LOOPED}\n\nSept. 1, 63\n", f"{_OTHER}\n{_LOOPED}\n\n{_LOOPED}\nSept. 1, 63\n",
     f"{_OTHER}\n{_LOOPED}\n{_SLIPPED}\n\nSept. 1, 63\n"],
    # then a body paragraph, no date line
    [f"{_LOOPED}\n{_LOOPED}\n\n{_OTHER}\n", f"{_LOOPED}\n\n{_LOOPED}\n{_OTHER}\n",
     f"{_LOOPED}\n{_SLIPPED}\n\n{_OTHER}\n"],
    [f"{_OTHER}\n{_LOOPED}\n{_LOOPED}\n\n{_OTHER}\n", f"{_OTHER}\n{_LOOPED}\n\n{_LOOPED}\n{_OTHER}\n",
     f"{_OTHER}\n{_LOOPED}\n{_SLIPPED}\n\n{_OTHER}\n"],
    # two copies (these passed before: the block alignment keeps them apart)
    [f"{_LOOPED}\n{_LOOPED}\n\nSept. 1, 63\n", f"{_LOOPED}\n\n{_LOOPED}\nSept. 1, 63\n"],
], ids=["campaign", "inside-a-paragraph", "before-a-paragraph", "between-paragraphs", "two-copies"])
def test_a_repeat_ending_the_base_block_is_placed_once(copies):
    """Found by the campaign (seed 74, on 0ff46cb; the same at 3a11656): where the copy
    that gives the paragraphs ends a block with an OCR repeat of its last line (set aside
    as surplus) and reads nothing where the next block of the others begins (the others
    have the line as text there), the repeat was placed twice (as that block's tail, and
    again as what the copy set aside before the next shared word): copy A came back from
    the merged TEI with the line three times. The first four shapes failed before."""
    from tests.fuzzing import Case, Tools, check_case
    text = "\n\n\nALTERNATE COPY FOLLOWS\n".join(copies)
    assert check_case(Case((("memo.txt", text),), merge=False), Tools.build()) == "ok"
