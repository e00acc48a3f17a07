"""A course project on disk: where its files are, and loading all of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Location, Problems
from .schema import Model
from .text import Markdown
from .validate import validate_file
from .yamlload import SourceFile, load_yaml

YAML_SUFFIXES = (".yaml", ".yml")


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
        return self.root / "templates"

    @property
    def default_output(self) -> Path:
        return self.root / "output"

    def source_files(self) -> list[Path]:
        """All YAML files of the project, in a stable order."""
        found: list[Path] = []
        for folder in (self.course_dir, self.modules_dir):
            if folder.is_dir():
                found += [p for p in folder.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file()]
        return sorted(found)

    def relative(self, path: Path) -> str:
        return path.resolve().relative_to(self.root.resolve()).as_posix()


@dataclass
class Loaded:
    """One source file that passed the schema: its model and its marks."""

    source: SourceFile
    model: Model


@dataclass
class LoadedProject:
    paths: ProjectPaths
    files: list[Loaded] = field(default_factory=list)
    broken_texts: list[str] = field(default_factory=list)
    """Text of the files that could not be used; a code found in them is not
    reported as missing, since the file that defines it is already reported."""

    def may_define(self, code: str) -> bool:
        return any(code in text for text in self.broken_texts)

    def of_kind(self, kind: str) -> list[Loaded]:
        return [f for f in self.files if f.model.kind == kind]


def load_project(root: Path, problems: Problems) -> LoadedProject:
    """Load and schema-check every YAML file of the project; report all problems."""
    paths = ProjectPaths(root)
    project = LoadedProject(paths)
    if not paths.course_dir.is_dir():
        problems.add("no-course", Location(paths.course_dir), folder="course/")
        return project
    for path in paths.source_files():
        source = load_yaml(path, problems)
        model = validate_file(source, problems) if source is not None else None
        if model is None:
            project.broken_texts.append(_text_or_nothing(path))
            continue
        attach_origin(model, path.parent)
        project.files.append(Loaded(source, model))
    return project


def _text_or_nothing(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return ""


def attach_origin(model: Model, folder: Path) -> None:
    """Tell each Markdown text which folder its relative image paths start from."""
    for value in walk_values(model):
        if isinstance(value, Markdown):
            value.origin = folder


def walk_values(node: object):
    """Every value inside a model, depth first, in field order."""
    if isinstance(node, Model):
        for name in type(node).model_fields:
            value = getattr(node, name)
            yield value
            yield from walk_values(value)
    elif isinstance(node, (list, tuple)):
        for item in node:
            yield item
            yield from walk_values(item)

