"""Zip files that come out byte-identical from the same contents: entries sorted, one
fixed timestamp, fixed permissions, the same compression."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

EPOCH = (1980, 1, 1, 0, 0, 0)
"""The earliest time a zip entry can carry; no build ever reads the clock."""
CHUNK = 1 << 20
"""A file already on disk goes into a zip this many bytes at a time."""


def deterministic_zip(files: Mapping[str, bytes | Path], first: str | None = None) -> bytes:
    """A zip of `files` (path → bytes, or the file on disk that holds them); `first`,
    when given, is stored first, as some readers expect of a package's manifest."""
    buffer = io.BytesIO()
    _write(buffer, files, first)
    return buffer.getvalue()


def write_zip(target: Path, files: Mapping[str, bytes | Path], first: str | None = None) -> int:
    """Write the zip `deterministic_zip` would give into `target`, a file at a time (a
    file on disk is read as it is stored, so memory holds no more than one chunk of
    it); its size."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        _write(out, files, first)
    return target.stat().st_size


def _write(out: BinaryIO, files: Mapping[str, bytes | Path], first: str | None) -> None:
    names = sorted(files, key=lambda name: (name != first, name))
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            info = zipfile.ZipInfo(name, EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16
            info.create_system = 3  # Unix, whatever system builds it
            data = files[name]
            if isinstance(data, Path):
                # zlib's default level is 6, the level given to writestr below: the same bytes
                info.file_size = data.stat().st_size
                with data.open("rb") as source, archive.open(info, "w") as entry:
                    shutil.copyfileobj(source, entry, CHUNK)
            else:
                archive.writestr(info, data, compresslevel=6)
