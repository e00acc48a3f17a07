"""Which pages the public site has, each with its template and path, and the files they need."""
from __future__ import annotations

from pathlib import Path

from coursesmith.model import layout
from coursesmith.model.course import CourseView
from coursesmith.render.environment import Page, find_template_file

STATIC = {"css/site.css": layout.stylesheet(),  # template file → site path
          "js/search-offline.js": layout.offline_search_script()}


FONT_SUFFIXES = (".ttf", ".otf", ".woff", ".woff2")


def site_pages(course: CourseView) -> list[Page]:
    """Every page of the public site, participant content only. Each page knows its
    editions in the other languages (`alternates`), for the language switch."""
    languages = course.course.languages
    root = {lang: layout.root_index() for lang in languages}
    pages = [Page("site/root.html", layout.root_index(), languages[0], "site", (("alternates", root),))]

    def editions(template: str, alternates: dict[str, str], **values) -> list[Page]:
        return [Page(template, alternates[lang], lang, "site", (("alternates", alternates), *values.items()))
                for lang in languages]

    pages += editions("site/home.html", course.home)
    for lesson in course.lessons:
        pages += editions("site/lesson.html", lesson.page, lesson=lesson)
    for case in course.cases:
        pages += editions("site/case.html", case.page, case=case)
    if course.schedule:
        pages += editions("site/schedule.html", course.schedule_page)
    for template, alternates in (("site/downloads.html", course.downloads_page),
                                 ("site/glossary.html", course.glossary_page),
                                 ("site/references.html", course.references_page),
                                 ("site/search.html", course.search_page)):
        pages += editions(template, alternates)
    pages.append(Page("site/404.html", layout.not_found(), languages[0], "site", (("alternates", root),)))
    pages.append(Page("site/verify.html", layout.verify_page(), languages[0], "site", (("alternates", root),)))
    if course.course.base_url:
        pages.append(Page("site/sitemap.xml", layout.sitemap(), languages[0], "site",
                          (("alternates", root), ("pages", tuple(p for p in pages if p.path.endswith(".html")
                                                                  and p.path != layout.not_found())))))
    return pages


def static_files(search_path: list[Path], assets: list[Path], root: Path) -> list[tuple[Path, str]]:
    """(source, site path) of the stylesheet, fonts and images the site needs."""
    files = [(find_template_file(search_path, name), target) for name, target in STATIC.items()]
    fonts: dict[str, Path] = {}
    for folder in reversed(search_path):  # project fonts override defaults of the same name
        if (folder / "fonts").is_dir():
            fonts.update({p.name: p for p in (folder / "fonts").iterdir() if p.suffix in FONT_SUFFIXES})
    files += [(path, f"{layout.ASSETS}/fonts/{name}") for name, path in sorted(fonts.items())]
    files += [(path, layout.asset(path.relative_to(root.resolve()).as_posix())) for path in assets]
    return files



# The pages the search index reads (the search output).
SEARCHABLE = {"site/lesson.html", "site/case.html", "site/glossary.html", "site/references.html"}
