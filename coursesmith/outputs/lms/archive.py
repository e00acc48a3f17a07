"""Zip files that come out byte-identical from the same contents: entries sorted, one
fixed timestamp, fixed permissions, the same compression.

Files whose format is compressed already (PDF, WOFF2, PNG, JPEG, …: STORED) are
stored as they are: deflating a course's PDFs again made the offline bundle only 5 %
smaller (22.7 against 23.9 MB at 48 lessons) and cost most of its time after an edit.
Everything else is deflated.

The bytes are those `zipfile` writes for the same entries (tests/test_archive.py
compares them), but each entry's deflated data comes from a DeflatedEntries
(deflated.py), so bytes already deflated in this build or an earlier one are not
deflated again. A zip that could need the ZIP64 extensions, or holds a file too large
to read at once, is written by `zipfile` itself, a chunk at a time.
"""

from __future__ import annotations

import io
import shutil
import struct
import zipfile
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

from coursesmith.outputs.lms.deflated import Deflated, DeflatedEntries

EPOCH = (1980, 1, 1, 0, 0, 0)
"""The earliest time a zip entry can carry; no build ever reads the clock."""
CHUNK = 1 << 20
"""A file too large to read at once goes into a zip this many bytes at a time."""
LARGE = 64 << 20
"""A file on disk this large is streamed into its zip, never held in memory."""
VERSION = 20
"""The zip version that deflate needs, which zipfile states for making and reading."""
UNIX = 3
MODE = 0o100644 << 16
"""A regular file, rw-r--r--."""
UTF8_NAME = 0x800
STORED = (".pdf", ".woff2", ".woff", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".zip", ".gz", ".mp4", ".mp3")
"""Endings of the entries stored without compression: formats compressed already."""


def method(name: str) -> int:
    """How the entry `name` is compressed: stored when its format is compressed already."""
    return zipfile.ZIP_STORED if name.lower().endswith(STORED) else zipfile.ZIP_DEFLATED


def deterministic_zip(files: Mapping[str, bytes | Path], first: str | None = None,
                      entries: DeflatedEntries | None = None) -> bytes:
    """A zip of `files` (path → bytes, or the file on disk that holds them); `first`,
    when given, is stored first, as some readers expect of a package's manifest.
    `entries` keeps deflated entries for the other zips of the build (and beyond)."""
    buffer = io.BytesIO()
    _write(buffer, files, first, entries)
    return buffer.getvalue()


def write_zip(target: Path, files: Mapping[str, bytes | Path], first: str | None = None,
              entries: DeflatedEntries | None = None) -> int:
    """Write the zip `deterministic_zip` would give into `target`, an entry at a time (a
    file on disk is read only when it is stored, whole below LARGE bytes, a chunk at a
    time beyond); its size."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        _write(out, files, first, entries)
    return target.stat().st_size


def _write(out: BinaryIO, files: Mapping[str, bytes | Path], first: str | None,
           entries: DeflatedEntries | None) -> None:
    names = sorted(files, key=lambda name: (name != first, name))
    if _needs_zipfile(files):
        _write_streamed(out, files, names)
    else:
        _write_entries(out, files, names, entries if entries is not None else DeflatedEntries())


def _needs_zipfile(files: Mapping[str, bytes | Path]) -> bool:
    """Whether a zip of `files` could need ZIP64 (as zipfile decides it), or holds a file
    too large to read at once."""
    sizes = [data.stat().st_size if isinstance(data, Path) else len(data) for data in files.values()]
    on_disk = [size for size, data in zip(sizes, files.values()) if isinstance(data, Path)]
    names = sum(len(name.encode("utf-8")) for name in files)
    return (len(files) >= zipfile.ZIP_FILECOUNT_LIMIT or any(size >= LARGE for size in on_disk)
            or (sum(sizes) * 1.05 + 100 * len(files) + 2 * names) > zipfile.ZIP64_LIMIT)


def _write_entries(out: BinaryIO, files: Mapping[str, bytes | Path], names: list[str],
                   entries: DeflatedEntries) -> None:
    """The zip, each entry's data from `entries`; headers as zipfile writes them."""
    central = []
    for name in names:
        data = files[name]
        raw = data.read_bytes() if isinstance(data, Path) else data
        compression = method(name)
        entry = entries.entry(raw) if compression == zipfile.ZIP_DEFLATED else stored(raw)
        encoded, flags = _encoded(name)
        fields = (flags, compression, *_dos_time(), entry.crc, len(entry.data), entry.size)
        central.append((encoded, fields, out.tell()))
        out.write(struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", VERSION, 0, *fields, len(encoded), 0))
        out.write(encoded)
        out.write(entry.data)
    start = out.tell()
    for encoded, fields, offset in central:
        out.write(struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", VERSION, UNIX, VERSION, 0, *fields,
                              len(encoded), 0, 0, 0, 0, MODE, offset))
        out.write(encoded)
    size = out.tell() - start
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central), size, start, 0))


def stored(raw: bytes) -> Deflated:
    """An entry kept as it is: its data is its bytes."""
    return Deflated(len(raw), zlib.crc32(raw), raw)


def _encoded(name: str) -> tuple[bytes, int]:
    """The name as a zip stores it, and the flag that says it is UTF-8 when it is not ASCII."""
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), UTF8_NAME


def _dos_time() -> tuple[int, int]:
    """EPOCH as a zip header's (time, date)."""
    year, month, day, hour, minute, second = EPOCH
    return hour << 11 | minute << 5 | second // 2, (year - 1980) << 9 | month << 5 | day


def _write_streamed(out: BinaryIO, files: Mapping[str, bytes | Path], names: list[str]) -> None:
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            info = zipfile.ZipInfo(name, EPOCH)
            info.compress_type = method(name)
            info.external_attr = MODE
            info.create_system = UNIX  # Unix, whatever system builds it
            data = files[name]
            if isinstance(data, Path):
                # zlib's default level is 6, the level given to writestr below: the same bytes
                info.file_size = data.stat().st_size
                with data.open("rb") as source, archive.open(info, "w") as entry:
                    shutil.copyfileobj(source, entry, CHUNK)
            else:
                archive.writestr(info, data, compresslevel=6)
