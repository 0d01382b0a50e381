"""Typed errors. Each carries the position it is about; cli.py maps them to exit codes."""

from __future__ import annotations

from dataclasses import dataclass, field

# Documented exit codes (README, `tei-encoder --help`).
EXIT_OK = 0
EXIT_INVALID = 1  # the encoding was built but is not valid: nothing written
EXIT_USAGE = 2  # bad option or argument (click's own code)
EXIT_INPUT = 3  # the input cannot be read or decoded
EXIT_OUTPUT = 4  # the output cannot be written


def position(source: str, line: int | None, column: int | None = None) -> str:
    """FILE, FILE:LINE or FILE:LINE:COL: how every message says where."""
    if line is None:
        return source
    return f"{source}:{line}" if column is None else f"{source}:{line}:{column}"


class EncoderError(Exception):
    """Base of every error tei-encoder raises on purpose."""

    exit_code = EXIT_INPUT


@dataclass
class InputError(EncoderError):
    """Bad input bytes or text, with the place it was found."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None
    offset: int | None = None
    context: str | None = None

    exit_code = EXIT_INPUT

    def __str__(self) -> str:
        text = f"{position(self.path, self.line, self.column)}: error: {self.message}"
        if self.offset is not None:
            text += f" (byte offset {self.offset})"
        if self.context is not None:
            caret = " " * max((self.column or 1) - 1, 0) + "^"
            text += f"\n    {self.context}\n    {caret}"
        return text


class FetchTimeout(InputError):
    """A URL not fetched within its deadline (readers.remote): the host-name lookup,
    connecting, the answer and the body all count. path is the URL; exit 3."""


@dataclass(frozen=True)
class SchemaProblem:
    """One validation problem: where (file, line, XPath) and what."""

    message: str
    path: str = ""
    line: int | None = None
    column: int | None = None
    source: str = "<memory>"
    rule: str = "schema"

    def __str__(self) -> str:
        xpath = f" [{self.path}]" if self.path else ""
        return f"{position(self.source, self.line, self.column)}: error: {self.message}{xpath}"


@dataclass
class InvalidEncoding(EncoderError):
    """The TEI built for an input does not validate; it was not written."""

    source: str
    problems: list[SchemaProblem] = field(default_factory=list)

    exit_code = EXIT_INVALID

    def __str__(self) -> str:
        lines = [f"{self.source}: error: the encoding is not valid; nothing was written"]
        lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines)


@dataclass
class OptionError(EncoderError):
    """An option's value that cannot be used (a usage error, exit 2)."""

    option: str
    message: str

    exit_code = EXIT_USAGE

    def __str__(self) -> str:
        return f"error: {self.option}: {self.message}"


@dataclass
class ClusterUnreachable(EncoderError):
    """The Dask scheduler a batch was sent to does not answer: a wrong address or a
    cluster that is down. A usage error (exit 2), raised before anything is written."""

    address: str
    message: str

    exit_code = EXIT_USAGE

    def __str__(self) -> str:
        return f"error: cannot reach the Dask scheduler at {self.address}: {self.message}"


@dataclass
class OutputError(EncoderError):
    path: str
    message: str

    exit_code = EXIT_OUTPUT

    def __str__(self) -> str:
        return f"{self.path}: error: {self.message}"


@dataclass
class CollationError(EncoderError):
    """Files given as copies of one memo cannot be merged (they share no text)."""

    message: str
    paths: list[str] = field(default_factory=list)

    exit_code = EXIT_INPUT

    def __str__(self) -> str:
        return f"{', '.join(dict.fromkeys(self.paths))}: error: {self.message}"


@dataclass
class PackageInvalid(EncoderError):
    """A package that does not pass its checks, with every problem found (exit 1)."""

    path: str
    problems: list[str]

    exit_code = EXIT_INVALID
    summary = "not valid"

    def __str__(self) -> str:
        return "\n".join([f"{self.path}: error: {self.summary}"] + [f"  {p}" for p in self.problems])


class BagInvalid(PackageInvalid):
    """`package --verify`: a bag whose checksums, files or bag-info do not hold."""

    summary = "the bag is not valid"


class DepositInvalid(PackageInvalid):
    """A metadata file the package would hold is not valid against its schema."""

    summary = "not valid against its schema"
