"""Writing the public site: its pages, the files they need, and the search index.

Most pages are written while the PDFs are still rendering; the few that show the
PDFs' page counts and sizes (the home page and the downloads page) wait for them.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from .diagnostics import Problems
from .documents import site_pages, static_files
from .model import CourseView
from .pdfs import accessible
from .render import Page, Renderer, template_problem

if TYPE_CHECKING:
    from .pipeline import Checked
    from .printing import Rendered

SEARCHABLE = {"site/lesson.html", "site/case.html", "site/glossary.html", "site/references.html"}
SHOWS_PDFS = {"site/home.html", "site/downloads.html"}


def pages_in_order(course: CourseView) -> tuple[list[Page], list[Page], list[Page]]:
    """The site's pages in three groups: the searchable ones (written first, so that
    indexing can start), the others, and those that show the PDFs' sizes (last)."""
    pages = site_pages(course)
    searchable = [p for p in pages if p.template in SEARCHABLE]
    later = [p for p in pages if p.template in SHOWS_PDFS]
    return searchable, [p for p in pages if p not in searchable and p not in later], later


def write_pages(pages: list[Page], course: CourseView, checked: Checked, site: Path,
                pdfs: dict[str, Rendered], problems: Problems) -> int:
    """Render and write `pages`; `pdfs` (by path below the site) feeds the downloads page."""
    renderer = Renderer(course, checked.search_path, pdfs, checked.compiled)
    for page in pages:
        try:
            html = renderer.render(page)
        except Exception as error:  # a template bug: report at the template line
            template_problem(error, problems)
            return 0
        if page.path.endswith(".html"):
            accessible(html, page, checked.search_path, problems, decorative_images=True)
        target = site / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8", newline="\n")
    return len(pages)


def copy_static(checked: Checked, site: Path) -> None:
    """The stylesheet, fonts and images the pages use."""
    for source, target in static_files(checked.search_path, checked.assets, checked.project.paths.root):
        (site / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, site / target)
