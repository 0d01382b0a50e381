"""Metadata the OCR text does not hold: from a TOML file and options (options win).

The TOML file has one table, [tei], with the keys of tei_encoder.model.Metadata:

    [tei]
    repository = "National Archives and Records Administration"
    collection = "JFK Assassination Records"
    publisher = "Example Digital Archive"
    licence = "CC BY 4.0"
    licence_url = "https://creativecommons.org/licenses/by/4.0/"
    identifier = "doi:10.0000/example"
"""

from __future__ import annotations

import dataclasses
import datetime
import os
import re
import tomllib
from pathlib import Path

from tei_encoder.errors import InputError, OptionError
from tei_encoder.model import Metadata
from tei_encoder.readers.bounded import DEFAULT_MAX_BYTES, read_bounded
from tei_encoder.readers.text import NOT_XML

FIELDS = {f.name for f in dataclasses.fields(Metadata)}


def load_metadata(path: Path | None, overrides: dict, max_bytes: int = DEFAULT_MAX_BYTES) -> Metadata:
    """The file's [tei] table, then the options over it. A bad value in the file is an
    input error (exit 3), in an option a usage error (exit 2)."""
    values: dict = _load_file(path, max_bytes) if path is not None else {}
    options = {k: v for k, v in overrides.items() if v is not None}
    for key, value in options.items():
        problem = _problem(key, value)
        if problem:
            raise OptionError(option_name(key), problem)
    values.update(options)
    if values.get("date") is None:
        values["date"] = source_date()
    return Metadata(**{k: str(v) for k, v in values.items() if v is not None})


def option_name(key: str) -> str:
    """The command-line option that sets a Metadata field."""
    return "--idno" if key == "identifier" else "--" + key.replace("_", "-")


def _load_file(path: Path, max_bytes: int) -> dict:
    try:
        raw = read_bounded(path, max_bytes).decode("utf-8")
        table = tomllib.loads(raw)
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"cannot read metadata file: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise InputError(str(path), f"bad TOML: {exc}", line=line) from None
    values = table.get("tei", table)
    unknown = sorted(set(values) - FIELDS)
    if unknown:
        raise InputError(str(path), f"unknown metadata keys: {', '.join(unknown)} "
                                    f"(known: {', '.join(sorted(FIELDS))})")
    for key, value in values.items():
        problem = _problem(key, value)
        if problem:
            raise InputError(str(path), f"{key}: {problem}", line=_line_of(raw, key))
    return dict(values)


def _problem(key: str, value) -> str | None:
    """What is wrong with a metadata value, or None: XML 1.0 must be able to hold it,
    and a date must be a real day, YYYY-MM-DD."""
    if isinstance(value, datetime.date) and key == "date":
        value = value.isoformat()
    if not isinstance(value, str):
        return f"must be a string, not {type(value).__name__}"
    bad = NOT_XML.search(value)
    if bad:
        return f"U+{ord(bad.group()):04X} at character {bad.start() + 1} is not allowed (XML 1.0 forbids it)"
    if key == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return f"date must be YYYY-MM-DD, not {value!r}"
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            return f"{value!r} is not a day of the calendar"
    return None


def _line_of(raw: str, key: str) -> int | None:
    """The line of a key in the TOML text, for the message."""
    for number, line in enumerate(raw.split("\n"), start=1):
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            return number
    return None


def source_date() -> str | None:
    """The encoding date from SOURCE_DATE_EPOCH, for reproducible builds; else None (no clock)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    try:
        moment = datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc)
    except (ValueError, OverflowError):
        raise InputError("SOURCE_DATE_EPOCH", f"not a number of seconds: {epoch!r}") from None
    return moment.date().isoformat()
