"""What ends each page of a tagged PDF: the last block of body text in reading order,
read through the structure tree, so that running headers and footers (not in the tree)
and the drawing order (floats, markers) never count.

pikepdf walks the structure tree, which gives each (page, marked-content id) in reading
order with the elements it sits in; pdfium gives the text of each marked-content id.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

BLOCKS = {"/Figure", "/LI", "/P", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6", "/LBody", "/TD", "/TH", "/Caption"}


@dataclass(frozen=True)
class PageEnd:
    page: int
    """1-based page number."""
    role: str
    """The structure role of the last block, e.g. /P or /H4."""
    text: str


def _content_owners(pdf: pikepdf.Pdf) -> list[tuple[tuple[int, int], list]]:
    """Every (page index, MCID) in reading order, with the chain of structure elements
    from the root down to it."""
    pages = {page.objgen: i for i, page in enumerate(pdf.pages)}
    owners: list = []

    def walk(element, chain, page):
        page = pages.get(element.Pg.objgen, page) if "/Pg" in element else page
        kids = element.get("/K")
        if kids is None:
            return
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            if isinstance(kid, int):
                owners.append(((page, int(kid)), chain))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                owners.append(((pages.get(kid.Pg.objgen, page) if "/Pg" in kid else page, int(kid.MCID)), chain))
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                walk(kid, chain + [kid], page)

    walk(pdf.Root.StructTreeRoot, [], None)
    return owners


def _block(chain: list):
    """The block a piece of text sits in; a figure (an SVG's own text) counts as one."""
    figure = next((element for element in chain if str(element.S) == "/Figure"), None)
    return figure or next((element for element in reversed(chain) if str(element.S) in BLOCKS), chain[-1])


def page_ends(path: Path) -> list[PageEnd]:
    """The last block of body text on every page that has one."""
    with pikepdf.open(path) as pdf:
        owners = _content_owners(pdf)
        document = pdfium.PdfDocument(str(path))
        try:
            texts = {key: text for i in range(len(document)) for key, text in _texts(document[i], i)}
        finally:
            document.close()
        last: dict[int, object] = {}
        for (page, mcid), chain in owners:
            if texts.get((page, mcid), "").strip():
                last[page] = _block(chain)
        ends = []
        for page, block in sorted(last.items()):
            text = " ".join(texts[(p, m)] for (p, m), chain in owners
                            if p == page and (p, m) in texts and _block(chain).objgen == block.objgen)
            ends.append(PageEnd(page + 1, str(block.S), " ".join(text.split())))
        return ends


def _texts(page, index: int):
    """((page index, MCID), text) of every text object of the page."""
    textpage = page.get_textpage()
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT]):
        obj.textpage = textpage
        yield (index, pdfium_c.FPDFPageObj_GetMarkedContentID(obj.raw)), obj.extract()
