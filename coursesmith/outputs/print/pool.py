"""Making the PDFs: a pool of warm WeasyPrint worker processes behind the cache."""
from __future__ import annotations

import multiprocessing
import signal
import sys
from collections.abc import Callable
from pathlib import Path

from coursesmith.outputs.print.jobs import Outcome

_maker = None  # the warm PdfMaker of this process


_maker_setup: tuple | None = None
"""What `_maker` was made from: paths and the digest of the stylesheet's and fonts' bytes."""
_start_error: str | None = None  # why this process's PdfMaker could not be made


def _start_worker(stylesheet: str, root: str, roots: list[str], content: str, in_pool: bool = True) -> None:
    """Warm a worker up. A set-up that fails is remembered, not raised: a pool whose
    initializer raises starts a new worker in its place, for ever."""
    global _maker, _maker_setup, _start_error
    if in_pool:  # Ctrl-C is the parent's to handle: it stops the workers and cleans up
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    paths = [Path(r) for r in roots]
    _maker_setup = (stylesheet, root, tuple(roots), content)
    try:
        from coursesmith.outputs.print.maker import PdfMaker

        _maker, _start_error = PdfMaker(Path(stylesheet), base_url=Path(root), roots=paths, layers=paths[1:]), None
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # the fetcher's refusal is a BaseException, like WeasyPrint's own
        _maker, _start_error = None, str(error) or type(error).__name__


def _stylesheet_warnings() -> list[str]:
    return list(_maker.stylesheet_warnings) if _maker is not None else []


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


class Printer:
    """Renders PDF jobs with `jobs` warm processes (in this process when jobs is 1).
    `roots` are the project's root, then its template folders, overrides first;
    `content` is a digest of the stylesheet's and fonts' bytes. In this process, a warm
    set-up is reused by the next build only when both are the same, and never its images."""

    def __init__(self, stylesheet: Path, root: Path, roots: list[Path], jobs: int, content: str):
        self.stylesheet, self.content = stylesheet, content
        self.setup = (str(stylesheet), str(root), [str(r) for r in roots], content)
        self.jobs = max(1, jobs)
        self.pool = None
        self.pending = 0
        self.warm_here = False

    def start(self) -> None:
        """Start the workers now; they warm up while the caller does other work. Without
        it, the first document or question that needs a worker starts them: a build that
        finds every document in the cache then starts none."""
        if self.jobs > 1 and self.pool is None:
            context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
            self.pool = context.Pool(self.jobs, initializer=_start_worker, initargs=self.setup)

    def stylesheet_warnings(self) -> Callable[[], list[str]]:
        """What WeasyPrint said while parsing the stylesheet; call the result to get it
        (with workers, asking does not wait for them to be ready)."""
        self.start()
        if self.pool is not None:
            return self.pool.apply_async(_stylesheet_warnings).get
        self._start_here()
        warnings = _stylesheet_warnings()
        return lambda: warnings

    def submit(self, document: str, html: str, target: Path, on_done: Callable[[Outcome], None]) -> None:
        """Render one document into `target`; `on_done` is called with the outcome when it
        is ready (from another thread when workers render). Documents start in the order
        they are submitted."""
        work = (document, html, str(target))
        self.start()
        if self.pool is None:
            self._start_here()
            on_done(_render(work))
            return
        self.pending += 1
        self.pool.apply_async(_render, (work,), callback=on_done,
                              error_callback=lambda error: on_done(Outcome(document, None, repr(error))))

    def run(self, task: Callable, argument, on_done: Callable) -> None:
        """Run `task(argument)` (a module-level function) in a worker, or here with one job;
        `on_done` gets its result."""
        self.start()
        if self.pool is None:
            on_done(task(argument))
            return
        self.pending += 1
        self.pool.apply_async(task, (argument,), callback=on_done, error_callback=on_done)

    def join(self) -> None:
        """Wait until every submitted document is done."""
        if self.pool is not None and self.pending:
            self.pool.close()
            self.pool.join()
            self.pool = None

    def _start_here(self) -> None:
        if self.warm_here:
            return
        stylesheet, root, roots, content = self.setup
        # A setup that failed left no maker: try it again, so this batch reports the failure too
        # (the office's papers share the print output's in-process worker).
        if _maker is None or _maker_setup != (stylesheet, root, tuple(roots), content):
            _start_worker(*self.setup, in_pool=False)
        else:
            _maker.image_cache.clear()  # images are known by address: one may have changed since
        self.warm_here = True

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None

