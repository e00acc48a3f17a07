"""Which PDFs a course produces for one audience, each with its template and path."""
from __future__ import annotations

from coursesmith.model.course import CourseView
from coursesmith.render.environment import Page


def print_pages(course: CourseView) -> list[Page]:
    """Every PDF of one audience, in every language: per-lesson handouts, then worksheets
    and the course reader (participants) or the facilitator guide (facilitators)."""
    pages = []
    for lang in course.course.languages:
        if course.audience == "participant":
            pages += [Page("print/handout.html", lesson.handout[lang], lang, "print", (("lesson", lesson),))
                      for lesson in course.lessons]
            pages += [Page("print/worksheet.html", lesson.sheet_pdf[sheet.code][lang], lang, "print",
                           (("lesson", lesson), ("sheet", sheet)))
                      for lesson in course.lessons for sheet in lesson.lesson.worksheets]
            pages.append(Page("print/reader.html", course.reader_pdf[lang], lang, "print",
                              (("document", "reader"), ("screen", False))))
            # the same book without the blank left-hand pages that keep openings on the right
            pages.append(Page("print/reader.html", course.reader_screen_pdf[lang], lang, "print",
                              (("document", "reader"), ("screen", True))))
        else:
            pages += [Page("print/facilitator.html", lesson.facilitator_pdf[lang], lang, "print", (("lesson", lesson),))
                      for lesson in course.lessons]
            pages.append(Page("print/guide.html", course.guide_pdf[lang], lang, "print",
                              (("document", "facilitator_guide"),)))
    return pages
