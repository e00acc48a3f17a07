"""A course project on disk: where its files are, and loading all of them."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from coursesmith.diagnostics import Diagnostic, Location, Problems
from coursesmith.load.loaded import LoadRecords
from coursesmith.load.schema import Model, iter_texts
from coursesmith.load.text import InlineMarkdown
from coursesmith.load.validate import validate_file
from coursesmith.load.yamlfile import SourceFile, load_yaml
from coursesmith.locations import ProjectPaths, inside


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


@dataclass(frozen=True)
class FileResult:
    """What loading one file gave: its problems, and the file or its text when broken."""

    problems: tuple[Diagnostic, ...]
    loaded: Loaded | None
    broken_text: str = ""


class FileMemo:
    """Per-file load results kept by path and content digest, so that a long-running
    process (the preview server) parses and validates only the files that changed."""

    def __init__(self) -> None:
        self.results: dict[Path, tuple[str, FileResult]] = {}
        self.loaded = 0
        """How many files the last load really parsed (the rest came from the memo)."""

    def result(self, path: Path) -> FileResult:
        digest = _digest(path)
        kept = self.results.get(path)
        if kept is not None and digest is not None and kept[0] == digest:
            return kept[1]
        self.loaded += 1
        result = load_file(path)
        if digest is not None and digest == _digest(path):  # not changed while it was read
            self.results[path] = (digest, result)
        return result

    def forget_missing(self, present: list[Path]) -> None:
        for path in set(self.results) - set(present):
            del self.results[path]


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def load_project(root: Path, problems: Problems, memo: FileMemo | None = None,
                 records: LoadRecords | None = None) -> LoadedProject:
    """Load and schema-check every YAML file of the project; report all problems.
    With a memo, files whose content is unchanged since the last load are not read again;
    with records (kept in the cache), they are read back instead of parsed."""
    paths = ProjectPaths(root)
    project = LoadedProject(paths)
    if not paths.course_dir.is_dir():
        problems.add("no-course", Location(paths.course_dir), folder="course/")
        return project
    refused = report_links_out(paths, problems)
    files = [path for path in paths.source_files() if path not in refused]
    if memo is not None:
        memo.loaded = 0
        memo.forget_missing(files)
    for path in files:
        result = memo.result(path) if memo is not None else load_file(path, records)
        problems.extend(result.problems)
        if result.loaded is None:
            project.broken_texts.append(result.broken_text)
        else:
            project.files.append(result.loaded)
    return project


def load_file(path: Path, records: LoadRecords | None = None) -> FileResult:
    found = Problems()
    source = records.load(path, found) if records is not None else load_yaml(path, found)
    model = validate_file(source, found) if source is not None else None
    if model is None:
        return FileResult(tuple(found.items), None, _text_or_nothing(path))
    attach_origin(model, path.parent)
    return FileResult(tuple(found.items), Loaded(source, model))


def report_links_out(paths: ProjectPaths, problems: Problems) -> set[Path]:
    """Files and folders of the project that are symbolic links to somewhere outside it,
    reported where the link is. They are never opened (neither here nor when the build
    copies, hashes or renders files), so a pull request cannot publish a file of the
    machine that builds it."""
    refused: set[Path] = set()
    root = paths.root
    for folder in (paths.course_dir, paths.modules_dir, paths.templates_dir):
        candidates = [folder, *sorted(folder.rglob("*"))] if folder.is_dir() or folder.is_symlink() else []
        for path in candidates:
            if path.is_symlink() and not inside(path, root):
                problems.add("link-outside", Location(path), target=os.readlink(path))
                refused.add(path)
    if refused:  # what lies below a refused folder is refused with it
        refused |= {p for p in paths.source_files() if not inside(p, root)}
    return refused


def _text_or_nothing(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return ""


def attach_origin(model: Model, folder: Path) -> None:
    """Tell each Markdown text which folder its relative image paths start from."""
    for _, text in iter_texts(model):
        if isinstance(text, InlineMarkdown):
            text.origin = folder
