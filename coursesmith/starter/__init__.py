"""`coursesmith new`: a small, valid course project to start from."""

from __future__ import annotations

import shutil
from pathlib import Path

from coursesmith.load.schema_export import write_schemas

HERE = Path(__file__).parent
GITIGNORE = """output/
.coursesmith/
.output.building-*/
.output.previous-*/
# The participant roster and the facilitators' file are personal data (names,
# NIPs): keep them on the course office's machines, never in git. The office
# papers are built from them into output/office/, which is never published.
course/roster.csv
course/roster.yaml
course/people.yaml
"""


def create_project(folder: Path) -> None:
    """Copy the starter files, then add the JSON Schema files their first lines point at."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("course", "modules"):
        shutil.copytree(HERE / name, folder / name)
    write_schemas(folder / "schema")
    (folder / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
