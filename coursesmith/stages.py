"""What the stages of a build hand each other: the options, the progress hooks, the files
made, the report."""
from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from coursesmith.diagnostics import Problems
from coursesmith.fingerprint import build_options
from coursesmith.pruning import CacheLimits


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
    cache_limits: CacheLimits = field(default_factory=CacheLimits)
    """What the whole cache may keep after the build, beyond each part's own limits."""
    shard: tuple[int, int] | None = None
    """The print output's option (I, N): make only the I-th of N shares of the PDFs.
    A sharded build makes nothing else unless `only` says so."""
    only: tuple[str, ...] = ()
    """Make only these outputs (by name); empty: every registered output."""
    skip: tuple[str, ...] = ()
    """Outputs not to make. `pdf=False` is the same as skipping `print`."""

    def __post_init__(self) -> None:
        if self.shard is not None and not self.only:
            self.only = ("print",)

    @property
    def fingerprint(self) -> str:
        return build_options(f"pdf={self.pdf} only={sorted(self.only)} skip={sorted(self.skip)}",
                             self.strict, self.shard, self.output)


class Progress:
    """What a build tells while it works; the CLI shows it, tests ignore it."""

    def start(self, total: int) -> None:
        """`total` more documents are coming. Several outputs may start before any
        finishes (print, then the office): their counts add up to one sequence (the
        total grows as each joins), and the progress ends with the last `finish`."""

    def done(self, document: str, cached: bool) -> None: ...

    def finish(self) -> None: ...


@dataclass(frozen=True)
class Made:
    """One file an output wrote."""

    path: str
    """POSIX path below the output folder, e.g. `site/en/handouts/kkmp-koal-01-en.pdf`."""
    kind: str = "file"
    """What it is: `page` and `pdf` are counted in the build's summary, `package` (a zip) listed with its size."""
    pages: int = 0
    size: int = 0
    reused: bool = False
    """Copied from the cache rather than made afresh."""


@dataclass
class BuildReport:
    output: Path
    pages: int = 0
    pdfs: int = 0
    pdf_pages: int = 0
    reused: int = 0
    seconds: float = 0.0
    problems: Problems = field(default_factory=Problems)
    cache_bytes: int | None = None
    """Size of the cache after the build (None without a cache)."""
    made: dict[str, Made] = field(default_factory=dict)
    """Every file the outputs made, by path below the output folder."""
    timings: dict[str, float] = field(default_factory=dict)
    """Wall seconds of each step, in the order they ran: `check`, then each output's
    `NAME start` and `NAME finish` (what `build --timings` prints)."""

    def add(self, made: Iterable[Made]) -> None:
        for item in made:
            self.made[item.path] = item
            self.pages += item.kind == "page"
            self.pdfs += item.kind == "pdf"
            self.pdf_pages += item.pages if item.kind == "pdf" else 0
            self.reused += item.reused

    def summary(self) -> dict:
        """What an identical later build reports without doing anything."""
        return {"pages": self.pages, "pdfs": self.pdfs, "pdf_pages": self.pdf_pages,
                "warnings": [d.as_record() for d in self.problems.sorted()],
                "documents": {path: [made.pages, made.size] for path, made in sorted(self.made.items())
                              if made.kind == "pdf"}}  # what the preview's downloads page shows

