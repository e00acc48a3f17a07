"""Driving `coursesmith serve` from tests: a scratch project, a server on a free
loopback port, its event stream, and an editor's ways of saving."""
from __future__ import annotations

import html
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
TIMEOUT = 60.0


def sample_project(folder: Path) -> Path:
    for part in ("course", "modules"):
        shutil.copytree(REPOSITORY / part, folder / part)
    return folder


def atomic_save(path: Path, text: str) -> None:
    """How most editors save: a temporary file beside the old one, renamed over it."""
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:6]}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def processes_marked(mark: str) -> list[int]:
    """Processes whose environment carries `mark` (the server and everything it started)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if mark.encode() in (entry / "environ").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


class Served:
    """A `coursesmith serve` process on 127.0.0.1 and a free port, started in `cwd`."""

    def __init__(self, project: Path, *options: str, cwd: Path | None = None):
        self.mark = f"COURSESMITH_TEST_SERVE={uuid.uuid4().hex}"
        environment = {**os.environ, self.mark.split("=")[0]: self.mark.split("=")[1], "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "coursesmith", "serve", "-p", str(project), "--port", "0", *options],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=environment, cwd=cwd or project)
        self.log: list[str] = []
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read_log, daemon=True).start()
        self.url = self.wait_for_line(r"serving (http://127\.0\.0\.1:\d+/)")[1]
        self.events: queue.Queue[tuple[str, dict]] = queue.Queue()
        self.ready = threading.Event()
        threading.Thread(target=self._listen, daemon=True).start()
        assert self.ready.wait(TIMEOUT), "the event stream did not open"

    def _read_log(self) -> None:
        for line in self.process.stderr:
            self.log.append(line.rstrip("\n"))
            self.lines.put(line.rstrip("\n"))

    def wait_for_line(self, pattern: str, timeout: float = TIMEOUT) -> re.Match:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                break
            if found := re.search(pattern, line):
                return found
        raise AssertionError(f"serve never printed {pattern!r}; it printed:\n" + "\n".join(self.log))

    def _listen(self) -> None:
        name = ""
        try:
            with urllib.request.urlopen(self.url + "_serve/events", timeout=TIMEOUT * 5) as stream:
                for raw in stream:
                    line = raw.decode().rstrip("\n")
                    if line.startswith(": connected"):
                        self.ready.set()
                    elif line.startswith("event: "):
                        name = line[7:]
                    elif line.startswith("data: "):
                        self.events.put((name, json.loads(line[6:])))
        except OSError:
            pass  # the server stopped

    def next_event(self, accept, timeout: float = TIMEOUT) -> dict:
        """The first event `accept(name, data)` takes, skipping others; fails after `timeout`."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                name, data = self.events.get(timeout=left)
            except queue.Empty:
                break
            if accept(name, data):
                return data
        raise AssertionError("no such event; serve printed:\n" + "\n".join(self.log))

    def change(self, timeout: float = TIMEOUT) -> dict:
        return self.next_event(lambda name, data: name == "change", timeout)

    def get(self, path: str) -> tuple[int, str, bytes]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=TIMEOUT) as answer:
                return answer.status, answer.headers["Content-Type"], answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers["Content-Type"], error.read()

    def page(self, path: str) -> str:
        status, _, body = self.get(path)
        assert status == 200, (path, status)
        return body.decode()

    def stop(self) -> int:
        """Ctrl-C, as in a terminal; the server must end by itself."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(TIMEOUT)
        finally:
            self.kill_leftovers()

    def kill_leftovers(self) -> None:
        """Only after a failed test: nothing this test started may outlive it."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for pid in processes_marked(self.mark):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def shown_problems(page: str) -> str | None:
    """The problems written over a served page, as plain text; None without any."""
    found = re.search(r'<details id="cs-serve-problems"[^>]*>.*?<pre>(.*?)</pre>', page, re.S)
    return html.unescape(found[1]) if found else None


def check_output(project: Path, cwd: Path) -> str:
    result = subprocess.run([sys.executable, "-m", "coursesmith", "check", "-p", str(project), "--format", "text"], cwd=cwd,
                            capture_output=True, text=True, timeout=TIMEOUT)
    return (result.stdout + result.stderr).strip()
