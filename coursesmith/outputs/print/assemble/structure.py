"""The book's tagged structure: every part's tree under one Document, kept consistent.

WeasyPrint writes a StructTreeRoot whose /K is one Document element and whose
/ParentTree is a number tree: key i < pages is page i's /StructParents (an array, MCID →
element), and the keys after them are link annotations' /StructParent (→ the Link
element). It writes no RoleMap, ClassMap or IDTree, but table headers carry element
/IDs that data cells name in /Headers, numbered per file, so two parts can repeat them.

Merging a part: its element ids get the part's number in front, in /ID and in
/Headers alike (in the part itself, before anything of it is copied: qpdf copies an
object once); its tree is copied after its pages (pikepdf maps the /Pg and OBJR
references of the copy onto the pages and annotations already copied); its Document
becomes a /Part of the book's Document; its parent-tree keys move up by the keys used
so far, and so do its pages' /StructParents and annotations' /StructParent.
"""

from __future__ import annotations

from collections.abc import Sequence

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

    def add(self, source: pikepdf.Pdf, pages: list[pikepdf.Page], title: str,
            ids: list[pikepdf.Dictionary], lang: str | None = None) -> None:
        """Merge the tree of `source`, whose pages were copied into the book as `pages`
        and whose elements `ids` (from `prefix_ids`) carry element ids; `lang` is the
        part's language if it differs from the book's."""
        root = source.Root.get("/StructTreeRoot")
        if not isinstance(root, pikepdf.Dictionary):
            for page in pages:
                _drop_struct_keys(page)
            return
        tree = self.pdf.copy_foreign(root if root.is_indirect else source.make_indirect(root))
        shift = self.next_key
        used = self._add_parent_tree(tree.get("/ParentTree"), shift)
        for page in pages:
            _shift_keys(page, shift)
        self.next_key = max(shift + used, self.next_key)
        self._merge_map(self.role_map, tree.get("/RoleMap"), "RoleMap")
        self._merge_map(self.class_map, tree.get("/ClassMap"), "ClassMap")
        part = self._part(tree, title)
        if lang:
            part.Lang = pikepdf.String(lang)
        self.document.K.append(part)
        for element in ids:
            self.ids.setdefault(bytes(element.ID), self.pdf.copy_foreign(element))

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


def prefix_ids(source: pikepdf.Pdf, prefix: str, holders: Sequence[int] | None = None) -> list[pikepdf.Dictionary]:
    """Put `prefix` before every element id of `source` and before every id a cell's
    /Headers names; the elements that have an id. `holders`, if known, are the object
    numbers of the elements with an id or attributes (as the layout wrote them)."""
    marked = prefix.encode()
    found = []
    for element in _id_holders(source) if holders is None else _numbered(source, holders):
        if "/ID" in element:
            element.ID = pikepdf.String(marked + bytes(element.ID))
            found.append(element)
        for attributes in _attribute_dicts(element.get("/A")):
            headers = attributes.get("/Headers")
            if isinstance(headers, pikepdf.Array):
                attributes.Headers = pikepdf.Array([pikepdf.String(marked + bytes(h)) for h in headers])
    return found


def _id_holders(source: pikepdf.Pdf):
    """The structure elements with an /ID or attributes. WeasyPrint's elements are
    indirect objects, so one pass over the file's objects finds them all (three times
    faster than walking the tree, whose spans are most of it)."""
    for obj in source.objects:
        if isinstance(obj, pikepdf.Dictionary) and ("/ID" in obj or "/A" in obj) and _is_element(obj):
            yield obj


def _numbered(source: pikepdf.Pdf, numbers: Sequence[int]):
    """The structure elements among the objects `numbers` of `source`."""
    for number in numbers:
        obj = source.get_object(number, 0)
        if _is_element(obj):
            yield obj


def _is_element(obj) -> bool:
    return (isinstance(obj, pikepdf.Dictionary) and "/S" in obj
            and obj.get("/Type", pikepdf.Name.StructElem) == "/StructElem")


def _attribute_dicts(attributes) -> list[pikepdf.Dictionary]:
    """An element's /A: one attribute dictionary, or an array of them (with revision numbers)."""
    if isinstance(attributes, pikepdf.Dictionary):
        return [attributes]
    if isinstance(attributes, pikepdf.Array):
        return [item for item in attributes if isinstance(item, pikepdf.Dictionary)]
    return []


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
