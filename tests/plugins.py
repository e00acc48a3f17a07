"""Outputs from scratch packages: a folder with the package's module and its
`*.dist-info` (METADATA, entry_points.txt), put on sys.path, is an installed
distribution as importlib.metadata sees it, exactly like one pip installed."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest


def install_output(folder: Path, monkeypatch: pytest.MonkeyPatch, name: str, source: str,
                   package: str = "scratch-output", attribute: str = "Scratch", module: str = "") -> Path:
    """Register `source` (a module defining `attribute`) as the output `name` of the
    distribution `package`; return the module's file."""
    module = module or f"{package.replace('-', '_')}_{name}"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{module}.py"
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    info = folder / f"{package.replace('-', '_')}-0.1.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {package}\nVersion: 0.1\n", encoding="utf-8")
    points = info / "entry_points.txt"
    old = points.read_text(encoding="utf-8") if points.exists() else "[coursesmith.outputs]\n"
    points.write_text(old + f"{name} = {module}:{attribute}\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(folder))
    monkeypatch.delitem(sys.modules, module, raising=False)
    return path
