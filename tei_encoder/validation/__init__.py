"""Validation: any TEI tree or file in, problems out.

`validator.Validator` checks a tree against the project schema (xmlschema or libxml2),
the official tei_all schema and the project's `rules`; `safexml` parses untrusted XML
(no DTD, no entities, no network, bounded size); `check` validates many files, in worker
processes; `findings` renders the problems as text, JSON, JUnit or GitHub annotations.
Problems are `SchemaProblem` records with a line and an XPath.
"""
