"""What `tei-encoder report MANIFEST` tells a curator: how many inputs are written and how
many failed, the failures by kind (with the files), and the slowest files. Each input
counts once, by its last line (a resumed or repeated batch appends lines)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

SLOWEST = 10


def latest(entries: list[dict]) -> list[dict]:
    """The last line of each input, in the order the inputs first appear."""
    last: dict[str, dict] = {}
    for entry in entries:
        last.pop(entry["input"], None)
        last[entry["input"]] = entry
    return list(last.values())


def failure_kind(entry: dict) -> str:
    """The status and the message's first clause: "unreadable: invalid UTF-8"."""
    message = entry.get("message") or ""
    first = message.splitlines()[0] if message else ""
    clause = first.split(" error: ", 1)[-1] if " error: " in first else first
    clause = re.split(r"[:;(]", clause, maxsplit=1)[0].strip()
    return f"{entry['status']}: {clause}" if clause else entry["status"]


def summarise(entries: list[dict], slowest: int = SLOWEST) -> dict:
    inputs = latest(entries)
    statuses = Counter(e["status"] for e in inputs)
    failures: dict[str, list[str]] = defaultdict(list)
    for entry in inputs:
        if entry["status"] != "ok":
            failures[failure_kind(entry)].append(entry["input"])
    # A merged group has a line per input and one output: count its output once.
    written = list({_output_key(e): e for e in inputs if e["status"] == "ok"}.values())
    apps: Counter = Counter()
    for entry in written:
        apps.update(entry.get("apps") or {})
    groups = {tuple(e["group"]) for e in inputs if e.get("group")}
    seconds = sum(e.get("seconds") or 0 for e in {_output_key(e): e for e in inputs}.values())
    return {
        "inputs": len(inputs),
        "status": dict(sorted(statuses.items())),
        "failures": {kind: sorted(paths) for kind, paths in sorted(failures.items(), key=lambda kv: -len(kv[1]))},
        "copies": sum(e.get("copies") or 0 for e in written),
        "pages": sum(e.get("pages") or 0 for e in written),
        "apps": dict(sorted(apps.items())),
        "groups": len(groups),
        "seconds": round(seconds, 3),
        "slowest": [{"input": e["input"], "seconds": e.get("seconds"), "status": e["status"]}
                    for e in sorted(inputs, key=lambda e: -(e.get("seconds") or 0))[:slowest]],
    }


def _output_key(entry: dict) -> str:
    outputs = entry.get("outputs") or []
    return outputs[0]["path"] if outputs else f"input:{entry['input']}"


def format_summary(summary: dict, manifest: str) -> str:
    lines = [f"{manifest}: {summary['inputs']} input(s)"]
    lines.append("  " + ", ".join(f"{status} {count}" for status, count in summary["status"].items()))
    extra = f", {summary['groups']} group(s) of copies merged" if summary["groups"] else ""
    lines.append(f"  written: {summary['copies']} copies, {summary['pages']} pages{extra}")
    if summary["apps"]:
        lines.append("  apparatus: " + ", ".join(f"{k} {v}" for k, v in summary["apps"].items()))
    lines.append(f"  encoding time: {summary['seconds']:.1f} s of worker time")
    if summary["failures"]:
        lines.append("failures by kind:")
        for kind, paths in summary["failures"].items():
            lines.append(f"  {len(paths):>5}  {kind}")
            lines += [f"         {path}" for path in paths[:5]]
            if len(paths) > 5:
                lines.append(f"         ... and {len(paths) - 5} more")
    if summary["slowest"]:
        lines.append("slowest:")
        lines += [f"  {item['seconds']:>8.3f} s  {item['input']}" for item in summary["slowest"]]
    return "\n".join(lines) + "\n"
