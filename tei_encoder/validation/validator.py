"""Stage 6, validation, shared by `encode` (every output) and `validate` (any TEI file):
the project schema (XSD 1.0, xmlschema), the official tei_all (RELAX NG, lxml) when
asked, the TEI-level rules (tei_encoder.validation.rules) and, with the project schema,
the house conventions (tei_encoder.validation.house). Every problem's path is readable
(tei_encoder.validation.paths).

Schemas are built when a Validator is made, never at import, and a Validator is meant
to be reused for every file of a run. The built project schema is cached between runs
(a pickle in the user's cache directory, keyed by the schema's bytes and the xmlschema
and Python versions): building it takes about 0.3 s, loading it 0.05 s. tei_all cannot
be cached (lxml's RelaxNG has no serialised form) and takes about 10 s to compile, so it
runs only when asked.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from tei_encoder import PACKAGE_DIR
from tei_encoder.errors import InvalidEncoding, SchemaProblem
from tei_encoder.validation.paths import readable_libxml2_path, readable_path
from tei_encoder.validation.rules import check_rules

CACHE_ENV = "TEI_ENCODER_CACHE"  # a directory, or "off"


def schema_dir() -> Path:
    return PACKAGE_DIR / "schema"


# auto: libxml2 decides, xmlschema explains (see Validator); the default everywhere.
ENGINES = ("auto", "xmlschema", "libxml2")


class Validator:
    """project: the project schema; tei_all: the official TEI schema; rules: the rules
    no grammar expresses (the house conventions among them only with project, since
    TEI from elsewhere need not follow them). Each problem says which check found it
    (SchemaProblem.rule).

    engine: what validates the project schema. xmlschema is pure Python, about 15-20 ms
    a memo; libxml2 (lxml) runs the same XSD 1.0 about a hundred times faster. The tests
    hold the two to the same verdicts (and 12,000 mutated documents gave no
    disagreement), so auto (the default, and what every encode uses) lets libxml2 decide
    and runs xmlschema only on a document libxml2 finds invalid, to report its problems
    in xmlschema's words (with an XPath); should xmlschema find nothing there, libxml2's
    own messages are reported: a document libxml2 rejects is never passed."""

    def __init__(self, xsd: Path | None = None, tei_all: bool = False, project: bool = True, rules: bool = True,
                 engine: str = "auto"):
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
        path = Path(xsd or schema_dir() / "tei-memo.xsd")
        # xmlschema (about 120 ms to import, 50 ms to load the built schema) only when
        # its check first runs: a Validator made and not used for it costs nothing.
        self._xsd_path = path if project and engine in ("auto", "xmlschema") else None
        self._xsd = None
        self.libxml2 = None
        if project and engine in ("auto", "libxml2"):
            self.libxml2 = etree.XMLSchema(etree.parse(str(path)))
        self.relaxng = etree.RelaxNG(etree.parse(str(schema_dir() / "tei_all.rng"))) if tei_all else None
        self.rules = rules
        self.house = project

    def iter_problems(self, tree: etree._ElementTree, source: str = "<memory>") -> Iterator[SchemaProblem]:
        if self.libxml2 is None:
            if self._xsd_path is not None:
                yield from self._xmlschema_problems(tree, source)
        elif not self.libxml2.validate(tree):
            libxml2_problems = [SchemaProblem(message=entry.message, path=readable_libxml2_path(tree, entry.path),
                                              line=entry.line, column=entry.column or None, source=source,
                                              rule="tei-memo.xsd")
                                for entry in self.libxml2.error_log]
            explained = list(self._xmlschema_problems(tree, source)) if self._xsd_path is not None else []
            yield from explained or libxml2_problems
        if self.relaxng is not None and not self.relaxng.validate(tree):
            for entry in self.relaxng.error_log:
                yield SchemaProblem(message=entry.message, path=readable_libxml2_path(tree, entry.path),
                                    line=entry.line, column=entry.column, source=source, rule="tei_all.rng")
        if self.rules:
            yield from check_rules(tree, source, house=self.house)

    def _xmlschema_problems(self, tree: etree._ElementTree, source: str) -> Iterator[SchemaProblem]:
        # Validate the lxml tree itself: xmlschema then knows each element's line.
        for error in self._xmlschema().iter_errors(tree):
            yield SchemaProblem(message=error.reason or str(error), path=_xmlschema_path(error),
                                line=error.sourceline, source=source, rule="tei-memo.xsd")

    def _xmlschema(self):
        if self._xsd is None:
            self._xsd = load_xsd(self._xsd_path)
        return self._xsd

    def is_valid(self, tree: etree._ElementTree) -> bool:
        return next(self.iter_problems(tree), None) is None

    def validate(self, tree: etree._ElementTree, source: str = "<memory>") -> None:
        problems = list(self.iter_problems(tree, source))
        if problems:
            raise InvalidEncoding(source, problems)


def _xmlschema_path(error) -> str:
    element = getattr(error, "elem", None)
    if isinstance(element, etree._Element):
        return readable_path(element)
    return error.path or ""


def load_xsd(path: Path):
    """The built schema (an xmlschema.XMLSchema10), from the cache when it holds this
    very schema."""
    import xmlschema

    data = path.read_bytes()
    cache = cache_dir()
    key = hashlib.sha256(data + f"|{xmlschema.__version__}|{sys.version}|{path.resolve()}".encode()).hexdigest()
    cached = cache / f"xsd-{key[:32]}.pickle" if cache else None
    if cached is not None and cached.is_file():
        try:
            with cached.open("rb") as handle:
                return pickle.load(handle)
        except Exception:  # a stale or damaged cache entry is rebuilt, never fatal
            pass
    schema = xmlschema.XMLSchema10(str(path))
    if cached is not None:
        _store(cached, schema)
    return schema


def cache_dir() -> Path | None:
    setting = os.environ.get(CACHE_ENV)
    if setting == "off":
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "tei-encoder"


def _store(target: Path, schema) -> None:
    """Best effort, atomic: a read-only home or a full disk only costs the cache."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump(schema, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, target)
    except (OSError, pickle.PicklingError, RecursionError):
        pass
