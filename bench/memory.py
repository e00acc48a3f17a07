"""Who holds the memory: the peak resident memory of every process of one command's tree.

`python bench/memory.py [--interval 0.02] -- coursesmith build -p DIR --no-cache` runs the
command and, every `--interval` seconds, reads each of its processes' /proc status (the
kernel's own high-water mark, VmHWM, and the resident anonymous and file-backed memory
now) and the files each has open. It prints, as JSON, one record per process: its role
(the command itself; a pool worker, named by what it wrote: print parts, books, slides,
office papers; pagefind; chromium …), its peak, the anonymous and file-backed memory at
the sample where its resident memory was highest, what it had open then, and its
lifetime. A process that lives less than one interval may be missed; the high-water
mark is the kernel's, so only growth in a process's last interval can be.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Seen:
    pid: int
    parent: int
    command: str
    started: float
    ended: float = 0.0
    hwm_kib: int = 0
    top_kib: int = 0
    at_top: dict = field(default_factory=dict)
    wrote: set = field(default_factory=set)


def status(pid: int) -> dict[str, int]:
    found = {}
    with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as lines:
        for line in lines:
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS", "RssAnon", "RssFile", "RssShmem"):
                found[key] = int(value.split()[0])
    return found


def children(pid: int) -> list[int]:
    found = []
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as text:
                found += [int(n) for n in text.read().split()]
        except OSError:
            pass
    return found


def open_files(pid: int) -> tuple[list[str], list[str]]:
    """The regular files the process has open for reading and for writing (libraries,
    fonts and Python's own files left out)."""
    reading, writing = [], []
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            path = os.readlink(f"/proc/{pid}/fd/{fd}")
            with open(f"/proc/{pid}/fdinfo/{fd}", encoding="ascii") as info:
                flags = int(info.read().split("flags:")[1].split()[0], 8)
        except (OSError, IndexError, ValueError):
            continue
        if not path.startswith("/") or path.startswith(("/dev", "/proc", "/usr")) or "/.venv/" in path:
            continue
        (writing if flags & 3 else reading).append(path)
    return sorted(reading), sorted(writing)


def role(seen: Seen, root: int) -> str:
    name = Path(seen.command.split("\0")[0]).name
    if seen.pid == root:
        return "main"
    if "python" not in name:
        return name
    kinds = sorted({kind for path in seen.wrote for kind in [_kind(path)] if kind})
    return "worker: " + (", ".join(kinds) or "nothing written")


def _kind(path: str) -> str | None:
    name = Path(path).name
    if "/coursesmith-parts-" in path:
        return "print parts"
    if name.startswith(".") and name.endswith(".tmp"):  # the binder's atomic writes
        return "books" if "book" in name or "reader" in name or "guide" in name else "published parts"
    if "/slides/" in path or "slides" in name:
        return "slides"
    if path.endswith(".pdf"):
        return "pdf: " + Path(path).parent.name
    return None


def sample(root: int, seen: dict[int, Seen], now: float) -> None:
    queue, alive = [root], set()
    while queue:
        pid = queue.pop()
        try:
            if pid not in seen:
                with open(f"/proc/{pid}/cmdline", "rb") as text:
                    command = text.read().decode(errors="replace")
                seen[pid] = Seen(pid, 0, command, now)
            numbers = status(pid)
            kids = children(pid)
            reading, writing = open_files(pid)
        except (OSError, ValueError):
            continue
        alive.add(pid)
        record = seen[pid]
        record.hwm_kib = max(record.hwm_kib, numbers.get("VmHWM", 0))
        record.wrote.update(writing)
        if numbers.get("VmRSS", 0) > record.top_kib:
            record.top_kib = numbers["VmRSS"]
            record.at_top = {"anon_mib": round(numbers.get("RssAnon", 0) / 1024, 1),
                             "file_mib": round(numbers.get("RssFile", 0) / 1024, 1),
                             "reading": reading[-4:], "writing": writing[-4:], "at_s": round(now, 2)}
        for kid in kids:
            if kid not in seen:
                queue.append(kid)
                continue
            queue.append(kid)
            seen[kid].parent = seen[kid].parent or pid
    for pid, record in seen.items():
        if pid not in alive and not record.ended:
            record.ended = now


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interval", type=float, default=0.02)
    parser.add_argument("command", nargs="+")
    options = parser.parse_args()
    started = time.perf_counter()
    process = subprocess.Popen(options.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen: dict[int, Seen] = {}
    while process.poll() is None:
        sample(process.pid, seen, time.perf_counter() - started)
        time.sleep(options.interval)
    end = time.perf_counter() - started
    records = []
    for record in sorted(seen.values(), key=lambda r: r.started):
        records.append({"pid": record.pid, "parent": record.parent, "role": role(record, process.pid),
                        "peak_mib": round(record.hwm_kib / 1024, 1),
                        "lived_s": [round(record.started, 2), round(record.ended or end, 2)], **record.at_top})
    print(json.dumps({"command": options.command, "exit": process.returncode, "seconds": round(end, 2),
                      "processes": records}, indent=1))
    sys.exit(process.returncode)


if __name__ == "__main__":
    main()
