"""Writing the public site: its pages and the files they need."""
from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path

from coursesmith.model import layout
from coursesmith.outputs.base import BuildContext, Made
from coursesmith.outputs.site.fonts import characters, woff2_subset
from coursesmith.outputs.site.icons import site_pictures
from coursesmith.outputs.site.pages import font_faces, site_fonts, static_files
from coursesmith.render.a11y import accessible
from coursesmith.render.environment import Page, Renderer, template_problem
from coursesmith.render.svg import UnusableSvg, svg_for_site


def write_pages(pages: list[Page], context: BuildContext, pdfs: Mapping[str, Made]) -> list[Made]:
    """Render and write `pages`; `pdfs` (by path below the site) feeds the pages that show
    the PDFs' sizes. A template bug stops at the first page it breaks."""
    renderer = Renderer(context.model("participant"), context.templates, pdfs)
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
    site, course = context.stage / layout.SITE, context.model()
    faces = font_faces(context.templates)
    for source, target in static_files(context.templates, context.assets, course.root):
        (site / target).parent.mkdir(parents=True, exist_ok=True)
        if source.suffix.lower() == ".svg":
            _publish_svg(source, site / target, _svg_fonts(faces, target))
        else:
            shutil.copyfile(source, site / target)
    _write_fonts(context.templates, course.course.languages, site, context.cache)
    for path, data in site_pictures(course, context.templates, context.cache).items():
        (site / path).write_bytes(data)


def _publish_svg(source: Path, target: Path, style: str) -> None:
    """An author's SVG is published only as the allow-list lets it through (a figure
    links to it, and a browser opening it on its own would run any script in it)."""
    try:
        target.write_text(svg_for_site(source, style), encoding="utf-8", newline="\n")
    except UnusableSvg:
        pass  # never published as it is


def _svg_fonts(faces: str, target: str) -> str:
    """A style sheet that sets a published drawing's text in the site's fonts, as the
    page it is drawn in does, when the drawing is opened on its own (full size)."""
    fonts = layout.relative_url(layout.site_font(""), target)
    return faces.replace("url(fonts/", f"url({fonts}") + \
        '\ntext, tspan { font-family: "Coursesmith Sans", "Helvetica Neue", Arial, sans-serif; }'


def _write_fonts(search_path: list[Path], languages: list[str], site: Path, cache: Path | None) -> None:
    """The fonts the stylesheet names; WOFF2 ones subset to the languages' characters."""
    keep = characters(languages)
    for source, name in site_fonts(search_path):
        target = site / layout.site_font(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith(".woff2"):
            target.write_bytes(woff2_subset(source, keep, cache))
        else:
            shutil.copyfile(source, target)
