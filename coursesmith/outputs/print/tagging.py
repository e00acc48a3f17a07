"""What WeasyPrint's PDF structure tree needs before it is written: the one repair
markup cannot give (/Scope), one simplification (text runs unwrapped from their Spans),
and, while the tree is at hand, where its elements with ids are, for the binder.

WeasyPrint 70 tags `<th>` as TH and links data cells to their headers with /Headers
and /IDs, but it never writes the /Scope attribute (PDF/UA-1 7.5 asks for /Scope or
/Headers on every header; checkers such as `pdfua` look for /Scope on the TH itself),
and the `scope` attribute of the HTML cell is lost before the tree is built. This
finisher runs after WeasyPrint has built the tree and before the file is written, and
gives every TH the scope HTML would infer for it: a header in the table's head, or in
a row of nothing but headers, labels its column; any other header labels its row (the
first cell of a body or footer row, as `<th scope="row">` in our templates).
"""

from __future__ import annotations

import pydyf


def add_header_scope(document, pdf: pydyf.PDF) -> None:
    """WeasyPrint `finisher`: set /Scope on every TH structure element of `pdf`."""
    for element in pdf.objects:
        if _role(element) == "/TH":
            row = _parent(pdf, element)
            element["A"]["Scope"] = "/Column" if _labels_column(pdf, row) else "/Row"


def unwrap_text_runs(pdf: pydyf.PDF) -> None:
    """WeasyPrint `finisher`: put each run of text straight into its element.

    WeasyPrint wraps every run of text (each line of a paragraph, each piece of a
    link's or a cell's text) in a Span element of its own: one marked-content id, no
    attributes. Such a Span says nothing its parent does not, and it is more than half
    of a lesson's objects (761 of 1351 in a 16-page part), which the binder copies and
    holds for every part of a book. Its id moves into the parent's /K at its place, the
    page's parent-tree entry names the parent, and the Span's object becomes a free
    entry of the file. A Span with anything else (attributes, an id, several kids, or
    a parent on another page) is kept. A `<span>` of the markup around one run is
    such a Span once its run is unwrapped, and goes the same way.
    """
    while runs := {element.reference: element for element in pdf.objects if _is_bare_run(pdf, element)}:
        _unwrap(pdf, runs)


def _unwrap(pdf: pydyf.PDF, runs: dict[bytes, pydyf.Dictionary]) -> None:
    """Put the one id of each of `runs` (reference → Span) in its parent's place."""
    for element in pdf.objects:
        kids = element.get("K") if _role(element) is not None else None
        if isinstance(kids, list) and any(isinstance(kid, bytes) and kid in runs for kid in kids):
            element["K"] = pydyf.Array([runs[kid]["K"][0] if isinstance(kid, bytes) and kid in runs else kid
                                        for kid in kids])
    for entry in _object(pdf, _object(pdf, pdf.catalog["StructTreeRoot"])["ParentTree"])["Nums"]:
        if isinstance(entry, list):
            entry[:] = [runs[ref]["P"] if isinstance(ref, bytes) and ref in runs else ref for ref in entry]
    for element in runs.values():
        pdf.objects[element.number] = _Free()


def _is_bare_run(pdf: pydyf.PDF, element) -> bool:
    if _role(element) != "/Span" or element.keys() != {"Type", "S", "K", "P", "Pg"}:
        return False
    kids = element["K"]
    return (isinstance(kids, list) and len(kids) == 1 and isinstance(kids[0], int)
            and _parent(pdf, element).get("Pg") == element["Pg"])


class _Free(pydyf.Object):
    """A free entry of the cross-reference table where an object was. pydyf writes no
    object whose `free` is "f"; number 0 makes its entry free (type 0) in a
    cross-reference stream too, and a generation above 0 keeps it out of the object
    stream."""

    def __init__(self):
        super().__init__()
        self.free = "f"
        self.number = 0
        self.generation = 1


def elements_with_ids(pdf: pydyf.PDF) -> list[int]:
    """The object numbers of the structure elements with an /ID or attributes (/A),
    which a book's binder gives their part's prefix: known here, it need not look
    through every object of the part for them."""
    return [number for number, element in enumerate(pdf.objects)
            if _role(element) is not None and ("ID" in element or "A" in element)]


def _labels_column(pdf: pydyf.PDF, row: pydyf.Dictionary) -> bool:
    if _role(_parent(pdf, row)) == "/THead":
        return True
    cells = [_object(pdf, kid) for kid in row["K"]]
    return all(_role(cell) in ("/TH", None) for cell in cells)


def _role(element) -> str | None:
    if isinstance(element, pydyf.Dictionary) and element.get("Type") == "/StructElem":
        return element.get("S")
    return None


def _parent(pdf: pydyf.PDF, element: pydyf.Dictionary) -> pydyf.Dictionary:
    return _object(pdf, element["P"])


def _object(pdf: pydyf.PDF, reference):
    """The object a reference such as b'12 0 R' points to (None for an MCID)."""
    if not isinstance(reference, bytes):
        return None
    return pdf.objects[int(reference.split()[0])]
