"""`coursesmith serve`: the warm preview, its watcher, its server and its background
build, started together and stopped together."""
from __future__ import annotations

import signal
import sys
import threading
import time
import webbrowser
from dataclasses import dataclass, field
from pathlib import Path

from coursesmith.diagnostics import format_text, problem_line
from coursesmith.locations import ProjectPaths
from coursesmith.model import layout
from coursesmith.pruning import CacheLimits
from coursesmith.serve.background import BackgroundBuild
from coursesmith.serve.http import Broker, PreviewServer, is_loopback_name
from coursesmith.serve.preview import Preview
from coursesmith.serve.routes import PdfStatus, Routes
from coursesmith.serve.watch import watch_sources
from coursesmith.stages import Made


@dataclass
class ServeOptions:
    project: Path
    host: str = "127.0.0.1"
    port: int = 8000
    open: bool = False
    pdf: bool = True
    jobs: int = 1
    cache: Path | None = None
    cache_limits: CacheLimits = field(default_factory=CacheLimits)


class Session:
    """Everything `serve` runs, wired together."""

    def __init__(self, options: ServeOptions):
        self.options = options
        self.preview = Preview(options.project)
        self.broker = Broker()
        self.stop = threading.Event()
        self.refreshing = threading.Lock()
        built = ProjectPaths(options.project).root / ".coursesmith" / "serve" / "output"
        self.routes = Routes(self.preview, built, is_loopback_name(options.host),
                             PdfStatus() if not options.pdf else PdfStatus("PDFs: waiting", True))
        self.background = BackgroundBuild(options.project, built, options.cache, options.pdf, options.jobs,
                                          self.pdf_status, self.background_done, options.cache_limits,
                                          self.shown_problems)
        self.server = PreviewServer((options.host, options.port), self.routes, self.broker,
                                    lambda: self.preview.snapshot.version)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{'[' + host + ']' if ':' in host else host}:{port}/"

    def run(self) -> None:
        started = time.perf_counter()
        try:
            first = self.preview.refresh()
            say(f"loaded {first.loaded} files and rendered {first.rendered} pages in "
                f"{time.perf_counter() - started:.2f} s")
        except Exception as error:  # a bug must not end the preview: the next save tries again
            say(f"could not load the project: {type(error).__name__}: {error}")
        self.show_problems()
        threads = [threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.2},
                                    name="coursesmith-http", daemon=True),
                   threading.Thread(target=self.watch, name="coursesmith-watch", daemon=True)]
        for thread in threads:
            thread.start()
        if not self.preview.snapshot.failed:
            self.background.request()
        say(f"serving {self.url}  (facilitator edition: {self.url}facilitator/)" if self.routes.loopback
            else f"serving {self.url}")
        say("press Ctrl-C to stop")
        if self.options.open:
            webbrowser.open(self.url)
        try:
            while not self.stop.wait(0.5):
                pass
        finally:
            self.close(threads)

    def close(self, threads: list[threading.Thread]) -> None:
        """Stop in order: no new changes, no new requests, then the background build."""
        self.stop.set()
        self.broker.close()
        self.server.shutdown()
        self.server.server_close()
        self.background.stop()
        for thread in threads:
            thread.join(5)

    def watch(self) -> None:
        try:
            watch_sources(self.options.project, self.stop, self.changed)
        except Exception as error:  # the watcher itself failed (e.g. the folder vanished)
            say(f"watching the project stopped: {error}")
            self.stop.set()

    def changed(self, paths: list[str]) -> None:
        """After a save (`paths`), or after a background build (no paths)."""
        started = time.perf_counter()
        try:
            with self.refreshing:  # the watcher and the background build both refresh
                result = self.preview.refresh()
        except Exception as error:  # a bug must not end the preview: say it and keep serving
            say(f"could not refresh after {', '.join(paths)}: {type(error).__name__}: {error}")
            return
        seconds = time.perf_counter() - started
        snapshot = self.preview.snapshot
        shown = ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "") or "PDFs made"
        say(f"{shown}: {result.loaded} loaded, {result.rendered} rendered, {len(result.changed)} changed "
            f"in {seconds * 1000:.0f} ms")
        if result.problems_changed:
            self.show_problems()
        if result.changed or result.problems_changed:
            self.broker.publish("change", {"version": snapshot.version, "changed": sorted(result.changed),
                                           "all": result.problems_changed})
        if paths and not snapshot.failed:
            self.background.request()

    def show_problems(self) -> None:
        problems = self.preview.snapshot.problems
        print(format_text(problems) if problems else "no problems", file=sys.stderr, flush=True)

    def shown_problems(self) -> set[str]:
        return {problem_line(d) for d in self.preview.snapshot.problems}

    def pdf_status(self, text: str, busy: bool) -> None:
        self.routes.status = PdfStatus(text, busy)
        self.broker.publish("pdf", {"text": text, "busy": busy})

    def background_done(self, documents: dict[str, Made]) -> None:
        """The home and downloads pages show the new PDFs' pages and sizes."""
        site = layout.SITE + "/"
        self.preview.documents = {path.removeprefix(site): made for path, made in documents.items()
                                  if path.startswith(site)}
        self.changed([])


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def serve(options: ServeOptions) -> int:
    if not is_loopback_name(options.host):
        say(f"warning: serving on {options.host}, not on loopback: anyone who can reach this machine can read "
            "the preview; the facilitator edition is not served")
    try:
        session = Session(options)
    except OSError as error:
        say(f"cannot serve on {options.host}:{options.port}: {error.strerror or error}")
        return 1
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        session.run()
    except KeyboardInterrupt:
        say("stopped")
    finally:
        signal.signal(signal.SIGTERM, previous)
    return 0


def _interrupt(number, frame) -> None:
    raise KeyboardInterrupt
