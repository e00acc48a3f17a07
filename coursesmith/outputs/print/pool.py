"""Making the PDFs: warm WeasyPrint worker processes behind the cache.

The print output, the slides' PDFs and the office's papers each lay out with their own
stylesheet, but in the same processes: the workers of a build are one pool, and a
worker warms a stylesheet's set-up the first time a document needs it (each new process
costs 0.3–0.5 s of start, importing WeasyPrint and loading fonts)."""
from __future__ import annotations

import multiprocessing
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from coursesmith.outputs.print.jobs import Outcome

Setup = tuple[str, str, tuple[str, ...], str]
"""A PdfMaker's set-up: stylesheet, root, readable roots, the digest of the stylesheet's
and fonts' bytes."""

_maker = None  # the PdfMaker of the document this process lays out now
_start_error: str | None = None  # why that PdfMaker could not be made
_warm: dict[str, tuple[Setup, object, str | None]] = {}
"""This process's warm PdfMakers by stylesheet, with their set-up and start error: a
stylesheet's set-up is reused while its paths and bytes are the same, never its images."""
_images_of: dict[str, int] = {}
"""In a worker: the build whose images each warm PdfMaker's image cache holds."""


def _start_worker(scratch: str, stylesheet: str, root: str, roots: list[str], content: str) -> None:
    """Warm a worker up with one set-up. A set-up that fails is remembered, not raised:
    a pool whose initializer raises starts a new worker in its place, for ever.
    Temporary files (WeasyPrint's copies of the @font-face fonts) go into `scratch`,
    which the parent removes when it stops the workers: a stopped worker cleans up nothing."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the workers
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # how the parent stops a worker
    tempfile.tempdir = scratch
    _use((stylesheet, root, tuple(roots), content))


def _use(setup: Setup) -> None:
    """Make `setup`'s PdfMaker the current one, warming it first if this process has not."""
    global _maker, _start_error
    known = _warm.get(setup[0])
    if known is None or known[0] != setup:
        stylesheet, root, roots, _ = setup
        paths = [Path(r) for r in roots]
        try:
            from coursesmith.outputs.print.maker import PdfMaker

            known = (setup, PdfMaker(Path(stylesheet), base_url=Path(root), roots=paths, layers=paths[1:]), None)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as error:  # the fetcher's refusal is a BaseException, like WeasyPrint's own
            known = (setup, None, str(error) or type(error).__name__)
        _warm[setup[0]] = known
    _, _maker, _start_error = known


def _stylesheet_warnings(setup: Setup | None = None) -> list[str]:
    if setup is not None:
        _use(setup)
    return list(_maker.stylesheet_warnings) if _maker is not None else []


def _render_with(setup: Setup, job: tuple[str, str, str], build: int = 0) -> Outcome:
    """Render one document in a worker, with its own stylesheet's set-up. A worker kept
    from an earlier build (`workers_kept`) forgets that build's images first: they are
    known by address, and a file may have changed since."""
    _use(setup)
    if _images_of.get(setup[0], build) != build and _maker is not None:
        _maker.image_cache.clear()
    _images_of[setup[0]] = build
    return _render(job)


def _render(job: tuple[str, str, str]) -> Outcome:
    """Render one document in a worker (or in the parent, with one job)."""
    from coursesmith.outputs.print.maker import RefusedResource

    document, html, target = job
    if _maker is None:
        return Outcome(document, None, _start_error, setup_failed=True)
    try:
        return Outcome(document, _maker.write(html, Path(target)))
    except RefusedResource as error:
        return Outcome(document, None, str(error))
    except (RecursionError, MemoryError, ValueError) as error:
        return Outcome(document, None, f"{type(error).__name__}: {error}")


class _Workers:
    """One pool of worker processes, shared by every Printer of the same size while one
    of them uses it; each document names its own set-up."""

    def __init__(self, jobs: int, setup: Setup):
        context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
        self.scratch = tempfile.mkdtemp(prefix="coursesmith-workers-")
        self.pool = context.Pool(jobs, initializer=_start_worker, initargs=(self.scratch, *setup))
        self.users = 0
        self.build = 0
        """Counts the builds that used these workers (a new one each time a user joins idle workers)."""
        self.interrupted = False
        """A user left with documents unfinished: the workers must stop, not be kept."""

    def stop(self) -> None:
        self.pool.terminate()
        self.pool.join()
        shutil.rmtree(self.scratch, ignore_errors=True)


_shared: dict[int, _Workers] = {}
_shared_lock = threading.Lock()
_keeping = False
"""Inside `workers_kept`: idle workers wait for the next build instead of stopping."""


@contextmanager
def workers_kept() -> Iterator[None]:
    """Keep the PDF workers warm from one build in this process to the next (a preview's
    background builder); they stop at the end, or when a build leaves work unfinished."""
    global _keeping
    _keeping = True
    try:
        yield
    finally:
        with _shared_lock:
            _keeping = False
            idle = {jobs: workers for jobs, workers in _shared.items() if not workers.users}
            for jobs in idle:
                del _shared[jobs]
        for workers in idle.values():
            workers.stop()


class Printer:
    """Renders PDF jobs with `jobs` warm processes (in this process when jobs is 1),
    which it shares with the build's other Printers of that size.
    `roots` are the project's root, then its template folders, overrides first;
    `content` is a digest of the stylesheet's and fonts' bytes. In this process, a warm
    set-up is reused by the next build only when both are the same, and never its images."""

    def __init__(self, stylesheet: Path, root: Path, roots: list[Path], jobs: int, content: str):
        self.stylesheet, self.content = stylesheet, content
        self.setup: Setup = (str(stylesheet), str(root), tuple(str(r) for r in roots), content)
        self.jobs = max(1, jobs)
        self.workers: _Workers | None = None
        self.pending = 0
        self.idle = threading.Condition()
        self.warm_here = False
        self.beside = threading.Semaphore(self.jobs)
        """Room for `run_beside`'s processes."""

    def start(self) -> None:
        """Start the workers now (or join those another Printer started); they warm up
        while the caller does other work. Without it, the first document or question that
        needs a worker starts them: a build that finds every document in the cache then
        starts none."""
        if self.jobs > 1 and self.workers is None:
            with _shared_lock:
                workers = _shared.get(self.jobs)
                if workers is None:
                    workers = _shared[self.jobs] = _Workers(self.jobs, self.setup)
                if not workers.users:
                    workers.build += 1
                workers.users += 1
            self.workers = workers

    def stylesheet_warnings(self) -> Callable[[], list[str]]:
        """What WeasyPrint said while parsing the stylesheet; call the result to get it
        (with workers, asking does not wait for them to be ready)."""
        self.start()
        if self.workers is not None:
            return self.workers.pool.apply_async(_stylesheet_warnings, (self.setup,)).get
        self._start_here()
        warnings = _stylesheet_warnings()
        return lambda: warnings

    def submit(self, document: str, html: str, target: Path, on_done: Callable[[Outcome], None]) -> None:
        """Render one document into `target`; `on_done` is called with the outcome when it
        is ready (from another thread when workers render). Documents start in the order
        they are submitted."""
        work = (document, html, str(target))
        self.start()
        if self.workers is None:
            self._start_here()
            on_done(_render(work))
            return
        finished = self._counted(on_done)
        self.workers.pool.apply_async(_render_with, (self.setup, work, self.workers.build), callback=finished,
                                      error_callback=lambda error: finished(Outcome(document, None, repr(error))))

    def run(self, task: Callable, argument, on_done: Callable) -> None:
        """Run `task(argument)` (a module-level function) in a worker, or here with one job;
        `on_done` gets its result."""
        self.start()
        if self.workers is None:
            on_done(task(argument))
            return
        finished = self._counted(on_done)
        self.workers.pool.apply_async(task, (argument,), callback=finished, error_callback=finished)

    def run_beside(self, task: Callable, argument, on_done: Callable) -> None:
        """Run `task(argument)`, which waits on a process of its own (a binder), in a
        thread of this process, as soon as it is asked for: in a worker it would wait
        behind every document submitted before it, then hold the worker idle. At most
        `jobs` such processes run at once (each holds its books in memory); here, in
        turn, with one job. `on_done` gets its result, or the exception it raised."""
        if self.jobs == 1:
            on_done(task(argument))
            return
        finished = self._counted(on_done)

        def work() -> None:
            with self.beside:
                try:
                    result = task(argument)
                except Exception as error:  # reported as the document's failure, as a worker's would be
                    result = error
            finished(result)
        threading.Thread(target=work, name="binder", daemon=True).start()

    def _counted(self, on_done: Callable) -> Callable:
        """`on_done`, counted as pending from now until it has returned."""
        with self.idle:
            self.pending += 1

        def finished(result) -> None:
            try:
                on_done(result)
            finally:
                with self.idle:
                    self.pending -= 1
                    self.idle.notify_all()
        return finished

    def join(self) -> None:
        """Wait until every document this Printer submitted is done."""
        with self.idle:
            self.idle.wait_for(lambda: self.pending == 0)

    def _start_here(self) -> None:
        """Lay out in this process, with this Printer's set-up (other Printers may have
        made theirs current since)."""
        if not self.warm_here:
            known = _warm.get(self.setup[0])
            if known is not None and (known[0] != self.setup or known[1] is None):
                # a set-up that failed left no maker: try it again, so this batch reports
                # the failure too (the office's papers share the print output's set-up)
                del _warm[self.setup[0]]
            elif known is not None:
                known[1].image_cache.clear()  # images are known by address: one may have changed since
            self.warm_here = True
        _use(self.setup)

    def close(self) -> None:
        """Leave the workers; the last Printer to leave stops them, done or not (unless
        `workers_kept` keeps them and every document was done)."""
        workers, self.workers = self.workers, None
        if workers is None:
            return
        with self.idle:
            unfinished = self.pending > 0
        with _shared_lock:
            workers.users -= 1
            workers.interrupted |= unfinished
            if workers.users or (_keeping and not workers.interrupted):
                return
            if _shared.get(self.jobs) is workers:
                del _shared[self.jobs]
        workers.stop()
