"""The records a PDF job and its result travel in, between the batch, the pool and the workers."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rendered:
    """What rendering one PDF produced."""

    pages: int
    size: int
    warnings: list[str]
    anchors: dict[str, int] = field(default_factory=dict)
    """Each anchor (element id) → the 0-based index of the page that shows it."""
    elements: list[int] | None = None
    """The object numbers of its structure elements with an id or attributes (which a
    book's binder gives the part's prefix), as the layout wrote them; None if not known."""


@dataclass(frozen=True)
class PdfJob:
    document: str
    """Path below the output folder, e.g. `site/id/handouts/kkmp-koal-01-id.pdf`."""
    html: str
    key: str


@dataclass(frozen=True)
class Outcome:
    document: str
    rendered: Rendered | None
    error: str | None = None
    cached: bool = False
    setup_failed: bool = False
    """The renderer could not start (the print stylesheet could not be loaded)."""

