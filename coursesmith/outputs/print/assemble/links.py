"""Link annotations: what each one points at, pointing it elsewhere, and removing one
without leaving its structure tree behind.

A link inside a part names its destination (WeasyPrint writes `/Dest (id)`); a link to
another part of the course is a URI annotation `x-part:ANCHOR`, which the book turns into
a GoTo and a published handout into a web address. Any other action than a URI or a
GoTo (a launch, a script, a remote file) is dropped with its annotation: a part is input,
and nothing in a book may run.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass
from urllib.parse import quote, unquote

import pikepdf

CROSS_PART = "x-part:"
KEPT_ACTIONS = {"/URI", "/GoTo"}


@dataclass(frozen=True)
class Target:
    """What a link annotation points at: `kind` is "name" (a named destination, `name`),
    "part" (an `x-part:` anchor, `name`), "unsafe" (an action to drop) or "fixed"
    (an explicit destination or an ordinary address, left as it is)."""

    kind: str
    name: str = ""


def links(page: pikepdf.Page) -> list[pikepdf.Dictionary]:
    """The page's link annotations, in order."""
    annots = page.obj.get("/Annots")
    if not isinstance(annots, pikepdf.Array):
        return []
    return [a for a in annots if isinstance(a, pikepdf.Dictionary) and a.get("/Subtype") == "/Link"]


def target(annot: pikepdf.Dictionary) -> Target:
    dest = annot.get("/Dest")
    if dest is not None:
        return _named(dest)
    action = annot.get("/A")
    if not isinstance(action, pikepdf.Dictionary):
        return Target("fixed")
    kind = action.get("/S")
    if kind not in KEPT_ACTIONS or "/Next" in action:
        return Target("unsafe")
    if kind == "/GoTo":
        return _named(action.get("/D"))
    uri = str(action.get("/URI", ""))
    if not uri.startswith(CROSS_PART):
        return Target("fixed")
    return Target("part", unquote(uri[len(CROSS_PART):]))  # WeasyPrint writes an IRI's URI form


def point_to(annot: pikepdf.Dictionary, destination: pikepdf.Array, description: str | None) -> None:
    """Make `annot` a link to an explicit destination of its own document (described
    to a screen reader as `description`, if given)."""
    if "/A" in annot:
        del annot.A
    annot.Dest = destination
    if description is not None:
        annot.Contents = pikepdf.String(description)


def point_to_address(annot: pikepdf.Dictionary, url: str) -> None:
    """Make `annot` a link to `url` (an IRI is written in its URI form: a PDF's URIs are ASCII)."""
    uri = quote(url, safe="/:?#[]@!$&'()*+,;=%~")
    annot.A = pikepdf.Dictionary(Type=pikepdf.Name.Action, S=pikepdf.Name.URI, URI=pikepdf.String(uri))
    annot.Contents = pikepdf.String(url)


def remove_link(page: pikepdf.Page, annot: pikepdf.Dictionary,
                parent_tree: MutableMapping[int, pikepdf.Object]) -> None:
    """Take `annot` off its page, out of its Link structure element and out of the
    parent tree. The link's text stays; a Link element left with no annotation is
    retagged as a Span, since it no longer links anything."""
    page.obj.Annots = pikepdf.Array([a for a in page.obj.Annots if not _same(a, annot)])
    if not len(page.obj.Annots):
        del page.obj.Annots
    key = annot.get("/StructParent")
    if key is None:
        return
    element = parent_tree.pop(int(key), None)
    if isinstance(element, pikepdf.Dictionary) and "/K" in element:
        kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
        kept = [kid for kid in kids if not (_is_objr(kid) and _same(kid.get("/Obj"), annot))]
        element.K = pikepdf.Array(kept)
        if element.get("/S") == "/Link" and not any(_is_objr(kid) for kid in kept):
            element.S = pikepdf.Name.Span


def _named(dest) -> Target:
    if isinstance(dest, (pikepdf.String, pikepdf.Name)):
        name = str(dest)
        return Target("name", name[1:] if isinstance(dest, pikepdf.Name) else name)
    return Target("fixed")


def _is_objr(kid) -> bool:
    return isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"


def _same(a, b) -> bool:
    if not isinstance(a, pikepdf.Object) or not isinstance(b, pikepdf.Object):
        return False
    return a.is_indirect and b.is_indirect and a.objgen == b.objgen
