"""Which PDFs a course produces for one audience: the parts each is laid out as, and the
books (the course reader, its screen edition, the facilitator guide) bound from them.

Each lesson is laid out once per audience and language: its handout is its chapter in
the reader, its facilitator handout its chapter in the guide. Every part is numbered on
its own ("2–1" …, the front matter i, ii …), so the contents know every label before
anything is laid out.
"""
from __future__ import annotations

from dataclasses import dataclass

from coursesmith.model.course import CourseView
from coursesmith.render.environment import Page

GLOSSARY_PREFIX, BIBLIOGRAPHY_PREFIX = "A–", "B–"


@dataclass(frozen=True)
class PartPlan:
    """One laid-out PDF: published alone (`published`, a handout), bound into books, or both."""

    name: str
    """Unique in the build: the published path, or `parts/…` for a part only books show."""
    page: Page
    title: str
    """Its bookmark in a book."""
    label_prefix: str
    label_style: str
    """"D" decimal, "r" lower roman, "" the prefix alone (binder's Part.label_style)."""
    published: str | None = None
    keep_outline: bool = True

    def label(self, index: int) -> str:
        """The label of the part's page `index` (0-based)."""
        if self.label_style == "D":
            return f"{self.label_prefix}{index + 1}"
        if self.label_style == "r":
            return f"{self.label_prefix}{roman(index + 1)}"
        return self.label_prefix


@dataclass(frozen=True)
class BookPlan:
    path: str
    parts: tuple[str, ...]
    """Names of its parts, in order."""
    title: str
    subject: str
    print_edition: bool


@dataclass(frozen=True)
class PrintPlan:
    parts: list[PartPlan]
    books: list[BookPlan]


def roman(number: int) -> str:
    numerals = (("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90), ("l", 50),
                ("xl", 40), ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))
    out = ""
    for letters, value in numerals:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _numbered(prefix: str, style: str) -> tuple[tuple[str, str], ...]:
    return (("page_prefix", prefix), ("page_style", style))


def print_plan(course: CourseView, labels: dict[str, dict]) -> PrintPlan:
    """Every part and book of one audience, in every language (`labels` by language, for
    the books' titles)."""
    plan = PrintPlan([], [])
    for lang in course.course.languages:
        _language_plan(course, lang, labels[lang], plan)
    return plan


def _language_plan(course: CourseView, lang: str, labels: dict, plan: PrintPlan) -> None:
    participant = course.audience == "participant"
    title = course.course.title.get(lang, course.course.languages)
    folder = "parts/participant" if participant else "parts/facilitator"
    lessons = {}
    for lesson in course.lessons:
        template, path = ("print/handout.html", lesson.handout[lang]) if participant else \
            ("print/facilitator.html", lesson.facilitator_pdf[lang])
        values = (("lesson", lesson), *_numbered(f"{lesson.number}–", "D"))
        part = PartPlan(path, Page(template, path, lang, "print", values),
                        f"{lesson.code} · {lesson.lesson.title.get(lang, course.course.languages)}",
                        f"{lesson.number}–", "D", published=path)
        plan.parts.append(part)
        lessons[lesson.code] = part.name
        if participant:
            plan.parts.extend(PartPlan(lesson.sheet_pdf[sheet.code][lang],
                                    Page("print/worksheet.html", lesson.sheet_pdf[sheet.code][lang], lang, "print",
                                         (("lesson", lesson), ("sheet", sheet))),
                                    sheet.code, "", "D", published=lesson.sheet_pdf[sheet.code][lang])
                           for sheet in lesson.lesson.worksheets)
    body = []
    for module in course.modules:
        code = module.module.code
        name = f"{folder}/{lang}/module-{code.lower()}.pdf"
        plan.parts.append(PartPlan(name, Page("print/module-opener.html", name, lang, "print",
                                              (("module", module), *_numbered(code, ""))),
                                   f"{code} · {module.module.title.get(lang, course.course.languages)}", code, "",
                                   keep_outline=False))
        body += [name, *(lessons[lesson.code] for lesson in module.lessons)]
    if participant:
        for prefix, key in ((GLOSSARY_PREFIX, "glossary"), (BIBLIOGRAPHY_PREFIX, "references")):
            name = f"{folder}/{lang}/{key}.pdf"
            values = (("matter", key), *_numbered(prefix, "D"))
            plan.parts.append(PartPlan(name, Page("print/back-matter.html", name, lang, "print", values),
                                       labels[key], prefix, "D", keep_outline=False))
            body.append(name)
        editions = ((course.reader_pdf[lang], False, True), (course.reader_screen_pdf[lang], True, False))
        document = "reader"
    else:
        editions = ((course.guide_pdf[lang], False, False),)  # as before: no blank pages in the guide
        document = "facilitator_guide"
    for path, screen, print_edition in editions:
        name = f"{folder}/{lang}/front{'-screen' if screen else ''}.pdf"
        values = (("document", document), ("screen", screen), *_numbered("", "r"))
        plan.parts.append(PartPlan(name, Page("print/book-front.html", name, lang, "print", values),
                                   title, "", "r"))
        plan.books.append(BookPlan(path, (name, *body), f"{title} — {labels[document]}",
                                   f"{labels[document]}: {course.course.program.get(lang, course.course.languages)}",
                                   print_edition))
