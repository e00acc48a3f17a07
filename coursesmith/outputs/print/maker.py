"""PDF rendering with WeasyPrint, confined to the course project's files.

This is the only module that imports WeasyPrint (outputs/print/libraries.py says how);
`check` and `--help` never load it.
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from coursesmith.diagnostics import display_path
from coursesmith.outputs.print.libraries import linker_cache_lookup

with linker_cache_lookup():  # no compiler runs to find Pango and the rest
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from coursesmith.outputs.print.jobs import Rendered
from coursesmith.outputs.print.hyphenation import install_for
from coursesmith.outputs.print.tagging import add_header_scope, elements_with_ids, unwrap_text_runs

MAX_RESOURCE_BYTES = 20 * 1024 * 1024
PDF_VARIANT = "pdf/ua-1"


class RefusedResource(FatalURLFetchingError):
    """A resource outside what the build may read; stops the document."""


class ProjectFetcher(URLFetcher):
    """Serves `data:` URLs and regular files inside the allowed folders, nothing else.

    Paths are resolved (symlinks followed) before the check, so a link that
    points out of the project is refused like a plain `../../etc/passwd`.
    `layers` are the template folders, overrides first: a file that a project's own
    stylesheet names but the project does not have (a font, say) comes from the
    next layer, as templates do.
    """

    def __init__(self, roots: list[Path], layers: list[Path] = ()):
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False, fail_on_errors=True)
        self.roots = [r.resolve() for r in roots]
        self.layers = [layer.resolve() for layer in layers]

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        if url.startswith("data:"):
            if len(url) > MAX_RESOURCE_BYTES * 2:
                raise RefusedResource(f"data: URL larger than {MAX_RESOURCE_BYTES} bytes")
            return super().fetch(url, headers)
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedResource(f"refused to fetch {url}: only files inside the course project are read")
        path = self._layered(Path(url2pathname(unquote(parts.path))).resolve())
        if not any(path.is_relative_to(root) for root in self.roots):
            raise RefusedResource(f"refused to read {path}: it is outside the course project")
        if not path.is_file():
            raise RefusedResource(f"cannot read {display_path(path)}: no such file")
        if path.stat().st_size > MAX_RESOURCE_BYTES:
            raise RefusedResource(f"refused to read {path}: larger than {MAX_RESOURCE_BYTES} bytes")
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), headers={})


    def _layered(self, path: Path) -> Path:
        if path.exists():
            return path
        for i, layer in enumerate(self.layers):
            if path.is_relative_to(layer):
                for later in self.layers[i + 1:]:
                    candidate = (later / path.relative_to(layer)).resolve()
                    if candidate.is_file():
                        return candidate
        return path


@dataclass
class RenderLog(logging.Handler):
    """Collects WeasyPrint's warnings and errors for the document being rendered."""

    messages: list[str] = field(default_factory=list)

    def __post_init__(self):
        logging.Handler.__init__(self, logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    __hash__ = logging.Handler.__hash__


@contextmanager
def weasyprint_log() -> Iterator[list[str]]:
    """Collect what WeasyPrint logs at WARNING or above while the block runs."""
    log = RenderLog()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(log)
    try:
        yield log.messages
    finally:
        logger.removeHandler(log)


@contextmanager
def fixed_font_timestamps() -> Iterator[None]:
    """Without HarfBuzz subsetting, WeasyPrint subsets fonts with fontTools, which stamps
    each font with the current time unless SOURCE_DATE_EPOCH is set. Set it for the
    render only, so the date never leaks into anything else (such as edition dates)."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = "0"
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


_font_folders: set[str] = set()


def _removed_at_exit(fonts: FontConfiguration) -> None:
    """WeasyPrint copies the @font-face fonts into a temporary folder that it removes when
    the configuration is collected, which does not happen when the interpreter exits
    first (and fails during its shut-down): remove it at exit too. In a pool's worker,
    which is stopped, not exited, the pool removes its scratch folder instead."""
    folder = getattr(fonts, "_folder", None)
    if folder is not None and str(folder) not in _font_folders:
        _font_folders.add(str(folder))
        atexit.register(_remove_font_folder, str(folder), weakref.ref(fonts))


def _remove_font_folder(folder: str, fonts: weakref.ref) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    alive = fonts()
    if alive is not None:  # its own clean-up, later in the shut-down, would fail: rmtree is gone by then
        alive._folder = None


class PdfMaker:
    """One warm WeasyPrint set-up: fonts and stylesheets parsed once, reused per document."""

    def __init__(self, stylesheet: Path, base_url: Path, roots: list[Path], layers: list[Path] = ()):
        self.fetcher = ProjectFetcher(roots, layers)
        self.fonts = FontConfiguration()
        self.base_url = base_url.resolve().as_uri() + "/"
        with weasyprint_log() as messages:
            self.stylesheets = [CSS(filename=str(stylesheet), font_config=self.fonts, url_fetcher=self.fetcher)]
        self.stylesheet_warnings = messages
        self.image_cache: dict = {}
        _removed_at_exit(self.fonts)

    def write(self, html: str, target: Path) -> Rendered:
        """Render `html` to `target`. Raises RefusedResource."""
        options = dict(stylesheets=self.stylesheets, pdf_variant=PDF_VARIANT, cache=self.image_cache,
                       optimize_images=True)
        install_for(html)
        with weasyprint_log() as messages, fixed_font_timestamps():
            document = HTML(string=html, base_url=self.base_url, url_fetcher=self.fetcher)
            laid_out = document.render(font_config=self.fonts, **options)  # image options act here
            elements: list[int] = []

            def finish(finished, pdf) -> None:
                add_header_scope(finished, pdf)
                unwrap_text_runs(pdf)
                elements.extend(elements_with_ids(pdf))
            data = laid_out.write_pdf(finisher=finish, **options)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        anchors: dict[str, int] = {}
        for index, laid in enumerate(laid_out.pages):
            for anchor in sorted(laid.anchors):
                anchors.setdefault(anchor, index)
        return Rendered(pages=len(laid_out.pages), size=len(data), warnings=messages, anchors=anchors,
                        elements=elements)
