"""Every file the site publishes besides its pages, by site path: the stylesheet, the
course's images (SVG drawings cleaned), the fonts (WOFF2 subsets) and the icons. The
LMS packages carry the same files."""
from __future__ import annotations

from pathlib import Path

from coursesmith.model import layout
from coursesmith.model.course import CourseView
from coursesmith.outputs.site.fonts import characters, woff2_subset
from coursesmith.outputs.site.icons import site_pictures
from coursesmith.outputs.site.pages import font_faces, site_fonts, static_files
from coursesmith.render.svg import UnusableSvg, svg_for_site


def site_static(course: CourseView, templates: list[Path], assets: list[Path],
                cache: Path | None = None) -> dict[str, bytes]:
    """Site path → bytes of each file the pages use; `cache` keeps fonts and pictures."""
    files: dict[str, bytes] = {}
    faces = font_faces(templates)
    for source, target in static_files(templates, assets, course.root):
        if source.suffix.lower() != ".svg":
            files[target] = source.read_bytes()
        elif (drawing := _cleaned_svg(source, _svg_fonts(faces, target))) is not None:
            files[target] = drawing
    files.update(_fonts(templates, course.course.languages, cache))
    files.update(site_pictures(course, templates, cache))
    return files


def _cleaned_svg(source: Path, style: str) -> bytes | None:
    """An author's SVG is published only as the allow-list lets it through (a figure
    links to it, and a browser opening it on its own would run any script in it)."""
    try:
        return svg_for_site(source, style).encode("utf-8")
    except UnusableSvg:
        return None  # never published as it is


def _svg_fonts(faces: str, target: str) -> str:
    """A style sheet that sets a published drawing's text in the site's fonts, as the
    page it is drawn in does, when the drawing is opened on its own (full size)."""
    fonts = layout.relative_url(layout.site_font(""), target)
    return faces.replace("url(fonts/", f"url({fonts}") + \
        '\ntext, tspan { font-family: "Coursesmith Sans", "Helvetica Neue", Arial, sans-serif; }'


def _fonts(templates: list[Path], languages: list[str], cache: Path | None) -> dict[str, bytes]:
    """The fonts the stylesheet names; WOFF2 ones subset to the languages' characters."""
    keep = characters(languages)
    return {layout.site_font(name): woff2_subset(source, keep, cache) if name.endswith(".woff2")
            else source.read_bytes() for source, name in site_fonts(templates)}
