"""Repository formats in the deposit (issue 15): METS (fileSec with checksums, structMap
of copies and pages, MODS, PREMIS), Dublin Core, PREMIS, each valid against its official
schema offline; BagIt 1.0; the Archivematica standard transfer."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tei_encoder.cli import main
from tei_encoder.pipeline import analyse_copies, to_tei
from tei_encoder.publish.deposit import validate_metadata, write_metadata
from tei_encoder.validation.validator import schema_dir
from tests.conftest import ALL_INPUTS, CORPUS, SEED

NS = {"mets": "http://www.loc.gov/METS/", "mods": "http://www.loc.gov/mods/v3", "xlink": "http://www.w3.org/1999/xlink",
      "premis": "http://www.loc.gov/premis/v3", "dc": "http://purl.org/dc/elements/1.1/"}
EPOCH = {"SOURCE_DATE_EPOCH": "1700000000"}


def run(*args, env=None):
    return CliRunner().invoke(main, ["package", *[str(a) for a in args]], env=env)


def official(name: str) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    return etree.XMLSchema(etree.parse(str(schema_dir() / "deposit" / name), parser))


@pytest.fixture(scope="module")
def seed_bag(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("deposit") / "bag"
    result = run("--sample", "-o", target, env=EPOCH)
    assert result.exit_code == 0, result.stderr
    assert result.output.strip().endswith("(1 OCR file(s), 2 copies)")
    return target


def test_bag_is_bagit_1_0_and_valid(seed_bag):
    assert (seed_bag / "bagit.txt").read_text() == "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
    assert run("--verify", seed_bag).exit_code == 0


def test_each_metadata_file_valid_against_its_official_schema(seed_bag):
    folder = seed_bag / "data" / "metadata"
    # METS with what it embeds: mets.xsd imported beside MODS, PREMIS and DC (an embedded
    # PREMIS object's xsi:type needs the PREMIS schema at hand).
    for name, xsd in (("mods.xml", "mods-3-8.xsd"), ("premis.xml", "premis-v3-0.xsd"),
                      ("mets.xml", "mets-with-parts.xsd")):
        schema = official(xsd)
        assert schema.validate(etree.parse(str(folder / name))), (name, schema.error_log)
    dc = etree.parse(str(folder / "dc.xml"))
    schema = official("oai_dc.xsd")  # the OAI's container, importing DCMI's dc.xsd
    assert len(dc.getroot()) >= 5 and schema.validate(dc), schema.error_log


def test_oai_dc_schema_refuses_what_a_harvester_would():
    """The vendored oai_dc.xsd is the OAI's (not a stand-in): an element outside the 15
    of simple Dublin Core, or a dc: element with a child, is refused."""
    schema = official("oai_dc.xsd")
    head = ('<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">')
    assert schema.validate(etree.fromstring(head + '<dc:title xml:lang="en">A</dc:title></oai_dc:dc>').getroottree())
    for inner in ("<dc:audience>all</dc:audience>", "<dc:title><dc:title>A</dc:title></dc:title>",
                  '<title xmlns="urn:x">A</title>'):
        assert not schema.validate(etree.fromstring(head + inner + "</oai_dc:dc>").getroottree()), inner


def test_mets_file_sec_lists_every_payload_file_with_its_checksum(seed_bag):
    mets = etree.parse(str(seed_bag / "data" / "metadata" / "mets.xml"))
    listed = {f.find("mets:FLocat", NS).get(f"{{{NS['xlink']}}}href"): f for f in mets.iterfind(".//mets:file", NS)}
    payload = {p.relative_to(seed_bag).as_posix() for p in (seed_bag / "data").rglob("*") if p.is_file()}
    assert set(listed) == payload - {"data/metadata/mets.xml"}
    for href, file in listed.items():
        data = (seed_bag / href).read_bytes()
        assert file.get("CHECKSUM") == hashlib.sha256(data).hexdigest() and file.get("SIZE") == str(len(data))
        assert file.get("CHECKSUMTYPE") == "SHA-256"


def test_mets_struct_map_has_the_copies_and_their_pages(seed_bag):
    mets = etree.parse(str(seed_bag / "data" / "metadata" / "mets.xml"))
    copies = mets.findall(".//mets:structMap/mets:div/mets:div[@TYPE='copy']", NS)
    assert [c.get("LABEL") for c in copies] == ["Copy A", "Copy B"]
    assert [len(c.findall("mets:div[@TYPE='page']", NS)) for c in copies] == [6, 6]
    assert "2a" in [p.get("ORDERLABEL") for p in copies[1]]
    assert mets.find(".//mets:dmdSec/mets:mdWrap[@MDTYPE='MODS']/mets:xmlData/mods:mods", NS) is not None
    assert mets.find(".//mets:amdSec/mets:digiprovMD/mets:mdWrap[@MDTYPE='PREMIS']//premis:premis", NS) is not None


def test_premis_events_say_what_was_done(seed_bag):
    premis = etree.parse(str(seed_bag / "data" / "metadata" / "premis.xml"))
    events = [(e.findtext("premis:eventType", namespaces=NS), e.findtext("premis:eventDateTime", namespaces=NS),
               e.findtext(".//premis:eventOutcome", namespaces=NS)) for e in premis.iterfind("premis:event", NS)]
    assert events == [("creation", "2023-11-14", "success"), ("validation", "2023-11-14", "success"),
                      ("packing", "2023-11-14", "success")]
    assert premis.findtext(".//premis:agentVersion", namespaces=NS) == "0.1.0"
    tei = (seed_bag / "data" / "assurances-1962-11-13.xml").read_bytes()
    assert premis.findtext(".//premis:messageDigest", namespaces=NS) == hashlib.sha256(tei).hexdigest()


def test_same_input_same_metadata_bytes(tmp_path):
    for name in ("one", "two"):
        assert run(SEED, "-o", tmp_path / name, env=EPOCH).exit_code == 0
    for name in ("mets.xml", "mods.xml", "dc.xml", "premis.xml"):
        one, two = ((tmp_path / n / "data" / "metadata" / name).read_bytes() for n in ("one", "two"))
        assert one == two, name


def test_no_date_given_no_clock(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert run(SEED, "-o", tmp_path / "bag").exit_code == 0
    premis = etree.parse(str(tmp_path / "bag" / "data" / "metadata" / "premis.xml"))
    assert {e.text for e in premis.iterfind(".//premis:eventDateTime", NS)} == {"XXXX-XX-XX"}


@pytest.mark.parametrize("path", ALL_INPUTS, ids=lambda p: p.name[:12])
def test_metadata_of_every_input_is_valid(path, tmp_path):
    (tmp_path / "memo.xml").write_bytes(to_tei(analyse_copies([(path.read_bytes(), str(path))])))
    texts = write_metadata(tmp_path / "metadata", tmp_path, "memo.xml", "tei-memo.xsd", "data/")
    validate_metadata(texts)  # raises DepositInvalid otherwise
    assert official("mets-with-parts.xsd").validate(etree.fromstring(texts["mets.xml"]).getroottree())


def test_release_form_facts_reach_every_format(tmp_path):
    path = next(p for p in CORPUS if p.name.startswith("05"))
    assert run(path, "-o", tmp_path / "bag").exit_code == 0
    folder = tmp_path / "bag" / "data" / "metadata"
    dc = etree.parse(str(folder / "dc.xml"))
    assert dc.findtext("dc:title", namespaces=NS) == "Meeting with Ing. Manuel Ray"
    assert "176-10031-10069" in [e.text for e in dc.iterfind("dc:identifier", NS)]
    assert dc.findtext("dc:source", namespaces=NS) == "NARA, Goodwin Papers"
    mods = etree.parse(str(folder / "mods.xml"))
    assert mods.findtext(".//mods:identifier[@type='recordNumber']", namespaces=NS) == "176-10031-10069"
    assert [t.text for t in mods.iterfind(".//mods:subject/mods:topic", NS)] == ["Cuba"]
    assert mods.findtext(".//mods:originInfo/mods:dateCreated", namespaces=NS) == "1961-05-12"
    mets = etree.parse(str(folder / "mets.xml")).getroot()
    assert mets.get("OBJID") == "176-10031-10069"


def test_invalid_metadata_is_refused():
    from tei_encoder.errors import DepositInvalid

    bad = b'<mods xmlns="http://www.loc.gov/mods/v3" version="3.8"><nonsense/></mods>'
    with pytest.raises(DepositInvalid, match="mods.xml"):
        validate_metadata({"mods.xml": bad})


def test_archivematica_transfer_layout(tmp_path):
    target = tmp_path / "transfer"
    result = run(SEED, "--deposit", "archivematica", "-o", target, env=EPOCH)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in target.iterdir()) == ["metadata", "objects"]
    assert sorted(p.name for p in (target / "metadata" / "submissionDocumentation").iterdir()) == [
        "dc.xml", "mets.xml", "mods.xml", "premis.xml"]
    objects = sorted(p.relative_to(target).as_posix() for p in (target / "objects").rglob("*") if p.is_file())
    assert "objects/assurances-1962-11-13.xml" in objects and "objects/ocr/assurances-1962-11-13.txt" in objects
    csv_lines = (target / "metadata" / "metadata.csv").read_text("utf-8").splitlines()
    assert csv_lines[0].startswith("filename,dc.title")
    assert csv_lines[1].startswith("objects/assurances-1962-11-13.xml,")
    lines = (target / "metadata" / "checksum.sha256").read_text().splitlines()
    sums = dict(reversed(line.split("  ", 1)) for line in lines)
    assert sorted(sums) == objects
    assert all(hashlib.sha256((target / p).read_bytes()).hexdigest() == d for p, d in sums.items())
    mets = etree.parse(str(target / "metadata" / "submissionDocumentation" / "mets.xml"))
    hrefs = {f.get(f"{{{NS['xlink']}}}href") for f in mets.iterfind(".//mets:FLocat", NS)}
    assert hrefs == set(objects) and not (target / "bagit.txt").exists()


@pytest.mark.skipif(shutil.which("sha256sum") is None, reason="GNU coreutils' sha256sum is not installed")
@pytest.mark.parametrize("name", ["memo.txt", "odd\\name.txt"], ids=["plain", "backslash"])
def test_archivematica_verifies_the_checksums(tmp_path, name):
    """What Archivematica's Verify checksums job does (verify_checksum.py): as many lines
    in metadata/checksum.sha256 as files under objects/, then `sha256sum -c --strict` run
    in the transfer's root. A name with a backslash is escaped as coreutils reads it."""
    source = tmp_path / name
    source.write_bytes(SEED.read_bytes())
    target = tmp_path / "transfer"
    assert run(source, "--deposit", "archivematica", "-o", target, env=EPOCH).exit_code == 0
    checksums = target / "metadata" / "checksum.sha256"
    files = [p for p in (target / "objects").rglob("*") if p.is_file()]
    assert len(checksums.read_text("utf-8").splitlines()) == len(files) == 7  # xml, html, ocr/, 4 schema files
    done = subprocess.run(["sha256sum", "-c", "--strict", "metadata/checksum.sha256"], cwd=target,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count(": OK") == len(files)


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_layout_archivematica_is_the_issues_spelling_of_deposit_archivematica(tmp_path):
    """`package --layout archivematica` (as issue 15 names it) writes the same transfer,
    byte for byte, as `--deposit archivematica`, the TEI merged."""
    alias, deposit = tmp_path / "alias", tmp_path / "deposit"
    assert run(SEED, "--layout", "archivematica", "-o", alias, env=EPOCH).exit_code == 0
    assert run(SEED, "--deposit", "archivematica", "-o", deposit, env=EPOCH).exit_code == 0
    assert _tree(alias) == _tree(deposit) and (alias / "objects").is_dir()


@pytest.mark.parametrize("args, says", [
    (["--layout", "copies", "--layout", "archivematica"], "--layout given 2 times"),
    (["--layout", "archivematica", "--deposit", "bag"], "give one of them"),
], ids=["with-a-tei-layout", "with-deposit-bag"])
def test_layout_archivematica_combined_is_a_usage_error(tmp_path, args, says):
    target = tmp_path / "out"
    result = run(SEED, *args, "-o", target)
    assert result.exit_code == 2 and says in result.output and not target.exists()


def test_layout_copies_with_deposit_archivematica(tmp_path):
    target = tmp_path / "transfer"
    assert run(SEED, "--layout", "copies", "--deposit", "archivematica", "-o", target, env=EPOCH).exit_code == 0
    tei = (target / "objects" / "assurances-1962-11-13.xml").read_bytes()
    assert b"<group>" in tei and b'<text corresp="#B"' in tei  # one transcription per copy


def _readme_example(command: str) -> list[str]:
    """The lines the README's deposit example shows after `$ COMMAND`, up to the next `$`."""
    lines = (Path(__file__).parents[1] / "README.md").read_text("utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == f"$ {command}")
    shown = []
    for line in lines[start + 1:]:
        if line.strip().startswith("$") or not line.strip():
            break
        shown.append(line.strip())
    return shown


def test_readme_bag_example_is_what_package_writes(tmp_path):
    """The seed's bag in the README lists the files package writes (the repository
    metadata included), and its bagit.txt and bag-info.txt fields; the Payload-Oxum's
    figures change with every change of output, so only the field is compared."""
    target = tmp_path / "memo-bag"
    assert run("--sample", "-o", target, "--source-organization", "Example Archive", "--contact-email",
               "archivist@example.org", "--idno", "hdl:0000/example", env={"SOURCE_DATE_EPOCH": "1764460800"},
               ).exit_code == 0
    files = sorted("./" + p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert _readme_example("(cd memo-bag && find . -type f | sort)") == files
    assert _readme_example("cat memo-bag/bagit.txt") == (target / "bagit.txt").read_text().splitlines()
    info = (target / "bag-info.txt").read_text().splitlines()
    shown = _readme_example("cat memo-bag/bag-info.txt")
    assert [line.split(":")[0] for line in shown] == [line.split(":")[0] for line in info]
    assert [line for line in shown if not line.startswith("Payload-Oxum")] == [
        line for line in info if not line.startswith("Payload-Oxum")]
