"""The book's tagged structure: every part's tree under one Document, kept consistent.

WeasyPrint writes a StructTreeRoot whose /K is one Document element and whose
/ParentTree is a number tree: key i < pages is page i's /StructParents (an array, MCID →
element), and the keys after them are link annotations' /StructParent (→ the Link
element). It writes no RoleMap, ClassMap or IDTree, but table headers carry element
/IDs that data cells name in /Headers, numbered per file, so two parts can repeat them.

Merging a part: its tree is copied after its pages (pikepdf maps the /Pg and OBJR
references of the copy onto the pages and annotations already copied), its Document
becomes a /Part of the book's Document, its parent-tree keys move up by the keys used
so far (and so do its pages' /StructParents and annotations' /StructParent), and its
element ids get the part's number in front, in /ID and in /Headers alike.
"""

from __future__ import annotations

import pikepdf


class BookStructure:
    """The structure tree of a book being bound, part by part."""

    def __init__(self, pdf: pikepdf.Pdf):
        self.pdf = pdf
        self.document = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document, K=pikepdf.Array()))
        self.parent_tree: dict[int, pikepdf.Object] = {}
        self.next_key = 0
        self.role_map: dict[str, pikepdf.Object] = {}
        self.class_map: dict[str, pikepdf.Object] = {}
        self.ids: dict[bytes, pikepdf.Object] = {}

    def add(self, source: pikepdf.Pdf, pages: list[pikepdf.Page], number: int, title: str) -> None:
        """Merge the tree of `source`, whose pages were copied into the book as `pages`."""
        root = source.Root.get("/StructTreeRoot")
        if not isinstance(root, pikepdf.Dictionary):
            for page in pages:
                _drop_struct_keys(page)
            return
        tree = self.pdf.copy_foreign(root) if root.is_indirect else self.pdf.copy_foreign(source.make_indirect(root))
        shift = self.next_key
        used = self._add_parent_tree(tree.get("/ParentTree"), shift)
        for page in pages:
            _shift_keys(page, shift)
        self.next_key = max(shift + used, self.next_key)
        self._merge_map(self.role_map, tree.get("/RoleMap"), "RoleMap")
        self._merge_map(self.class_map, tree.get("/ClassMap"), "ClassMap")
        part = self._part(tree, title)
        self.document.K.append(part)
        self._rename_ids(part, f"p{number}-")

    def write(self) -> pikepdf.Dictionary:
        """The StructTreeRoot of the book."""
        root = pikepdf.Dictionary(
            Type=pikepdf.Name.StructTreeRoot, K=self.document,
            ParentTree=self.pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(
                [item for key in sorted(self.parent_tree) for item in (key, self.parent_tree[key])]))),
            ParentTreeNextKey=self.next_key)
        if self.role_map:
            root.RoleMap = pikepdf.Dictionary({k: self.role_map[k] for k in sorted(self.role_map)})
        if self.class_map:
            root.ClassMap = pikepdf.Dictionary({k: self.class_map[k] for k in sorted(self.class_map)})
        if self.ids:
            root.IDTree = pikepdf.Dictionary(Names=pikepdf.Array(
                [item for key in sorted(self.ids) for item in (pikepdf.String(key), self.ids[key])]))
        self.document.P = root = self.pdf.make_indirect(root)
        return root

    def _add_parent_tree(self, tree, shift: int) -> int:
        """Add the part's parent tree with keys moved up by `shift`; the keys it used."""
        if not isinstance(tree, pikepdf.Dictionary):
            return 0
        used = 0
        for key, value in pikepdf.NumberTree(tree).items():
            self.parent_tree[key + shift] = value
            used = max(used, key + 1)
        return used

    def _part(self, tree: pikepdf.Dictionary, title: str) -> pikepdf.Dictionary:
        """The part's Document element as a /Part of the book (or a new Part around its kids)."""
        kids = tree.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
        if len(kids) == 1 and isinstance(kids[0], pikepdf.Dictionary) and kids[0].get("/S") == "/Document":
            part = kids[0]
        else:
            part = self.pdf.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.StructElem, K=pikepdf.Array(kids)))
            for kid in kids:
                if isinstance(kid, pikepdf.Dictionary):
                    kid.P = part
        part.S = pikepdf.Name.Part
        part.T = pikepdf.String(title)
        part.P = self.document
        return part

    def _merge_map(self, merged: dict, source, what: str) -> None:
        if not isinstance(source, pikepdf.Dictionary):
            return
        for key in source.keys():
            value = source[key]
            if key in merged and repr(merged[key]) != repr(value):
                raise ValueError(f"the parts' {what}s disagree on {key}")
            merged.setdefault(key, value)

    def _rename_ids(self, part: pikepdf.Dictionary, prefix: str) -> None:
        """Give the element ids of the part just added the part's prefix (so that two parts
        cannot share one), in /ID and in the /Headers of the cells naming them."""
        for element in _elements(part):
            if "/ID" in element:
                new = prefix.encode() + bytes(element.ID)
                element.ID = pikepdf.String(new)
                self.ids[new] = element
            headers = _headers(element)
            if headers is not None:
                element.A.Headers = pikepdf.Array(
                    [pikepdf.String(prefix.encode() + bytes(h)) for h in headers])


def _elements(top: pikepdf.Dictionary):
    """Every structure element under `top` (itself included), depth first."""
    stack = [top]
    seen = set()
    while stack:
        element = stack.pop()
        if element.objgen in seen and element.objgen != (0, 0):
            continue
        seen.add(element.objgen)
        yield element
        kids = element.get("/K")
        if isinstance(kids, pikepdf.Dictionary):
            kids = [kids]
        elif not isinstance(kids, pikepdf.Array):
            continue
        stack.extend(kid for kid in reversed(list(kids))
                     if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type", pikepdf.Name.StructElem) == "/StructElem"
                     and "/S" in kid)


def _headers(element: pikepdf.Dictionary):
    attributes = element.get("/A")
    if isinstance(attributes, pikepdf.Dictionary) and isinstance(attributes.get("/Headers"), pikepdf.Array):
        return attributes.Headers
    return None


def _shift_keys(page: pikepdf.Page, shift: int) -> None:
    """Move the page's /StructParents and its annotations' /StructParent up by `shift`."""
    if "/StructParents" in page.obj:
        page.obj.StructParents = int(page.obj.StructParents) + shift
    for annot in page.obj.get("/Annots", []):
        if isinstance(annot, pikepdf.Dictionary) and "/StructParent" in annot:
            annot.StructParent = int(annot.StructParent) + shift


def _drop_struct_keys(page: pikepdf.Page) -> None:
    """An untagged part's pages must not claim entries of the book's parent tree."""
    if "/StructParents" in page.obj:
        del page.obj.StructParents
    for annot in page.obj.get("/Annots", []):
        if isinstance(annot, pikepdf.Dictionary) and "/StructParent" in annot:
            del annot.StructParent
