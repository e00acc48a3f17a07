"""Nothing in a bound book or a published part runs: actions that a page or the
document would trigger on its own (on opening, on showing a page) are removed.

WeasyPrint writes none; a part is input all the same. Link annotations' actions are
sorted out with the links (links.py): an address or a GoTo stays, anything else goes.
"""

from __future__ import annotations

import pikepdf

CATALOG_ACTIONS = ("/OpenAction", "/AA")


def disarm_page(page: pikepdf.Page) -> None:
    """Remove the additional actions of the page (on opening or closing it) and of its
    annotations (on the pointer entering or leaving one, …)."""
    if "/AA" in page.obj:
        del page.obj.AA
    for annot in page.obj.get("/Annots", []):
        if isinstance(annot, pikepdf.Dictionary) and "/AA" in annot:
            del annot.AA


def disarm_catalog(pdf: pikepdf.Pdf) -> None:
    """Remove the document's open action, additional actions and named scripts."""
    for key in CATALOG_ACTIONS:
        if key in pdf.Root:
            del pdf.Root[key]
    names = pdf.Root.get("/Names")
    if isinstance(names, pikepdf.Dictionary) and "/JavaScript" in names:
        del names.JavaScript
