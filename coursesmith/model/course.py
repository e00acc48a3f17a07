"""The resolved course: agendas → modules → lessons with their cases, references and terms.

Built from the catalogue once per audience. The participant model is made from
sources whose facilitator-only fields have been removed, so no participant
template can show them, whatever it asks for.
"""

from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from coursesmith.check.alignment import IndicatorMap, lesson_map
from coursesmith.check.catalog import Catalog, Defined
from coursesmith.diagnostics import Location
from coursesmith.load.schema import (
    FACILITATOR_ONLY,
    Activity,
    Agenda,
    CaseStudy,
    Course,
    CourseModule,
    Lesson,
    Model,
    Question,
    Reference,
    Term,
    Worksheet,
)
from coursesmith.load.markdown_blocks import blocks_removed
from coursesmith.load.text import LocalText, Markdown
from coursesmith.model import layout
from coursesmith.model.materials import Needed, checklist
from coursesmith.model.answers import seal

Audience = Literal["participant", "facilitator"]


def slug(code: str) -> str:
    return code.lower()


@dataclass(eq=False)
class SlotView:
    """One slot of a course day: a lesson or a break, with its clock times."""

    start: int
    """Minutes since midnight."""
    minutes: int
    lesson: LessonView | None = None
    title: LocalText | None = None

    @property
    def end(self) -> int:
        return self.start + self.minutes


@dataclass(eq=False)
class DayView:
    number: int
    date: dt.date | None
    slots: list[SlotView] = field(default_factory=list)

    @property
    def jp(self) -> int:
        return sum(slot.lesson.lesson.jp for slot in self.slots if slot.lesson)


@dataclass(eq=False)
class LessonView:
    lesson: Lesson
    module: ModuleView
    number: int
    case: CaseView | None
    references: list[Reference]
    terms: list[Term]
    worksheets: list[Worksheet]
    questions: dict[str, Question]
    previous: LessonView | None = None
    next: LessonView | None = None
    slot: SlotView | None = None
    """Where the schedule puts the lesson, if the course has a schedule."""
    page: dict[str, str] = field(default_factory=dict)
    """Its page in the site, by language (paths below the site folder, as all below)."""
    handout: dict[str, str] = field(default_factory=dict)
    """Its participant handout PDF, by language."""
    facilitator_pdf: dict[str, str] = field(default_factory=dict)
    """Its facilitator handout PDF, by language (below the facilitator folder)."""
    slides: dict[str, str] = field(default_factory=dict)
    """Its slides (reveal.js), by language, in the site and the facilitator folder."""
    slides_pdf: dict[str, str] = field(default_factory=dict)
    slides_handout: dict[str, str] = field(default_factory=dict)
    """Its slides as PDF, one a page and three a page with lines for notes, by language."""
    sheet_pdf: dict[str, dict[str, str]] = field(default_factory=dict)
    """The PDF of each of its own worksheets, by worksheet code, then language."""
    item_locations: dict[str, Location] = field(default_factory=dict)
    """Where each assessment item is written, by code: for outputs that must report an
    item they cannot carry."""
    sealed_answers: dict[str, str] = field(default_factory=dict)
    """The digest of each multiple-choice item's answer (answers.py), in every edition:
    what lets a participant package check a quiz without holding the key."""

    @property
    def code(self) -> str:
        return self.lesson.code

    @property
    def slug(self) -> str:
        return slug(self.lesson.code)

    @property
    def minutes(self) -> int:
        """Teaching minutes (JP × minutes per JP): breaks inside the lesson do not count."""
        return sum(a.minutes for a in self.lesson.activities if a.type != "break")

    @property
    def scheduled_minutes(self) -> int:
        """How long the lesson takes in the schedule, breaks inside it included."""
        return sum(a.minutes for a in self.lesson.activities)

    def alignment(self) -> list[IndicatorMap]:
        """Each indicator with the activities that serve it and the items and worksheets that measure it."""
        return lesson_map(self.lesson)

    def timeline(self) -> list[tuple[int, Activity]]:
        """Each activity with the minute it starts at: since midnight when the lesson is
        scheduled, otherwise counted from the lesson's start."""
        start, rows = (self.slot.start if self.slot else 0), []
        for activity in self.lesson.activities:
            rows.append((start, activity))
            start += activity.minutes
        return rows

    def worksheet(self, code: str) -> Worksheet:
        return next(w for w in self.worksheets if w.code == code)

    def materials(self, class_size: int | None, lang: str, fallback: list[str]) -> list[Needed]:
        """The facilitator's checklist of what the room needs (materials.py)."""
        return checklist(self.lesson, class_size, lang, fallback)


@dataclass(eq=False)
class ModuleView:
    module: CourseModule
    agenda: Agenda
    lessons: list[LessonView] = field(default_factory=list)

    @property
    def jp(self) -> int:
        return sum(view.lesson.jp for view in self.lessons)


@dataclass(eq=False)
class AgendaView:
    agenda: Agenda
    modules: list[ModuleView] = field(default_factory=list)

    @property
    def jp(self) -> int:
        return sum(m.jp for m in self.modules)


@dataclass(eq=False)
class CaseView:
    case: CaseStudy
    references: list[Reference]
    lessons: list[LessonView] = field(default_factory=list)
    page: dict[str, str] = field(default_factory=dict)
    """Its page in the site, by language."""

    @property
    def slug(self) -> str:
        return slug(self.case.code)


@dataclass(eq=False)
class CourseView:
    course: Course
    audience: Audience
    root: Path
    agendas: list[AgendaView] = field(default_factory=list)
    cases: list[CaseView] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    schedule: list[DayView] = field(default_factory=list)
    logo: str | None = None
    """Project-relative path of the institution's logo."""
    # Where each page and PDF of the course goes, by language (model/layout.py decides):
    home: dict[str, str] = field(default_factory=dict)
    schedule_page: dict[str, str] = field(default_factory=dict)
    downloads_page: dict[str, str] = field(default_factory=dict)
    glossary_page: dict[str, str] = field(default_factory=dict)
    references_page: dict[str, str] = field(default_factory=dict)
    search_page: dict[str, str] = field(default_factory=dict)
    reader_pdf: dict[str, str] = field(default_factory=dict)
    reader_screen_pdf: dict[str, str] = field(default_factory=dict)
    guide_pdf: dict[str, str] = field(default_factory=dict)
    """Below the facilitator folder."""
    stylesheet: str = layout.stylesheet()
    """The site's stylesheet."""
    icons: dict[str, str] = field(default_factory=dict)
    """The site's favicons and home-screen icon, made from the logo (none without one)."""
    share_image: dict[str, str] = field(default_factory=dict)
    """The picture a shared link shows, by language."""
    share_image_size: tuple[int, int] = layout.SHARE_IMAGE_SIZE

    @property
    def modules(self) -> list[ModuleView]:
        return [m for agenda in self.agendas for m in agenda.modules]

    @property
    def lessons(self) -> list[LessonView]:
        return [lesson for m in self.modules for lesson in m.lessons]

    @property
    def jp(self) -> int:
        return sum(a.jp for a in self.agendas)


def build_course(catalog: Catalog, audience: Audience, root: Path) -> CourseView:
    """Assemble the course tree for one audience from a fully checked catalogue."""
    if audience == "facilitator":
        keep = lambda m: m  # noqa: E731
    else:
        hidden = private_blocks(catalog.course.item)
        keep = lambda m: strip_facilitator(m, hidden)  # noqa: E731
    course = keep(catalog.course.item)
    view = CourseView(course, audience, root)
    if course.institution.logo:
        logo = (catalog.course.source.path.parent / course.institution.logo).resolve()
        view.logo = logo.relative_to(root.resolve()).as_posix()
    cases: dict[str, CaseView] = {}
    for agenda in course.agendas:
        agenda_view = AgendaView(agenda)
        view.agendas.append(agenda_view)
        for module_code in agenda.modules:
            module_view = ModuleView(keep(catalog.modules[module_code].item), agenda)
            agenda_view.modules.append(module_view)
            for lesson_code in module_view.module.lessons:
                defined = catalog.lessons[lesson_code]
                lesson_view = _lesson_view(keep(defined.item), module_view, catalog, cases, keep)
                _assessment_marks(lesson_view, defined, course.code)
                module_view.lessons.append(lesson_view)
    _link_lessons(view.lessons)
    view.schedule = _schedule(course, {lesson.code: lesson for lesson in view.lessons})
    view.cases = list(cases.values())
    view.references = _sorted_references(catalog, view)
    view.terms = [defined.item for defined in catalog.terms.values()]  # the whole glossary, in file order
    _place(view)
    return view


def _place(view: CourseView) -> None:
    """Give every page and PDF its path in each language, once, so that templates and
    outputs ask the model and never compute one."""
    languages, code = view.course.languages, view.course.code

    def each(path_of, *args: str) -> dict[str, str]:
        return {lang: path_of(lang, *args) for lang in languages}

    for name in ("home", "schedule_page", "downloads_page", "glossary_page", "references_page", "search_page"):
        setattr(view, name, each(getattr(layout, name)))
    view.reader_pdf, view.guide_pdf = each(layout.reader_pdf, code), each(layout.guide_pdf, code)
    view.reader_screen_pdf = each(layout.reader_screen_pdf, code)
    view.icons = layout.site_icons(view.logo) if view.logo else {}
    view.share_image = each(layout.share_image)
    for lesson in view.lessons:
        lesson.page = each(layout.lesson_page, lesson.slug)
        lesson.handout = each(layout.handout_pdf, code, lesson.slug)
        lesson.facilitator_pdf = each(layout.facilitator_pdf, code, lesson.slug)
        lesson.slides = each(layout.slides_page, lesson.slug)
        lesson.slides_pdf = each(layout.slides_pdf, code, lesson.slug)
        lesson.slides_handout = each(layout.slides_handout_pdf, code, lesson.slug)
        lesson.sheet_pdf = {sheet.code: each(layout.worksheet_pdf, code, sheet.code)
                            for sheet in lesson.lesson.worksheets}
    for case in view.cases:
        case.page = each(layout.case_page, case.slug)


def _lesson_view(lesson: Lesson, module: ModuleView, catalog: Catalog,
                 cases: dict[str, CaseView], keep) -> LessonView:
    case_view = None
    if lesson.case_study:
        if lesson.case_study not in cases:
            case = keep(catalog.cases[lesson.case_study].item)
            codes = [case.source] + [f.source for f in case.facts if f.source]
            cases[case.code] = CaseView(case, [catalog.references[c].item for c in dict.fromkeys(codes)])
        case_view = cases[lesson.case_study]
    questions = {q.code: q for q in lesson.discussion_questions}
    if case_view:
        questions.update({q.code: q for q in case_view.case.discussion_questions})
    sheets = list(lesson.worksheets)
    for activity in lesson.activities:
        code = activity.worksheet
        if code and all(w.code != code for w in sheets):
            sheets.append(keep(catalog.worksheets[code].item))
    view = LessonView(
        lesson=lesson, module=module, number=0, case=case_view,
        references=[catalog.references[c].item for c in lesson.references],
        terms=[catalog.terms[c].item for c in lesson.glossary],
        worksheets=sheets, questions=questions,
    )
    if case_view:
        case_view.lessons.append(view)
    return view


def _assessment_marks(view: LessonView, defined: Defined[Lesson], course_code: str) -> None:
    """Item locations, and answers sealed from the full source (the participant copy has none)."""
    for index, item in enumerate(defined.item.assessment):
        view.item_locations[item.code] = defined.source.location((*defined.loc, "assessment", index))
        if item.type == "multiple_choice":
            view.sealed_answers[item.code] = seal(course_code, view.code, item.code, item.answer)


def _link_lessons(lessons: list[LessonView]) -> None:
    """Number the lessons in course order and set previous/next, in one place."""
    for i, view in enumerate(lessons):
        view.number = i + 1
        view.previous = lessons[i - 1] if i else None
        view.next = lessons[i + 1] if i + 1 < len(lessons) else None


def _schedule(course: Course, lessons: dict[str, LessonView]) -> list[DayView]:
    """Clock times for every slot, and each lesson told where it sits."""
    days = []
    for number, day in enumerate(course.schedule, start=1):
        hours, minutes = map(int, day.start.split(":"))
        clock, view = hours * 60 + minutes, DayView(number, day.date)
        for slot in day.slots:
            lesson = lessons.get(slot.lesson or "")
            length = lesson.scheduled_minutes if lesson else slot.minutes or 0
            view.slots.append(SlotView(clock, length, lesson, slot.title))
            if lesson:
                lesson.slot = view.slots[-1]
            clock += length
        days.append(view)
    return days


def _sorted_references(catalog: Catalog, view: CourseView) -> list[Reference]:
    codes = {c for lesson in view.lessons for c in lesson.lesson.references}
    codes |= {r.code for case in view.cases for r in case.references}
    entries = [catalog.references[c].item for c in codes]
    return sorted(entries, key=lambda r: ((r.authors[0] if r.authors else r.title).lower(), r.year or 0, r.title))


_STRIPPED: dict[tuple[int, frozenset[str]], BaseModel] = {}
"""The participant copy of each model, while the model lives: models are frozen, and a
long-running preview builds the participant course after every save."""


def private_blocks(course: Course) -> frozenset[str]:
    """The kinds of reading block only facilitators see: `facilitator` always, `solution`
    until the course publishes solutions."""
    return frozenset({"facilitator"} if course.publish_solutions else {"facilitator", "solution"})


def strip_facilitator(model: BaseModel, blocks: frozenset[str] = frozenset({"facilitator", "solution"})) -> BaseModel:
    """A copy of `model` with every facilitator-only field emptied and every reading block
    of `blocks` cut out of its Markdown texts, at any depth."""
    key = (id(model), blocks)
    stripped = _STRIPPED.get(key)
    if stripped is None:
        stripped = _STRIPPED[key] = _stripped(model, blocks)
        weakref.finalize(model, _STRIPPED.pop, key, None)
    return stripped


def _stripped(model: BaseModel, blocks: frozenset[str]) -> BaseModel:
    updates = {}
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        if extra.get(FACILITATOR_ONLY):
            updates[name] = [] if isinstance(value, list) else None
        elif isinstance(value, Markdown):
            updates[name] = _without_blocks(value, blocks)
        elif isinstance(value, Model):
            updates[name] = _stripped(value, blocks)
        elif isinstance(value, list) and value and isinstance(value[0], Model):
            updates[name] = [_stripped(item, blocks) for item in value]
    return model.model_copy(update=updates)


def _without_blocks(text: Markdown, blocks: frozenset[str]) -> Markdown:
    values = {lang: blocks_removed(value, blocks) for lang, value in text.values.items()}
    if values == text.values:
        return text
    stripped = Markdown(values)
    stripped.origin = text.origin
    return stripped
