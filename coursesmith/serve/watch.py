"""Watching the project's sources (course/, modules/, templates/) with watchfiles."""
from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from watchfiles import DefaultFilter, watch

WATCHED = ("course", "modules", "templates")
STEP_MS = 30
"""A burst of changes (an editor's temporary file, then its rename) is over when nothing
more happened for this long."""
DEBOUNCE_MS = 400
"""A burst is cut after this long, so that a stream of writes still refreshes."""


class SourceFilter(DefaultFilter):
    """Files below the watched folders, without editors' swap and backup files."""

    def __init__(self, root: Path):
        super().__init__()
        self.folders = [str((root / name).resolve()) for name in WATCHED]

    def __call__(self, change, path: str) -> bool:
        return any(path == f or path.startswith(f + "/") for f in self.folders) and super().__call__(change, path)


def watch_sources(root: Path, stop: threading.Event, changed: Callable[[list[str]], None]) -> None:
    """Call `changed` with the paths of each burst of changes until `stop` is set."""
    root = root.resolve()
    for changes in watch(root, watch_filter=SourceFilter(root), step=STEP_MS, debounce=DEBOUNCE_MS,
                         stop_event=stop, rust_timeout=500, raise_interrupt=False):
        changed(sorted({Path(path).relative_to(root).as_posix() for _, path in changes}))
