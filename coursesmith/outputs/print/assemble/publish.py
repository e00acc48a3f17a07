"""A part published on its own (a lesson's standalone handout): its `x-part:` links,
which only a book can resolve, become web addresses or plain text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pikepdf

from coursesmith.outputs.print.assemble.actions import disarm_catalog, disarm_page
from coursesmith.outputs.print.assemble.links import links, point_to_address, remove_link, target
from coursesmith.outputs.print.assemble.writing import save


def publish_part(pdf_in: Path, pdf_out: Path, published: Callable[[str], str | None]) -> list[str]:
    """Write `pdf_in` to `pdf_out` with each `x-part:ANCHOR` link pointing at
    `published(ANCHOR)`, or removed (its text kept) when that is None; actions that
    would run something are removed too. Returns the anchors whose links were removed."""
    removed = set()
    with pikepdf.open(pdf_in) as pdf:
        parent_tree = _parent_tree(pdf)
        disarm_catalog(pdf)
        for page in pdf.pages:
            disarm_page(page)
            for annot in links(page):
                wanted = target(annot)
                url = published(wanted.name) if wanted.kind == "part" else None
                if url is not None:
                    point_to_address(annot, url)
                elif wanted.kind in ("part", "unsafe"):
                    remove_link(page, annot, parent_tree)
                    if wanted.kind == "part":
                        removed.add(wanted.name)
        save(pdf, pdf_out)
    return sorted(removed)


def _parent_tree(pdf: pikepdf.Pdf) -> pikepdf.NumberTree | dict:
    root = pdf.Root.get("/StructTreeRoot")
    if isinstance(root, pikepdf.Dictionary) and isinstance(root.get("/ParentTree"), pikepdf.Dictionary):
        return pikepdf.NumberTree(root.ParentTree)
    return {}
