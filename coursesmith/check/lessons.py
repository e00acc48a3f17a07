"""Checks inside one lesson or case: timing, answer keys, provenance, labels, local codes."""
from __future__ import annotations

import re

from coursesmith.check.catalog import Catalog
from coursesmith.diagnostics import Problems
from coursesmith.load.schema import CaseStudy, Lesson, MultipleChoice, Reflective
from coursesmith.load.text import LocalText
from coursesmith.load.yamlfile import Loc, SourceFile


def check_pedagogy(catalog: Catalog, problems: Problems) -> None:
    per_jp = catalog.course.item.minutes_per_jp if catalog.course else 45
    for defined in catalog.lessons.values():
        check_lesson(defined.item, defined.source, per_jp, problems)
        case = catalog.cases.get(defined.item.case_study or "")
        if case is not None:
            _check_question_clash(defined.item, case.item, defined.source, problems)
    for defined in catalog.cases.values():
        check_case(defined.item, defined.source, problems)


def check_lesson(lesson: Lesson, source: SourceFile, per_jp: int, problems: Problems) -> None:
    total = sum(a.minutes for a in lesson.activities if a.type != "break")  # breaks are not JP
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
    for w, sheet in enumerate(lesson.worksheets):
        for p, prompt in enumerate(sheet.prompts):
            _check_prompt_number(prompt.text, sheet.code, p, source, ("worksheets", w, "prompts", p, "text"), problems)


OWN_NUMBER = re.compile(r"^\s*(\d{1,2}[.)])\s")
"""A prompt text that starts "5. " or "5) ", as one copied from a numbered list does."""


def _check_prompt_number(text: LocalText, code: str, index: int, source: SourceFile, loc: Loc,
                         problems: Problems) -> None:
    for written in text.all_strings():
        start = OWN_NUMBER.match(written)
        if start:
            problems.add("prompt-numbered", source.find(loc, start[1]), number=index + 1, code=code, start=start[1])
            return


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



def check_rubrics(catalog: Catalog, problems: Problems) -> None:
    """A reflective item is scored with a rubric; without one, facilitators cannot mark it
    the same way and its answer key is empty."""
    for defined in catalog.lessons.values():
        for i, item in enumerate(defined.item.assessment):
            if isinstance(item, Reflective) and not item.rubric:
                problems.add("reflective-without-rubric", defined.source.location(("assessment", i, "type")),
                             code=item.code)
