"""The package reads top-down: cli -> pipeline -> stage packages -> model and errors.

A stage may import the stages before it and the model, never a stage after it, the
pipeline or the command line: that is what keeps every stage testable alone and the
tree free of import cycles. Checked on the source (imports anywhere in a module,
function-level ones included)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "tei_encoder"
# In pipeline order; a module may import its own layer and the layers before it.
LAYERS = ["errors", "model", "readers", "analyse", "collate", "reading", "tei", "validation", "publish", "pipeline",
          "batch", "cli"]


def layer_of(module: str) -> int | None:
    parts = module.split(".")
    if parts[0] != "tei_encoder" or len(parts) < 2:
        return None
    return LAYERS.index(parts[1]) if parts[1] in LAYERS else None


def imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_every_module_belongs_to_a_layer():
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        module = ".".join(relative.parts)
        if module in ("tei_encoder.__init__", "tei_encoder.__main__"):
            continue
        assert layer_of(module) is not None, f"{module}: put it in one of {LAYERS}"


def test_no_stage_imports_a_later_stage():
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        own = layer_of(module)
        if own is None:
            continue
        for name in imports_of(path):
            other = layer_of(name)
            if other is not None and other > own:
                wrong.append(f"{module} imports {name}")
    assert wrong == []
