"""Build into a temporary folder beside the output and swap it in only on success."""

from __future__ import annotations

import os
import shutil
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C back until the block is done: for steps that must not be cut in two,
    such as swapping folders or starting a process and noting that it runs. A Ctrl-C
    pressed meanwhile is raised when the block ends. (Swapping the Python handler, not
    blocking the signal, because another thread of the process could take it.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed: list[object] = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: pressed.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if pressed:
        raise KeyboardInterrupt


@contextmanager
def staged_output(output: Path) -> Iterator[Path]:
    """Yield an empty folder to build in. When the block ends normally it replaces
    `output`; on any error or interrupt it is removed and `output` stays as it was."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    stage = output.parent / f".{output.name}.building-{os.getpid()}"
    old = output.parent / f".{output.name}.previous-{os.getpid()}"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir()
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    with interrupts_deferred():  # never a moment with neither the old output nor the new
        if output.exists():
            output.rename(old)
        stage.rename(output)
        shutil.rmtree(old, ignore_errors=True)
