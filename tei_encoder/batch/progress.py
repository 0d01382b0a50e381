"""The progress bar of a batch on a terminal: done, failed and skipped, and the rate.

tqdm rather than rich: one small pure-Python package with no dependencies of its own,
which does exactly this (a bar, counts, a rate and an estimate on stderr) and turns
itself off when stderr is not a terminal; rich brings a full terminal toolkit (and
pygments, markdown-it) for a single bar."""

from __future__ import annotations

import sys
from collections import Counter


class Progress:
    """Counts outcomes; draws a bar on stderr when it is a terminal and not quiet."""

    def __init__(self, total: int, quiet: bool = False, stream=None):
        self.counts: Counter = Counter()
        stream = stream or sys.stderr
        self.bar = None
        if not quiet and total and stream.isatty():
            from tqdm import tqdm
            self.bar = tqdm(total=total, unit="memo", file=stream, dynamic_ncols=True, smoothing=0.1)

    def skipped(self, count: int) -> None:
        if count:
            self.counts["skipped"] += count
            self._advance(count)

    def finished(self, status: str) -> None:
        self.counts["done" if status == "ok" else "failed"] += 1
        self._advance(1)

    def _advance(self, count: int) -> None:
        if self.bar is not None:
            self.bar.set_postfix({k: self.counts[k] for k in ("done", "failed", "skipped")}, refresh=False)
            self.bar.update(count)

    def write(self, text: str) -> None:
        """A message (a failure) above the bar, or plainly on stderr."""
        if self.bar is not None:
            self.bar.write(text, file=sys.stderr)
        else:
            print(text, file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
