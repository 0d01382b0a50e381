"""The command line: exit codes, outputs, nothing half-written, deterministic bytes."""

from __future__ import annotations

import json

from click.testing import CliRunner

from tei_encoder.cli import main
from tests.conftest import ROOT, SEED


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


def test_encode_writes_valid_file(tmp_path):
    result = run("encode", SEED, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    written = (tmp_path / "assurances-1962-11-13.xml").read_bytes()
    assert written.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<?xml-model")
    assert written.endswith(b"</TEI>\n")


def test_output_is_deterministic_and_honours_source_date_epoch(tmp_path):
    first = run("encode", SEED, "-o", "-").stdout_bytes
    second = run("encode", SEED, "-o", "-").stdout_bytes
    assert first == second and b"<change>Encoded" in first
    dated = run("encode", SEED, "-o", "-", env={"SOURCE_DATE_EPOCH": "0"}).stdout_bytes
    assert b'<change when="1970-01-01">' in dated


def test_sample_output_in_repository_is_current():
    """output/ holds the encoded seed; regenerate with `tei-encoder encode --sample`."""
    result = run("encode", "--sample", "-o", "-")
    assert result.stdout_bytes == (ROOT / "output" / "assurances-1962-11-13.xml").read_bytes()


def test_report_and_json(tmp_path):
    result = run("encode", SEED, "-o", tmp_path, "--json", "--report")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    copies = report["documents"][0]["witnesses"]
    assert [c["witness"] for c in copies] == ["A", "B"]
    assert copies[1]["pages"] == ["[1]", "[2]", "2a", "[3]", "[4]", "[5]"]
    assert copies[1]["flagged"]["noise"] == 2
    assert "copy  pages" in result.stderr


def test_metadata_options_and_file(tmp_path):
    meta = tmp_path / "meta.toml"
    meta.write_text('[tei]\nrepository = "NARA"\nlicence = "CC0 1.0"\n'
                    'licence_url = "https://creativecommons.org/publicdomain/zero/1.0/"\n')
    result = run("encode", SEED, "-o", "-", "--metadata", meta, "--publisher", "Test Archive")
    assert result.exit_code == 0
    xml = result.stdout
    assert "<repository>NARA</repository>" in xml and "<publisher>Test Archive</publisher>" in xml
    assert 'licence target="https://creativecommons.org/publicdomain/zero/1.0/"' in xml


def test_unknown_metadata_key_is_an_input_error(tmp_path):
    meta = tmp_path / "meta.toml"
    meta.write_text('[tei]\nrepositry = "typo"\n')
    result = run("encode", SEED, "-o", tmp_path, "--metadata", meta)
    assert result.exit_code == 3 and "repositry" in result.stderr


def test_undecodable_input_exit_3_and_nothing_written(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ok\n\x00\n")
    result = run("encode", bad, "-o", tmp_path / "out")
    assert result.exit_code == 3
    assert "bad.txt:2:1: error" in result.stderr
    # No output; only the batch's manifest, which records the failure.
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["manifest.jsonl"]
    (entry,) = [json.loads(line) for line in (tmp_path / "out" / "manifest.jsonl").read_text().splitlines()]
    assert entry["status"] == "unreadable" and "bad.txt:2:1: error" in entry["message"]


def test_usage_errors_exit_2(tmp_path):
    assert run("encode").exit_code == 2
    assert run("encode", SEED, "-o", "-", "--json").exit_code == 2


def test_missing_input_exit_3():
    result = run("encode", "/nonexistent/memo.txt")
    assert result.exit_code == 3 and "/nonexistent/memo.txt: error: cannot read" in result.stderr


def test_invalid_encoding_is_not_written(tmp_path, monkeypatch):
    """An encoding that fails the schema: errors printed with their path, exit 1, no file."""
    from tei_encoder import pipeline
    real = pipeline.analyse_copies

    def broken(*args, **kwargs):
        document = real(*args, **kwargs)
        from dataclasses import replace

        from tei_encoder.model import PageBreak
        witness = document.witnesses[0]
        items = (PageBreak("not a number", 1),) + witness.items
        return replace(document, witnesses=(replace(witness, items=items),) + document.witnesses[1:])

    monkeypatch.setattr(pipeline, "analyse_copies", broken)
    result = run("encode", SEED, "-o", tmp_path)
    assert result.exit_code == 1
    assert "not valid; nothing was written" in result.stderr and "/pb" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["manifest.jsonl"]  # which records the failure


def test_help_names_the_exit_codes():
    result = run("encode", "--help")
    assert "Exit codes" in result.output and "--sample" in result.output


# --- merged layout, --merge, witness (issue 3) ------------------------------------------

def test_default_is_merged_and_copies_layout_is_per_copy(tmp_path):
    merged = run("encode", SEED, "-o", "-").stdout_bytes
    copies = run("encode", SEED, "-o", "-", "--layout", "copies").stdout_bytes
    assert b'<variantEncoding method="parallel-segmentation"' in merged and b"<app " in merged
    assert b"<group>" in copies and b"<text corresp=\"#A\"" in copies and b"<app " not in copies
    assert run("encode", SEED, "--layout", "bogus").exit_code == 2


def test_merge_files_that_are_copies_of_one_memo(tmp_path):
    from tests.conftest import CORPUS
    first, second = (next(p for p in CORPUS if p.name.startswith(n)) for n in ("05", "06"))
    target = tmp_path / "ray.xml"
    result = run("encode", "--merge", first, second, "-o", target, "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)["documents"]
    assert len(report) == 1 and [w["witness"] for w in report[0]["witnesses"]] == ["A", "B"]
    assert report[0]["inputs"] == [str(first), str(second)] and report[0]["apparatus"]["ocr"] > 0
    text = target.read_text("utf-8")
    assert first.name in text and second.name in text  # both files named in the header


def test_witness_rebuilds_each_copy(tmp_path):
    from tei_encoder.publish.rebuild import input_text
    from tei_encoder.readers.text import read_source, split_witnesses
    run("encode", SEED, "-o", tmp_path)
    tei = tmp_path / "assurances-1962-11-13.xml"
    for copy in split_witnesses(read_source(SEED.read_bytes(), str(SEED))):
        result = run("witness", tei, "--wit", copy.sigil)
        assert result.exit_code == 0 and result.stdout == input_text(copy)


def test_witness_as_tei_is_a_valid_single_copy(tmp_path, validator, tei_all):
    from lxml import etree

    from tei_encoder.publish.rebuild import witness_text
    run("encode", SEED, "-o", tmp_path)
    tei = tmp_path / "assurances-1962-11-13.xml"
    result = run("witness", tei, "--wit", "B", "--format", "tei", "-o", tmp_path / "b.xml")
    assert result.exit_code == 0, result.stderr
    tree = etree.parse(str(tmp_path / "b.xml"))
    assert tree.getroot().find(".//{http://www.tei-c.org/ns/1.0}app") is None
    assert validator.is_valid(tree) and tei_all.validate(tree)
    assert witness_text(tree, "B") == run("witness", tei, "--wit", "B").stdout


def test_witness_errors_name_the_file(tmp_path):
    run("encode", SEED, "-o", tmp_path)
    tei = tmp_path / "assurances-1962-11-13.xml"
    missing = run("witness", tei, "--wit", "C")
    assert missing.exit_code == 3 and "no copy 'C'" in missing.stderr and "A, B" in missing.stderr
    broken = tmp_path / "broken.xml"
    broken.write_text("<TEI>\n<text>\n</TEI>\n")
    result = run("witness", broken, "--wit", "A")
    assert result.exit_code == 3 and f"{broken}:3" in result.stderr


def test_witness_from_the_per_copy_layout(tmp_path, validator):
    from lxml import etree
    run("encode", SEED, "-o", tmp_path, "--layout", "copies")
    tei = tmp_path / "assurances-1962-11-13.xml"
    result = run("witness", tei, "--wit", "A", "--format", "tei", "-o", tmp_path / "a.xml")
    assert result.exit_code == 0, result.stderr
    tree = etree.parse(str(tmp_path / "a.xml"))
    assert validator.is_valid(tree) and tree.getroot().find(".//{http://www.tei-c.org/ns/1.0}group") is None
    assert run("witness", tmp_path / "a.xml", "--wit", "A").stdout == run("witness", tei, "--wit", "A").stdout
