"""Loaded YAML files kept between builds: a file that loaded without a problem is read
back from a JSON record of its data and of every position in it, instead of parsed again.

A record is named by the digest of the file's bytes and of the code that loads them
(yamlfile.py, this module, PyYAML's version), so any change to either loads the file
afresh. Only files that loaded without a problem are kept: a file with a problem is
parsed every time, and reports exactly what it always did. The schema check still runs
on every file. The cache is trusted as the PDF cache is (docs/security.md), but a record
that cannot be read, or is not the shape written here, is ignored and the file parsed.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from coursesmith import __version__
from coursesmith.diagnostics import Problems
from coursesmith.load import yamlfile
from coursesmith.load.yamlfile import Loc, SourceFile, load_yaml, normalised_text, read_bytes
from coursesmith.pruning import CacheLimits, keep_entry, mark_used, prune

MAX_BYTES = 50 * 1000 * 1000


class LoadRecords:
    """Loaded files by the digest of their bytes, in `folder`."""

    def __init__(self, folder: Path, limits: CacheLimits | None = None):
        self.folder = folder
        self.parsed = 0
        """How many files were parsed (the rest were read from their records)."""
        prune(folder, started=time.time(), max_bytes=MAX_BYTES, suffix=".json", companions=(), limits=limits)

    def load(self, path: Path, problems: Problems) -> SourceFile | None:
        """The file at `path` as load_yaml gives it, and its problems."""
        found = Problems()
        raw = read_bytes(path, found)  # read once: parsed, if it must be, from these bytes
        entry = self._entry(raw) if raw is not None else None
        source = _read(entry, path, raw) if entry is not None else None
        if source is not None:
            return source
        self.parsed += 1
        source = load_yaml(path, found, raw) if raw is not None else None
        problems.extend(found.items)
        if entry is not None and source is not None and not found.items:
            keep_entry(entry, _record(source))
        return source

    def _entry(self, raw: bytes) -> Path:
        name = hashlib.sha256(code_version().encode() + b"\0" + raw).hexdigest()
        return self.folder / name[:2] / f"{name}.json"


@lru_cache(maxsize=1)
def code_version() -> str:
    """What a record depends on besides the file: the loader's code and PyYAML."""
    digest = hashlib.sha256(f"{__version__}\0".encode())
    for module in (yamlfile, __file__):
        digest.update(Path(module if isinstance(module, str) else module.__file__).read_bytes() + b"\0")
    try:
        digest.update(f"pyyaml={version('pyyaml')}\0".encode())
    except PackageNotFoundError:
        digest.update(b"pyyaml=-\0")
    return digest.hexdigest()[:16]


# --- records -------------------------------------------------------------------------------


def _record(source: SourceFile) -> bytes:
    """Data (dates listed apart, by where they are), and the marks in the order made."""
    dates: list[list] = []
    data = _plain(source.data, [], dates)
    record = {"data": data, "dates": dates,
              "values": [[list(loc), line, column, source.value_ends[loc]]
                         for loc, (line, column) in source.value_marks.items()],
              "keys": [[list(loc), line, column] for loc, (line, column) in source.key_marks.items()]}
    return json.dumps(record).encode("ascii")  # ASCII: a lone surrogate YAML let in stays escaped


def _plain(value: object, loc: list, dates: list[list]) -> object:
    if isinstance(value, dict):
        return {key: _plain(item, [*loc, key], dates) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item, [*loc, number], dates) for number, item in enumerate(value)]
    if isinstance(value, dt.date):
        dates.append(loc)
        return value.isoformat()
    return value


def _read(entry: Path, path: Path, raw: bytes) -> SourceFile | None:
    try:
        record = json.loads(entry.read_bytes())
        source = _source(record, path, normalised_text(raw))
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
        return None  # none yet, or damaged: the file is parsed
    mark_used(entry)
    return source


def _source(record: dict, path: Path, text: str) -> SourceFile:
    source = SourceFile(path, record["data"], lines=text.split("\n"))
    for loc in record["dates"]:
        _put_date(source.data, _loc(loc))
    for loc, line, column, end in record["values"]:
        loc = _loc(loc)
        source.value_marks[loc] = (_number(line), _number(column))
        source.value_ends[loc] = _number(end)
    for loc, line, column in record["keys"]:
        source.key_marks[_loc(loc)] = (_number(line), _number(column))
    return source


def _put_date(data: object, loc: Loc) -> None:
    if not loc:
        raise ValueError("a file is never a date")
    *parents, last = loc
    for part in parents:
        data = data[part]
    if not isinstance(data[last], str):
        raise TypeError(data[last])
    data[last] = dt.date.fromisoformat(data[last])


def _loc(parts: list) -> Loc:
    if not isinstance(parts, list) or not all(isinstance(p, (str, int)) and not isinstance(p, bool) for p in parts):
        raise TypeError(parts)
    return tuple(parts)


def _number(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise TypeError(value)
    return value
