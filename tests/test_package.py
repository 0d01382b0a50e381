"""Deposit packages (issue 5): a BagIt bag that validates, and fails when a byte changes."""

from __future__ import annotations

import bagit
from click.testing import CliRunner

from tei_encoder.cli import main
from tests.conftest import CORPUS, SEED


def run(*args, env=None):
    return CliRunner().invoke(main, ["package", *[str(a) for a in args]], env=env)


def test_bag_holds_the_memo_and_validates(tmp_path):
    bag_dir = tmp_path / "bag"
    result = run(SEED, "-o", bag_dir, "--source-organization", "Example Archive", "--contact-email",
                 "archivist@example.org", "--idno", "hdl:0000/seed", env={"SOURCE_DATE_EPOCH": "86400"})
    assert result.exit_code == 0, result.stderr
    bag = bagit.Bag(str(bag_dir))
    assert bag.is_valid() and bag.algorithms == ["sha256"]
    assert sorted(bag.payload_files()) == sorted([
        "data/assurances-1962-11-13.xml", "data/assurances-1962-11-13.html", "data/ocr/assurances-1962-11-13.txt",
        "data/schema/tei-memo.xsd", "data/schema/xml.xsd", "data/schema/tei_all.rng", "data/schema/SOURCE.md",
        "data/metadata/mets.xml", "data/metadata/mods.xml", "data/metadata/dc.xml", "data/metadata/premis.xml"])
    assert (bag_dir / "data" / "ocr" / SEED.name).read_bytes() == SEED.read_bytes()
    info = bag.info
    assert info["Source-Organization"] == "Example Archive" and info["Contact-Email"] == "archivist@example.org"
    assert info["External-Identifier"] == "hdl:0000/seed" and info["Bagging-Date"] == "1970-01-02"
    assert "ASSURANCES" in info["External-Description"]
    tei = (bag_dir / "data" / "assurances-1962-11-13.xml").read_text("utf-8")
    assert 'href="schema/tei-memo.xsd"' in tei  # the xml-model lines point inside the bag
    assert run("--verify", bag_dir).exit_code == 0


def test_one_changed_byte_fails_verification(tmp_path):
    bag_dir = tmp_path / "bag"
    assert run(SEED, "-o", bag_dir).exit_code == 0
    tei = bag_dir / "data" / "assurances-1962-11-13.xml"
    data = bytearray(tei.read_bytes())
    data[500] = ord("x") if data[500] != ord("x") else ord("y")
    tei.write_bytes(bytes(data))
    result = run("--verify", bag_dir)
    assert result.exit_code == 1 and "not valid" in result.stderr and "assurances-1962-11-13.xml" in result.stderr


def test_copies_from_several_files_in_one_bag(tmp_path):
    first, second = (next(p for p in CORPUS if p.name.startswith(n)) for n in ("05", "06"))
    bag_dir = tmp_path / "ray"
    assert run(first, second, "--merge", "-o", bag_dir).exit_code == 0
    assert sorted(p.name for p in (bag_dir / "data" / "ocr").iterdir()) == sorted([first.name, second.name])
    assert run(first, second, "-o", tmp_path / "other").exit_code == 2  # several files need --merge


def test_nothing_half_written(tmp_path):
    bag_dir = tmp_path / "bag"
    bag_dir.mkdir()
    result = run(SEED, "-o", bag_dir)
    assert result.exit_code == 4 and "already exists" in result.stderr
    assert list(bag_dir.iterdir()) == [] and [p.name for p in tmp_path.iterdir()] == ["bag"]
    undecodable = tmp_path / "bad.txt"
    undecodable.write_bytes(b"caf\xe9\n")
    result = run(undecodable, "-o", tmp_path / "bag2")
    assert result.exit_code == 3 and not (tmp_path / "bag2").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "bag"]


def test_same_input_same_bag(tmp_path):
    """Under SOURCE_DATE_EPOCH two bags of one memo are byte for byte the same."""
    env = {"SOURCE_DATE_EPOCH": "0"}
    for name in ("one", "two"):
        assert run(SEED, "-o", tmp_path / name, "--idno", "hdl:0000/x", env=env).exit_code == 0
    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "two") for p in (tmp_path / "two").rglob("*") if p.is_file())
    assert all((tmp_path / "one" / f).read_bytes() == (tmp_path / "two" / f).read_bytes() for f in files)
