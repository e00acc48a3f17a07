"""`coursesmith new`: a small, valid course project to start from."""

from __future__ import annotations

import shutil
from pathlib import Path

from coursesmith.load.schema_export import write_schemas

HERE = Path(__file__).parent
GITIGNORE = "output/\n.coursesmith/\n.output.building-*/\n.output.previous-*/\n"


def create_project(folder: Path) -> None:
    """Copy the starter files, then add the JSON Schema files their first lines point at."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("course", "modules"):
        shutil.copytree(HERE / name, folder / name)
    write_schemas(folder / "schema")
    (folder / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
