"""Where coursesmith's own files are. Kept free of heavy imports: the check for an
unchanged build uses it before anything else loads."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")
OFFICE_FILES = ("people.yaml", "roster.yaml")
"""YAML files of course/ that hold personal data: read only by the office checks and
the office output, never as course files (load/people.py, load/roster.py)."""
OUTPUT_GROUP = "coursesmith.outputs"
"""The entry-point group where outputs register, coursesmith's own included (outputs/base.py)."""


def inside(path: Path, *folders: Path) -> bool:
    """Whether `path`, symlinks followed, is inside one of `folders`. Asked before a
    project file is opened: a link that points out of the project is never followed."""
    resolved = path.resolve()
    return any(resolved.is_relative_to(folder.resolve()) for folder in folders)


def default_templates_dir() -> Path:
    """The templates shipped with coursesmith: inside the wheel, or at the repository root."""
    packaged = Path(__file__).parent / "templates"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "templates"


@dataclass(frozen=True)
class ProjectPaths:
    """Every folder of a course project, computed in one place."""

    root: Path

    @property
    def course_dir(self) -> Path:
        return self.root / "course"

    @property
    def modules_dir(self) -> Path:
        return self.root / "modules"

    @property
    def templates_dir(self) -> Path:
        """The project's own templates, which override the defaults file by file."""
        return self.root / "templates"

    @property
    def default_output(self) -> Path:
        return self.root / "output"

    @property
    def default_cache(self) -> Path:
        return self.root / ".coursesmith" / "cache"

    def source_files(self) -> list[Path]:
        """All YAML files of the course, in a stable order; the office's people and
        roster are not course files."""
        office = {self.course_dir / name for name in OFFICE_FILES}
        found: list[Path] = []
        for folder in (self.course_dir, self.modules_dir):
            if folder.is_dir():
                found += [p for p in folder.rglob("*")
                          if p.suffix in YAML_SUFFIXES and p.is_file() and p not in office]
        return sorted(found)
