"""Binding a book from part PDFs: pages, structure, links, bookmarks, labels, metadata.

Each lesson is laid out once, by WeasyPrint, as a tagged PDF/UA-1 part; a book (the
course reader, the facilitator guide) is those parts bound in order. The parts are
opened one after the other and each is copied in one step (`pages.extend`, then its
structure tree) and closed at once: what was copied stays with the book (a part file
overwritten before the book is saved still gives the right pages), and the parts' own
objects do not pile up in memory.

Books bound from the same parts (the reader and its screen edition) are bound together,
side by side: a part at the same place in several of them is opened and prepared once
(its element ids prefixed, its destinations read) and copied into each. Each book gets
the bytes it would get bound alone.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from coursesmith.outputs.print.assemble.actions import disarm_page
from coursesmith.outputs.print.assemble.destinations import Destination, named_destinations, page_numbers, page_objects
from coursesmith.outputs.print.assemble.labels import LabelRange, check_style, label, page_labels
from coursesmith.outputs.print.assemble.links import Target, links, point_to, remove_link, target
from coursesmith.outputs.print.assemble.metadata import dates_of, describe
from coursesmith.outputs.print.assemble.outline import Bookmark, part_outline, write_outline
from coursesmith.outputs.print.assemble.structure import BookStructure, prefix_ids
from coursesmith.outputs.print.assemble.writing import save


@dataclass(frozen=True)
class Part:
    """One part PDF of a book and how the book presents it."""

    pdf: Path
    """A tagged PDF/UA-1 file made by WeasyPrint."""
    title: str
    """Its bookmark in the book, e.g. "KOAL-01 · Building a coalition"."""
    label_prefix: str
    """What its page labels start with: "2–" gives "2–1", "2–2" …"""
    label_style: str
    """"D" (decimal), "r" (lower-case roman) or "" (the prefix alone, as "MP-01")."""
    recto: bool = True
    """In the print edition it starts on a right-hand page (a blank verso comes first if needed)."""
    keep_outline: bool = True
    """Its own bookmarks (its headings) go under its entry."""
    elements: tuple[int, ...] | None = None
    """The object numbers of its structure elements with an id or attributes, if its
    layout told them (else the binder looks through all its objects)."""


@dataclass(frozen=True)
class BookInfo:
    pages: int
    """Pages of the book, blank versos included."""
    anchors: dict[str, tuple[int, str]]
    """Anchor id → (0-based page index in the book, page label); the first part holding an id wins."""
    unresolved: list[str] = field(default_factory=list)
    """`x-part:` anchors (and named destinations) no part has: their links were removed."""


@dataclass(frozen=True)
class _Placed:
    """A part once its pages are in the book."""

    part: Part
    anchors: dict[str, Destination]


@dataclass(frozen=True)
class Book:
    """One book to bind: its parts in order, its file and how it is described."""

    parts: list[Part]
    target: Path
    """Written atomically."""
    title: str
    lang: str
    author: str
    subject: str
    print_edition: bool


def bind(parts: list[Part], target: Path, *, title: str, lang: str, author: str,
         subject: str, print_edition: bool) -> BookInfo:
    """Bind `parts` into the book `target` (written atomically); what the build needs to know of it."""
    return bind_books([Book(parts, target, title, lang, author, subject, print_edition)])[0]


def bind_books(books: list[Book], keep: Callable[[pikepdf.Pdf], None] | None = None) -> list[BookInfo]:
    """Bind `books` side by side, each as `bind` would alone; what the build needs to know
    of each. `keep`, if given, is handed each book's document once it is written, to keep
    it from being freed (a process about to end need not spend the time)."""
    if not books or not all(book.parts for book in books):
        raise ValueError("a book needs at least one part")
    with ExitStack() as stack:
        binders = [_Binder(stack.enter_context(pikepdf.new()), book.print_edition, book.lang) for book in books]
        dates = {}
        for number in range(max(len(book.parts) for book in books)):
            for path, sharing in _sharing(books, number).items():
                with pikepdf.open(path) as source:
                    prepared = _Prepared.of(source, number, books[sharing[0]].parts[number].elements)
                    for index in sharing:
                        if not number:
                            dates[index] = dates_of(source)  # the edition's date, which every part carries
                        binders[index].add(books[index].parts[number], source, prepared)
        infos = []
        for index, (book, binder) in enumerate(zip(books, binders)):
            infos.append(binder.finish())
            describe(binder.pdf, title=book.title, lang=book.lang, author=book.author, subject=book.subject,
                     dates=dates[index])
            save(binder.pdf, book.target)
            if keep is not None:
                keep(binder.pdf)
    return infos


def _sharing(books: list[Book], number: int) -> dict[Path, list[int]]:
    """The part files at place `number` of the books, each with the books that hold it there."""
    sharing: dict[Path, list[int]] = {}
    for index, book in enumerate(books):
        if number < len(book.parts):
            sharing.setdefault(book.parts[number].pdf, []).append(index)
    return sharing


@dataclass(frozen=True)
class _Prepared:
    """What binding a part at its place needs of it, whichever book it goes into: its
    pages' numbers, its named destinations and its elements with ids (prefixed)."""

    numbers: dict[tuple[int, int], int]
    names: dict[str, Destination]
    ids: list[pikepdf.Dictionary]

    @classmethod
    def of(cls, source: pikepdf.Pdf, number: int, elements: tuple[int, ...] | None) -> _Prepared:
        """Prepare the part at place `number` (from 0): its ids get the place's prefix."""
        numbers = page_numbers(source)
        return cls(numbers, named_destinations(source, numbers), prefix_ids(source, f"p{number + 1}-", elements))


def part_anchors(pdf: Path) -> dict[str, int]:
    """Anchor id → 0-based page index inside one part PDF."""
    with pikepdf.open(pdf) as source:
        return {name: destination.page for name, destination in named_destinations(source).items()}


class _Binder:
    def __init__(self, pdf: pikepdf.Pdf, print_edition: bool, lang: str):
        self.pdf = pdf
        self.print_edition = print_edition
        self.lang = lang
        self.structure = BookStructure(pdf)
        self.placed: list[_Placed] = []
        self.ranges: list[LabelRange] = []
        self.labels: list[str] = []
        self.bookmarks: list[Bookmark] = []
        self.pending: list[tuple[int, pikepdf.Dictionary, int, Target]] = []

    def add(self, part: Part, source: pikepdf.Pdf, prepared: _Prepared) -> None:
        """Add `source`, prepared for this place (`_Prepared.of`), as the book's next part."""
        check_style(part.label_style)
        if not len(source.pages):
            raise ValueError(f"{part.pdf.name} has no pages to bind")
        if self.print_edition and part.recto and len(self.pdf.pages) % 2:
            self._blank_verso()
        first = len(self.pdf.pages)
        numbers, names = prepared.numbers, prepared.names
        pages = _copy_pages(self.pdf, source)
        self.structure.add(source, pages, part.title, prepared.ids, _language(source, self.lang))
        self.ranges.append(LabelRange(first, part.label_prefix, part.label_style))
        self.labels += [label(part.label_prefix, part.label_style, n + 1) for n in range(len(pages))]
        anchors = {name: Destination(d.page + first, d.view) for name, d in names.items()}
        self.placed.append(_Placed(part, anchors))
        for index, page in enumerate(pages, first):
            disarm_page(page)
            self.pending += [(index, annot, len(self.placed) - 1, target(annot)) for annot in links(page)]
        children = part_outline(source, numbers, names, first) if part.keep_outline else []
        self.bookmarks.append(Bookmark(part.title, _top_of(pages[0], first), is_open=False,
                                       children=_under_title(children, first)))

    def finish(self) -> BookInfo:
        """Resolve the links, then write the tree, labels, bookmarks and names of the book."""
        pages = page_objects(self.pdf)
        unresolved = self._resolve_links(pages)
        anchors = self._anchors()
        self.pdf.Root.StructTreeRoot = self.structure.write()
        self.pdf.Root.PageLabels = page_labels(self.pdf, self.ranges)
        outline = write_outline(self.pdf, pages, self.bookmarks)
        if outline is not None:
            self.pdf.Root.Outlines = outline
            self.pdf.Root.PageMode = pikepdf.Name.UseOutlines
        self.pdf.Root.Names = pikepdf.Dictionary(Dests=self._name_tree(anchors, pages))
        return BookInfo(len(self.pdf.pages), {name: (d.page, self.labels[d.page]) for name, d in anchors.items()},
                        unresolved)

    def _blank_verso(self) -> None:
        """An empty page (no content, no tags) the size of the page before it, labelled
        as that page's part goes on."""
        before = self.pdf.pages[-1]
        blank = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=before.mediabox,
                                   Resources=pikepdf.Dictionary())
        self.pdf.pages.append(pikepdf.Page(blank))
        last = self.ranges[-1]
        self.labels.append(label(last.prefix, last.style, len(self.labels) - last.start + 1))

    def _resolve_links(self, pages: list) -> list[str]:
        unresolved = set()
        for index, annot, owner, wanted in self.pending:
            destination = self._find(wanted.name, owner) if wanted.kind in ("name", "part") else None
            if destination is not None:
                description = self.placed[destination[1]].part.title if wanted.kind == "part" else None
                point_to(annot, destination[0].explicit(pages), description)
            elif wanted.kind != "fixed":
                remove_link(self.pdf.pages[index], annot, self.structure.parent_tree)
                if wanted.kind != "unsafe":
                    unresolved.add(wanted.name)
        return sorted(unresolved)

    def _find(self, name: str, owner: int) -> tuple[Destination, int] | None:
        """A destination of the part `owner` first, else of the first other part that has it."""
        for number in [owner, *range(len(self.placed))]:
            destination = self.placed[number].anchors.get(name)
            if destination is not None:
                return destination, number
        return None

    def _anchors(self) -> dict[str, Destination]:
        found: dict[str, Destination] = {}
        for placed in self.placed:
            for name, destination in placed.anchors.items():
                found.setdefault(name, destination)
        return found

    def _name_tree(self, anchors: dict[str, Destination], pages: list) -> pikepdf.Dictionary:
        keys = sorted(anchors, key=lambda name: bytes(pikepdf.String(name)))
        return self.pdf.make_indirect(pikepdf.Dictionary(Names=pikepdf.Array(
            [item for name in keys for item in (pikepdf.String(name), anchors[name].explicit(pages))])))


def _copy_pages(pdf: pikepdf.Pdf, source: pikepdf.Pdf) -> list[pikepdf.Page]:
    """Append the pages of `source` (with their annotations) to `pdf`; the copies."""
    first = len(pdf.pages)
    with warnings.catch_warnings():  # pikepdf warns that named destinations are not carried: the binder does that
        warnings.filterwarnings("ignore", message="Copying pages from another Pdf")
        pdf.pages.extend(source.pages)
    return list(pdf.pages[first:])


def _under_title(bookmarks: list[Bookmark], first: int) -> list[Bookmark]:
    """A part's bookmarks as they go under its entry: a lone top bookmark on the part's
    first page (the lesson's title) is the part's entry itself, so its children take its place."""
    if len(bookmarks) == 1 and bookmarks[0].destination is not None and bookmarks[0].destination.page == first:
        return bookmarks[0].children
    return bookmarks


def _language(source: pikepdf.Pdf, book: str) -> str | None:
    """The part's language where it is not the book's (a Part element then says so)."""
    lang = str(source.Root.get("/Lang", book))
    return None if lang == book else lang


def _top_of(page: pikepdf.Page, index: int) -> Destination:
    box = page.mediabox
    return Destination(index, (pikepdf.Name.XYZ, box[0], box[3], 0))
