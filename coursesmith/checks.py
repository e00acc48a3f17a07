"""Checks that need more than one field: timing, answer keys, provenance, languages, local codes."""

from __future__ import annotations

from pathlib import Path

from .diagnostics import Location, Problems
from .project import LoadedProject
from .resolve import Catalog
from .schema import CaseStudy, Lesson, MultipleChoice, iter_texts
from .mdrender import AssetProblem, assets_in, raw_html_removals, resolve_asset
from .text import ANY_LANGUAGE, LANGUAGE_CODE, LocalText, Markdown
from .yamlload import Loc, SourceFile


def check_pedagogy(catalog: Catalog, problems: Problems) -> None:
    per_jp = catalog.course.item.minutes_per_jp if catalog.course else 45
    for defined in catalog.lessons.values():
        check_lesson(defined.item, defined.source, per_jp, problems)
        case = catalog.cases.get(defined.item.case_study or "")
        if case is not None:
            _check_question_clash(defined.item, case.item, defined.source, problems)
    for defined in catalog.cases.values():
        check_case(defined.item, defined.source, problems)


def check_schedule(catalog: Catalog, problems: Problems) -> None:
    """Slots are lessons or timed breaks, every lesson is taught exactly once, days end by midnight."""
    if catalog.course is None:
        return
    course, source = catalog.course.item, catalog.course.source
    if course.dates and course.dates.end < course.dates.start:
        problems.add("bad-dates", source.location(("dates", "end")), start=course.dates.start, end=course.dates.end)
    if not course.schedule:
        return
    seen: dict[str, Loc] = {}
    for d, day in enumerate(course.schedule):
        minutes = 0
        for s, slot in enumerate(day.slots):
            loc = ("schedule", d, "slots", s)
            if slot.lesson and (slot.title or slot.minutes):
                problems.add("bad-slot", source.location(loc), reason="names a lesson and also a title or minutes")
            elif not slot.lesson and not (slot.title and slot.minutes):
                problems.add("bad-slot", source.location(loc), reason="needs a lesson, or a title and minutes")
            if slot.lesson in seen:
                problems.add("scheduled-twice", source.location((*loc, "lesson")), code=slot.lesson,
                             other=source.location((*seen[slot.lesson], "lesson")))
            elif slot.lesson:
                seen[slot.lesson] = loc
            lesson = catalog.lessons.get(slot.lesson or "")
            minutes += lesson.item.jp * course.minutes_per_jp if lesson else (slot.minutes or 0)
        hours, mins = map(int, day.start.split(":"))
        if hours * 60 + mins + minutes > 24 * 60:
            problems.add("day-too-long", source.location(("schedule", d, "start")), start=day.start, minutes=minutes)
    taught = [code for agenda in course.agendas for m in agenda.modules if m in catalog.modules
              for code in catalog.modules[m].item.lessons]
    for code in taught:
        if code not in seen:
            problems.add("unscheduled-lesson", source.location(("schedule",), key=True), code=code)


def check_lesson(lesson: Lesson, source: SourceFile, per_jp: int, problems: Problems) -> None:
    total = sum(a.minutes for a in lesson.activities)
    if total != lesson.jp * per_jp:
        problems.add("minutes-mismatch", source.location(("jp",)), code=lesson.code, total=total,
                     jp=lesson.jp, per_jp=per_jp, expected=lesson.jp * per_jp)
    for field in ("indicators", "activities", "discussion_questions", "assessment", "sections"):
        _check_unique_codes(source, field, getattr(lesson, field), problems)
    for i, item in enumerate(lesson.assessment):
        if isinstance(item, MultipleChoice):
            _check_options(item, source, ("assessment", i), problems)
    for a, activity in enumerate(lesson.activities):
        _check_label(activity.illustrative, f"activity {activity.code!r}", source,
                     ("activities", a, "illustrative"), problems)
    for s, section in enumerate(lesson.sections):
        _check_label(section.illustrative, f"section {s + 1}", source, ("sections", s, "illustrative"), problems)


def check_case(case: CaseStudy, source: SourceFile, problems: Problems) -> None:
    _check_unique_codes(source, "facts", case.facts, problems)
    _check_unique_codes(source, "discussion_questions", case.discussion_questions, problems)
    for i, fact in enumerate(case.facts):
        if fact.provenance == "cited" and fact.source is None:
            problems.add("cited-without-source", source.location(("facts", i, "provenance")), code=fact.code)


def _check_options(item: MultipleChoice, source: SourceFile, loc: Loc, problems: Problems) -> None:
    keys: list[str] = []
    for o, option in enumerate(item.options):
        if option.key in keys:
            problems.add("duplicate-option", source.location((*loc, "options", o, "key")),
                         key=option.key, code=item.code)
        keys.append(option.key)
    if item.answer not in keys:
        problems.add("answer-not-option", source.location((*loc, "answer")), answer=item.answer,
                     code=item.code, options=", ".join(keys))


def _check_label(label: LocalText | None, what: str, source: SourceFile, loc: Loc, problems: Problems) -> None:
    if label is not None and not any(text.strip() for text in label.all_strings()):
        problems.add("empty-illustrative-label", source.location(loc), what=what)


def _check_unique_codes(source: SourceFile, field: str, items: list, problems: Problems) -> None:
    """Codes inside one list must differ; both places of a clash are reported."""
    seen: dict[str, int] = {}
    what = field.rstrip("s").replace("_", " ")
    for i, item in enumerate(items):
        code = getattr(item, "code", None)
        if code is None:
            continue
        if code in seen:
            first, second = source.location((field, seen[code], "code")), source.location((field, i, "code"))
            problems.add("duplicate-code", second, what=what, code=code, other=first)
            problems.add("duplicate-code", first, what=what, code=code, other=second)
        else:
            seen[code] = i


def _check_question_clash(lesson: Lesson, case: CaseStudy, source: SourceFile, problems: Problems) -> None:
    case_codes = {q.code for q in case.discussion_questions}
    for i, question in enumerate(lesson.discussion_questions):
        if question.code in case_codes:
            problems.add("duplicate-code", source.location(("discussion_questions", i, "code")),
                         what="discussion question", code=question.code,
                         other=f"case study {case.code}")


# --- languages ------------------------------------------------------------------


def check_languages(project: LoadedProject, catalog: Catalog, problems: Problems) -> None:
    """Every learner-visible text has every course language, valid codes and no empty text."""
    if catalog.course is None:
        return
    course = catalog.course.item
    languages = course.languages
    code = "missing-translation" if course.missing_translation == "error" else "missing-translation-warning"
    for loaded in project.files:
        for loc, text in iter_texts(loaded.model):
            _check_text(loaded.source, loc, text, languages, code, problems)


# Fields whose emptiness has a message of its own.
OWN_EMPTY_CHECK = {"illustrative"}


def _check_text(source: SourceFile, loc: Loc, text: LocalText, languages: list[str], code: str,
                problems: Problems) -> None:
    field = _field(loc)
    for language, value in text.values.items():
        if language != ANY_LANGUAGE and not LANGUAGE_CODE.match(language):
            problems.add("bad-language", source.location((*loc, language), key=True), key=language)
        elif not value.strip() and loc[-1] not in OWN_EMPTY_CHECK:
            where = loc if language == ANY_LANGUAGE else (*loc, language)
            problems.add("empty-text", source.location(where), field=field)
    if text.is_plain:
        return
    for language in languages:
        if language not in text.values:
            problems.add(code, source.location(loc), field=field, language=language,
                         languages=", ".join(languages), fallback=languages[0])


def _field(loc: Loc) -> str:
    names = [p for p in loc if isinstance(p, str)]
    name = names[-1] if names else "text"
    return f"item {loc[-1] + 1} of `{name}`" if isinstance(loc[-1], int) else f"`{name}`"


# --- assets ------------------------------------------------------------------------


def check_markdown(project: LoadedProject, catalog: Catalog, problems: Problems) -> list[Path]:
    """Every image a text or the course names must be a file inside the project, with alt
    text; raw HTML that sanitising removes is named. Returns the files the site needs."""
    root = project.paths.root
    used: set[Path] = set()
    for loaded in project.files:
        source = loaded.source
        for loc, text in iter_texts(loaded.model):
            if not isinstance(text, Markdown):
                continue
            for language, value in text.values.items():
                where = loc if language == ANY_LANGUAGE else (*loc, language)
                for ref in assets_in(value):
                    bang = "!" if ref.kind == "image" else ""
                    at = source.find(where, f"{bang}[{ref.alt}]({ref.target}")
                    if at == source.location(where):
                        at = source.find(where, ref.target or "![")
                    if ref.kind == "image" and not ref.alt.strip():
                        problems.add("image-without-alt", at, target=ref.target)
                    found = _asset(ref.target, ref.what, source.path.parent, root, at, problems)
                    if found:
                        used.add(found)
                for removal in raw_html_removals(value):
                    problems.add("unsafe-html", source.find(where, removal.fragment), field=_field(loc),
                                 removed=removal.what)
    if catalog.course and catalog.course.item.institution.logo:
        course = catalog.course
        found = _asset(course.item.institution.logo, "logo", course.source.path.parent, root,
                       course.source.location(("institution", "logo")), problems)
        if found:
            used.add(found)
    return sorted(used)


def _asset(target: str, what: str, folder: Path, root: Path, at: Location, problems: Problems) -> Path | None:
    try:
        return resolve_asset(target, folder, root)
    except AssetProblem as error:
        problems.add(error.code, at, what=what, target=target)
        return None
