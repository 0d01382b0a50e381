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

from tei_encoder.errors import InputError
from tei_encoder.model import Metadata

FIELDS = {f.name for f in dataclasses.fields(Metadata)}


def load_metadata(path: Path | None, overrides: dict) -> Metadata:
    values: dict = {}
    if path is not None:
        try:
            table = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(str(path), f"cannot read metadata file: {exc}") from None
        except tomllib.TOMLDecodeError as exc:
            line = getattr(exc, "lineno", None)
            raise InputError(str(path), f"bad TOML: {exc}", line=line) from None
        values = table.get("tei", table)
        unknown = sorted(set(values) - FIELDS)
        if unknown:
            raise InputError(str(path), f"unknown metadata keys: {', '.join(unknown)} "
                                        f"(known: {', '.join(sorted(FIELDS))})")
    values.update({k: v for k, v in overrides.items() if v is not None})
    if values.get("date") is None:
        values["date"] = source_date()
    elif not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(values["date"])):
        raise InputError(str(path or "--date"), f"date must be YYYY-MM-DD, not {values['date']!r}")
    return Metadata(**{k: str(v) for k, v in values.items() if v is not None})


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
