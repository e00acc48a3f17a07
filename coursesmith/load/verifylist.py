"""The sealed certificate list handed from the office to a public build (course/verify-list.json).

The office's build, which has the roster, writes output/office/verify-list.json: the
sealed entries the verify page reads, which reveal no name and no number. Committed as
course/verify-list.json, it lets a build without the roster (the Pages workflow)
publish the list. The file comes from the repository, so it is untrusted: only
entries of the exact shape are taken, and the site's script is written anew from
them, never copied.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from coursesmith.diagnostics import Location, Problems

VERIFY_LIST = "verify-list.json"
MAX_ENTRIES = 100_000
_ID = re.compile(r"[0-9a-f]{64}")
_SEALED = re.compile(r"(?:[0-9a-f]{2}){28,2048}")
"""A 12-byte nonce, then the sealed text with its 16-byte tag."""


def verify_list_path(root: Path) -> Path:
    return root / "course" / VERIFY_LIST


def load_verify_list(root: Path, problems: Problems) -> dict[str, str] | None:
    """The committed list's entries by id, or None when there is none (or it is unusable)."""
    path = verify_list_path(root)
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        problems.add("verify-list-invalid", Location(path), reason=f"it is not JSON ({type(error).__name__})")
        return None
    reason = _shape_problem(data)
    if reason:
        problems.add("verify-list-invalid", Location(path), reason=reason)
        return None
    return dict(sorted(data.items()))


def _shape_problem(data: object) -> str | None:
    if not isinstance(data, dict):
        return "it is not a JSON object of sealed entries"
    if len(data) > MAX_ENTRIES:
        return f"it has more than {MAX_ENTRIES} entries"
    for key, value in data.items():
        if not _ID.fullmatch(key):
            return f"the id {key[:80]!r} is not 64 hexadecimal digits"
        if not isinstance(value, str) or not _SEALED.fullmatch(value):
            return f"the entry of id {key[:16]}… is not a sealed entry (hexadecimal, 28 to 2048 bytes)"
    return None
