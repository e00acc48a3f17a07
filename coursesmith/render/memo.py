"""Template output kept between builds, under a key computed without rendering.

A page's key is a digest of what its template output depends on: coursesmith's code
and library versions, every file of the template search path, the project files its
texts use (images), the build's date, and what the page draws on from the course
(model/inputs.py: the course-wide model, its values, the bodies of its lessons). A
page whose key is known reads its HTML from the memo instead of rendering it; what a
build does after the template (captions, print links, the PDF cache's key) runs as
always. A page whose inputs cannot be named is always rendered. With a project's own
templates, every page draws on every lesson's body (model/inputs.py).

Entries live in an output's cache folder (`html/`), each touched when used; those
unused for pruning.KEEP_DAYS, and the oldest beyond MAX_BYTES, go when a memo opens.
"""
from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Mapping
from dataclasses import astuple
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from coursesmith import __version__
from coursesmith.fingerprint import PACKAGE, contents, files_under
from coursesmith.locations import default_templates_dir
from coursesmith.model.course import CourseView
from coursesmith.model.inputs import page_inputs
from coursesmith.pruning import CacheLimits, keep_entry, mark_used, prune

LIBRARIES = ("jinja2", "markdown-it-py", "mdit-py-plugins", "markdown", "nh3", "pygments", "pydantic", "pyyaml")
MAX_BYTES = 100 * 1000 * 1000
OUTLINE_ONLY = frozenset({
    "print/back-matter.html", "print/book-front.html", "print/module-opener.html", "print/worksheet.html",
    "site/404.html", "site/case.html", "site/downloads.html", "site/glossary.html", "site/home.html",
    "site/references.html", "site/root.html", "site/schedule.html", "site/search.html", "site/verify.html",
    "office/attendance.html", "office/certificates.html", "office/evaluation.html", "office/rbpmp.html",
    "office/rp.html",
})
"""Default templates that show of any lesson only what the course-wide part holds (its
fields and the outline of its sections), never its prose: their pages draw on no
lesson's body (tests/test_memo_outline.py holds them to it). A project's own templates
are never taken on trust."""
FONT_SUFFIXES = (".ttf", ".otf", ".woff", ".woff2")
"""Template folders' fonts: never part of a template's output."""


class HtmlMemo:
    """Template outputs by key in `folder`; `rendered` lists the pages this memo did not know."""

    def __init__(self, folder: Path, search_path: list[Path], assets: list[Path], root: Path,
                 known: dict[tuple, str] | None = None, limits: CacheLimits | None = None):
        """`known` keeps the environment's digest, by its folders, for the other memos of the same build."""
        self.folder = folder
        known = {} if known is None else known
        place = (tuple(search_path), tuple(sorted(set(assets))), root)
        if place not in known:
            known[place] = _environment_digest(search_path, assets, root)
        self.base = known[place]
        self.every_body = any(files_under(folder) for folder in search_path if folder != default_templates_dir())
        """A project's own templates may show any lesson's body on any page."""
        self.rendered: list[str] = []
        prune(folder, started=time.time(), max_bytes=MAX_BYTES, suffix=".html", companions=(), limits=limits)

    def key(self, course: CourseView, template: str, path: str, lang: str, target: str,
            values: tuple, documents: Mapping) -> str | None:
        inputs = page_inputs(course, values, self.every_body, no_body=template in OUTLINE_ONLY)
        if inputs is None:
            return None
        digest = hashlib.sha256(f"{self.base}\0{inputs}\0{template}\0{path}\0{lang}\0{target}\0".encode())
        for name, made in sorted(documents.items()):
            digest.update(f"{name}={astuple(made)!r}\0".encode())
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.html"

    def get(self, key: str) -> str | None:
        path = self._path(key)
        try:
            html = path.read_text(encoding="utf-8")
        except (OSError, ValueError):
            return None
        mark_used(path)  # what a build uses is kept when the memo is pruned
        return html

    def put(self, key: str, html: str) -> None:
        """Keep a page's output; a memo that cannot be written is only a slower build."""
        keep_entry(self._path(key), html.encode("utf-8"))


def _environment_digest(search_path: list[Path], assets: list[Path], root: Path) -> str:
    """What every template output depends on beside the course: the code, the libraries,
    the templates, the project's images and the date a build prints."""
    folders = [PACKAGE, *search_path]
    files = [(number, folder, path) for number, folder in enumerate(folders) for path in files_under(folder)
             if path.suffix not in (".pyc", *FONT_SUFFIXES)]
    files += [(len(folders), root, path) for path in sorted(set(assets))]
    return _digest(tuple((*entry, _stat(entry[2])) for entry in files), os.environ.get("SOURCE_DATE_EPOCH", ""))


@lru_cache(maxsize=16)
def _digest(files: tuple, epoch: str) -> str:
    """The environment's digest, read once per process for the same files, sizes and times
    (the outputs of a build, and a preview's builds while nothing changed, share it)."""
    digest = hashlib.sha256(f"{__version__}\0{epoch}\0".encode())
    for library in LIBRARIES:
        try:
            digest.update(f"{library}={version(library)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{library}=-\0".encode())
    # files are named by their folder's place and their path in it: a project that moves keeps its memo
    for number, folder, path, _ in files:
        name = path.relative_to(folder).as_posix() if path.is_relative_to(folder) else str(path)
        digest.update(f"{number}\0{name}\0".encode() + contents(path, folder) + b"\0")
    return digest.hexdigest()


def _stat(path: Path) -> tuple[int, int]:
    try:
        info = path.stat()
    except OSError:
        return (-1, -1)
    return (info.st_size, info.st_mtime_ns)
