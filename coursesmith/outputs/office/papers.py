"""Which papers the office gets, in every language, each with its template and values.

The roster and the people travel only in the values of these pages: no course model
holds them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from coursesmith.load.people import teachers
from coursesmith.load.roster import Participant
from coursesmith.load.schema.office import Person
from coursesmith.outputs.office.certificates import Certificate
from coursesmith.model import layout
from coursesmith.model.course import CourseView, DayView, LessonView, ModuleView
from coursesmith.render.environment import Page, Renderer
from coursesmith.render.memo import HtmlMemo

BLANK_ROWS = 25
"""Rows of an attendance list printed without a roster, to be filled in by hand."""


@dataclass(frozen=True)
class IndicatorRow:
    """One row of a learning design: an indicator and what serves it."""

    lesson: LessonView
    indicator: object
    minutes: int | None
    """Minutes of the activities that name the indicator; None when no activity names any."""
    activity_types: tuple[str, ...]


def indicator_rows(module: ModuleView) -> list[list[IndicatorRow]]:
    """The module's indicators, one list per lesson (a lesson's topics, methods, media
    and sources are its own, so the learning design shows them once per lesson)."""
    lessons = []
    for lesson in module.lessons:
        named = any(getattr(a, "indicators", None) for a in lesson.lesson.activities)
        rows = []
        for indicator in lesson.lesson.indicators:
            serving = [a for a in lesson.lesson.activities if indicator.code in (getattr(a, "indicators", None) or [])]
            rows.append(IndicatorRow(lesson, indicator, sum(a.minutes for a in serving) if named else None,
                                     tuple(dict.fromkeys(a.type for a in serving))))
        lessons.append(rows)
    return lessons


def attendance_rows(roster: list[Participant]) -> list[Participant | None]:
    """The participants, or blank rows to fill in by hand when there is no roster."""
    return list(roster) or [None] * BLANK_ROWS


def lesson_days(course: CourseView) -> list[DayView]:
    return [day for day in course.schedule if any(slot.lesson for slot in day.slots)]


def person_slug(person: Person) -> str:
    """The person's name as a file-name part, e.g. `widyaiswara-contoh-satu`."""
    return re.sub(r"[^a-z0-9]+", "-", person.name.lower()).strip("-") or "pengajar"


def evaluated(lesson: LessonView, people: list[Person]) -> list[tuple[str, Person | None]]:
    """The facilitator evaluation forms of a session: one per person who teaches it
    (file subject `<lesson>-<person>`), or one with a line for the name when
    course/people.yaml names nobody for it."""
    return [(f"{lesson.slug}-{person_slug(person)}", person) for person in teachers(people, lesson.code)] \
        or [(lesson.slug, None)]


def day_teachers(day: DayView, people: list[Person]) -> list[tuple[str, list[Person]]]:
    """Each session of the day with who teaches it, for the attendance list."""
    return [(slot.lesson.code, teachers(people, slot.lesson.code)) for slot in day.slots if slot.lesson]


def office_pages(course: CourseView, roster: list[Participant], people: list[Person],
                 certificates: list[Certificate]) -> list[Page]:
    """Every PDF of the office, in every language."""
    code, pages = course.course.code, []
    for lang in course.course.languages:
        for module in course.modules:
            pages.append(Page("office/rbpmp.html", layout.rbpmp_pdf(lang, code, module.module.code.lower()), lang,
                              "print", (("module", module), ("rows", indicator_rows(module)))))
        for lesson in course.lessons:
            pages.append(Page("office/rp.html", layout.rp_pdf(lang, code, lesson.slug), lang, "print",
                              (("lesson", lesson), ("teachers", teachers(people, lesson.code)))))
            for subject, person in evaluated(lesson, people):
                pages.append(Page("office/evaluation.html", layout.evaluation_pdf(lang, code, subject), lang,
                                  "print", (("lesson", lesson), ("person", person),
                                            ("criteria", FACILITATOR_CRITERIA))))
        pages.append(Page("office/evaluation.html", layout.evaluation_pdf(lang, code, "penyelenggaraan"), lang,
                          "print", (("lesson", None), ("person", None), ("criteria", ORGANISATION_CRITERIA))))
        for day in lesson_days(course):
            pages.append(Page("office/attendance.html", layout.attendance_pdf(lang, code, day.number), lang, "print",
                              (("day", day), ("rows", attendance_rows(roster)),
                               ("teachers", day_teachers(day, people)))))
        for certificate in certificates:
            pages.append(Page("office/certificates.html",
                              layout.certificate_pdf(lang, code, certificate.participant.number), lang, "print",
                              (("certificates", [certificate]),)))
        if certificates:
            pages.append(Page("office/certificates.html", layout.certificates_pdf(lang, code), lang, "print",
                              (("certificates", certificates),)))
    return pages


def planned(course: CourseView, roster: list[Participant], people: list[Person], certificates: list[Certificate],
            templates: list[Path], memo: HtmlMemo | None = None) -> list[tuple[str, Page, Renderer]]:
    renderer = Renderer(course, templates, memo=memo)
    pages = office_pages(course, roster, people, certificates)
    return sorted(((f"{layout.OFFICE}/{page.path}", page, renderer) for page in pages),
                  key=lambda item: (item[1].template != "office/certificates.html", item[0]))


FACILITATOR_CRITERIA = ("mastery", "systematic", "methods", "time", "questions", "punctuality", "attitude")
"""What participants rate about a facilitator's session (labels in office labels)."""
ORGANISATION_CRITERIA = ("information", "schedule", "room", "materials", "media", "service", "meals")
"""What participants rate about the course's organisation."""
