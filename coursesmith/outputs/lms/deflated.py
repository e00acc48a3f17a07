"""Zip entries deflated once: the same bytes go into every package of a build (the
fonts, stylesheets, pictures and PDFs of SCORM and both cartridges) and into the next
build's packages after an edit, and deflating them is most of a package's cost.

An entry is known by a digest of its bytes: in memory for one build, and on disk
between builds when it has at least MIN_DISK bytes (`<xx>/<digest>.deflate`, raw
deflate data). The cache folder sits in the project by default, so a file read from
it is used only if it inflates to exactly the bytes it stands for; anything else is
deflated again and the file replaced. Entries are touched when used and pruned with
the other caches (pruning.py).
"""
from __future__ import annotations

import hashlib
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

from coursesmith.pruning import CacheLimits, keep_entry, mark_used, prune

LEVEL = 6
"""zlib's default level, the one zipfile uses for ZIP_DEFLATED."""
MIN_DISK = 16 * 1024
"""Smaller entries deflate in about the time their file would take to read and check, so
they stay in memory only, and the cache holds few files."""
MAX_BYTES = 200 * 1000 * 1000


@dataclass(frozen=True)
class Deflated:
    """One zip entry's bytes as the zip stores them, and what its headers state."""

    size: int
    crc: int
    data: bytes


def deflate(raw: bytes) -> bytes:
    """Raw deflate data (no zlib header), as zipfile writes it at LEVEL."""
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return compressor.compress(raw) + compressor.flush()


def inflates_to(data: bytes, raw: bytes) -> bool:
    """Whether `data` is one whole deflate stream of exactly `raw` (read no further than that)."""
    decompressor = zlib.decompressobj(-15)
    try:
        out = decompressor.decompress(data, len(raw) + 1)
    except zlib.error:
        return False
    return decompressor.eof and not decompressor.unused_data and out == raw


class DeflatedEntries:
    """Deflated entries by digest: in memory, and from MIN_DISK bytes in `folder` (None: memory only)."""

    def __init__(self, folder: Path | None = None, limits: CacheLimits | None = None):
        self.folder = folder
        self.known: dict[str, Deflated] = {}
        if folder is not None:
            prune(folder, started=time.time(), max_bytes=MAX_BYTES, suffix=".deflate", companions=(), limits=limits)

    def entry(self, raw: bytes) -> Deflated:
        key = hashlib.sha256(raw).hexdigest()
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = Deflated(len(raw), zlib.crc32(raw), self._data(key, raw))
        return found

    def _data(self, key: str, raw: bytes) -> bytes:
        if self.folder is None or len(raw) < MIN_DISK:
            return deflate(raw)
        path = self.folder / key[:2] / f"{key}.deflate"
        try:
            stored = path.read_bytes()
        except OSError:
            stored = None
        if stored is not None and inflates_to(stored, raw):
            mark_used(path)
            return stored
        data = deflate(raw)
        keep_entry(path, data)
        return data
