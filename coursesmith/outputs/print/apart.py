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
"""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
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


def run_apart(function: Callable[[Any], T], argument: Any) -> T:
    """`function(argument)` in a fresh process; `function` is a module-level function."""
    try:
        done = subprocess.run([sys.executable, "-I", "-c", START, str(CODE_ROOT)], input=pickle.dumps((function, argument)),
                              capture_output=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError) as error:
        raise ApartFailed(f"{type(error).__name__}: {error}") from None
    if done.returncode != 0 or not done.stdout:
        errors = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ApartFailed(errors[-1] if errors else f"exit status {done.returncode}")
    return pickle.loads(done.stdout)


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
