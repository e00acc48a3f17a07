"""Where coursesmith's own files are. Kept free of heavy imports: the check for an
unchanged build uses it before anything else loads."""

from __future__ import annotations

from pathlib import Path


def default_templates_dir() -> Path:
    """The templates shipped with coursesmith: inside the wheel, or at the repository root."""
    packaged = Path(__file__).parent / "templates"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "templates"
