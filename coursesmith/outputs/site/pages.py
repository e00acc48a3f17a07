"""Which pages the public site has, each with its template and path, and the files they need."""
from __future__ import annotations

from pathlib import Path

from coursesmith.model import layout
from coursesmith.model.course import CourseView
from coursesmith.render.environment import Page, find_template_file

STATIC = ["css/site.css"]


FONT_SUFFIXES = (".ttf", ".otf", ".woff", ".woff2")


def site_pages(course: CourseView) -> list[Page]:
    """Every page of the public site, participant content only. Each page knows its
    editions in the other languages (`alternates`), for the language switch."""
    languages = course.course.languages
    root = {lang: layout.root_index() for lang in languages}
    pages = [Page("site/root.html", layout.root_index(), languages[0], "site", (("alternates", root),))]

    def editions(template: str, path_of, *args, **values) -> list[Page]:
        alternates = {lang: path_of(lang, *args) for lang in languages}
        return [Page(template, alternates[lang], lang, "site", (("alternates", alternates), *values.items()))
                for lang in languages]

    pages += editions("site/home.html", layout.home)
    for lesson in course.lessons:
        pages += editions("site/lesson.html", layout.lesson_page, lesson, lesson=lesson)
    for case in course.cases:
        pages += editions("site/case.html", layout.case_page, case, case=case)
    if course.schedule:
        pages += editions("site/schedule.html", layout.schedule_page)
    for template, path_of in (("site/downloads.html", layout.downloads_page), ("site/glossary.html",
                              layout.glossary_page), ("site/references.html", layout.references_page),
                              ("site/search.html", layout.search_page)):
        pages += editions(template, path_of)
    pages.append(Page("site/404.html", layout.not_found(), languages[0], "site", (("alternates", root),)))
    if course.course.base_url:
        pages.append(Page("site/sitemap.xml", layout.sitemap(), languages[0], "site",
                          (("alternates", root), ("pages", tuple(p for p in pages if p.path.endswith(".html")
                                                                  and p.path != layout.not_found())))))
    return pages


def static_files(search_path: list[Path], assets: list[Path], root: Path) -> list[tuple[Path, str]]:
    """(source, site path) of the stylesheet, fonts and images the site needs."""
    files = [(find_template_file(search_path, name), f"{layout.ASSETS}/{Path(name).name}") for name in STATIC]
    fonts: dict[str, Path] = {}
    for folder in reversed(search_path):  # project fonts override defaults of the same name
        if (folder / "fonts").is_dir():
            fonts.update({p.name: p for p in (folder / "fonts").iterdir() if p.suffix in FONT_SUFFIXES})
    files += [(path, f"{layout.ASSETS}/fonts/{name}") for name, path in sorted(fonts.items())]
    files += [(path, layout.asset(path.relative_to(root.resolve()).as_posix())) for path in assets]
    return files



# The pages the search index reads (the search output).
SEARCHABLE = {"site/lesson.html", "site/case.html", "site/glossary.html", "site/references.html"}
