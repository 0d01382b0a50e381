"""A long fuzzing campaign: generated memo-like inputs (tests/fuzzing.py) through every
oracle, on every core, without stopping at the first failure.

    .venv/bin/python bench/fuzz.py --inputs 100000 --jobs 2 --out fuzz-failures.jsonl

Each worker runs hypothesis's generator (no shrinking: a campaign counts, the property
test in tests/test_properties.py shrinks) with its own seed; every failing input is
written to --out as a JSON line (oracle, message, files) for a regression test, and the
totals by outcome and by oracle are printed at the end (and every --every inputs).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def run_chunk(seed: int, count: int) -> tuple[Counter, list[dict]]:
    """`count` generated inputs from hypothesis, seeded: outcomes, and the failures."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed

    from tests.fuzzing import OracleFailure, Tools, check_case, memo_inputs

    tools = Tools.build()
    outcomes: Counter = Counter()
    failures: list[dict] = []

    @hypothesis_seed(seed)
    @settings(max_examples=count, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(memo_inputs())
    def campaign(case):
        try:
            outcomes[check_case(case, tools)] += 1
        except OracleFailure as failure:
            outcomes["fail:" + failure.oracle] += 1
            failures.append({"oracle": failure.oracle, "message": str(failure)[:400], "files": case.files,
                             "merge": case.merge})
        except Exception as exc:  # noqa: BLE001 - a crash is what a campaign looks for
            outcomes["fail:crash"] += 1
            where = traceback.extract_tb(exc.__traceback__)[-1]
            failures.append({"oracle": "crash", "message": f"{type(exc).__name__}: {exc} at "
                             f"{where.filename}:{where.lineno}"[:400], "files": case.files, "merge": case.merge})

    campaign()
    return outcomes, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--chunk", type=int, default=500, help="inputs per task (one hypothesis run)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path("fuzz-failures.jsonl"))
    args = parser.parse_args()
    chunks = [(args.seed * 1_000_003 + n, min(args.chunk, args.inputs - n * args.chunk))
              for n in range((args.inputs + args.chunk - 1) // args.chunk)]
    totals: Counter = Counter()
    started = time.time()
    with ProcessPoolExecutor(args.jobs) as pool, args.out.open("w", encoding="utf-8") as out:
        futures = [pool.submit(run_chunk, seed, count) for seed, count in chunks]
        for done, future in enumerate(as_completed(futures), start=1):
            outcomes, failures = future.result()
            totals.update(outcomes)
            for failure in failures:
                out.write(json.dumps(failure, ensure_ascii=False) + "\n")
            out.flush()
            print(f"[{time.time() - started:7.0f} s] {sum(totals.values()):,} inputs, chunk {done}/{len(chunks)}: "
                  + ", ".join(f"{k} {v}" for k, v in sorted(totals.items())), flush=True)
    failed = sum(v for k, v in totals.items() if k.startswith("fail:"))
    print(f"campaign: {sum(totals.values()):,} inputs in {time.time() - started:.0f} s, {failed} failure(s)")


if __name__ == "__main__":
    main()
