"""The public course website as an output: every page but those that show the PDFs'
sizes is written at the start, while the PDFs render; those come at the finish."""
from __future__ import annotations

from coursesmith.outputs.base import BuildContext, Made, Output
from coursesmith.outputs.site.pages import site_pages
from coursesmith.outputs.site.writer import copy_static, write_pages
from coursesmith.model import layout

SHOWS_PDFS = {"site/home.html", "site/downloads.html"}


class SiteOutput(Output):
    name = "site"
    audiences = ("participant",)
    after = ("print", "slides-pdf")  # the pages that show the PDFs' sizes need the PDFs finished

    def start(self, context: BuildContext) -> None:
        self.context = context
        pages = site_pages(context.model())
        self.later = [page for page in pages if page.template in SHOWS_PDFS]
        self.made = write_pages([page for page in pages if page not in self.later], context, {})
        copy_static(context)

    def finish(self) -> list[Made]:
        prefix = layout.SITE + "/"
        pdfs = {path.removeprefix(prefix): made for path, made in self.context.made.items()
                if path.startswith(prefix) and made.kind == "pdf"}
        return self.made + write_pages(self.later, self.context, pdfs)
