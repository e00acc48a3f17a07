"""The one repair WeasyPrint's PDF structure tree needs that markup cannot give: /Scope;
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
