"""Which pages and documents a course produces, each with its template and path."""

from __future__ import annotations

from pathlib import Path

from . import outputs
from .model import CourseView
from .render import Page, find_template_file

STATIC = ["css/site.css"]
FONT_SUFFIXES = (".ttf", ".otf", ".woff", ".woff2")


def site_pages(course: CourseView) -> list[Page]:
    """Every page of the public site, participant content only. Each page knows its
    editions in the other languages (`alternates`), for the language switch."""
    languages = course.course.languages
    root = {lang: outputs.root_index() for lang in languages}
    pages = [Page("site/root.html", outputs.root_index(), languages[0], "site", (("alternates", root),))]

    def editions(template: str, path_of, *args, **values) -> list[Page]:
        alternates = {lang: path_of(lang, *args) for lang in languages}
        return [Page(template, alternates[lang], lang, "site", (("alternates", alternates), *values.items()))
                for lang in languages]

    pages += editions("site/home.html", outputs.home)
    for lesson in course.lessons:
        pages += editions("site/lesson.html", outputs.lesson_page, lesson, lesson=lesson)
    for case in course.cases:
        pages += editions("site/case.html", outputs.case_page, case, case=case)
    if course.schedule:
        pages += editions("site/schedule.html", outputs.schedule_page)
    for template, path_of in (("site/downloads.html", outputs.downloads_page), ("site/glossary.html",
                              outputs.glossary_page), ("site/references.html", outputs.references_page),
                              ("site/search.html", outputs.search_page)):
        pages += editions(template, path_of)
    pages.append(Page("site/404.html", outputs.not_found(), languages[0], "site", (("alternates", root),)))
    if course.course.base_url:
        pages.append(Page("site/sitemap.xml", outputs.sitemap(), languages[0], "site",
                          (("alternates", root), ("pages", tuple(p for p in pages if p.path.endswith(".html")
                                                                  and p.path != outputs.not_found())))))
    return pages


def print_pages(course: CourseView) -> list[Page]:
    """Every PDF of one audience, in every language: per-lesson handouts, then worksheets
    and the course reader (participants) or the facilitator guide (facilitators)."""
    pages = []
    for lang in course.course.languages:
        if course.audience == "participant":
            pages += [Page("print/handout.html", outputs.handout_pdf(course, lang, lesson), lang, "print",
                           (("lesson", lesson),)) for lesson in course.lessons]
            pages += [Page("print/worksheet.html", outputs.worksheet_pdf(course, lang, sheet.code), lang, "print",
                           (("lesson", lesson), ("sheet", sheet)))
                      for lesson in course.lessons for sheet in lesson.lesson.worksheets]
            pages.append(Page("print/reader.html", outputs.reader_pdf(course, lang), lang, "print",
                              (("document", "reader"),)))
        else:
            pages += [Page("print/facilitator.html", outputs.facilitator_pdf(course, lang, lesson), lang, "print",
                           (("lesson", lesson),)) for lesson in course.lessons]
            pages.append(Page("print/guide.html", outputs.guide_pdf(course, lang), lang, "print",
                              (("document", "facilitator_guide"),)))
    return pages


def static_files(search_path: list[Path], assets: list[Path], root: Path) -> list[tuple[Path, str]]:
    """(source, site path) of the stylesheet, fonts and images the site needs."""
    files = [(find_template_file(search_path, name), f"{outputs.ASSETS}/{Path(name).name}") for name in STATIC]
    fonts: dict[str, Path] = {}
    for folder in reversed(search_path):  # project fonts override defaults of the same name
        if (folder / "fonts").is_dir():
            fonts.update({p.name: p for p in (folder / "fonts").iterdir() if p.suffix in FONT_SUFFIXES})
    files += [(path, f"{outputs.ASSETS}/fonts/{name}") for name, path in sorted(fonts.items())]
    files += [(path, outputs.asset(path.relative_to(root.resolve()).as_posix())) for path in assets]
    return files
