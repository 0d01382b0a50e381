"""What was found in each copy: the numbers behind `encode --report` and `--json`."""

from __future__ import annotations

import re
from collections import Counter

from tei_encoder.model import (
    Block,
    Document,
    Furniture,
    Noise,
    Redaction,
    Stamp,
    Surplus,
    TextLine,
    Unclear,
    Underline,
    Witness,
)
from tei_encoder.tei.names import TEI_NS
from tei_encoder.validation.safexml import parse_root


def witness_report(witness: Witness) -> dict:
    counts: Counter = Counter()
    for item in witness.items:
        inner = item.content if isinstance(item, Block) else (item,)
        if isinstance(item, Block):
            counts[f"block:{item.kind}"] += 1
            if item.kind == "p" and item.n:
                counts["numbered"] += 1
        for part in inner:
            _count(part, counts)
    return {
        "witness": witness.sigil,
        "lines": [witness.first_line, witness.last_line],
        "pages": [p.n for p in witness.pages],
        "paragraphs": counts["block:p"],
        "numbered_paragraphs": counts["numbered"],
        "headings": counts["block:head"],
        "datelines": counts["block:dateline"],
        "furniture": {k[3:]: v for k, v in sorted(counts.items()) if k.startswith("fw:")},
        "stamps": counts["stamp"],
        "flagged": {"repeated": counts["surplus"], "illegible": counts["unclear"], "noise": counts["noise"]},
    }


def _count(part, counts: Counter) -> None:
    if isinstance(part, Furniture):
        counts[f"fw:{part.kind}"] += 1
    elif isinstance(part, Noise):
        counts["noise"] += 1
    elif isinstance(part, Stamp):
        counts["stamp"] += 1
        for row in part.rows:
            for cell in row:
                _count(cell, counts)
    elif isinstance(part, TextLine):
        for inline in part.parts:
            _count(inline, counts)
    elif isinstance(part, Underline):
        for inline in part.parts:
            _count(inline, counts)
    elif isinstance(part, Surplus):
        counts["surplus"] += 1
    elif isinstance(part, Unclear):
        counts["unclear"] += 1
    elif isinstance(part, Redaction):
        counts["redaction"] = counts.get("redaction", 0) + 1


def document_report(document: Document, output: str | None, apparatus: dict | None = None) -> dict:
    """What was found, per copy; with the merged layout, the apps by type."""
    report = {"input": document.sources[0].path, "inputs": [s.path for s in document.sources],
              "output": output, "witnesses": [witness_report(w) for w in document.witnesses]}
    if apparatus is not None:
        report["apparatus"] = apparatus
    return report


# An app element's start tag, with or without a prefix ("<app ", "<app>", "<tei:app/>"): where
# there is none, there is no app (text and attribute values hold "<" only escaped).
_APP_TAG = re.compile(rb"[<:]app[\s/>]")


def apparatus_counts(xml: bytes) -> dict:
    """Apps in a merged TEI by type: {"ocr": 50, "substantive": 12, "layout": 15}. A
    TEI with no app start tag at all (one copy: most memos of a batch) is not parsed."""
    counts = Counter()
    if _APP_TAG.search(xml) is not None:
        root = parse_root(xml, "<tei>")
        counts.update(app.get("type") for app in root.iter(f"{{{TEI_NS}}}app"))
    return {kind: counts.get(kind, 0) for kind in ("ocr", "substantive", "layout")}


def format_table(report: dict) -> str:
    rows = [("copy", "pages", "paras", "numbered", "furniture", "stamps", "repeated", "illegible", "noise")]
    for w in report["witnesses"]:
        furniture = ", ".join(f"{k} {v}" for k, v in w["furniture"].items()) or "-"
        rows.append((w["witness"], str(len(w["pages"])), str(w["paragraphs"]), str(w["numbered_paragraphs"]),
                     furniture, str(w["stamps"]), str(w["flagged"]["repeated"]),
                     str(w["flagged"]["illegible"]), str(w["flagged"]["noise"])))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [f"{report['input']} -> {report['output']}"]
    lines += ["  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    if "apparatus" in report:
        counts = ", ".join(f"{k} {v}" for k, v in report["apparatus"].items())
        lines.append(f"  apparatus: {counts} (apps by type)")
    return "\n".join(lines)
