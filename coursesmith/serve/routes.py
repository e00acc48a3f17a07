"""What the preview answers for each URL path: the same paths as output/site/, and the
facilitator edition below /facilitator/ (on loopback only)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coursesmith.model import layout
from coursesmith.serve.http import Answer, file_answer, inside, page_path
from coursesmith.serve.overlay import badge_html, band_html, decorate, problems_html, problems_page
from coursesmith.serve.preview import FACILITATOR, Preview

HTML = "text/html; charset=utf-8"


@dataclass
class PdfStatus:
    text: str = "PDF preview off (--no-pdf)"
    busy: bool = False


@dataclass
class Routes:
    preview: Preview
    built: Path
    """The output folder of the background build (PDFs, the search index)."""
    loopback: bool
    status: PdfStatus = field(default_factory=PdfStatus)

    def __call__(self, url_path: str) -> Answer:
        path = page_path(url_path)
        if path is None or path.split("/")[0].startswith("_") or (path.startswith(FACILITATOR) and not self.loopback):
            return self.not_found()
        snapshot = self.preview.snapshot
        if not snapshot.pages and path.endswith(".html"):
            return Answer(200, problems_page(snapshot.problems, path, snapshot.version).encode(), HTML)
        if path in snapshot.pages:
            return Answer(200, self.page(path).encode(), HTML)
        found = self.file(path)
        if found is None and path.startswith(FACILITATOR):
            found = self.file(path.removeprefix(FACILITATOR), facilitator=False)
        return file_answer(found) if found is not None else self.not_found(path)

    def file(self, path: str, facilitator: bool | None = None) -> Path | None:
        """A file the pages use: from the sources (stylesheet, fonts, images), else made by
        the background build (PDFs, search index)."""
        snapshot = self.preview.snapshot
        if facilitator is None:
            facilitator = path.startswith(FACILITATOR)
        if facilitator:
            return inside(self.built / layout.FACILITATOR, path.removeprefix(FACILITATOR))
        source = snapshot.static.get(path)
        if source is not None and source.is_file():
            return source
        return inside(self.built / layout.SITE, path)

    def page(self, path: str, shown_as: str | None = None) -> str:
        """The page at `path` with the preview's additions; its script watches `shown_as`
        (the path asked for, when a missing page is answered with the 404 page)."""
        snapshot = self.preview.snapshot
        additions = problems_html(snapshot.problems, stale=snapshot.failed)
        additions += badge_html(self.status.text, self.status.busy)
        if path.startswith(FACILITATOR):
            additions = band_html(self.facilitator_pdfs()) + additions
        return decorate(snapshot.pages[path], shown_as or path, snapshot.version, additions)

    def facilitator_pdfs(self) -> list[tuple[str, str]]:
        folder = self.built / layout.FACILITATOR
        if not folder.is_dir():
            return []
        pdfs = sorted(folder.rglob("*.pdf"))
        return [(f"{FACILITATOR}{pdf.relative_to(folder).as_posix()}", pdf.name) for pdf in pdfs]

    def not_found(self, asked: str | None = None) -> Answer:
        """The site's 404 page; it reloads when the page asked for appears (a new lesson)."""
        snapshot = self.preview.snapshot
        if layout.not_found() in snapshot.pages:
            return Answer(404, self.page(layout.not_found(), asked).encode(), HTML)
        return Answer(404, b"not found", "text/plain; charset=utf-8")
