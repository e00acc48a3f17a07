"""Problem records, their collection, and the one function that formats them."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from coursesmith.messages import MESSAGES, Severity


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file; line and column count from 1."""

    path: Path
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{display_path(self.path)}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in a course project."""

    location: Location
    code: str
    severity: Severity
    message: str
    hint: str

    def as_record(self) -> dict:
        loc = self.location
        return {"file": str(loc.path), "line": loc.line, "column": loc.column, "severity": self.severity,
                "code": self.code, "message": self.message, "hint": self.hint}

    @classmethod
    def from_record(cls, record: dict) -> Diagnostic:
        location = Location(Path(record["file"]), record["line"], record["column"])
        return cls(location, record["code"], record["severity"], record["message"], record["hint"])

    def sort_key(self) -> tuple:
        loc = self.location
        return (str(loc.path), loc.line, loc.column, self.code, self.message)


def problem(code: str, location: Location, /, **values: object) -> Diagnostic:
    """Make a diagnostic from its code in the message table and the values it names."""
    entry = MESSAGES[code]
    return Diagnostic(
        location=location,
        code=code,
        severity=entry.severity,
        message=entry.text.format(**values),
        hint=entry.hint.format(**values).strip(),
    )


@dataclass
class Problems:
    """Collects diagnostics from every stage so they can be reported together."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, code: str, location: Location, /, **values: object) -> None:
        self.items.append(problem(code, location, **values))

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.items.extend(diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    def sorted(self) -> list[Diagnostic]:
        unique = {(d.location, d.code, d.message): d for d in self.items}
        return sorted(unique.values(), key=Diagnostic.sort_key)


class BuildFailed(Exception):
    """Raised when a stage found errors; the CLI reports them and exits 1."""

    def __init__(self, problems: Problems):
        super().__init__(f"{len(problems.errors)} errors")
        self.problems = problems


def display_path(path: Path) -> str:
    """A path as the user should see it: relative to the working folder when inside it."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(absolute)


def suggest(word: str, candidates: Iterable[str]) -> str:
    """'Did you mean …?' followed by a space, or the empty string."""
    close = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.7)
    return f"Did you mean {close[0]!r}? " if close else ""


def format_text(diagnostics: list[Diagnostic]) -> str:
    """Render diagnostics the way compilers do, one block each, then a summary line."""
    lines = []
    for d in diagnostics:
        lines.append(problem_line(d))
        if d.hint:
            lines.append(f"    hint: {d.hint}")
    lines.append(summary_line(diagnostics))
    return "\n".join(lines)


def problem_line(d: Diagnostic) -> str:
    """A problem's first line in the text format: where, how bad, its code, what is wrong."""
    return f"{d.location}: {d.severity} {d.code}: {d.message}"


def summary_line(diagnostics: list[Diagnostic]) -> str:
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    files = len({d.location.path for d in diagnostics})
    return (
        f"{errors} {'error' if errors == 1 else 'errors'}, "
        f"{warnings} {'warning' if warnings == 1 else 'warnings'} "
        f"in {files} {'file' if files == 1 else 'files'}"
    )
