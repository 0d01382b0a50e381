"""Property tests (hypothesis): memo-like inputs, generated and damaged (tests/fuzzing.py),
must pass every oracle: no exception but the documented input errors, valid TEI, every
copy rebuilt word for word and line for line, `witness --format tei` valid, and
tei-to-text.xsl equal to `witness`.

CI runs a bounded number of examples (PROPERTY_EXAMPLES, default 150: well under a
minute alone), derandomized (the same examples on every run, so CI is deterministic); bench/fuzz.py runs long
campaigns on every core."""

from __future__ import annotations

import os

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="hypothesis is in the test extra")
from hypothesis import HealthCheck, Phase, assume, given, settings  # noqa: E402

from tests.fuzzing import Tools, check_case, memo_inputs  # noqa: E402

EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "150"))
# Shrinking a failure to its smallest form can take minutes: on request only (the failing
# input is printed either way, and it is small: the generators make short memos).
PHASES = [Phase.explicit, Phase.generate] + ([Phase.shrink] if os.environ.get("PROPERTY_SHRINK") else [])
_TOOLS: list[Tools] = []


def tools() -> Tools:
    if not _TOOLS:
        _TOOLS.append(Tools.build())
    return _TOOLS[0]


@settings(max_examples=EXAMPLES, deadline=None, database=None, phases=PHASES, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(memo_inputs())
def test_every_generated_memo_passes_every_oracle(case):
    assume(not known_open(case))
    assert check_case(case, tools()) in ("ok", "refused")


def known_open(case) -> bool:
    """The one failure known and not yet fixed, left out here and kept as a strict xfail
    (tests/test_hostile.py): in the merged form of several copies, a line that begins
    with text the collation sets aside (an OCR loop's repeat over a line break, since
    analyse 54f9036; noise) loses its line break (collate/tokens.py carries a line's
    break on its first word). Told from the analysis, as the encoder sees the input."""
    from tei_encoder.errors import EncoderError
    from tei_encoder.model import Block, Surplus, TextLine, Unclear
    from tei_encoder.pipeline import analyse_copies
    try:
        witnesses = analyse_copies(case.inputs()).witnesses
    except EncoderError:
        return False
    if len(witnesses) < 2:
        return False
    for witness in witnesses:
        for block in (item for item in witness.items if isinstance(item, Block)):
            lines = [part for part in block.content if isinstance(part, TextLine)]
            for line in lines[1:]:
                first = line.parts[0] if line.parts else None
                if isinstance(first, Surplus) or (isinstance(first, Unclear) and first.reason == "noise"):
                    return True
    return False
