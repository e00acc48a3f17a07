"""Keeping a cache small, and writing its entries: the PDF caches, the memo and the others.

Every entry a cache hands out or takes in has its modification time set to that
moment, so the time says when a build last used it. After a build:

- what this build used is always kept;
- anything else not used for KEEP_DAYS days is removed;
- if the cache is still larger than MAX_BYTES, the entries used longest ago are
  removed until it fits (never those this build used).

Instructors edit all day and every edit of a lesson makes a new reader and guide, so
a cap matters more than an age: a day of edits on a large course fills gigabytes.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

KEEP_DAYS = 14
MAX_BYTES = 500 * 1000 * 1000
LEFTOVER_SECONDS = 3600
"""A temporary file this old was left by a build that was killed; nobody will finish it."""


@dataclass(frozen=True)
class CacheSize:
    bytes: int
    documents: int
    removed: int


@dataclass(frozen=True)
class _Entry:
    path: Path
    used: float
    size: int
    companions: tuple[str, ...]

    def remove(self) -> None:
        for path in (self.path, *(self.path.with_suffix(suffix) for suffix in self.companions)):
            try:
                path.unlink()
            except FileNotFoundError:
                pass


def keep_entry(path: Path, data: bytes) -> None:
    """Write a cache entry whole (a temporary file of this process, renamed), so that a
    reader never sees half of one; a cache that cannot be written only costs time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:
        pass


def folder_size(folder: Path | str) -> int:
    """The bytes of the files under `folder` (links not followed; 0 if it is not a folder).
    One `stat` a file: a cache of a large course holds thousands of them after each build."""
    return sum(info.st_size for _, info in regular_files(folder))


def regular_files(folder: Path | str):
    """(path, stat) of every regular file under `folder`, links never followed; a file
    removed meanwhile (by another build's pruning) is left out."""
    try:
        with os.scandir(folder) as found:
            entries = list(found)
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from regular_files(entry.path)
            elif entry.is_file(follow_symlinks=False):
                yield entry.path, entry.stat(follow_symlinks=False)
        except OSError:
            continue


def mark_used(entry: Path) -> None:
    try:
        os.utime(entry)
    except OSError:
        pass  # a read-only cache is still a cache


def _entries(folder: Path):
    """The files one folder down in `folder` (`*/*`), links to files or folders left
    out: the cache may sit in the project, where a link could lead to files elsewhere,
    which pruning must never remove. One `scandir` a folder (a large course's cache
    holds thousands of entries, which `Path.glob` made a path object of, and stat-ed, twice)."""
    try:
        with os.scandir(folder) as found:
            shelves = [entry for entry in found if entry.is_dir(follow_symlinks=False)]
    except OSError:
        return
    for shelf in shelves:
        try:
            with os.scandir(shelf.path) as found:
                yield from [entry for entry in found if entry.is_file(follow_symlinks=False)]
        except OSError:
            continue


def prune(folder: Path, started: float, keep_days: float = KEEP_DAYS, max_bytes: int = MAX_BYTES,
          now: float | None = None, suffix: str = ".pdf", companions: tuple[str, ...] = (".json",),
          limits: CacheLimits | None = None) -> CacheSize:
    """Remove from the cache `folder` (entries `*/*{suffix}`, each with its `companions`
    beside it) what no build used recently, keeping what the build that began at
    `started` used. The user's `limits`, if any, stand in for the part's own (`CacheLimits.for_part`)."""
    if limits is not None:
        keep_days, max_bytes = limits.for_part(keep_days, max_bytes)
    now = time.time() if now is None else now
    entries, removed = [], 0
    for found in _entries(folder):
        name = found.name
        try:
            info = found.stat(follow_symlinks=False)
        except FileNotFoundError:
            continue
        if name.endswith(".tmp") and info.st_mtime < now - LEFTOVER_SECONDS:
            Path(found.path).unlink(missing_ok=True)
        elif name.endswith(suffix) and name != suffix:
            entries.append(_Entry(Path(found.path), info.st_mtime, info.st_size, companions))
    kept = []
    for entry in entries:
        if entry.used < started and entry.used < now - keep_days * 86400:
            entry.remove()
            removed += 1
        else:
            kept.append(entry)
    total = sum(entry.size for entry in kept)
    for entry in sorted((e for e in kept if e.used < started), key=lambda e: (e.used, e.path.name)):
        if total <= max_bytes:
            break
        entry.remove()
        kept.remove(entry)
        total -= entry.size
        removed += 1
    for warnings in folder.glob("stylesheet-*.json"):
        if warnings.stat().st_mtime < min(started, now - keep_days * 86400):
            warnings.unlink(missing_ok=True)
    return CacheSize(total, len(kept), removed)


@dataclass(frozen=True)
class CacheLimits:
    """What the user allows the whole cache (`build --cache-max`, `--cache-days`), in the
    place of each part's own limits above: larger or smaller, the user's choice holds."""

    max_bytes: int | None = None
    """The whole cache's size; None: only each part's own cap."""
    days: float | None = None
    """Entries no build used for this many days go; None: each part's own KEEP_DAYS."""

    def __bool__(self) -> bool:
        return self.max_bytes is not None or self.days is not None

    def for_part(self, keep_days: float, max_bytes: int) -> tuple[float, int]:
        """A part's age and size limits under the user's: their days are every part's; a
        size larger than the part's own cap is its cap (a smaller one is the whole
        cache's, which `prune_whole` holds it to after the build)."""
        return (keep_days if self.days is None else self.days,
                max_bytes if self.max_bytes is None else max(max_bytes, self.max_bytes))


def prune_whole(folder: Path, started: float, limits: CacheLimits, now: float | None = None) -> int:
    """Hold the whole cache `folder` to `limits`, keeping what the build that began at
    `started` used: first what no build used for `limits.days`, then, while it is
    larger than `limits.max_bytes`, what was used longest ago. An entry is the files of
    one folder that share a name before the suffix (a PDF and its record), last used
    when any of them was. Returns how many entries went."""
    now = time.time() if now is None else now
    groups: dict[tuple[str, str], list[tuple[str, os.stat_result]]] = {}
    for path, info in regular_files(folder):
        if os.path.basename(path) == "CACHEDIR.TAG":
            continue
        base = os.path.basename(path).split(".", 1)[0]
        groups.setdefault((os.path.dirname(path), base), []).append((path, info))
    entries = sorted(((max(i.st_mtime for _, i in files), sum(i.st_size for _, i in files), key, files)
                      for key, files in groups.items()), key=lambda e: (e[0], e[2]))
    total = sum(size for _, size, _, _ in entries)
    removed = 0
    for used, size, _, files in entries:
        if used >= started - 1:  # this build's (a second's margin for coarse file times); all later ones too
            break
        old = limits.days is not None and used < now - limits.days * 86400
        if not old and (limits.max_bytes is None or total <= limits.max_bytes):
            continue
        for path, _ in files:
            Path(path).unlink(missing_ok=True)
        total -= size
        removed += 1
    return removed

