"""Writing the public site: its pages and the files they need."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from coursesmith.model import layout
from coursesmith.outputs.base import BuildContext, Made
from coursesmith.outputs.site.static import site_static
from coursesmith.render.a11y import accessible
from coursesmith.render.environment import Page, Renderer, template_problem


def write_pages(pages: list[Page], context: BuildContext, pdfs: Mapping[str, Made]) -> list[Made]:
    """Render and write `pages`; `pdfs` (by path below the site) feeds the pages that show
    the PDFs' sizes. A template bug stops at the first page it breaks."""
    renderer = Renderer(context.model("participant"), context.templates, pdfs, memo=context.html_memo())
    site, made = context.stage / layout.SITE, []
    for page in pages:
        try:
            html = renderer.render(page)
        except Exception as error:  # a template bug: report at the template line
            template_problem(error, context.problems)
            return made
        if page.path.endswith(".html"):
            accessible(html, page, context.templates, context.problems, decorative_images=True)
        target = site / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8", newline="\n")
        made.append(Made(f"{layout.SITE}/{page.path}", "page", size=target.stat().st_size))
    return made


def copy_static(context: BuildContext) -> None:
    """The stylesheet, images, fonts and icons the pages use."""
    site = context.stage / layout.SITE
    for path, data in site_static(context.model(), context.templates, context.assets, context.cache).items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(data)
