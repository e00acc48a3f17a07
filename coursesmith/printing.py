"""Making the PDFs: a content-addressed cache in front of a pool of warm WeasyPrint workers.

A PDF's key is a hash of everything its bytes depend on: the HTML coursesmith
rendered for it (so the data and templates it uses), the files that HTML loads
(images), the print stylesheet and fonts, the versions of coursesmith and
WeasyPrint, and the rendering options. A document whose key is in the cache is
copied, not rendered; a changed template changes the HTML of exactly the
documents that use it.

Workers are started before the course is checked, so that importing WeasyPrint,
loading fonts and parsing the stylesheet overlap with the parent's own work; each
worker then renders many documents with the same set-up. This module does not
import WeasyPrint itself: only the workers (or, with one job, the first render) do.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
import shutil
import signal
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path

from . import __version__

PDF_OPTIONS = "pdf/ua-1 optimize_images"  # part of every key: change it when pdf.py's options change
FONT_SUFFIXES = (".ttf", ".otf", ".woff", ".woff2")
SOURCE_ATTRIBUTE = re.compile(r'\ssrc="([^"]+)"')


@dataclass(frozen=True)
class Rendered:
    """What rendering one PDF produced."""

    pages: int
    size: int
    warnings: list[str]


@dataclass(frozen=True)
class PdfJob:
    document: str
    """Path below the output folder, e.g. `site/id/handouts/kkmp-koal-01-id.pdf`."""
    html: str
    key: str


@dataclass(frozen=True)
class Outcome:
    document: str
    rendered: Rendered | None
    error: str | None = None
    cached: bool = False


# --- keys -------------------------------------------------------------------------


def environment_key(stylesheet: Path, search_path: list[Path]) -> str:
    """What every PDF of a build depends on besides its own HTML and images."""
    digest = hashlib.sha256()
    for part in ("coursesmith-pdf", __version__, version("weasyprint"), PDF_OPTIONS):
        digest.update(part.encode() + b"\0")
    digest.update(stylesheet.read_bytes())
    for folder in search_path:
        fonts = folder / "fonts"
        if fonts.is_dir():
            for font in sorted(p for p in fonts.iterdir() if p.suffix in FONT_SUFFIXES):
                digest.update(font.name.encode() + b"\0" + font.read_bytes())
    return digest.hexdigest()


def job_key(environment: str, html: str, root: Path) -> str:
    """The cache key of one document: the environment, its HTML and every file it loads."""
    digest = hashlib.sha256(environment.encode())
    digest.update(html.encode())
    for source in sorted(set(SOURCE_ATTRIBUTE.findall(html))):
        if source.startswith("data:"):
            continue
        path = root / source
        digest.update(source.encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    return digest.hexdigest()


# --- cache ------------------------------------------------------------------------


class PdfCache:
    """PDFs by key in a folder (`.coursesmith/cache/pdf/` by default), with their page
    count and warnings beside them."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    def _paths(self, key: str) -> tuple[Path, Path]:
        base = self.folder / "pdf" / key[:2] / key
        return base.with_suffix(".pdf"), base.with_suffix(".json")

    def get(self, key: str) -> Rendered | None:
        if self.folder is None:
            return None
        pdf, meta = self._paths(key)
        try:
            rendered = Rendered(**json.loads(meta.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None
        return rendered if pdf.is_file() and pdf.stat().st_size == rendered.size else None

    def copy_to(self, key: str, target: Path) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self._paths(key)[0], target)

    def stylesheet_warnings(self, environment: str) -> list[str] | None:
        if self.folder is None:
            return None
        try:
            return json.loads((self.folder / "pdf" / f"stylesheet-{environment}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def keep_stylesheet_warnings(self, environment: str, warnings: list[str]) -> None:
        if self.folder is None:
            return
        try:
            (self.folder / "pdf").mkdir(parents=True, exist_ok=True)
            (self.folder / "pdf" / f"stylesheet-{environment}.json").write_text(json.dumps(warnings), encoding="utf-8")
        except OSError:
            pass

    def put(self, key: str, made: Path, rendered: Rendered) -> None:
        """Store a rendered PDF; a cache that cannot be written is only a slower build."""
        if self.folder is None:
            return
        pdf, meta = self._paths(key)
        try:
            pdf.parent.mkdir(parents=True, exist_ok=True)
            temporary = pdf.with_suffix(f".{os.getpid()}.tmp")
            shutil.copyfile(made, temporary)
            os.replace(temporary, pdf)
            meta.write_text(json.dumps(asdict(rendered)), encoding="utf-8")
        except OSError:
            pass


# --- workers ----------------------------------------------------------------------

_maker = None  # the warm PdfMaker of this worker process
_maker_setup: tuple | None = None


def _start_worker(stylesheet: str, root: str, roots: list[str], in_pool: bool = True) -> None:
    global _maker, _maker_setup
    from .pdf import PdfMaker

    if in_pool:  # Ctrl-C is the parent's to handle: it stops the workers and cleans up
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    paths = [Path(r) for r in roots]
    _maker = PdfMaker(Path(stylesheet), base_url=Path(root), roots=paths, layers=paths[1:])
    _maker_setup = (stylesheet, root, tuple(roots))


def _stylesheet_warnings() -> list[str]:
    return list(_maker.stylesheet_warnings)


def _render(job: tuple[str, str, str]) -> Outcome:
    """Render one document in a worker (or in the parent, with one job)."""
    from .pdf import RefusedResource

    document, html, target = job
    try:
        return Outcome(document, _maker.write(html, Path(target)))
    except RefusedResource as error:
        return Outcome(document, None, str(error))
    except (RecursionError, MemoryError, ValueError) as error:
        return Outcome(document, None, f"{type(error).__name__}: {error}")


class Printer:
    """Renders PDF jobs with `jobs` warm processes (in this process when jobs is 1).
    `roots` are the project's root, then its template folders, overrides first."""

    def __init__(self, stylesheet: Path, root: Path, roots: list[Path], jobs: int):
        self.setup = (str(stylesheet), str(root), [str(r) for r in roots])
        self.jobs = max(1, jobs)
        self.pool = None
        self.pending = 0

    def start(self) -> None:
        """Start the workers now; they warm up while the caller does other work."""
        if self.jobs > 1 and self.pool is None:
            context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
            self.pool = context.Pool(self.jobs, initializer=_start_worker, initargs=self.setup)

    def stylesheet_warnings(self) -> Callable[[], list[str]]:
        """What WeasyPrint said while parsing the stylesheet; call the result to get it
        (with workers, asking does not wait for them to be ready)."""
        if self.pool is not None:
            return self.pool.apply_async(_stylesheet_warnings).get
        self._start_here()
        warnings = _stylesheet_warnings()
        return lambda: warnings

    def submit(self, document: str, html: str, target: Path, on_done: Callable[[Outcome], None]) -> None:
        """Render one document into `target`; `on_done` is called with the outcome when it
        is ready (from another thread when workers render). Documents start in the order
        they are submitted."""
        work = (document, html, str(target))
        if self.pool is None:
            self._start_here()
            on_done(_render(work))
            return
        self.pending += 1
        self.pool.apply_async(_render, (work,), callback=on_done,
                              error_callback=lambda error: on_done(Outcome(document, None, repr(error))))

    def join(self) -> None:
        """Wait until every submitted document is done."""
        if self.pool is not None and self.pending:
            self.pool.close()
            self.pool.join()
            self.pool = None

    def _start_here(self) -> None:
        stylesheet, root, roots = self.setup
        if _maker_setup != (stylesheet, root, tuple(roots)):
            _start_worker(*self.setup, in_pool=False)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None
