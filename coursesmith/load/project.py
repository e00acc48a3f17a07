"""A course project on disk: where its files are, and loading all of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coursesmith.diagnostics import Location, Problems
from coursesmith.load.schema import Model, iter_texts
from coursesmith.load.text import Markdown
from coursesmith.load.validate import validate_file
from coursesmith.load.yamlfile import SourceFile, load_yaml
from coursesmith.locations import ProjectPaths


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
    for _, text in iter_texts(model):
        if isinstance(text, Markdown):
            text.origin = folder
