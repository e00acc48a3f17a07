"""Finding WeasyPrint's system libraries without a compiler.

WeasyPrint opens Pango, HarfBuzz, fontconfig and GObject by trying several names for
each, Windows and macOS ones among them. On Linux, cffi hands every name it cannot open
as it is to `ctypes.util.find_library`, which asks the linker cache (`ldconfig -p`) and
then runs `gcc` and `ld` to look for it: some sixty short-lived processes, 0.14 s of
every worker's start, to learn that a Windows name is not there. What `find_library`
returns is only a library's file name, which the dynamic loader then looks up in that
same cache (or LD_LIBRARY_PATH, where WeasyPrint's own `.so.0` names are found when
opened directly). So while WeasyPrint is imported, `find_library` answers from one
reading of the linker cache.
"""

from __future__ import annotations

import ctypes.util
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

LDCONFIG = "/sbin/ldconfig"


@lru_cache(maxsize=1)
def _linker_cache() -> tuple[str, ...]:
    """The library file names the linker cache knows, in its order (newest first)."""
    try:
        listing = subprocess.run([LDCONFIG, "-p"], capture_output=True, check=True, timeout=10,
                                 env={"LC_ALL": "C", "LANG": "C"}).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    names = []
    for line in os.fsdecode(listing).splitlines()[1:]:  # after "N libs found in cache"
        name = line.strip().split(" ", 1)[0]
        if name.startswith("lib"):
            names.append(name)
    return tuple(names)


def _find_in_linker_cache(name: str) -> str | None:
    """`find_library(name)` for names in the cache: `gobject-2.0` → `libgobject-2.0.so.0`."""
    prefix = f"lib{name}.so"
    return next((found for found in _linker_cache() if found == prefix or found.startswith(prefix + ".")), None)


@contextmanager
def linker_cache_lookup() -> Iterator[None]:
    """Within it, on Linux, `ctypes.util.find_library` looks only in the linker cache
    (read at the first lookup: an import that finds WeasyPrint loaded asks nothing);
    elsewhere, or where the cache cannot be read, nothing changes."""
    if not sys.platform.startswith("linux") or not os.access(LDCONFIG, os.X_OK):
        yield
        return
    original = ctypes.util.find_library

    def find(name: str) -> str | None:
        return _find_in_linker_cache(name) if _linker_cache() else original(name)

    ctypes.util.find_library = find
    try:
        yield
    finally:
        ctypes.util.find_library = original
