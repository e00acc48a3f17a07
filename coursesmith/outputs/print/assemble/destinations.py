"""Where a part's anchors are: its named destinations read as (page index, view)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pikepdf


@dataclass(frozen=True)
class Destination:
    """A place on a page: the page's 0-based index in its document and the view
    ([/XYZ left top zoom], [/Fit] …) as it was written after the page reference."""

    page: int
    view: tuple

    def explicit(self, pages: Sequence[pikepdf.Object]) -> pikepdf.Array:
        """The explicit destination `[page /XYZ x y 0]` in a document whose page
        objects are `pages` (see page_objects)."""
        return pikepdf.Array([pages[self.page], *self.view])


def page_objects(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    """The page objects of `pdf` in order: made once for the many destinations of a
    book, since each look-up in `pdf.pages` walks pikepdf's page cache again."""
    return [page.obj for page in pdf.pages]


def page_numbers(pdf: pikepdf.Pdf) -> dict[tuple[int, int], int]:
    """Each page object's (number, generation) → its 0-based index."""
    return {page.obj.objgen: index for index, page in enumerate(pdf.pages)}


def named_destinations(pdf: pikepdf.Pdf, numbers: dict[tuple[int, int], int] | None = None
                       ) -> dict[str, Destination]:
    """Every named destination of `pdf` (the /Names /Dests tree and the old /Dests
    dictionary) that points at one of its pages."""
    numbers = page_numbers(pdf) if numbers is None else numbers
    found: dict[str, Destination] = {}
    names = pdf.Root.get("/Names")
    if isinstance(names, pikepdf.Dictionary) and "/Dests" in names:
        for name, value in pikepdf.NameTree(names.Dests).items():
            _add(found, str(name), value, numbers)
    old = pdf.Root.get("/Dests")
    if isinstance(old, pikepdf.Dictionary):
        for key in old.keys():
            _add(found, key[1:], old[key], numbers)
    return found


def explicit_destination(value, numbers: dict[tuple[int, int], int]) -> Destination | None:
    """An explicit destination array (or a dictionary holding one in /D) as a Destination."""
    if isinstance(value, pikepdf.Dictionary):
        value = value.get("/D")
    if not isinstance(value, pikepdf.Array) or len(value) < 2:
        return None
    page = value[0]
    if not isinstance(page, pikepdf.Dictionary) or page.objgen not in numbers:
        return None
    return Destination(numbers[page.objgen], tuple(_plain(item) for item in value[1:]))


def _plain(item):
    """A view's operand owned by no document (the part is closed before the book is written)."""
    if isinstance(item, pikepdf.Name):
        return pikepdf.Name(str(item))
    if isinstance(item, pikepdf.Object):  # null, or anything a view should not hold
        return None
    return item


def _add(found: dict[str, Destination], name: str, value, numbers) -> None:
    destination = explicit_destination(value, numbers)
    if destination is not None and name not in found:
        found[name] = destination
