"""Full-text search for the static site: Pagefind indexes the built pages of each
language separately and writes its index and interface into site/pagefind/."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .diagnostics import Location, Problems

PAGEFIND = [sys.executable, "-m", "pagefind"]


def index_search(site: Path, problems: Problems, where: Location) -> None:
    """Index every page marked with data-pagefind-body in `site` (the staged copy); report
    a failure at `where` (the folder the user knows)."""
    try:
        result = subprocess.run([*PAGEFIND, "--site", str(site), "--silent"], capture_output=True, text=True,
                                timeout=300)
    except (OSError, subprocess.TimeoutExpired) as error:
        problems.add("search-error", where, reason=str(error))
        return
    if result.returncode != 0:
        reason = (result.stderr or result.stdout).strip().splitlines()
        problems.add("search-error", where, reason=reason[-1] if reason else f"exit {result.returncode}")
        return
    _sort_entry(site / "pagefind" / "pagefind-entry.json")


def _sort_entry(entry: Path) -> None:
    """Pagefind lists the languages of its index in hash-map order, which changes from
    run to run; sort them so that the same site gives the same bytes."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data.get("languages", {}).items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
