"""`validate` results for people and for CI tools: text, JSON, JUnit XML, GitHub
Actions annotations. Each takes the list of FileResult and returns the whole output.

JSON (format version 1; fields are only ever added):

    {"version": 1, "checks": ["tei-memo.xsd", "rules"],
     "summary": {"files": 3, "valid": 2, "invalid": 1, "unreadable": 0, "problems": 4},
     "files": [{"path": "a.xml", "status": "invalid",
                "problems": [{"line": 12, "column": null, "rule": "pb-n",
                              "message": "...", "xpath": "/TEI/text/..."}]},
               {"path": "gone.xml", "status": "unreadable", "reason": "cannot read: ..."}]}
"""

from __future__ import annotations

import json

from lxml import etree

from tei_encoder.errors import position
from tei_encoder.validation.check import FileResult


def render(results: list[FileResult], form: str, checks: list[str], quiet: bool = False) -> str:
    """The report in one of the formats: text, json, junit, github."""
    if form == "json":
        return as_json(results, checks)
    if form == "junit":
        return as_junit(results, checks)
    if form == "github":
        return as_github(results)
    return as_text(results, quiet)


def summary(results: list[FileResult]) -> dict:
    statuses = [r.status for r in results]
    return {"files": len(results), "valid": statuses.count("valid"), "invalid": statuses.count("invalid"),
            "unreadable": statuses.count("unreadable"), "problems": sum(len(r.problems) for r in results)}


def summary_line(results: list[FileResult]) -> str:
    counts = summary(results)
    return (f"{counts['files']} file(s) checked: {counts['valid']} valid, {counts['invalid']} invalid, "
            f"{counts['unreadable']} unreadable; {counts['problems']} problem(s)")


def as_text(results: list[FileResult], quiet: bool = False) -> str:
    lines = []
    for result in results:
        if result.unreadable is not None:
            lines.append(f"{result.path}: error: {result.unreadable}")
        for problem in result.problems:
            xpath = f" at {problem.path}" if problem.path else ""
            where = position(problem.source, problem.line, problem.column)
            lines.append(f"{where}: error: {problem.message} [{problem.rule}]{xpath}")
    if not quiet:
        lines.append(summary_line(results))
    return "\n".join(lines) + ("\n" if lines else "")


def as_json(results: list[FileResult], checks: list[str]) -> str:
    files = []
    for result in results:
        entry: dict = {"path": result.path, "status": result.status}
        if result.unreadable is not None:
            entry["reason"] = result.unreadable
        else:
            entry["problems"] = [{"line": p.line, "column": p.column, "rule": p.rule, "message": p.message,
                                  "xpath": p.path or None} for p in result.problems]
        files.append(entry)
    document = {"version": 1, "checks": checks, "summary": summary(results), "files": files}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def as_junit(results: list[FileResult], checks: list[str]) -> str:
    """One test case per file: a failure per invalid file, an error per unreadable one."""
    counts = summary(results)
    suite = etree.Element("testsuite", name="tei-encoder validate", tests=str(counts["files"]),
                          failures=str(counts["invalid"]), errors=str(counts["unreadable"]), skipped="0")
    properties = etree.SubElement(suite, "properties")
    etree.SubElement(properties, "property", name="checks", value=" ".join(checks))
    for result in results:
        case = etree.SubElement(suite, "testcase", classname="tei-encoder.validate", name=result.path)
        if result.unreadable is not None:
            etree.SubElement(case, "error", message=result.unreadable, type="unreadable").text = result.unreadable
        elif result.problems:
            failure = etree.SubElement(case, "failure", message=f"{len(result.problems)} problem(s)", type="invalid")
            failure.text = as_text([result], quiet=True)
    root = etree.Element("testsuites", name="tei-encoder validate", tests=str(counts["files"]),
                         failures=str(counts["invalid"]), errors=str(counts["unreadable"]))
    root.append(suite)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode("utf-8")


def as_github(results: list[FileResult]) -> str:
    """GitHub Actions workflow commands: one ::error per problem, shown on the diff."""
    lines = []
    for result in results:
        if result.unreadable is not None:
            lines.append(f"::error file={_property(result.path)},title=unreadable::{_data(result.unreadable)}")
        for problem in result.problems:
            place = f"file={_property(result.path)}"
            if problem.line is not None:
                place += f",line={problem.line}"
                if problem.column is not None:
                    place += f",col={problem.column}"
            lines.append(f"::error {place},title={_property(problem.rule)}::{_data(problem.message)}")
    lines.append(summary_line(results))
    return "\n".join(lines) + "\n"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
