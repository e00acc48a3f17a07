"""How a build shows its progress: a live bar on a terminal, plain lines in logs and
CI, nothing with --quiet (the summary line is printed either way)."""

from __future__ import annotations

import sys
import time

from coursesmith.stages import Progress


def make_progress(quiet: bool) -> Progress:
    if quiet:
        return Progress()
    if sys.stderr.isatty():
        return BarProgress()
    return LineProgress()


class LineProgress(Progress):
    """One line per PDF, for logs: `[3/40]`, counted across every output that makes PDFs."""

    total = count = open = 0

    def start(self, total: int) -> None:
        if not self.open:
            self.total, self.count, self.began = 0, 0, time.perf_counter()
        self.open += 1
        self.total += total

    def done(self, document: str, cached: bool) -> None:
        self.count += 1
        how = "reused" if cached else "rendered"
        print(f"[{self.count}/{self.total}] {how} {document}", file=sys.stderr, flush=True)

    def finish(self) -> None:
        self.open -= 1


class BarProgress(Progress):
    """A live bar: PDFs done of all, the last one finished, time elapsed."""

    open = 0
    """Outputs that started and have not finished: the bar stops with the last."""

    def start(self, total: int) -> None:
        self.open += 1
        if self.open > 1:
            self.bar.update(self.task, total=self.bar.tasks[0].total + total)
            return
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeElapsedColumn,
        )
        from rich.progress import Progress as Bar

        self.bar = Bar(TextColumn("PDFs"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                       TextColumn("{task.description}"), transient=True)
        self.bar.start()
        self.task = self.bar.add_task("", total=total)

    def done(self, document: str, cached: bool) -> None:
        self.bar.update(self.task, advance=1, description=document.rsplit("/", 1)[-1] + (" (reused)" if cached else ""))

    def finish(self) -> None:
        self.open -= 1
        if self.open == 0:
            self.bar.stop()
