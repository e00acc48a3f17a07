"""Which pages the public site has, each with its template and path, and the files they need."""
from __future__ import annotations

import re
from pathlib import Path

from coursesmith.check.assets import FILE_KINDS, is_course_source
from coursesmith.locations import inside
from coursesmith.model import layout
from coursesmith.model.course import CourseView
from coursesmith.render.environment import Page, find_template_file

STATIC = {"css/site.css": layout.stylesheet(),  # template file → site path
          "js/search-offline.js": layout.offline_search_script()}


FONT_SUFFIXES = (".ttf", ".otf", ".woff", ".woff2")
FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
FONT_URL = re.compile(r"""url\(\s*['"]?fonts/([^'")\s/]+)['"]?\s*\)""")


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
    # Served at any address: its links are absolute when the site's own address is known.
    pages.append(Page("site/404.html", layout.not_found(), languages[0], "site",
                      (("alternates", root), ("absolute_links", True))))
    pages.append(Page("site/verify.html", layout.verify_page(), languages[0], "site", (("alternates", root),)))
    if course.course.base_url:
        pages.append(Page("site/sitemap.xml", layout.sitemap(), languages[0], "site",
                          (("alternates", root), ("pages", tuple(p for p in pages if p.path.endswith(".html")
                                                                  and p.path != layout.not_found())))))
    return pages


def publishable(path: Path, root: Path) -> bool:
    """A project file the site may carry: of a published kind and no course source."""
    relative = path.resolve().relative_to(root.resolve()).as_posix()
    return path.suffix.lower() in FILE_KINDS and not is_course_source(relative, root, root)


def static_files(search_path: list[Path], assets: list[Path], root: Path) -> list[tuple[Path, str]]:
    """(source, site path) of the stylesheet, fonts and images the site needs."""
    files = [(find_template_file(search_path, name), target) for name, target in STATIC.items()]
    # Checks refuse a link to a course source before any build; this is the last gate.
    files += [(path, layout.asset(path.relative_to(root.resolve()).as_posix())) for path in assets
              if publishable(path, root)]
    return files


def site_fonts(search_path: list[Path]) -> list[tuple[Path, str]]:
    """(source, name) of each font the site's stylesheet names. A `.woff2` it names is
    made from the font file of the same stem (the bundled fonts are TTF); any other name
    is published as it is. Project fonts override defaults of the same name."""
    fonts: dict[str, Path] = {}
    for folder in reversed(search_path):
        if (folder / "fonts").is_dir():
            fonts.update({p.name: p for p in sorted((folder / "fonts").iterdir())
                          if p.suffix in FONT_SUFFIXES and inside(p, folder)})  # a link out is never read
    by_stem = {}
    for name, path in sorted(fonts.items(), key=lambda item: item[0].endswith(".woff2")):
        by_stem.setdefault(Path(name).stem, path)  # prefer the full font to subset from
    named = dict.fromkeys(FONT_URL.findall(_stylesheet(search_path)))
    found = [(fonts.get(name) if not name.endswith(".woff2") else by_stem.get(Path(name).stem), name)
             for name in named]
    return [(source, name) for source, name in found if source is not None]


def font_faces(search_path: list[Path]) -> str:
    """The site stylesheet's @font-face rules, with their `url(fonts/…)` as written."""
    return "\n".join(FONT_FACE.findall(_stylesheet(search_path)))


def _stylesheet(search_path: list[Path]) -> str:
    return find_template_file(search_path, "css/site.css").read_text(encoding="utf-8")



# The pages the search index reads (the search output).
SEARCHABLE = {"site/lesson.html", "site/case.html", "site/glossary.html", "site/references.html"}
