"""What the stages of a build hand each other: the options, the progress hooks, the report."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from coursesmith.diagnostics import Problems
from coursesmith.fingerprint import build_options


@dataclass
class BuildOptions:
    project: Path
    output: Path
    pdf: bool = True
    strict: bool = False
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    """How many PDFs render at the same time (worker processes)."""
    cache: Path | None = None
    """Folder of the PDF cache; None renders every PDF afresh."""
    shard: tuple[int, int] | None = None
    """(I, N): make only the I-th of N shares of the PDFs, and no site."""

    @property
    def fingerprint(self) -> str:
        return build_options(self.pdf, self.strict, self.shard, self.output)


class Progress:
    """What a build tells while it works; the CLI shows it, tests ignore it."""

    def start(self, total: int) -> None: ...

    def done(self, document: str, cached: bool) -> None: ...

    def finish(self) -> None: ...


@dataclass
class BuildReport:
    output: Path
    pages: int = 0
    pdfs: int = 0
    pdf_pages: int = 0
    reused: int = 0
    seconds: float = 0.0
    problems: Problems = field(default_factory=Problems)

    def summary(self) -> dict:
        """What an identical later build reports without doing anything."""
        return {"pages": self.pages, "pdfs": self.pdfs, "pdf_pages": self.pdf_pages,
                "warnings": [d.as_record() for d in self.problems.sorted()]}

