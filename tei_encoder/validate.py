"""Stage 6, validation: the project schema (XSD 1.1, xmlschema) and, when asked, the
official tei_all (RELAX NG, lxml). Schemas are built when a Validator is made, never at
import, and a Validator is meant to be reused for every file of a run.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import xmlschema
from lxml import etree

from tei_encoder.errors import InvalidEncoding, SchemaProblem


def schema_dir() -> Path:
    return Path(str(resources.files("tei_encoder") / "schema"))


class Validator:
    def __init__(self, xsd: Path | None = None, tei_all: bool = False):
        self.schema = xmlschema.XMLSchema11(str(xsd or schema_dir() / "tei-memo.xsd"))
        self.relaxng = etree.RelaxNG(etree.parse(str(schema_dir() / "tei_all.rng"))) if tei_all else None

    def iter_problems(self, tree: etree._ElementTree, source: str = "<memory>") -> Iterator[SchemaProblem]:
        # Validate the lxml tree itself: xmlschema then knows each element's line.
        for error in self.schema.iter_errors(tree):
            yield SchemaProblem(message=error.reason or str(error), path=error.path or "",
                                line=error.sourceline, source=source, rule="tei-memo.xsd")
        if self.relaxng is not None and not self.relaxng.validate(tree):
            for entry in self.relaxng.error_log:
                yield SchemaProblem(message=entry.message, path=entry.path or "", line=entry.line,
                                    column=entry.column, source=source, rule="tei_all.rng")

    def is_valid(self, tree: etree._ElementTree) -> bool:
        return next(self.iter_problems(tree), None) is None

    def validate(self, tree: etree._ElementTree, source: str = "<memory>") -> None:
        problems = list(self.iter_problems(tree, source))
        if problems:
            raise InvalidEncoding(source, problems)
