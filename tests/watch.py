"""What a build does to the machine, seen from inside the process: every file it opens,
every process it starts, every network connection it tries (Python's audit hooks).

The hook is installed once, when this module is imported, and records only while a
`watching()` block runs. PDFs are rendered in the same process with `--jobs 1`, so
WeasyPrint's own file opens are seen too; the Pagefind indexer and coursesmith's own
isolated binder (outputs/print/apart.py, whose opens tests/test_hostile_processes.py
traces) are the processes a build may start.
"""

from __future__ import annotations

import os
import site
import sys
import sysconfig
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import coursesmith
from coursesmith.locations import default_templates_dir
from coursesmith.outputs.print.apart import START as APART

PROCESS_EVENTS = {"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork",
                  "os.forkpty", "pty.spawn", "os.startfile"}
NETWORK_EVENTS = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request",
                  "http.client.connect", "ftplib.connect", "smtplib.connect"}
# Files of the system that libraries read on their own (fonts, MIME types, time zones).
SYSTEM_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "/etc/fonts", "/usr/lib", "/usr/local/lib",
                  "/usr/share/zoneinfo", "/var/cache/fontconfig", "/dev/null", "/dev/urandom", "/proc/self")
SYSTEM_FILES = {"/etc/mime.types", "/etc/localtime", "/etc/ld.so.cache"}


@dataclass
class Seen:
    opened: list[str] = field(default_factory=list)
    processes: list[tuple[str, str]] = field(default_factory=list)
    network: list[tuple[str, str]] = field(default_factory=list)

    def outside(self, project: Path) -> list[str]:
        """Opened files (symlinks followed) outside the project and what a build may read."""
        allowed = allowed_folders(project)
        return sorted({path for path in self.opened if not _within(path, allowed) and path not in SYSTEM_FILES})

    def foreign_processes(self) -> list[tuple[str, str]]:
        """Processes other than the search indexer and coursesmith's own binder."""
        return [(event, args) for event, args in self.processes if "pagefind" not in args and APART not in args]


_watching: list[Seen] = []


def _hook(event: str, args: tuple) -> None:
    if not _watching:
        return
    seen = _watching[-1]
    if event == "open":
        # Only existing files count: a directory opened to list or remove it, or a name
        # relative to a directory descriptor (shutil.rmtree), reads nothing of anyone's.
        if isinstance(args[0], (str, bytes, os.PathLike)):
            real = os.path.realpath(os.fsdecode(args[0]))
            if os.path.isfile(real):
                seen.opened.append(real)
    elif event in PROCESS_EVENTS or event.startswith("os.exec") or event.startswith("os.spawn"):
        seen.processes.append((event, repr(args)[:300]))
    elif event in NETWORK_EVENTS:
        seen.network.append((event, repr(args)[:300]))


sys.addaudithook(_hook)


@contextmanager
def watching() -> Iterator[Seen]:
    seen = Seen()
    _watching.append(seen)
    try:
        yield seen
    finally:
        _watching.remove(seen)


def allowed_folders(project: Path) -> list[str]:
    """The project, coursesmith's package and templates, the interpreter and its
    libraries, and the system's font and library folders."""
    folders = {project, Path(coursesmith.__file__).parent, default_templates_dir(), Path(sys.prefix),
               Path(sys.base_prefix), Path(sys.exec_prefix), *map(Path, site.getsitepackages()),
               Path(sysconfig.get_paths()["stdlib"])}
    return sorted({os.path.realpath(f) for f in folders} | set(SYSTEM_FOLDERS))


def _within(path: str, folders: list[str]) -> bool:
    return any(path == f or path.startswith(f.rstrip("/") + "/") for f in folders)
