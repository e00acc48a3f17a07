"""Save → page reloaded: how long `coursesmith serve` takes from an editor's save to a
served page with the new text.

    python bench/serve_latency.py                  # the sample course
    python bench/serve_latency.py --lessons 48     # a corpus of 48 lessons (bench/corpus.py)

It copies the project to a scratch folder, starts `serve` there on a free loopback
port, listens to the page's event stream, and then, several times: saves a lesson as
editors do (a temporary file renamed over the old one) with one word changed, and
measures until the reload event naming that lesson's page has arrived AND the page
served contains the new word. Between saves it waits for the background build to
settle, so that each save starts from a quiet server. Prints each run and the median.
With `--pdf` it also measures save → "PDF up to date" (the badge's status after the
background builder, which stays warm between saves, has remade the PDFs the save
changed), and prints the builder's own seconds: the save → PDF time includes the
second serve waits after the last save before it starts a build.
"""
from __future__ import annotations

import argparse
import json
import os
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
WORD = "pemimpin"  # in the Indonesian text of the sample's first lesson and of every corpus lesson
TIMEOUT = 60.0


def make_project(folder: Path, lessons: int) -> tuple[Path, str]:
    """The project and the lesson file to edit."""
    if lessons:
        subprocess.run([sys.executable, str(REPOSITORY / "bench" / "corpus.py"), "--lessons", str(lessons),
                        str(folder)], check=True, stdout=subprocess.DEVNULL)
        return folder, next(folder.glob("modules/*/sesi-001.yaml")).relative_to(folder).as_posix()
    for part in ("course", "modules"):
        shutil.copytree(REPOSITORY / part, folder / part)
    return folder, "modules/koalisi/koal-01.yaml"


class Server:
    """A running `coursesmith serve` and its event stream."""

    def __init__(self, project: Path, pdf: bool):
        command = [sys.executable, "-m", "coursesmith", "serve", "-p", str(project), "--port", "0"]
        self.process = subprocess.Popen(command + ([] if pdf else ["--no-pdf"]), stderr=subprocess.PIPE,
                                        stdout=subprocess.DEVNULL, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read_log, daemon=True).start()
        self.url = self.wait_for_line(r"serving (http://\S+/)")[1]
        self.events: queue.Queue[tuple[float, str, dict]] = queue.Queue()
        threading.Thread(target=self._listen, daemon=True).start()

    def _read_log(self) -> None:
        for line in self.process.stderr:
            self.lines.put(line.rstrip("\n"))

    def wait_for_line(self, pattern: str) -> re.Match:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=deadline - time.monotonic())
            except queue.Empty:
                break
            if found := re.search(pattern, line):
                return found
        raise TimeoutError(f"serve never printed {pattern!r}")

    def _listen(self) -> None:
        name = ""
        with urllib.request.urlopen(self.url + "_serve/events", timeout=TIMEOUT) as stream:
            for raw in stream:
                line = raw.decode().rstrip("\n")
                if line.startswith("event: "):
                    name = line[7:]
                elif line.startswith("data: "):
                    self.events.put((time.perf_counter(), name, json.loads(line[6:])))

    def event(self, accept, deadline: float) -> float:
        while True:
            at, name, data = self.events.get(timeout=max(0.01, deadline - time.perf_counter()))
            if accept(name, data):
                return at

    def settle(self, page: str | None = None) -> None:
        """Wait until the background build is idle (no busy status for a second); with a
        `page`, also until that page's badge says the PDFs are up to date (the first
        build of a corpus lays out every PDF: minutes)."""
        deadline = time.perf_counter() + TIMEOUT * 10
        while page is not None and "PDF up to date" not in self.page(page):
            if time.perf_counter() > deadline:
                raise TimeoutError("the PDFs never got up to date")
            time.sleep(0.5)
        deadline = time.perf_counter() + TIMEOUT
        quiet_since = time.perf_counter()
        while time.perf_counter() - quiet_since < 1.5 and time.perf_counter() < deadline:
            try:
                _, name, data = self.events.get(timeout=0.5)
                if name == "pdf" and data.get("busy"):
                    quiet_since = time.perf_counter()
                elif name == "pdf":
                    quiet_since = time.perf_counter() - 1.0
            except queue.Empty:
                pass

    def forget_log(self) -> None:
        """Drop what serve has said so far: what it says next is about the next save."""
        while True:
            try:
                self.lines.get_nowait()
            except queue.Empty:
                return

    def refresh_line(self) -> str:
        """What serve said about its last refresh (files loaded, pages rendered, time)."""
        try:
            return self.wait_for_line(r"\d+ loaded, .* in \d+ ms")[0]
        except TimeoutError:
            return "?"

    def page(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=TIMEOUT) as answer:
            return answer.read().decode()

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        self.process.wait(TIMEOUT)


def save(path: Path, text: str) -> None:
    """As editors save: write a temporary file beside it, then rename it over the old one."""
    temporary = path.with_name(f".{path.name}.tmp{os.getpid()}")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def measure(lessons: int, runs: int, pdf: bool) -> tuple[list[float], list[float], list[float]]:
    with tempfile.TemporaryDirectory(prefix="serve-bench-") as scratch:
        project, lesson = make_project(Path(scratch) / "project", lessons)
        page = f"id/lessons/{Path(lesson).stem}.html"
        server = Server(project, pdf)
        try:
            server.settle(page if pdf else None)
            source = project / lesson
            text, current, seconds, pdfs, builds = source.read_text(encoding="utf-8"), WORD, [], [], []
            for run in range(runs):
                token = f"{WORD}zq{run}x{os.getpid()}"
                text = text.replace(current, token, 1)
                current = token
                server.forget_log()  # e.g. the no-op refresh of the last save's second file event
                started = time.perf_counter()
                save(source, text)
                server.event(lambda name, data: name == "change" and page in data["changed"],
                             started + TIMEOUT)
                while token not in server.page(page):
                    if time.perf_counter() > started + TIMEOUT:
                        raise TimeoutError("the page never showed the new text")
                seconds.append(time.perf_counter() - started)
                print(f"  run {run + 1}: {seconds[-1] * 1000:.0f} ms  (serve: {server.refresh_line()})", flush=True)
                if pdf:
                    done = server.event(lambda name, data: name == "pdf" and data.get("text") == "PDF up to date",
                                        started + TIMEOUT)
                    pdfs.append(done - started)
                    builds.append(float(server.wait_for_line(r"background build done in ([\d.]+) s")[1]))
                    print(f"    PDFs up to date {pdfs[-1]:.2f} s after the save (the build itself {builds[-1]:.1f} s)",
                          flush=True)
                server.settle(page if pdf else None)
        finally:
            server.stop()
    return seconds, pdfs, builds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lessons", type=int, default=0, help="a corpus of N lessons (default: the sample course)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pdf", action="store_true", help="with PDFs made in the background (default: --no-pdf)")
    args = parser.parse_args()
    name = f"N = {args.lessons}" if args.lessons else "the sample course"
    print(f"serve latency, save → page with the new text, {name}{' with PDFs' if args.pdf else ''}:")
    seconds, pdfs, builds = measure(args.lessons, args.runs, args.pdf)
    print(f"median {statistics.median(seconds) * 1000:.0f} ms over {len(seconds)} runs "
          f"(min {min(seconds) * 1000:.0f}, max {max(seconds) * 1000:.0f})")
    if pdfs:
        print(f"save → PDF up to date: median {statistics.median(pdfs):.2f} s "
              f"(the background build {statistics.median(builds):.2f} s)")


if __name__ == "__main__":
    main()
