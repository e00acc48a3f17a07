"""The content-addressed PDF cache: keys from everything a document's bytes depend on."""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from dataclasses import asdict
from importlib.metadata import version
from pathlib import Path
from urllib.parse import unquote, urlsplit

from coursesmith import __version__
from coursesmith.locations import inside
from coursesmith.outputs.print.jobs import Rendered
from coursesmith.pruning import mark_used
from coursesmith.staging import copy_into_stage

PDF_OPTIONS = "pdf/ua-1 optimize_images anchors"  # part of every key: change it when maker.py's options change
# The code that changes a PDF's bytes after the HTML: its source is part of every key.
RENDERING_CODE = ("maker.py", "tagging.py", "hyphenation.py")


FONT_SUFFIXES = (".ttf", ".otf", ".woff", ".woff2")


SOURCE_ATTRIBUTE = re.compile(r'\ssrc="([^"]+)"')


def environment_key(stylesheet: Path, search_path: list[Path]) -> str:
    """What every PDF of a build depends on besides its own HTML and images."""
    digest = hashlib.sha256()
    for part in ("coursesmith-pdf", __version__, version("weasyprint"), PDF_OPTIONS):
        digest.update(part.encode() + b"\0")
    for name in RENDERING_CODE:
        digest.update((Path(__file__).parent / name).read_bytes())
    digest.update(stylesheet.read_bytes())
    for folder in search_path:
        fonts = folder / "fonts"
        if fonts.is_dir():
            for font in sorted(p for p in fonts.iterdir() if p.suffix in FONT_SUFFIXES and inside(p, folder)):
                digest.update(font.name.encode() + b"\0" + font.read_bytes())
    return digest.hexdigest()


def job_key(environment: str, html: str, root: Path) -> str:
    """The cache key of one document: the environment, its HTML and every file it loads.
    Only files inside the project are read: any other source (`/etc/…`, `../…`, a URL) is
    refused by the PDF fetcher, so its name alone is enough for the key."""
    digest = hashlib.sha256(environment.encode())
    digest.update(html.encode())
    for source in sorted(set(SOURCE_ATTRIBUTE.findall(html))):
        if source.startswith("data:"):
            continue
        digest.update(source.encode() + b"\0")
        digest.update(_project_file(root, source))
    return digest.hexdigest()


def _project_file(root: Path, source: str) -> bytes:
    if urlsplit(source).scheme or source.startswith(("/", "\\")):
        return b"<not read>"
    path = root / unquote(source)
    if not inside(path, root) or not path.is_file():
        return b"<not read>"
    return path.read_bytes()


class PdfCache:
    """PDFs by key in a folder (the print output's, `.coursesmith/cache/outputs/print/`
    by default), with their page count and warnings beside them."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    def _paths(self, key: str) -> tuple[Path, Path]:
        base = self.folder / key[:2] / key
        return base.with_suffix(".pdf"), base.with_suffix(".json")

    def get(self, key: str) -> Rendered | None:
        if self.folder is None:
            return None
        pdf, meta = self._paths(key)
        try:
            rendered = Rendered(**json.loads(meta.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None
        if not pdf.is_file() or pdf.stat().st_size != rendered.size:
            return None
        mark_used(pdf)  # what a build uses is kept when the cache is pruned
        return rendered

    def path(self, key: str) -> Path:
        """Where the PDF of `key` is kept (check with `get` first)."""
        return self._paths(key)[0]

    def copy_to(self, key: str, target: Path, previous: Path) -> None:
        """Put the PDF of `key` at `target`, sharing `previous` (the output being replaced
        has it there) when it holds the same bytes."""
        copy_into_stage(self._paths(key)[0], target, previous)

    def stylesheet_warnings(self, environment: str) -> list[str] | None:
        if self.folder is None:
            return None
        path = self.folder / f"stylesheet-{environment}.json"
        try:
            warnings = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        mark_used(path)
        return warnings

    def keep_stylesheet_warnings(self, environment: str, warnings: list[str]) -> None:
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / f"stylesheet-{environment}.json").write_text(json.dumps(warnings), encoding="utf-8")
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

