"""Zip files that come out byte-identical from the same contents: entries sorted, one
fixed timestamp, fixed permissions, the same compression."""

from __future__ import annotations

import io
import zipfile

EPOCH = (1980, 1, 1, 0, 0, 0)
"""The earliest time a zip entry can carry; no build ever reads the clock."""


def deterministic_zip(files: dict[str, bytes], first: str | None = None) -> bytes:
    """A zip of `files` (path → bytes); `first`, when given, is stored first, as some
    readers expect of a package's manifest."""
    names = sorted(files, key=lambda name: (name != first, name))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            info = zipfile.ZipInfo(name, EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16
            info.create_system = 3  # Unix, whatever system builds it
            archive.writestr(info, files[name], compresslevel=6)
    return buffer.getvalue()
