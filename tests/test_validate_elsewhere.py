"""`validate` on TEI that tei-encoder did not write (issue 15): verdicts agree with jing
on the TEI Stylesheets test files, XInclude is resolved as jing does, the house
conventions apply only with the project schema, and paths are readable."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tei_encoder.cli import main
from tests.conftest import ROOT

STYLESHEETS = ROOT / "tests" / "fixtures" / "tei-stylesheets"
TEI = '<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">'
HEADER = ("<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p>"
          "</publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>")


def run(*args, input=None):
    return CliRunner().invoke(main, ["validate", *[str(a) for a in args]], input=input)


def jing_verdicts() -> dict[str, str]:
    lines = (STYLESHEETS / "jing-verdicts.tsv").read_text("utf-8").splitlines()
    return dict(line.split("\t") for line in lines)


def test_tei_all_agrees_with_jing_on_the_tei_stylesheets_tests(monkeypatch):
    """One run over the 89 vendored files (tei_all compiles once, ~10 s)."""
    verdicts = jing_verdicts()
    assert len(verdicts) == 89 and verdicts["Test/testxi.xml"] == "ok"
    monkeypatch.chdir(STYLESHEETS)
    result = run("--tei-all", "--no-rules", "--format", "json", "-j", "1", *verdicts)
    ours = {f["path"]: "ok" if f["status"] == "valid" else "bad" for f in json.loads(result.output)["files"]}
    disagreements = {path: (ours[path], jing) for path, jing in verdicts.items() if ours[path] != jing}
    assert disagreements == {}
    assert sorted(set(verdicts.values())) == ["bad", "ok"]  # the set has both kinds


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, "utf-8")
    return path


def test_xinclude_is_resolved_before_validation(tmp_path):
    _write(tmp_path, "part.xml", '<div xmlns="http://www.tei-c.org/ns/1.0"><p>included</p></div>')
    doc = _write(tmp_path, "doc.xml", f'{TEI}{HEADER}<text><body><xi:include href="part.xml"/></body></text></TEI>')
    assert run("--no-project", doc).exit_code == 0
    result = run("--no-project", "--no-xinclude", doc)
    assert result.exit_code == 0  # the rules alone have nothing against an include element


def test_xinclude_failure_and_fallback(tmp_path):
    body = '<text><body><xi:include href="missing.xml"/></body></text></TEI>'
    doc = _write(tmp_path, "doc.xml", f"{TEI}{HEADER}{body}")
    result = run("--no-project", doc)
    assert result.exit_code == 1 and "[xinclude]" in result.output and f"{doc}:1" in result.output
    fallback = '<text><body><xi:include href="missing.xml"><xi:fallback><p>none</p></xi:fallback></xi:include>'
    doc.write_text(f"{TEI}{HEADER}{fallback}</body></text></TEI>", "utf-8")
    assert run("--no-project", doc).exit_code == 0


@pytest.mark.parametrize("href, reason", [("http://example.org/x.xml", "not a local file"),
                                          ("../outside.xml", "outside the document's folder"),
                                          ("doc.xml", "loop")])
def test_xinclude_refuses_the_network_other_folders_and_loops(tmp_path, monkeypatch, href, reason):
    inner = tmp_path / "inner"
    inner.mkdir()
    _write(tmp_path, "outside.xml", '<p xmlns="http://www.tei-c.org/ns/1.0">secret</p>')
    doc = _write(inner, "doc.xml", f'{TEI}{HEADER}<text><body><xi:include href="{href}"/></body></text></TEI>')
    monkeypatch.chdir(inner)
    result = run("--no-project", doc)
    assert result.exit_code == 1 and reason in result.output


def test_house_conventions_only_with_the_project_schema(tmp_path):
    """A legal pb without @n, a labelled p without @n, a div of only a head: TEI allows
    them; only the project's own encoding forbids them."""
    doc = _write(tmp_path, "other.xml", f'{TEI}{HEADER}<text><body><div><head>h</head></div>'
                                        '<div><p><label>1.</label> x<pb/></p></div></body></text></TEI>')
    assert run("--no-project", doc).exit_code == 0
    result = run(doc)
    for rule in ("pb-n", "p-label-n", "div-block"):
        assert f"[{rule}]" in result.output


def test_problems_have_readable_paths(tmp_path):
    doc = _write(tmp_path, "paths.xml", f'{TEI}{HEADER}<text><body><div><p>a</p></div><div><p>a</p><p>b</p>'
                                        '<p>c<pb/></p></div></body></text></TEI>')
    result = run(doc)
    assert "at /TEI/text/body/div[2]/p[3]/pb[1]" in result.output
    shutil.copy(STYLESHEETS / "Test" / "testxi-inc.xml", tmp_path / "inc.xml")
    result = run("--tei-all", tmp_path / "inc.xml")
    assert "at /div" in result.output and "/*" not in result.output


def test_one_run_writes_annotations_and_junit(tmp_path):
    doc = _write(tmp_path, "doc.xml", f"{TEI}{HEADER}<text><body><p>x<ref target='#nowhere'/></p></body></text></TEI>")
    report = tmp_path / "reports" / "junit.xml"
    result = run("--no-project", "--format", "github", "--junit", report, doc)
    assert result.exit_code == 1 and "title=pointer-target::" in result.output
    assert "<failure" in report.read_text("utf-8") and "pointer-target" in report.read_text("utf-8")


def test_github_workflow_example():
    """What the issue asked of it: no placeholder, a cache key that follows the schema,
    one validate run for both reports, the path an input, comment and command agree."""
    yaml = pytest.importorskip("yaml", reason="PyYAML reads the workflow")
    text = (ROOT / "docs" / "tei-validate.github-workflow.yml").read_text("utf-8")
    flow = yaml.safe_load(text)
    assert "OWNER" not in text
    inputs = flow[True]["workflow_call"]["inputs"]  # PyYAML reads the key `on` as True
    assert {"tei-encoder", "path", "options"} <= set(inputs)
    assert "--no-project" in inputs["options"]["default"] and "--no-project" in inputs["options"]["description"]
    steps = flow["jobs"]["validate"]["steps"]
    runs = [step["run"] for step in steps if "tei-encoder validate" in step.get("run", "")]
    assert len(runs) == 1
    assert "--format github" in runs[0] and "--junit tei-validation.xml" in runs[0] and "inputs.path" in runs[0]
    cache = next(step for step in steps if step.get("uses", "").startswith("actions/cache"))
    assert "steps.schema.outputs.hash" in cache["with"]["key"]
