"""Keeping the PDF cache small.

Every PDF the cache hands out or takes in has its modification time set to that
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
    pdf: Path
    used: float
    size: int

    def remove(self) -> None:
        for path in (self.pdf, self.pdf.with_suffix(".json")):
            try:
                path.unlink()
            except FileNotFoundError:
                pass


def mark_used(pdf: Path) -> None:
    try:
        os.utime(pdf)
    except OSError:
        pass  # a read-only cache is still a cache


def prune(folder: Path, started: float, keep_days: float = KEEP_DAYS, max_bytes: int = MAX_BYTES,
          now: float | None = None) -> CacheSize:
    """Remove from the PDF cache `folder` what no build used recently, keeping what the
    build that began at `started` used."""
    now = time.time() if now is None else now
    entries, removed = [], 0
    for pdf in folder.glob("*/*"):
        try:
            info = pdf.stat()
        except FileNotFoundError:
            continue
        if pdf.suffix == ".tmp" and info.st_mtime < now - LEFTOVER_SECONDS:
            pdf.unlink(missing_ok=True)
        elif pdf.suffix == ".pdf":
            entries.append(_Entry(pdf, info.st_mtime, info.st_size))
    kept = []
    for entry in entries:
        if entry.used < started and entry.used < now - keep_days * 86400:
            entry.remove()
            removed += 1
        else:
            kept.append(entry)
    total = sum(entry.size for entry in kept)
    for entry in sorted((e for e in kept if e.used < started), key=lambda e: (e.used, e.pdf.name)):
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
