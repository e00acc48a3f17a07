"""Build into a temporary folder beside the output and swap it in only on success."""

from __future__ import annotations

import os
import shutil
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class Terminated(KeyboardInterrupt):
    """SIGTERM (a CI job cancelled, `kill`): stops a build as Ctrl-C does, cleaning up."""


def _terminated(number, frame) -> None:
    raise Terminated


@contextmanager
def stopped_by_sigterm() -> Iterator[None]:
    """Within it (in the main thread), SIGTERM raises Terminated, so the build stops
    the way Ctrl-C stops it: staging folders removed, workers stopped, the previous
    output kept. The handler it found is put back after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C (and SIGTERM) back until the block is done: for steps that must not be
    cut in two, such as swapping folders or starting a process and noting that it runs.
    A signal that came meanwhile is raised when the block ends. (Swapping the Python
    handlers, not blocking the signals, because another thread of the process could take them.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed: list[int] = []
    previous = {number: signal.signal(number, lambda number, frame: pressed.append(number))
                for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    if signal.SIGTERM in pressed and previous[signal.SIGTERM] is _terminated:
        raise Terminated
    if signal.SIGINT in pressed:
        raise KeyboardInterrupt
    if signal.SIGTERM in pressed:  # no handler of ours: what SIGTERM would have done
        signal.raise_signal(signal.SIGTERM)


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
