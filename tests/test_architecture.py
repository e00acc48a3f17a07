"""The package's layers: every import points down the layer order, and none goes round in a cycle.

Imports are read from the source, at module level, inside functions and under
`TYPE_CHECKING` alike, so a lazy import cannot hide a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "coursesmith"

# Lowest first. A module may import from its own layer and from any layer below it.
LAYERS = [
    ("leaf", ["coursesmith", "coursesmith.diagnostics", "coursesmith.messages", "coursesmith.locations",
              "coursesmith.staging", "coursesmith.fingerprint", "coursesmith.stages",
              "coursesmith.pruning", "coursesmith.cache_trust"]),
    ("load", ["coursesmith.load"]),
    ("check", ["coursesmith.check"]),
    ("model", ["coursesmith.model"]),
    ("render", ["coursesmith.render"]),
    ("outputs", ["coursesmith.outputs"]),
    ("pipeline", ["coursesmith.pipeline"]),
    ("cli", ["coursesmith.cli", "coursesmith.serve", "coursesmith.starter", "coursesmith.__main__"]),
]
MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported(path: Path, known: set[str]) -> set[str]:
    """The package's modules that `path` imports, wherever in the file the import is."""
    this = module_name(path)
    package = this if path.name == "__init__.py" else this.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        found |= {name for name in names if name in known}
    return found - {this}


def layer_of(name: str) -> int:
    best, rank = -1, None
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (name == prefix or name.startswith(prefix + ".")) and len(prefix) > best:
                best, rank = len(prefix), index
    assert rank is not None, f"{name} belongs to no layer: add it to LAYERS"
    return rank


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imported(path, set(found)) for name, path in found.items()}


def test_every_module_has_a_layer():
    for name in modules():
        layer_of(name)


def test_imports_follow_the_layer_order():
    wrong = [f"{name} ({LAYERS[layer_of(name)][0]}) imports {other} ({LAYERS[layer_of(other)][0]})"
             for name, targets in graph().items() for other in sorted(targets)
             if layer_of(other) > layer_of(name)]
    assert not wrong, "\n".join(wrong)


def test_no_import_cycles():
    edges = graph()
    cycles = []
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(name: str) -> None:
        state[name] = "open"
        stack.append(name)
        for other in sorted(edges[name]):
            if state.get(other) == "open":
                cycles.append(" → ".join(stack[stack.index(other):] + [other]))
            elif other not in state:
                visit(other)
        stack.pop()
        state[name] = "done"

    for name in sorted(edges):
        if name not in state:
            visit(name)
    assert not cycles, "\n".join(cycles)


@pytest.mark.parametrize("name", sorted(modules()))
def test_modules_stay_small(name):
    lines = len(modules()[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{name} has {lines} lines; split it by what its parts are"


def test_the_check_can_see_a_cycle(tmp_path, monkeypatch):
    """The walker itself: a package whose two modules import each other inside functions."""
    package = tmp_path / "coursesmith"
    (package / "load").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "load" / "__init__.py").write_text("")
    (package / "load" / "a.py").write_text("def f():\n    from coursesmith.load import b\n")
    (package / "load" / "b.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import a\n")
    monkeypatch.setattr(__import__(__name__), "PACKAGE", package)
    with pytest.raises(AssertionError, match="coursesmith.load.a → coursesmith.load.b → coursesmith.load.a"):
        test_no_import_cycles()
