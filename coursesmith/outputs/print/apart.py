"""Running one job in a fresh Python process that loads only what the job needs.

Binding a book makes pikepdf hold every object of every part at once. In a PDF worker,
that comes on top of WeasyPrint, its fonts and stylesheets (110–130 MiB before the
first page); a fresh interpreter that imports only pikepdf and the binder starts at
about 30 MiB, and gives everything back when the book is written.

The process is started with `-I` (isolated: neither the current folder, which is the
course project, nor PYTHON* variables reach its module path), and is told only where
coursesmith itself lives. The job and its result travel as pickles over its standard
input and output, between coursesmith's own processes. Once the result is sent, the
process ends at once, without freeing what the job made: a bound book is tens of
thousands of pikepdf objects, which take a tenth of a second to free.

A build that stops (an error, Ctrl-C, SIGTERM) stops the processes it started for its
jobs (`Apart.stop`): SIGTERM reaches only the build's own process, and a binder left
running would go on writing into a staging folder being removed, and outlive the build.
"""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import coursesmith

T = TypeVar("T")
CODE_ROOT = Path(coursesmith.__file__).resolve().parent.parent
"""The folder coursesmith's package is in (site-packages, or a checkout)."""
START = "import sys; sys.path.insert(0, sys.argv[1]); from coursesmith.outputs.print.apart import serve; serve()"
TIMEOUT = 1800
KEPT: list[Any] = []
"""What a job run apart leaves to the end of its process (`keep`), never freed."""


class ApartFailed(RuntimeError):
    """The process ended without a result: its last line of errors says why."""


class Apart:
    """The processes one batch runs its jobs in, from any of its threads, until `stop`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: set[subprocess.Popen] = set()
        self._stopped = False

    def run(self, function: Callable[[Any], T], argument: Any) -> T:
        """`function(argument)` in a fresh process; `function` is a module-level function."""
        with self._lock:
            if self._stopped:
                raise ApartFailed("the build stopped")
            try:
                process = subprocess.Popen([sys.executable, "-I", "-c", START, str(CODE_ROOT)], stdin=subprocess.PIPE,
                                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            except OSError as error:
                raise ApartFailed(f"{type(error).__name__}: {error}") from None
            self._running.add(process)
        try:
            out, err = process.communicate(pickle.dumps((function, argument)), timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise ApartFailed(f"no result after {TIMEOUT} s") from None
        except OSError as error:  # it ended before reading its job (stopped)
            raise ApartFailed(f"{type(error).__name__}: {error}") from None
        finally:
            _end(process)
            with self._lock:
                self._running.discard(process)
        if process.returncode != 0 or not out:
            errors = err.decode("utf-8", "replace").strip().splitlines()
            raise ApartFailed(errors[-1] if errors else f"exit status {process.returncode}")
        return pickle.loads(out)

    def stop(self) -> None:
        """End every process still running, and start no other."""
        with self._lock:
            self._stopped = True
            running = list(self._running)
        for process in running:
            _end(process)


def _end(process: subprocess.Popen) -> None:
    """Kill `process` unless it has ended, and wait for it (no zombie is left)."""
    if process.poll() is None:
        process.kill()
    process.wait()


def run_apart(function: Callable[[Any], T], argument: Any, apart: Apart | None = None) -> T:
    """`function(argument)` in a fresh process, one of `apart`'s if given."""
    return (apart if apart is not None else Apart()).run(function, argument)


def keep(thing: Any) -> None:
    """Leave `thing` alive until this process ends; only for a job run apart, whose
    process ends without freeing it (in any other, it would stay for good)."""
    KEPT.append(thing)


def serve() -> None:
    """The fresh process's side: one job from standard input, its result to standard
    output; then the process ends without freeing anything (`os._exit`)."""
    function, argument = pickle.loads(sys.stdin.buffer.read())
    result = function(argument)
    sys.stdout.buffer.write(pickle.dumps(result))
    sys.stdout.buffer.flush()
    os._exit(0)
