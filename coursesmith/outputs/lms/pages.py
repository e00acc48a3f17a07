"""The lesson pages of an LMS package and every file they use (stylesheets, fonts,
images, the lesson's PDFs), at the package's own paths.

A package mirrors the site's folders, so the site's stylesheet and the lesson
parts render unchanged:

    lessons/<lesson>.html
    handouts/<course>-<lesson>-<lang>.pdf, worksheets/<course>-<sheet>-<lang>.pdf
    assets/site.css, assets/lms.css, assets/sco.js, assets/fonts/…, assets/<images>

Only what the pages link to goes in, so nothing else of the project can.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from coursesmith.diagnostics import Problems
from coursesmith.model import layout
from coursesmith.model.course import CourseView, LessonView
from coursesmith.render.a11y import accessible
from coursesmith.render.environment import Page, Renderer, find_template_file, template_problem

MASTERY = 70
"""The quiz score (of 100) that passes a lesson; also the manifest's masteryscore."""
TEMPLATE = "lms/lesson.html"
SCO_SCRIPT = f"{layout.ASSETS}/sco.js"
LINKED = re.compile(r"""\b(?:href|src)="([^"]+)"|url\(["']?([^)"']+)["']?\)""")


@dataclass
class LessonFiles:
    page: str
    files: list[str] = field(default_factory=list)
    """Every file the page needs (itself first), package paths."""
    handout: str | None = None
    worksheets: dict[str, str] = field(default_factory=dict)
    """The PDF of each of the lesson's own worksheets that was made, by code."""


@dataclass
class PackageFiles:
    """The files of one language's package, and which belong to which lesson."""

    data: dict[str, bytes | Path] = field(default_factory=dict)
    """Each file's bytes, or the file that holds them (a PDF, read only when zipped)."""
    lessons: dict[str, LessonFiles] = field(default_factory=dict)
    below: dict[str, list[str]] = field(default_factory=dict, repr=False)
    """What each stylesheet links to (its fonts), read once for all the pages that use it."""


def lesson_page(lesson: LessonView) -> str:
    return f"lessons/{lesson.slug}.html"


def package_files(course: CourseView, lang: str, renderer: Renderer, static: dict[str, bytes],
                  pdfs: Callable[[str], Path | None], problems: Problems, *, quiz: bool) -> PackageFiles | None:
    """Render every lesson page of `course` in `lang` with `renderer` (of `course`, with
    the project's templates, and the memo of template outputs if any). `static` maps site paths of the
    stylesheet, fonts and images to the bytes the site publishes; `pdfs` gives a participant PDF's
    file by its site path, or None when PDFs were not made. None when a template
    failed (reported in `problems`)."""
    templates = renderer.search_path
    static = {**static, f"{layout.ASSETS}/lms.css": find_template_file(templates, "css/lms.css").read_bytes(),
              SCO_SCRIPT: find_template_file(templates, "lms/sco.js").read_bytes()}
    package = PackageFiles()
    for lesson in course.lessons:
        path, documents = lesson_page(lesson), _documents(lang, lesson, pdfs)
        handout = lesson.handout[lang].removeprefix(f"{lang}/")
        files = {"handout": handout if handout in documents else None,
                 "worksheets": _worksheets(lang, lesson, documents)}
        page = Page(TEMPLATE, path, lang, "site", (("lesson", lesson), ("files", files), ("quiz", quiz),
                                                   ("mastery", MASTERY)))
        try:
            html = renderer.render(page)
        except Exception as error:  # a template bug: report at the template line
            template_problem(error, problems)
            return None
        accessible(html, page, templates, problems, decorative_images=True)
        package.data[path] = html.encode("utf-8")
        package.data.update(documents)
        sheets = {code: sheet for code, sheet in files["worksheets"].items() if sheet}
        package.lessons[lesson.code] = LessonFiles(path, [path, *_linked(path, html, package, static)],
                                                   files["handout"], sheets)
    return package


def _documents(lang: str, lesson: LessonView, pdfs) -> dict[str, Path]:
    """The lesson's handout first, then its own worksheets' PDFs, those that were made;
    at the package's paths (the site's, without the language folder)."""
    paths = [lesson.handout[lang], *(by_lang[lang] for by_lang in lesson.sheet_pdf.values())]
    found = {path: pdfs(path) for path in paths}
    return {path.removeprefix(f"{lang}/"): data for path, data in found.items() if data is not None}


def _worksheets(lang: str, lesson: LessonView, documents: dict[str, Path]) -> dict[str, str]:
    """Each of the lesson's worksheets' PDF in the package, or "" (a sheet another
    lesson owns, or PDFs not made)."""
    own = {code: by_lang[lang].removeprefix(f"{lang}/") for code, by_lang in lesson.sheet_pdf.items()}
    return {s.code: own[s.code] if own.get(s.code) in documents else "" for s in lesson.worksheets}


def _linked(page: str, text: str, package: PackageFiles, static: dict[str, bytes]) -> list[str]:
    """Package paths of the files `text` (at `page`) refers to, and theirs in turn
    (the stylesheet's fonts); each file's bytes go into the package."""
    found: list[str] = []
    for match in LINKED.finditer(text):
        link = match[1] or match[2]
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or not parts.path:
            continue  # web addresses and anchors within the page
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
        if target in found or target == page:
            continue
        if target in static:
            package.data[target] = static[target]
        if target not in package.data:
            continue  # a link to a page of the site that the package does not hold
        found.append(target)
        if target.endswith(".css"):
            below = package.below.get(target)
            if below is None:  # its files go into the package the first time
                below = package.below[target] = _linked(target, package.data[target].decode("utf-8"), package, static)
            found += [f for f in below if f not in found]
    return found
