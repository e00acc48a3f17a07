"""PDFs and the search index, made in the background by a child `coursesmith build`.

A child process, not a thread: a document that makes WeasyPrint slow or large cannot
slow or take down the server, and stopping it is one signal to its process group
(it then stops its own workers and removes its staging folder, as after a Ctrl-C).
The PDF cache is content-keyed, so only documents whose HTML changed are laid out
again; the rest are copied. One build runs at a time: saves made meanwhile ask for
one more build, started when the running one ends.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from coursesmith.fingerprint import record_path
from coursesmith.stages import Made

PROGRESS = re.compile(r"^\[(\d+)/(\d+)\] (rendered|reused) (\S+)")
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
    build made (pages and size by path below the output folder)."""

    def __init__(self, root: Path, output: Path, cache: Path | None, pdf: bool, jobs: int,
                 report: Callable[[str, bool], None], finished: Callable[[dict[str, Made]], None]):
        self.root, self.output, self.cache, self.pdf, self.jobs = root, output, cache, pdf, jobs
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

    def command(self) -> list[str]:
        command = [sys.executable, "-m", "coursesmith", "build", "--project", str(self.root),
                   "--output", str(self.output), "--jobs", str(self.jobs), "--format", "text"]
        command += ["--cache-dir", str(self.cache)] if self.cache else ["--no-cache"]
        return command + ["--only", ",".join(o for o in PREVIEWED if self.pdf or o not in PDF_OUTPUTS)]

    def _build(self) -> bool:
        started = time.perf_counter()
        self.report("PDFs: starting" if self.pdf else "search index: updating", True)
        with self.lock:
            if self.stopping:
                return False
            environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
            self.process = subprocess.Popen(self.command(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, text=True, env=environment,
                                            process_group=0)  # the terminal's Ctrl-C is ours to pass on
        lines = []
        for line in self.process.stdout:
            lines.append(line.rstrip("\n"))
            found = PROGRESS.match(line)
            if found:
                done, total = int(found[1]), int(found[2])
                self.report("PDFs: finishing" if done == total else f"rendering {done + 1} of {total}", True)
                print(f"  PDFs [{done}/{total}] {found[3]} {found[4]}", file=sys.stderr, flush=True)
        code = self.process.wait()
        with self.lock:
            self.process = None
        if self.stopping:
            return False
        seconds = time.perf_counter() - started
        if code == 0:
            summary = next((line for line in reversed(lines) if line.startswith(("built ", "nothing changed"))), "")
            print(f"  background build done in {seconds:.1f} s: {summary}", file=sys.stderr, flush=True)
            self.report("PDF up to date" if self.pdf else "PDF preview off (--no-pdf)", False)
            return True
        print("  background build failed:", *lines[-20:], sep="\n    ", file=sys.stderr, flush=True)
        self.report("PDF build failed: see the terminal", False)
        return False

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
        """Stop the running build and its workers, and wait until they are gone."""
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


def _signal_group(process: subprocess.Popen, number: int) -> None:
    try:
        os.killpg(process.pid, number)
    except (ProcessLookupError, PermissionError):
        pass
