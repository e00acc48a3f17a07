"""Which pages and documents a course produces, each with its template and path."""

from __future__ import annotations

from pathlib import Path

from . import outputs
from .model import CourseView
from .render import Page, find_template_file

STATIC = ["css/site.css"]
FONT_SUFFIXES = (".ttf", ".otf", ".woff", ".woff2")


def site_pages(course: CourseView) -> list[Page]:
    """Every HTML page of the public site, participant content only."""
    languages = course.course.languages
    pages = [Page("site/root.html", outputs.root_index(), languages[0], "site")]
    for lang in languages:
        pages.append(Page("site/home.html", outputs.home(lang), lang, "site"))
        pages += [Page("site/lesson.html", outputs.lesson_page(lang, lesson), lang, "site", (("lesson", lesson),))
                  for lesson in course.lessons]
        pages += [Page("site/case.html", outputs.case_page(lang, case), lang, "site", (("case", case),))
                  for case in course.cases]
        pages.append(Page("site/glossary.html", outputs.glossary_page(lang), lang, "site"))
        pages.append(Page("site/references.html", outputs.references_page(lang), lang, "site"))
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
