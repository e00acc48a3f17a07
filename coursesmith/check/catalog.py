"""Resolve codes into objects: the project's catalogue, and every cross-reference checked.

After this stage every code a file mentions is known to exist, so the model
builder and the templates never meet a dangling reference.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from coursesmith.diagnostics import Location, Problems, suggest
from coursesmith.load.project import Loaded, LoadedProject
from coursesmith.load.schema import (
    Bibliography,
    CaseStudy,
    Course,
    CourseModule,
    Glossary,
    Lesson,
    Reference,
    Term,
    Worksheet,
)
from coursesmith.load.yamlfile import Loc, SourceFile

T = TypeVar("T")


@dataclass
class Defined(Generic[T]):
    """Something defined in the project, with where it was defined."""

    item: T
    source: SourceFile
    loc: Loc

    @property
    def location(self) -> Location:
        return self.source.location((*self.loc, "code"))


@dataclass
class Catalog:
    """Everything in the project that can be referred to by code."""

    project: LoadedProject
    course: Defined[Course] | None = None
    modules: dict[str, Defined[CourseModule]] = field(default_factory=dict)
    lessons: dict[str, Defined[Lesson]] = field(default_factory=dict)
    cases: dict[str, Defined[CaseStudy]] = field(default_factory=dict)
    references: dict[str, Defined[Reference]] = field(default_factory=dict)
    terms: dict[str, Defined[Term]] = field(default_factory=dict)
    worksheets: dict[str, Defined[Worksheet]] = field(default_factory=dict)


WHAT = {
    "modules": "module", "lessons": "lesson", "cases": "case study",
    "references": "bibliography entry", "terms": "glossary term", "worksheets": "worksheet",
}


def build_catalog(project: LoadedProject, problems: Problems) -> Catalog:
    """Index every definition by code, reporting codes defined twice (at both places)."""
    catalog = Catalog(project)
    for loaded in project.files:
        model, source = loaded.model, loaded.source
        if isinstance(model, Course):
            _register_course(catalog, loaded, project, problems)
        elif isinstance(model, CourseModule):
            _register(catalog.modules, "modules", Defined(model, source, ()), problems)
        elif isinstance(model, Lesson):
            _register(catalog.lessons, "lessons", Defined(model, source, ()), problems)
            for i, sheet in enumerate(model.worksheets):
                _register(catalog.worksheets, "worksheets", Defined(sheet, source, ("worksheets", i)), problems)
        elif isinstance(model, CaseStudy):
            _register(catalog.cases, "cases", Defined(model, source, ()), problems)
        elif isinstance(model, Bibliography):
            for i, entry in enumerate(model.entries):
                _register(catalog.references, "references", Defined(entry, source, ("entries", i)), problems)
        elif isinstance(model, Glossary):
            for i, term in enumerate(model.terms):
                _register(catalog.terms, "terms", Defined(term, source, ("terms", i)), problems)
    if catalog.course is None and not problems.errors:
        problems.add("no-course", Location(project.paths.course_dir), folder="course/")
    return catalog


def _register_course(catalog: Catalog, loaded: Loaded, project: LoadedProject, problems: Problems) -> None:
    source = loaded.source
    if source.path.parent.resolve() != project.paths.course_dir.resolve():
        problems.add("course-elsewhere", source.location(("kind",)))
    elif catalog.course is not None:
        problems.add("second-course", source.location(("kind",)), other=catalog.course.source.location(("kind",)))
    else:
        catalog.course = Defined(loaded.model, source, ())


def _register(table: dict, name: str, defined: Defined, problems: Problems) -> None:
    code = defined.item.code
    if code in table:
        first = table[code]
        problems.add("duplicate-code", defined.location, what=WHAT[name], code=code, other=first.location)
        problems.add("duplicate-code", first.location, what=WHAT[name], code=code, other=defined.location)
        return
    table[code] = defined


def check_references(catalog: Catalog, problems: Problems) -> None:
    """Check that every code mentioned anywhere names something that exists.
    A code that a broken file may define is not reported: that file already is."""
    problems = _Filtered(problems, catalog.project)
    if catalog.course:
        _check_course(catalog, problems)
    for defined in catalog.modules.values():
        for i, code in enumerate(defined.item.lessons):
            _expect(catalog.lessons, "lessons", code, defined.source, ("lessons", i), problems)
    for defined in catalog.lessons.values():
        _check_lesson(catalog, defined, problems)
    for defined in catalog.cases.values():
        case, source = defined.item, defined.source
        _expect(catalog.references, "references", case.source, source, ("source",), problems)
        for i, fact in enumerate(case.facts):
            if fact.source is not None:
                _expect(catalog.references, "references", fact.source, source, ("facts", i, "source"), problems)
        for q, question in enumerate(case.discussion_questions):
            if question.due:
                _expect_local(_due_targets(catalog), "lesson or schedule slot", question.due.removeprefix("before "),
                              source, ("discussion_questions", q, "due"), problems)


def check_unused(catalog: Catalog, problems: Problems) -> None:
    """Warn about a module no agenda lists, a lesson no module lists and a case study no
    lesson uses (only the first broken link of a chain is reported)."""
    if catalog.course is None:
        return
    modules = {code for agenda in catalog.course.item.agendas for code in agenda.modules}
    lessons = {code for m in catalog.modules.values() for code in m.item.lessons}
    cases = {lesson.item.case_study for lesson in catalog.lessons.values()}
    for table, used, name in ((catalog.modules, modules, "modules"), (catalog.lessons, lessons, "lessons"),
                              (catalog.cases, cases, "cases")):
        for code, defined in table.items():
            if code not in used:
                problems.add("unused-file", defined.location, what=WHAT[name], code=code)


def _check_course(catalog: Catalog, problems: Problems) -> None:
    course, source = catalog.course.item, catalog.course.source
    for a, agenda in enumerate(course.agendas):
        for m, code in enumerate(agenda.modules):
            _expect(catalog.modules, "modules", code, source, ("agendas", a, "modules", m), problems)
    for d, day in enumerate(course.schedule):
        for s, slot in enumerate(day.slots):
            if slot.lesson:
                _expect(catalog.lessons, "lessons", slot.lesson, source, ("schedule", d, "slots", s, "lesson"),
                        problems)


def _check_lesson(catalog: Catalog, defined: Defined[Lesson], problems: Problems) -> None:
    lesson, source = defined.item, defined.source
    for i, code in enumerate(lesson.references):
        _expect(catalog.references, "references", code, source, ("references", i), problems)
    for i, code in enumerate(lesson.glossary):
        _expect(catalog.terms, "terms", code, source, ("glossary", i), problems)
    case = None
    if lesson.case_study is not None:
        found = _expect(catalog.cases, "cases", lesson.case_study, source, ("case_study",), problems)
        case = found.item if found else None
    questions = {q.code: q for q in lesson.discussion_questions}
    if case is not None:
        questions.update({q.code: q for q in case.discussion_questions})
    own_sheets = {w.code for w in lesson.worksheets}
    indicators = {i.code for i in lesson.indicators}
    for a, activity in enumerate(lesson.activities):
        if activity.worksheet is not None and activity.worksheet not in own_sheets:
            _expect(catalog.worksheets, "worksheets", activity.worksheet, source,
                    ("activities", a, "worksheet"), problems)
        for q, code in enumerate(activity.discussion_questions):
            _expect_local(questions, "discussion question", code, source,
                          ("activities", a, "discussion_questions", q), problems)
    for i, item in enumerate(lesson.assessment):
        if item.indicator is not None:
            _expect_local(indicators, "indicator", item.indicator, source,
                          ("assessment", i, "indicator"), problems)
    _check_links(catalog, lesson, source, problems)
    if lesson.slides is not None:
        _check_slide_sections(lesson, source, problems)


def _check_links(catalog: Catalog, lesson: Lesson, source: SourceFile, problems: Problems) -> None:
    """Indicator codes that activities, items and worksheets name, and when tasks are due."""
    indicators = {i.code for i in lesson.indicators}
    named = [(("activities", a), x.indicators) for a, x in enumerate(lesson.activities)]
    named += [(("assessment", i), x.indicators) for i, x in enumerate(lesson.assessment)]
    named += [(("worksheets", w), x.indicators) for w, x in enumerate(lesson.worksheets)]
    for loc, codes in named:
        for n, code in enumerate(codes):
            _expect_local(indicators, "indicator", code, source, (*loc, "indicators", n), problems)
    targets = _due_targets(catalog)
    tasks = [(("activities", a, "homework", "due"), x.homework.due)
             for a, x in enumerate(lesson.activities) if x.homework]
    tasks += [(("discussion_questions", q, "due"), x.due) for q, x in enumerate(lesson.discussion_questions) if x.due]
    for loc, due in tasks:
        _expect_local(targets, "lesson or schedule slot", due.removeprefix("before "), source, loc, problems)


def _due_targets(catalog: Catalog) -> set[str]:
    """What a task can be due at: a lesson (`before KOAL-02`) or a schedule slot's code."""
    targets = set(catalog.lessons)
    if catalog.course:
        targets |= {s.code for day in catalog.course.item.schedule for s in day.slots if s.code}
    return targets


def _check_slide_sections(lesson: Lesson, source: SourceFile, problems: Problems) -> None:
    sections = {s.code for s in lesson.sections if s.code}
    for i, code in enumerate(lesson.slides.sections or []):
        _expect_local(sections, "section", code, source, ("slides", "sections", i), problems)
    for i, extra in enumerate(lesson.slides.extra):
        if extra.after is not None:
            _expect_local(sections, "section", extra.after, source, ("slides", "extra", i, "after"), problems)


class _Filtered:
    """Passes problems on, except missing references that a broken file may define."""

    def __init__(self, problems: Problems, project: LoadedProject):
        self.problems, self.project = problems, project

    def add(self, code: str, location: Location, /, **values) -> None:
        if code == "unknown-reference" and self.project.may_define(str(values["code"])):
            return
        self.problems.add(code, location, **values)


def _expect(table: dict, name: str, code: str, source: SourceFile, loc: Loc, problems: Problems):
    if code in table:
        return table[code]
    _expect_local(table, WHAT[name], code, source, loc, problems)
    return None


def _expect_local(known, what: str, code: str, source: SourceFile, loc: Loc, problems: Problems) -> None:
    if code in known:
        return
    listed = sorted(known)
    shown = ", ".join(listed[:12]) + (", …" if len(listed) > 12 else "") if listed else "none yet"
    plural = what[:-1] + "ies" if what.endswith("y") else what + "s"
    problems.add("unknown-reference", source.location(loc), what=what, code=code,
                 suggestion=suggest(code, listed), known=shown, plural=plural)
