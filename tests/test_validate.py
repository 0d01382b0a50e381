"""`tei-encoder validate` (issue 4): checks, reports, exit codes, hostile input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tei_encoder.cli import main
from tei_encoder.pipeline import analyse_copies, to_tei
from tests.conftest import ALL_INPUTS, ROOT, SEED

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
SAMPLES = ROOT / "tests" / "fixtures" / "samples"


def run(*args, input=None):
    return CliRunner().invoke(main, ["validate", *[str(a) for a in args]], input=input)


@pytest.fixture(scope="module")
def encoded_dir(tmp_path_factory) -> Path:
    """Everything the encoder writes for the real inputs, in both layouts."""
    folder = tmp_path_factory.mktemp("encoded")
    for path in ALL_INPUTS:
        document = analyse_copies([(path.read_bytes(), str(path))])
        for layout in ("merged", "copies"):
            (folder / f"{path.stem}.{layout}.xml").write_bytes(to_tei(document, layout))
    return folder


@pytest.fixture
def broken(tmp_path) -> Path:
    """The seed's merged TEI with one fault of each kind the rules catch."""
    tree = etree.parse(str(ROOT / "output" / "assurances-1962-11-13.xml"))
    t = "{http://www.tei-c.org/ns/1.0}"
    root = tree.getroot()
    root.find(f".//{t}pb").attrib.pop("n")
    root.find(f".//{t}app[@type='ocr']/{t}rdg").set("wit", "#Z")
    root.find(f".//{t}p").set("{http://www.w3.org/XML/1998/namespace}id", "A")
    target = tmp_path / "broken.xml"
    tree.write(str(target), xml_declaration=True, encoding="UTF-8")
    return target


# --- what is valid ---------------------------------------------------------------------

def test_everything_the_encoder_writes_is_valid(encoded_dir):
    result = run(encoded_dir)
    assert result.exit_code == 0, result.output
    assert f"{2 * len(ALL_INPUTS)} file(s) checked: {2 * len(ALL_INPUTS)} valid" in result.output


def test_tei_all_passes_the_frus_sample_and_finds_what_tei_forbids(tmp_path):
    """One run (compiling tei_all takes ~10 s): TEI the project did not write is valid
    against tei_all and the rules; a u element (not TEI for underline) is not."""
    bad = tmp_path / "bad.xml"
    bad.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p><u>x</u></p></body></text></TEI>')
    frus = SAMPLES / "frus1936v03-d225.xml"
    result = run("--tei-all", "--format", "json", frus, bad)
    report = json.loads(result.output)
    assert result.exit_code == 1 and report["checks"] == ["tei_all.rng", "rules"]
    assert [f["status"] for f in report["files"]] == ["valid", "invalid"]
    assert {p["rule"] for p in report["files"][1]["problems"]} == {"tei_all.rng"}


# --- the rules -------------------------------------------------------------------------

def test_rules_report_file_line_and_rule(broken):
    result = run(broken)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    for rule in ("pb-n", "pointer-target", "id-unique", "app-complete"):
        assert any(line.startswith(f"{broken}:") and f"[{rule}]" in line for line in lines), rule
    # Without the project schema the house convention pb-n is not checked; the TEI-level rules are.
    elsewhere = run("--no-project", broken).output
    assert "[pb-n]" not in elsewhere and "[pointer-target]" in elsewhere and "[id-unique]" in elsewhere


def test_apparatus_must_be_declared(tmp_path):
    doc = tmp_path / "app.xml"
    doc.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>a <app><rdg wit="#A">b</rdg>'
                   '</app></p></body></text></TEI>')
    result = run("--no-project", doc)
    assert result.exit_code == 1 and result.output.count("[app-declared]") == 2


def test_date_when_is_checked(tmp_path):
    doc = tmp_path / "date.xml"
    doc.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p><date when="1962-13-45">x</date>'
                   '<date when="1962-11">y</date></p></body></text></TEI>')
    result = run("--no-project", doc)
    assert result.output.count("[date-when]") == 1 and "1962-13-45" in result.output


# --- reports ---------------------------------------------------------------------------

def test_json_report_has_a_stable_shape(broken, tmp_path):
    missing = tmp_path / "gone.xml"
    result = run("--format", "json", broken, SEED.with_suffix(".txt"), missing)
    assert result.exit_code == 2  # an unreadable input wins over invalid ones
    report = json.loads(result.output)
    assert report["version"] == 1 and report["checks"] == ["tei-memo.xsd", "rules"]
    assert set(report["summary"]) == {"files", "valid", "invalid", "unreadable", "problems"}
    statuses = {Path(f["path"]).name: f["status"] for f in report["files"]}
    assert statuses == {"broken.xml": "invalid", SEED.name: "invalid", "gone.xml": "unreadable"}
    problem = report["files"][0]["problems"][0]
    assert set(problem) == {"line", "column", "rule", "message", "xpath"}


def test_junit_report_is_junit(broken, encoded_dir):
    valid = next(encoded_dir.iterdir())
    result = run("--format", "junit", broken, valid)
    root = etree.fromstring(result.output.encode())
    suite = root.find("testsuite")
    assert root.tag == "testsuites" and suite.get("tests") == "2" and suite.get("failures") == "1"
    cases = suite.findall("testcase")
    assert [c.find("failure") is not None for c in cases] == [True, False]
    assert "[pb-n]" in cases[0].find("failure").text


def test_github_annotations(broken):
    result = run("--format", "github", broken)
    errors = [line for line in result.output.splitlines() if line.startswith("::error ")]
    assert errors and all(line.startswith(f"::error file={broken},line=") for line in errors)
    assert any(",title=pb-n::" in line for line in errors)


def test_quiet_prints_only_problems(encoded_dir, broken):
    assert run("-q", encoded_dir).output == ""
    assert "checked" not in run("-q", broken).output


def test_directory_glob_and_stdin(encoded_dir, tmp_path):
    copies = tmp_path / "nested" / "deeper"
    copies.mkdir(parents=True)
    for path in list(encoded_dir.glob("*.merged.xml"))[:3]:
        shutil.copy(path, copies / path.name)
    (copies / "notes.txt").write_text("not xml")
    assert "3 file(s) checked: 3 valid" in run(tmp_path).output
    assert "0 valid, 1 invalid" in run("--glob", "*.txt", tmp_path).output
    seed_tei = (ROOT / "output" / "assurances-1962-11-13.xml").read_text("utf-8")
    result = run("-", input=seed_tei)
    assert result.exit_code == 0 and "1 valid" in result.output


def test_usage_errors_exit_2(tmp_path):
    assert run().exit_code == 2
    assert run("--format", "yaml", SEED).exit_code == 2
    assert run("--no-project", "--no-rules", SEED).exit_code == 2
    assert run("--max-size", "lots", SEED).exit_code == 2
    assert run(tmp_path).exit_code == 2  # a directory with nothing to check


# --- hostile and faulty files ------------------------------------------------------------

@pytest.mark.parametrize("name", ["billion-laughs", "quadratic-blowup", "xxe-local-file", "xxe-network",
                                  "external-dtd", "deep-nesting"])
def test_attacks_are_refused_with_a_position(name):
    path = HOSTILE / f"{name}.xml"
    result = run("--format", "json", path)
    assert result.exit_code == 1
    problems = json.loads(result.output)["files"][0]["problems"]
    assert len(problems) == 1 and problems[0]["rule"] == "safe-xml" and problems[0]["line"] is not None
    assert "root:" not in result.output  # nothing of /etc/passwd


def test_xinclude_is_never_processed():
    result = run(HOSTILE / "xinclude.xml")
    assert result.exit_code == 1 and "root:" not in result.output


def test_malformed_file_is_reported_with_line_and_column():
    result = run(HOSTILE / "malformed.xml")
    assert result.exit_code == 1
    assert f"{HOSTILE / 'malformed.xml'}:4:29: error: not well-formed XML" in result.output
    assert "Traceback" not in result.output


def test_size_limit(encoded_dir):
    path = next(encoded_dir.iterdir())
    result = run("--max-size", "1k", path)
    assert result.exit_code == 2 and "more than 1,024 bytes (--max-size)" in result.output


def test_encode_and_validate_share_the_rules(monkeypatch, tmp_path):
    """An encoding that breaks a rule (not the schema) is refused by encode too."""
    from tei_encoder.errors import SchemaProblem
    from tei_encoder.validation import rules
    real = rules.check_rules

    def strict(tree, source="<memory>", house=True):
        yield from real(tree, source, house)
        yield SchemaProblem("a rule fired", source=source, rule="test-rule")

    monkeypatch.setattr("tei_encoder.validation.validator.check_rules", strict)
    result = CliRunner().invoke(main, ["encode", str(SEED), "-o", str(tmp_path)])
    assert result.exit_code == 1 and "a rule fired" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["manifest.jsonl"]  # the batch's record of the failure


def test_div_without_paragraph_is_a_rule_problem(tmp_path):
    doc = tmp_path / "div.xml"
    doc.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div><head>x</head></div>'
                   '<div><div><p>y</p></div></div></body></text></TEI>')
    result = run(doc)  # a house convention: checked with the project schema
    assert result.output.count("[div-block]") == 1 and f"{doc}:1" in result.output


def test_pre_commit_hook_runs_the_validate_command(encoded_dir, broken):
    """The published hook (.pre-commit-hooks.yaml) is `tei-encoder validate --quiet`
    on the staged XML files: silent and 0 on valid files, 1 on an invalid one."""
    hook = (ROOT / ".pre-commit-hooks.yaml").read_text("utf-8")
    assert "- id: tei-validate" in hook and "types: [xml]" in hook
    entry = next(line.split(":", 1)[1].split() for line in hook.splitlines() if line.strip().startswith("entry:"))
    assert entry[:2] == ["tei-encoder", "validate"]
    valid = sorted(encoded_dir.iterdir())[:2]
    ok = CliRunner().invoke(main, entry[1:] + [str(p) for p in valid])
    assert ok.exit_code == 0 and ok.output == ""
    assert CliRunner().invoke(main, entry[1:] + [str(broken)]).exit_code == 1


def _mutations(tree) -> list[tuple[str, etree._ElementTree]]:
    """Faults the project schema (not the rules) must catch."""
    import copy
    t = "{http://www.tei-c.org/ns/1.0}"
    faults = []
    for name, change in [
        ("pb without n", lambda r: r.find(f".//{t}pb").attrib.pop("n")),
        ("unknown fw type", lambda r: r.find(f".//{t}fw").set("type", "doodle")),
        ("bad date", lambda r: r.find(f".//{t}date[@when]").set("when", "13 Nov 1962")),
        ("unknown element", lambda r: r.find(f".//{t}p").append(etree.Element(f"{t}u"))),
        ("app type", lambda r: r.find(f".//{t}app").set("type", "other")),
        ("rdg without wit", lambda r: r.find(f".//{t}rdg").attrib.pop("wit")),
    ]:
        mutated = copy.deepcopy(tree)
        change(mutated.getroot())
        faults.append((name, mutated))
    return faults


def test_both_engines_give_the_same_verdicts(encoded_dir):
    """libxml2 is the fast engine for CI: it must agree with xmlschema on everything the
    encoder writes and on every kind of fault."""
    from tei_encoder.validation.safexml import parse_file
    from tei_encoder.validation.validator import Validator
    engines = {e: Validator(rules=False, engine=e) for e in ("xmlschema", "libxml2")}
    for path in sorted(encoded_dir.iterdir()):
        tree = parse_file(path)
        assert [v.is_valid(tree) for v in engines.values()] == [True, True], path.name
    seed = parse_file(ROOT / "output" / "assurances-1962-11-13.xml")
    for name, tree in _mutations(seed):
        verdicts = {e: [p.line is not None for p in v.iter_problems(tree)] for e, v in engines.items()}
        assert all(verdicts.values()), name  # both find it, with a line
    result = run("--engine", "libxml2", "--format", "json", encoded_dir)
    assert result.exit_code == 0 and json.loads(result.output)["summary"]["valid"] == 2 * len(ALL_INPUTS)


def test_pointer_rule_reads_the_attributes_as_the_element_walk_does(encoded_dir):
    """validation.rules._pointers answers a document whose pointers all reach an xml:id
    from one query for every attribute: the same problems, in the same order, as asking
    each element for each pointer attribute, on the encoder's output with pointers made
    stray in several attributes of one element, and with a namespaced attribute of a
    pointer's name (not a pointer: element.get reads plain attributes only)."""
    from tei_encoder.validation import rules

    def by_walk(root, ids):
        return [rules.problem(element, f"@{name} points to {pointer}, which is no xml:id of this document",
                              "pointer-target", "s")
                for element in root.iter() if isinstance(element.tag, str) for name in rules.POINTER_ATTRIBUTES
                for pointer in (element.get(name) or "").split() if pointer.startswith("#") and pointer[1:] not in ids]

    trees = [etree.parse(str(path)).getroot() for path in sorted(encoded_dir.glob("*.xml"))[:6]]
    stray = etree.fromstring(etree.tostring(trees[0]))
    first = stray.find(".//{*}body")
    first.set("wit", "#A #nobody")
    first.set("corresp", "#ghost")
    first.set("{urn:other}ref", "#not-a-pointer")
    for root in trees + [stray]:
        ids = {element.get(rules.XML_ID) for element in root.iter() if isinstance(element.tag, str)} - {None}
        assert [p.message for p in rules._pointers(root, ids, "s")] == [p.message for p in by_walk(root, ids)]
    assert len(list(rules._pointers(stray, set(), "s"))) > 2
