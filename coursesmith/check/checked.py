"""A project that passed every check: what the outputs are made from."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coursesmith.check.catalog import Catalog
from coursesmith.load.project import LoadedProject


@dataclass
class Checked:
    """A project that passed every check, ready to render."""

    project: LoadedProject
    catalog: Catalog
    assets: list[Path]
    search_path: list[Path]

