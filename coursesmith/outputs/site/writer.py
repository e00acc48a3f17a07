"""Writing the public site: its pages and the files they need."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from coursesmith.diagnostics import Problems
from coursesmith.model.course import CourseView
from coursesmith.outputs.site.pages import static_files
from coursesmith.render.a11y import accessible
from coursesmith.render.environment import Page, Renderer, template_problem

if TYPE_CHECKING:
    from coursesmith.check.checked import Checked
    from coursesmith.outputs.print.jobs import Rendered


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

