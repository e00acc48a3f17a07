"""Build into a temporary folder beside the output and swap it in only on success."""

from __future__ import annotations

import os
import shutil
import signal
import stat
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
    `output` (whose files that did not change stay, see share_unchanged); on any error or
    interrupt it is removed and `output` stays as it was."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    stage = output.parent / f".{output.name}.building-{os.getpid()}"
    old = output.parent / f".{output.name}.previous-{os.getpid()}"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir()
    try:
        yield stage
        if output.is_dir():
            share_unchanged(stage, output)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    with interrupts_deferred():  # never a moment with neither the old output nor the new
        if output.exists():
            output.rename(old)
        stage.rename(output)
        shutil.rmtree(old, ignore_errors=True)


def copy_into_stage(source: Path, target: Path, previous: Path) -> None:
    """Copy `source` to `target` in the staging folder. When the output being replaced holds
    the very same bytes where `target` will be (`previous`), that file is linked instead: the
    new output shares it, so the swap's removal of the old output frees nothing there.
    (Freeing a file costs milliseconds of disk on some machines; an edit build replaces
    hundreds of unchanged PDFs.) A link that cannot be made is a copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if _same_bytes(previous, source):
        try:
            os.link(previous, target, follow_symlinks=False)
            return
        except OSError:
            pass  # another file system, or links not allowed: copy
    shutil.copyfile(source, target)


def share_unchanged(stage: Path, previous: Path) -> None:
    """Where the output being replaced (`previous`) holds a file with exactly the bytes of
    the new one, the new output keeps the old file (a link) and the new copy goes: the swap
    then frees only what changed, and the new copies, never yet written to disk, go cheaply."""
    for folder, _, names in os.walk(stage):
        for name in sorted(names):
            made = Path(folder, name)
            _share(previous / made.relative_to(stage), made)


def _share(old: Path, made: Path) -> None:
    try:
        was, now = os.lstat(old), os.lstat(made)
    except OSError:
        return
    if (was.st_dev, was.st_ino) == (now.st_dev, now.st_ino) or not stat.S_ISREG(now.st_mode) \
            or stat.S_IMODE(was.st_mode) != stat.S_IMODE(now.st_mode) or not _same_bytes(old, made):
        return
    link = made.with_name(f".{made.name}.{os.getpid()}.link")
    try:
        os.link(old, link, follow_symlinks=False)
        os.replace(link, made)
    except OSError:
        link.unlink(missing_ok=True)  # the copy stays


CHUNK = 1024 * 1024
"""Files are compared a chunk at a time: the offline bundles are tens of megabytes each."""


def _same_bytes(previous: Path, source: Path) -> bool:
    """Whether `previous` is a plain file (never a link, which could lead out of the
    output) with exactly the bytes of `source`."""
    try:
        found = os.lstat(previous)
        if not stat.S_ISREG(found.st_mode) or found.st_size != os.stat(source).st_size:
            return False
        with previous.open("rb") as old, source.open("rb") as new:
            while (chunk := old.read(CHUNK)) == new.read(CHUNK):
                if not chunk:
                    return True
        return False
    except OSError:
        return False
