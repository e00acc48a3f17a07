"""The preview's warm state: the project as last loaded, and every page of both
editions as last rendered, kept in memory and brought up to date after each save.

A refresh re-reads only the files whose content changed (the load memo), re-runs the
cross-file checks (they are cheap), and renders again only the pages whose inputs
changed. A page's inputs are summed up in a key:

- every page: the files that are not lessons (course, modules, cases, glossary,
  bibliography), the templates and labels, and the course's outline (each lesson's
  code, number, title, length, case study, worksheets and place in the schedule: what pages
  show of lessons other than their own);
- a lesson page: its own lesson file besides;
- the bibliography page (it lists what lessons cite), and every page when the
  project has templates of its own for the site (they may show anything): every
  lesson file besides.

So a save inside one lesson's text renders that lesson's pages and the bibliography
again, and leaves the other pages alone.
"""
from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from pathlib import Path

from coursesmith.check.findings import TextRecords
from coursesmith.diagnostics import BuildFailed, Diagnostic, Problems
from coursesmith.load.project import FileMemo
from coursesmith.model import layout
from coursesmith.model.course import CourseView, build_course
from coursesmith.outputs.site.output import SHOWS_PDFS
from coursesmith.outputs.site.pages import FONT_SUFFIXES, site_pages, static_files
from coursesmith.pipeline import check
from coursesmith.render.environment import Page, Renderer, template_problem
from coursesmith.stages import Made

FACILITATOR = layout.FACILITATOR + "/"
OUTLINE_ONLY = {"site/home.html", "site/downloads.html", "site/schedule.html", "site/glossary.html",
                "site/case.html", "site/root.html", "site/404.html", "site/search.html", "site/sitemap.xml"}
"""Pages that show of the lessons only what the outline holds (with the default templates)."""


@dataclass
class Snapshot:
    """What the server shows: pages by URL path (no leading slash), files to copy through,
    and the problems of the last check."""

    pages: dict[str, str] = field(default_factory=dict)
    static: dict[str, Path] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    failed: bool = False
    """The last refresh found errors: `pages` are the last good ones."""
    version: int = 0


@dataclass
class Refresh:
    """What one refresh did."""

    changed: set[str]
    rendered: int
    loaded: int
    problems_changed: bool


class Preview:
    """The project at `root`, loaded, checked and rendered in memory."""

    def __init__(self, root: Path):
        self.root = root
        self.memo = FileMemo()
        self.texts = TextRecords(None)
        """What each Markdown text holds, so a refresh examines only the texts that changed."""
        self.keys: dict[str, str] = {}
        self.snapshot = Snapshot()
        self.documents: dict[str, Made] = {}
        """Pages and size of each PDF the background build made, by path below the site."""
        self.lock = threading.Lock()
        """Held while a refresh replaces the snapshot; readers take the snapshot whole."""

    def refresh(self) -> Refresh:
        problems = Problems()
        old = self.snapshot
        try:
            pages, keys, static, rendered = self._render(problems)
        except BuildFailed:
            pages, keys, static, rendered = old.pages, self.keys, old.static, 0
        found = problems.sorted()
        failed = bool(problems.errors)
        changed = {path for path in pages.keys() | old.pages.keys() if pages.get(path) != old.pages.get(path)}
        problems_changed = found != old.problems or failed != old.failed
        if changed or problems_changed or static != old.static:
            with self.lock:
                self.keys = keys
                self.snapshot = Snapshot(pages, static, found, failed, old.version + 1)
        return Refresh(changed, rendered, self.memo.loaded, problems_changed)

    def _render(self, problems: Problems) -> tuple[dict[str, str], dict[str, str], dict[str, Path], int]:
        checked = check(self.root, problems, self.memo, self.texts)
        if problems.errors:
            raise BuildFailed(problems)
        shared = self._shared_digest(checked)
        lesson_digests = self._lesson_digests(checked)
        every_lesson = _digest(*(f"{code}={value}" for code, value in sorted(lesson_digests.items())))
        own_site_templates = (checked.project.paths.templates_dir / "site").is_dir()
        documents = dict(self.documents)
        made = _digest(*(f"{path}={m.pages},{m.size}" for path, m in sorted(documents.items())))
        pages, keys, rendered = {}, {}, 0
        for audience, prefix in (("participant", ""), ("facilitator", FACILITATOR)):
            course = build_course(checked.catalog, audience, self.root)
            renderer = Renderer(course, checked.search_path, documents)
            outline = _outline(course)
            for page in site_pages(course):
                url = prefix + page.path
                lesson = dict(page.values).get("lesson") if page.template == "site/lesson.html" else None
                if lesson is not None:
                    own = lesson_digests.get(lesson.code, "")
                elif page.template in OUTLINE_ONLY and not own_site_templates:
                    own = ""
                else:
                    own = every_lesson
                if page.template in SHOWS_PDFS:
                    own += made
                keys[url] = key = _digest(audience, page.template, page.path, page.lang, shared, outline, own)
                if self.keys.get(url) == key and url in self.snapshot.pages:
                    pages[url] = self.snapshot.pages[url]
                    continue
                pages[url] = _render_page(renderer, page, problems)
                rendered += 1
        if problems.errors:
            raise BuildFailed(problems)
        root = checked.project.paths.root
        static = {target: source for source, target in static_files(checked.search_path, checked.assets, root)}
        return pages, keys, static, rendered

    def _shared_digest(self, checked) -> str:
        lesson_files = {defined.source.path for defined in checked.catalog.lessons.values()}
        parts = [f"{path}={digest}" for path, (digest, _) in sorted(self.memo.results.items())
                 if path not in lesson_files]
        for folder in checked.search_path:  # templates, stylesheets and labels
            for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix not in FONT_SUFFIXES):
                parts.append(f"{path}={hashlib.sha256(path.read_bytes()).hexdigest()}")
        return _digest(*parts)

    def _lesson_digests(self, checked) -> dict[str, str]:
        found = {}
        for code, defined in checked.catalog.lessons.items():
            kept = self.memo.results.get(defined.source.path)
            found[code] = kept[0] if kept else _digest(str(defined.item.model_dump()))
        return found


def _render_page(renderer: Renderer, page: Page, problems: Problems) -> str:
    try:
        return renderer.render(page)
    except Exception as error:  # a template bug: reported at the template's line
        template_problem(error, problems)
        raise BuildFailed(problems) from None


def _outline(course: CourseView) -> str:
    """What pages show about lessons other than their own: code, number, title, length, slot."""
    def slot(lesson) -> tuple[int, int] | None:
        return (lesson.slot.start, lesson.slot.minutes) if lesson.slot else None

    return _digest(*(repr((lesson.code, lesson.number, lesson.lesson.title, lesson.minutes, lesson.lesson.jp,
                           slot(lesson), lesson.lesson.case_study,
                           [(sheet.code, sheet.title) for sheet in lesson.lesson.worksheets]))
                     for lesson in course.lessons))


def _digest(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    return digest.hexdigest()
