"""Bookmarks: one entry per part, on its first page, with the part's own outline under it."""

from __future__ import annotations

from dataclasses import dataclass, field

import pikepdf

from coursesmith.outputs.print.assemble.destinations import Destination, explicit_destination


@dataclass
class Bookmark:
    title: str
    destination: Destination | None  # page index in the book
    is_open: bool = True
    children: list[Bookmark] = field(default_factory=list)


def part_outline(source: pikepdf.Pdf, numbers: dict, names: dict[str, Destination],
                 offset: int) -> list[Bookmark]:
    """The outline of `source`, its destinations moved to the book (`offset` pages on)."""
    outlines = source.Root.get("/Outlines")
    if not isinstance(outlines, pikepdf.Dictionary):
        return []
    return _items(outlines.get("/First"), numbers, names, offset, set())


def write_outline(pdf: pikepdf.Pdf, pages: list, bookmarks: list[Bookmark]) -> pikepdf.Dictionary | None:
    """The book's /Outlines dictionary, or None when there is nothing to show; `pages`
    are the book's page objects (destinations.page_objects)."""
    if not bookmarks:
        return None
    root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Outlines))
    root.Count = _link(pdf, pages, root, bookmarks)
    return root


def _items(item, numbers, names, offset: int, seen: set) -> list[Bookmark]:
    found = []
    while isinstance(item, pikepdf.Dictionary) and item.objgen not in seen:
        seen.add(item.objgen)
        destination = _destination(item, numbers, names)
        if destination is not None:
            destination = Destination(destination.page + offset, destination.view)
        found.append(Bookmark(str(item.get("/Title", "")), destination, int(item.get("/Count", 0)) >= 0,
                              _items(item.get("/First"), numbers, names, offset, seen)))
        item = item.get("/Next")
    return found


def _destination(item, numbers, names) -> Destination | None:
    dest = item.get("/Dest")
    action = item.get("/A")
    if dest is None and isinstance(action, pikepdf.Dictionary) and action.get("/S") == "/GoTo":
        dest = action.get("/D")
    if isinstance(dest, (pikepdf.String, pikepdf.Name)):
        name = str(dest)
        return names.get(name[1:] if isinstance(dest, pikepdf.Name) else name)
    return explicit_destination(dest, numbers)


def _link(pdf: pikepdf.Pdf, pages: list, parent: pikepdf.Dictionary, bookmarks: list[Bookmark]) -> int:
    """Write `bookmarks` as the children of `parent`; the number of them a reader sees
    (with the descendants of open ones), which is the parent's /Count when it is open."""
    items = [pdf.make_indirect(pikepdf.Dictionary(Title=pikepdf.String(b.title), Parent=parent))
             for b in bookmarks]
    visible = 0
    for index, (item, bookmark) in enumerate(zip(items, bookmarks)):
        if bookmark.destination is not None:
            item.Dest = bookmark.destination.explicit(pages)
        if index:
            item.Prev = items[index - 1]
        if index + 1 < len(items):
            item.Next = items[index + 1]
        below = _link(pdf, pages, item, bookmark.children) if bookmark.children else 0
        if bookmark.children:
            item.Count = below if bookmark.is_open else -below
        visible += 1 + (below if bookmark.is_open else 0)
    parent.First, parent.Last = items[0], items[-1]
    return visible
