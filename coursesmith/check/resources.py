"""One policy for every file the build publishes or loads: what an author's URLs may
name, and what an image or a stylesheet may hold.

Checked once, at check time, so that a refused file is reported where it is and
where it is used, and never reaches the site or a PDF.

- Links may use `https:`, `http:` or `mailto:`; images and linked files are paths
  inside the project. `javascript:`, `data:`, `file:`, `vbscript:` and every other
  scheme are errors at the line that writes them.
- An SVG with a script, an event handler, HTML, a web font or a reference to another
  file or the web is refused (svg.py says what is found).
- Raster images must open as PNG, JPEG, GIF or WebP; a very large one is a warning.
- The project's own stylesheets may load only files of the project (css.py finds
  every `@import` and `url()`).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from coursesmith.check.css import is_fragment, is_inline_image, urls_in_stylesheet
from coursesmith.check.svg import svg_findings
from coursesmith.diagnostics import Location, Problems
from coursesmith.locations import default_templates_dir, inside

LINK_SCHEMES = ("https", "http", "mailto")
RASTER_FORMATS = ("PNG", "JPEG", "GIF", "WEBP")
MAX_IMAGE_BYTES = 1024 * 1024
# An A4 page is 2480 × 3508 pixels at 300 dpi: more than that is never needed in print.
MAX_IMAGE_PIXELS = (2480, 3508)
# A linked file a browser would run or render as a page of the site.
ACTIVE_SUFFIXES = {".html", ".htm", ".xhtml", ".xht", ".shtml", ".js", ".mjs", ".xml", ".xsl", ".xslt",
                   ".swf", ".svgz", ".php", ".phtml"}


@dataclass(frozen=True)
class Use:
    """A place where a project file is used: the line, and what it is used as."""

    at: Location
    what: str  # "image", "linked file", "logo"
    target: str


def scheme_of(url: str) -> str:
    """The scheme of a URL as a browser reads it (control characters and spaces ignored)."""
    cleaned = "".join(c for c in url if c > " ").lower()
    return urlsplit(cleaned).scheme if ":" in cleaned else ""


def link_scheme_refused(url: str) -> str | None:
    """The scheme of a link that may not be published, or None when it may."""
    scheme = scheme_of(url)
    return scheme if scheme and scheme not in LINK_SCHEMES else None


def asset_scheme_refused(url: str) -> str | None:
    """An image or file path has no scheme; http(s) is reported as remote elsewhere."""
    scheme = scheme_of(url)
    return scheme if scheme and scheme not in ("http", "https") else None


def check_url(url: str, what: str, at: Location, problems: Problems, *, link: bool = True) -> bool:
    """Report a refused scheme at `at`; False when it was refused."""
    refused = link_scheme_refused(url) if link else asset_scheme_refused(url)
    if refused:
        problems.add("url-scheme", at, what=what, url=_short(url), scheme=refused)
    return refused is None


# --- files used by the site and the PDFs -------------------------------------------


def check_published(uses: dict[Path, list[Use]], problems: Problems) -> None:
    """Check every image and linked file once, and report what is refused at the file
    itself and at each line that uses it."""
    for path in sorted(uses):
        reasons = _file_reasons(path, problems)
        for use in uses[path]:
            if reasons:
                problems.add("asset-unsafe", use.at, what=use.what, target=use.target, reason=reasons[0])
            elif use.what != "linked file" and path.suffix.lower() != ".svg":
                _check_raster(path, use, problems)


def _file_reasons(path: Path, problems: Problems) -> list[str]:
    suffix = path.suffix.lower()
    if suffix == ".svg":
        try:
            findings = svg_findings(path)
        except OSError as error:
            problems.add("file-unreadable", Location(path), reason=error.strerror or str(error))
            return ["it cannot be read"]
        for finding in findings:
            problems.add("svg-unsafe", Location(path, finding.line, finding.column), found=finding.what)
        return [f"it has {findings[0].what} (line {findings[0].line})"] if findings else []
    if suffix in ACTIVE_SUFFIXES:
        return [f"a browser would run a `{suffix}` file as part of the site"]
    return []


def _check_raster(path: Path, use: Use, problems: Problems) -> None:
    from PIL import Image  # only projects with raster images pay for the import

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=RASTER_FORMATS) as image:
                width, height = image.size
    except Image.UnidentifiedImageError:
        problems.add("image-unreadable", use.at, what=use.what, target=use.target,
                     reason="it is not a PNG, JPEG, GIF or WebP image")
        return
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        problems.add("image-unreadable", use.at, what=use.what, target=use.target,
                     reason="it has too many pixels to open safely")
        return
    except (OSError, ValueError, SyntaxError) as error:
        problems.add("image-unreadable", use.at, what=use.what, target=use.target, reason=_reason(error))
        return
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES or width > MAX_IMAGE_PIXELS[0] or height > MAX_IMAGE_PIXELS[1]:
        problems.add("image-large", use.at, what=use.what, target=use.target, width=width, height=height,
                     size=_size(size))


def _size(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{max(1, round(size / 1024))} KB"


def _reason(error: Exception) -> str:
    text = str(error).split(" (")[0] or type(error).__name__
    return text.replace(str(Path.cwd()) + "/", "")


# --- the project's own stylesheets ---------------------------------------------------


def check_stylesheets(templates: Path, search_path: list[Path], root: Path, problems: Problems) -> None:
    """Every `@import` and `url()` of the project's own stylesheets must name a file of the
    project (or an inline image); reported at the stylesheet's line and column."""
    if not templates.is_dir():
        return
    for stylesheet in sorted(templates.rglob("*.css")):
        if not stylesheet.is_file() or not inside(stylesheet, root):
            continue  # a link out is reported where it is (load/project.py)
        if _bundled_copy(stylesheet, templates):
            continue  # byte for byte what coursesmith ships (e.g. reveal.js's own icons)
        try:
            text = stylesheet.read_text(encoding="utf-8")
            urls = list(urls_in_stylesheet(text))
        except (OSError, UnicodeDecodeError) as error:
            problems.add("file-unreadable", Location(stylesheet), reason=_reason(error))
            continue
        except RecursionError:
            problems.add("css-unsafe", Location(stylesheet), found="this stylesheet",
                         reason="its rules are nested too deeply to read")
            continue
        for url in urls:
            reason = _css_refusal(url.url, stylesheet, search_path, root)
            if reason:
                problems.add("css-unsafe", Location(stylesheet, url.line, url.column),
                             found=f"{url.rule} of {_short(url.url)!r}", reason=reason)


def _bundled_copy(stylesheet: Path, templates: Path) -> bool:
    """Whether a stylesheet is an unchanged copy of the bundled one at the same place: the
    vendored reveal.css inlines SVG icons, which a project's own stylesheet may not."""
    bundled = default_templates_dir() / stylesheet.relative_to(templates)
    try:
        return bundled.is_file() and bundled.read_bytes() == stylesheet.read_bytes()
    except OSError:
        return False


def _css_refusal(url: str, stylesheet: Path, search_path: list[Path], root: Path) -> str | None:
    if is_fragment(url) or is_inline_image(url):
        return None
    parts = urlsplit(url.strip())
    if not url.strip():
        return "it names no file"
    if scheme_of(url) or parts.netloc or PurePosixPath(parts.path).is_absolute():
        return "it is a remote or absolute address"
    target = (stylesheet.parent / unquote(parts.path)).resolve()
    allowed = [root.resolve(), *(folder.resolve() for folder in search_path)]
    if not any(target.is_relative_to(folder) for folder in allowed):
        return "it is outside the course project"
    return None


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"
