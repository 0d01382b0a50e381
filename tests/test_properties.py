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
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402

from tests.fuzzing import Tools, check_case, memo_inputs  # noqa: E402

EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "150"))
# Shrinking a failure to its smallest form can take minutes: on request only (the failing
# input is printed either way, and it is small: the generators make short memos).
PHASES = [Phase.explicit, Phase.generate] + ([Phase.shrink] if os.environ.get("PROPERTY_SHRINK") else [])


@pytest.fixture(scope="session")
def tools() -> Tools:
    """The schemas and the stylesheet, built once for all examples."""
    return Tools.build()


@settings(max_examples=EXAMPLES, deadline=None, database=None, phases=PHASES, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=memo_inputs())
def test_every_generated_memo_passes_every_oracle(tools, case):
    assert check_case(case, tools) in ("ok", "refused")
