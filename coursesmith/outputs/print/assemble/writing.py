"""Writing a finished PDF: deterministically, and atomically (a temporary file renamed)."""

from __future__ import annotations

import os
from pathlib import Path

import pikepdf


def save(pdf: pikepdf.Pdf, target: Path) -> None:
    """Write `pdf` to `target`: the same objects give the same bytes (the /ID is derived
    from the content), and a reader of `target` never sees half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        pdf.save(temporary, deterministic_id=True, compress_streams=True, min_version="1.7",
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)
