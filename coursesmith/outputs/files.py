"""Writing the files an output made in memory into the staging folder."""

from __future__ import annotations

from pathlib import Path

from coursesmith.outputs.base import Made


def write_files(files: dict[str, bytes], stage: Path, folder: str) -> list[Made]:
    """Write `files` (path below `folder` → bytes) and return what was made."""
    made = []
    for relative, data in sorted(files.items()):
        target = stage / folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        made.append(Made(f"{folder}/{relative}", size=len(data)))
    return made
