"""PDFs and the search index, made in the background by a child `coursesmith build`.

A child process, not a thread: a document that makes WeasyPrint slow or large cannot
slow or take down the server, and stopping it is one signal to its process group
(it then stops its own workers and removes its staging folder, as after a Ctrl-C).
The child stays, and builds again each time it is asked (`build --builds-on-stdin`):
its PDF workers, compiled templates and converted Markdown stay warm from one save to
the next. If it ends (a crash), the next build starts a new one.
The PDF cache is content-keyed, so only documents whose HTML changed are laid out
again; the rest are copied. One build runs at a time: saves made meanwhile ask for
one more build, started when the running one ends.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from coursesmith.fingerprint import record_path
from coursesmith.pruning import CacheLimits
from coursesmith.stages import Made

END_OF_BUILD = "coursesmith-end-of-build"
"""The background builder's last line of each build: `END_OF_BUILD <token> <exit status>`,
with the token the build was asked with (no text of the project can forge it)."""
PROGRESS = re.compile(r"^\[(\d+)/(\d+)\] (rendered|reused) (\S+)")
PROBLEM = re.compile(r"^\S.*: (warning|error) [a-z0-9-]+: ")
"""A problem's first line in the builder's output (`--format text`); its hint follows, indented."""
STOP_SECONDS = 10.0
PREVIEWED = ("print", "slides-pdf", "site", "slides", "search")
"""The outputs the preview shows (packages for learning platforms are not previewed)."""
PDF_OUTPUTS = ("print", "slides-pdf")
QUIET_SECONDS = 1.0
"""A build starts this long after the last save: editors often save twice, and the
browser's reload of the changed page should not share the processor with a build's start."""


class BackgroundBuild:
    """Builds `root` into `output` whenever asked, one build at a time. `report(text, busy)`
    hears the status for the badge; `finished(documents)` hears the PDFs each successful
    build made (pages and size by path below the output folder); `shown()` gives the first
    lines of the problems the terminal shows already (the preview's own check), which the
    builder's warnings do not repeat."""

    def __init__(self, root: Path, output: Path, cache: Path | None, pdf: bool, jobs: int,
                 report: Callable[[str, bool], None], finished: Callable[[dict[str, Made]], None],
                 limits: CacheLimits = CacheLimits(), shown: Callable[[], set[str]] = set):
        self.root, self.output, self.cache, self.pdf, self.jobs = root, output, cache, pdf, jobs
        self.limits, self.shown = limits, shown
        self.warned: set[str] = set()
        self.report, self.finished = report, finished
        self.lock = threading.Lock()
        self.wanted = False
        self.asked = 0.0
        self.stopping = False
        self.woken = threading.Event()
        self.thread: threading.Thread | None = None
        self.process: subprocess.Popen | None = None
        self.remove_leftovers()

    def remove_leftovers(self) -> None:
        """Staging folders of a build that was killed outright (a crash, a power cut)."""
        for stale in self.output.parent.glob(f".{self.output.name}.*-*"):
            shutil.rmtree(stale, ignore_errors=True)

    def request(self) -> None:
        with self.lock:
            if self.stopping:
                return
            self.wanted, self.asked = True, time.monotonic()
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._loop, name="coursesmith-background", daemon=True)
                self.thread.start()

    def _loop(self) -> None:
        while True:
            while (wait := self.asked + QUIET_SECONDS - time.monotonic()) > 0 and not self.stopping:
                self.woken.wait(wait)
            with self.lock:
                if not self.wanted or self.stopping:
                    self.thread = None
                    return
                self.wanted = False
            if self._build() and not self.stopping:
                self.finished(self.documents())

    def limit_arguments(self) -> list[str]:
        """The cache's limits (`serve --cache-max`, `--cache-days`), for the builder."""
        found = [] if self.limits.max_bytes is None else ["--cache-max", str(self.limits.max_bytes)]
        return found + ([] if self.limits.days is None else ["--cache-days", repr(self.limits.days)])

    def command(self) -> list[str]:
        command = [sys.executable, "-m", "coursesmith", "build", "--project", str(self.root),
                   "--output", str(self.output), "--jobs", str(self.jobs), "--format", "text",
                   "--builds-on-stdin"]
        command += ["--cache-dir", str(self.cache), *self.limit_arguments()] if self.cache else ["--no-cache"]
        return command + ["--only", ",".join(o for o in PREVIEWED if self.pdf or o not in PDF_OUTPUTS)]

    def _build(self) -> bool:
        started = time.perf_counter()
        self.report("PDFs: starting" if self.pdf else "search index: updating", True)
        token = secrets.token_hex(8)
        with self.lock:
            if self.stopping:
                return False
            process = self._builder()
        try:
            process.stdin.write(f"{token}\n")
            process.stdin.flush()
        except OSError:  # the builder has just ended: its output says why
            pass
        lines, code = self._follow(process, f"{END_OF_BUILD} {token} ")
        if code is None:  # the builder ended during the build
            code = process.wait() or 1
            with self.lock:
                self.process = None
        if self.stopping:
            return False
        seconds = time.perf_counter() - started
        if code == 0:
            summary = next((line for line in reversed(lines) if line.startswith(("built ", "nothing changed"))), "")
            print(f"  background build done in {seconds:.1f} s: {summary}", file=sys.stderr, flush=True)
            self._say_warnings(lines)
            self.report("PDF up to date" if self.pdf else "PDF preview off (--no-pdf)", False)
            return True
        print("  background build failed:", *lines[-20:], sep="\n    ", file=sys.stderr, flush=True)
        self.report("PDF build failed: see the terminal", False)
        return False

    def _say_warnings(self, lines: list[str]) -> None:
        """The build's own warnings (the cache's, the outputs', the layout's), each once
        while it lasts: one that goes and comes back is said again, and so is one the
        preview's check showed once it no longer shows it."""
        warnings = problem_blocks(lines)
        shown = self.shown()
        new = [block for block in warnings if block not in self.warned and block.split("\n")[0] not in shown]
        self.warned = {block for block in warnings if block in self.warned or block in new}
        if new:
            print("  the background build warns:", *new, sep="\n", file=sys.stderr, flush=True)

    def _builder(self) -> subprocess.Popen:
        """The background builder, started if there is none (or it has ended); with the lock held."""
        if self.process is None or self.process.poll() is not None:
            environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
            self.process = subprocess.Popen(self.command(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                            stdin=subprocess.PIPE, text=True, env=environment,
                                            process_group=0)  # the terminal's Ctrl-C is ours to pass on
        return self.process

    def _follow(self, process: subprocess.Popen, end: str) -> tuple[list[str], int | None]:
        """Read one build's output, reporting its progress, up to its end line; the lines
        and its exit status (None if the builder ended first)."""
        lines = []
        for line in process.stdout:
            line = line.rstrip("\n")
            if line.startswith(end):
                status = line[len(end):].strip()
                return lines, int(status) if status.isdigit() else 1
            lines.append(line)
            found = PROGRESS.match(line)
            if found:
                done, total = int(found[1]), int(found[2])
                self.report("PDFs: finishing" if done == total else f"rendering {done + 1} of {total}", True)
                print(f"  PDFs [{done}/{total}] {found[3]} {found[4]}", file=sys.stderr, flush=True)
        return lines, None

    def documents(self) -> dict[str, Made]:
        """The PDFs the last build made, from the record it left beside the cache."""
        if self.cache is None:
            return {}
        try:
            summary = json.loads(record_path(self.cache, self.output).read_text(encoding="utf-8"))["summary"]
            return {path: Made(path, "pdf", pages, size) for path, (pages, size) in summary["documents"].items()}
        except (OSError, ValueError, KeyError, TypeError):
            return {}

    def stop(self) -> None:
        """Stop the background builder (its build, if one runs) and its workers, and wait until they are gone."""
        with self.lock:
            self.stopping = True
            process, thread = self.process, self.thread
        self.woken.set()
        if process is not None:
            _signal_group(process, signal.SIGINT)
            try:
                process.wait(STOP_SECONDS)
            except subprocess.TimeoutExpired:
                _signal_group(process, signal.SIGKILL)
                process.wait()
            _signal_group(process, signal.SIGKILL)  # workers that outlived their parent
        if thread is not None:
            thread.join(STOP_SECONDS)


def problem_blocks(lines: list[str]) -> list[str]:
    """The problems in a build's text output, each its first line and its hint."""
    blocks: list[str] = []
    in_problem = False
    for line in lines:
        if PROBLEM.match(line):
            blocks.append(line)
            in_problem = True
        elif in_problem and line.startswith("    hint: "):
            blocks[-1] += "\n" + line
        else:
            in_problem = False
    return blocks


def _signal_group(process: subprocess.Popen, number: int) -> None:
    try:
        os.killpg(process.pid, number)
    except (ProcessLookupError, PermissionError):
        pass
