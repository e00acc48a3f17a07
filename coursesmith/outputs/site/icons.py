"""The site's icons and sharing picture, made from the institution's logo.

Browsers take the logo itself as an SVG favicon; phones and link previews need PNGs.
They are drawn by the tools the build already has: WeasyPrint lays the picture out as a
one-page PDF (with the bundled fonts, fetching nothing but them), PDFium (pypdfium2)
turns that page into pixels, and Pillow writes the PNG without metadata, so the same
logo and title always give the same bytes."""

from __future__ import annotations

import base64
import hashlib
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markupsafe import escape

from coursesmith.model import layout
from coursesmith.model.course import CourseView
from coursesmith.pruning import keep_entry, mark_used
from coursesmith.render.environment import find_template_file
from coursesmith.render.svg import UnusableSvg, svg_for_site

SHARE_SIZE = layout.SHARE_IMAGE_SIZE


@dataclass(frozen=True)
class ShareCard:
    """What the sharing picture of one language says."""

    title: str
    institution: str
    program: str
    accent: str
    lang: str


CARD_FONTS = {400: "fonts/SourceSansPro-Regular.ttf", 700: "fonts/SourceSansPro-Bold.ttf"}
IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


def site_pictures(course: CourseView, search_path: list[Path], cache: Path | None) -> dict[str, bytes]:
    """Site path → bytes of the icons (when the course has a logo) and, when links to the
    site can be absolute (a base_url), the sharing picture of each language."""
    svg, logo = _logo(course)
    made: dict[str, bytes] = {}
    icons = course.icons
    if svg:
        made[icons["svg"]] = svg.encode("utf-8")
    if logo:
        size = layout.FAVICON_SIZE
        made[icons["png"]] = png(icon_page(logo, size, None), (size, size), search_path, cache)
        size = layout.TOUCH_ICON_SIZE
        made[icons["touch"]] = png(icon_page(logo, size, "#ffffff"), (size, size), search_path, cache)
    if course.course.base_url:
        fonts = {weight: find_template_file(search_path, name) for weight, name in CARD_FONTS.items()}
        for lang in course.course.languages:
            made[course.share_image[lang]] = png(share_page(_card(course, lang), logo, fonts), SHARE_SIZE,
                                                 search_path, cache)
    return made


def _logo(course: CourseView) -> tuple[str | None, str | None]:
    """The logo as sanitised SVG (if it is one) and as markup to draw it with."""
    if not course.logo:
        return None, None
    path = course.root.resolve() / course.logo
    try:
        if path.suffix.lower() == ".svg":
            svg = svg_for_site(path)
            return svg, svg
        if path.suffix.lower() in IMAGE_TYPES:
            data = base64.b64encode(path.read_bytes()).decode("ascii")
            return None, f'<img src="data:{IMAGE_TYPES[path.suffix.lower()]};base64,{data}" alt="">'
    except (UnusableSvg, OSError):
        pass
    return None, None


def _card(course: CourseView, lang: str) -> ShareCard:
    c, languages = course.course, course.course.languages
    return ShareCard(c.title.get(lang, languages), c.institution.name.get(lang, languages),
                     c.program.get(lang, languages), c.institution.accent_color, lang)


def icon_page(svg: str, size: int, background: str | None) -> str:
    """A square page of `size` px with the logo centred (an opaque, padded tile when a
    background is given: home screens show transparency as black)."""
    padding = round(size * 0.12) if background else 0
    fill = background or "transparent"
    return f"""<!DOCTYPE html><html><head><style>
@page {{ size: {size}px {size}px; margin: 0; background: {fill}; }}
html, body {{ margin: 0; }}
.logo {{ width: {size - 2 * padding}px; height: {size - 2 * padding}px; margin: {padding}px; }}
.logo svg, .logo img {{ width: 100%; height: 100%; display: block; object-fit: contain; }}
</style></head><body><div class="logo">{svg}</div></body></html>"""


def share_page(card: ShareCard, svg: str | None, fonts: dict[str, Path]) -> str:
    """The 1200 × 630 picture: the logo, the course title, the institution."""
    faces = "".join(  # each font's digest too, so that a changed font is a changed picture
        f'@font-face {{ font-family: "Card Sans"; src: url("{path.as_uri()}"); font-weight: {weight}; }}'
        f"/* {hashlib.sha256(path.read_bytes()).hexdigest()[:16]} */" for weight, path in fonts.items())
    logo = f'<div class="logo">{svg}</div>' if svg else ""
    width, height = SHARE_SIZE
    return f"""<!DOCTYPE html><html lang="{escape(card.lang)}"><head><style>
{faces}
@page {{ size: {width}px {height}px; margin: 0; background: {card.accent}; }}
body {{ margin: 0; padding: 80px 90px; height: {height - 160}px; font-family: "Card Sans", sans-serif; color: white;
  display: flex; flex-direction: column; justify-content: center; }}
.logo {{ width: 150px; height: 150px; margin-bottom: 40px; }}
.logo svg, .logo img {{ width: 100%; height: 100%; display: block; object-fit: contain; }}
.program {{ font-size: 30px; text-transform: uppercase; letter-spacing: 2px; opacity: 0.85; margin: 0 0 16px; }}
h1 {{ font-size: 64px; line-height: 1.1; font-weight: 700; margin: 0 0 24px; }}
.institution {{ font-size: 32px; margin: 0; border-top: 4px solid #e9c46a; padding-top: 20px; }}
</style></head><body>{logo}<p class="program">{escape(card.program)}</p><h1>{escape(card.title)}</h1>
<p class="institution">{escape(card.institution)}</p></body></html>"""


def png(html: str, size: tuple[int, int], search_path: list[Path], cache: Path | None = None) -> bytes:
    """The one page of `html`, `size` px, as PNG bytes; `cache` keeps them between builds."""
    key = hashlib.sha256(html.encode() + repr(size).encode() + _versions().encode()).hexdigest()[:32]
    cached = cache / f"{key}.png" if cache else None
    if cached and cached.is_file():
        mark_used(cached)  # what a build uses is kept when the cache is pruned
        return cached.read_bytes()
    made = _rasterise(html, size, tuple(search_path))
    if cached:
        keep_entry(cached, made)
    return made


@lru_cache(maxsize=16)  # the site and the LMS packages draw the same pictures in one build
def _rasterise(html: str, size: tuple[int, int], search_path: tuple[Path, ...]) -> bytes:
    import pypdfium2

    # maker imports WeasyPrint first, its own way (outputs/print/libraries.py)
    from coursesmith.outputs.print.maker import HTML, ProjectFetcher, fixed_font_timestamps, weasyprint_log

    with weasyprint_log(), fixed_font_timestamps():
        pdf = HTML(string=html, url_fetcher=ProjectFetcher(list(search_path))).write_pdf()
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        bitmap = page.render(scale=96 / 72, fill_color=(255, 255, 255, 0), may_draw_forms=False)
        image = bitmap.to_pil().convert("RGBA")
    finally:
        document.close()
    if image.size != size:
        image = image.resize(size)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _versions() -> str:
    from importlib.metadata import version

    return ",".join(version(name) for name in ("weasyprint", "pypdfium2", "pillow"))
