"""When each PDF of one build is laid out and each book bound: `python bench/timeline.py -p CORPUS [build options]`.

It runs `coursesmith build` in this process with its options, and prints, after the
build's own summary, a line for each layout (in the worker that made it) and each
binder: when it started and ended, in seconds from the start of the script, how long
it took and the CPU seconds of the thread that did it (a binder works in a process of
its own, which this script cannot see into: its CPU is left blank); then when the print output's finish was called, when its parts had
settled and when it returned. Read it beside `--timings`: it shows what waits on what
(the first layout of an edit behind the check and the HTML, the books behind their
parts, the binders beside the slides' layouts on the same cores).
It is a script to run by hand, never a timed test.
"""

from __future__ import annotations

import functools
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import coursesmith.outputs.print.books as books  # noqa: E402
import coursesmith.outputs.print.pool as pool  # noqa: E402
from coursesmith.cli import main as coursesmith  # noqa: E402

STARTED = time.time()
EVENTS = tempfile.NamedTemporaryFile(prefix="coursesmith-timeline-", suffix=".txt", delete=False).name


def event(what: str, name: str, cpu: bool = True) -> None:
    """One line, appended whole (workers write to the same file); `cpu`: whether this
    thread's CPU time is the step's."""
    spent = f"{time.thread_time():.3f}" if cpu else ""
    line = f"{time.time() - STARTED:.3f}\t{spent}\t{os.getpid()}\t{what}\t{name}\n"
    with open(EVENTS, "a", encoding="utf-8") as events:
        events.write(line)


def timed(what: str, function, name_of, cpu: bool = True):
    """`function`, with its start and end written down; under its own name, so that a
    worker pool can still send it by name."""
    @functools.wraps(function)
    def wrapper(*arguments, **keywords):
        name = name_of(*arguments)
        event(f"{what} start", name, cpu)
        try:
            return function(*arguments, **keywords)
        finally:
            event(f"{what} end", name, cpu)
    return wrapper


def hook() -> None:
    """Wrap the worker's layout (workers fork after this, and look it up by name), the
    binders and the steps of the print output's finish."""
    pool._render_with = timed("layout", pool._render_with, lambda setup, job, build=0: job[0])
    books.bind_together = timed("bind", books.bind_together, lambda jobs: " + ".join(j.book for j in jobs),
                                cpu=False)
    books.BookBatch.finish = timed("print finish", books.BookBatch.finish, lambda batch: "")
    books.BookBatch._settle = timed("parts settle", books.BookBatch._settle, lambda batch: "")


def report() -> None:
    lines = Path(EVENTS).read_text(encoding="utf-8").splitlines()
    Path(EVENTS).unlink()
    started: dict[tuple[str, str], tuple[float, str]] = {}
    print("\ntimeline (seconds from the start, wall seconds, CPU seconds of the thread; pid; step; document):")
    for line in lines:
        at, cpu, pid, what, name = line.split("\t")
        kind, edge = what.rsplit(" ", 1)
        if edge == "start":
            started[(kind, name)] = float(at), cpu
            continue
        began, cpu_began = started.pop((kind, name), (float(at), cpu))
        spent = f"{float(cpu) - float(cpu_began):5.2f} s" if cpu else "    – "
        print(f"  {began:7.2f} → {float(at):7.2f} ({float(at) - began:5.2f} s, CPU {spent})  pid {pid:>7}  {kind:<12} {name}")


def main() -> None:
    hook()
    event("build start", "")
    try:
        status = coursesmith(["build", *sys.argv[1:]])
    finally:
        event("build end", "")
        report()
    raise SystemExit(status)


if __name__ == "__main__":
    main()
