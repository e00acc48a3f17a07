"""Pedagogical checks inside a lesson: every indicator served and measured at its own
Bloom level, rubrics for assessed worksheets, individual evidence for individual
indicators, and group timings that fit the declared class size. All are warnings.
"""
from __future__ import annotations

import math

from coursesmith.check.alignment import IndicatorMap, Measure, lesson_map, reaches
from coursesmith.check.catalog import Catalog
from coursesmith.diagnostics import Problems
from coursesmith.load.schema import Activity, Lesson
from coursesmith.load.yamlfile import SourceFile

GROUP_OF = {"individual": 1, "pairs": 2, "threes": 3}


def check_teaching(catalog: Catalog, problems: Problems) -> None:
    class_size = catalog.course.item.class_size if catalog.course else None
    for defined in catalog.lessons.values():
        lesson, source = defined.item, defined.source
        for row in lesson_map(lesson):
            _check_indicator(row, lesson, source, problems)
        _check_worksheets(lesson, source, problems)
        for a, activity in enumerate(lesson.activities):
            # A break is no lesson time; buffer time is kept spare for whatever runs over.
            if not activity.indicators and activity.type not in ("break", "buffer"):
                problems.add("activity-without-indicator", source.location(("activities", a, "code")),
                             code=activity.code, lesson=lesson.code)
            if class_size and activity.per_group_minutes:
                _check_scaling(activity, a, class_size, source, problems)


def _check_indicator(row: IndicatorMap, lesson: Lesson, source: SourceFile, problems: Problems) -> None:
    index = lesson.indicators.index(row.indicator)
    where = source.location(("indicators", index, "code"))
    indicator = row.indicator
    if not row.evidence:
        problems.add("indicator-unmeasured", where, code=indicator.code, lesson=lesson.code)
        return
    for measure in row.evidence:
        if not reaches(measure.bloom, indicator.bloom):
            _below(measure, indicator.code, indicator.bloom, source, problems)
    if indicator.evidence == "individual" and not any(m.individual for m in row.evidence):
        problems.add("group-evidence-only", where, code=indicator.code,
                     measures=", ".join(m.code for m in row.evidence))


def _below(measure: Measure, indicator: str, needed: str, source: SourceFile, problems: Problems) -> None:
    what = "item" if measure.kind == "item" else "worksheet"
    if measure.bloom is None:
        at, actual = source.location((*measure.loc, "code")), "but states no `bloom:` level"
    else:
        at, actual = source.location((*measure.loc, "bloom")), f"only at {measure.bloom}"
    problems.add("below-indicator", at, what=what, code=measure.code, indicator=indicator,
                 needed=needed, actual=actual)


def _check_worksheets(lesson: Lesson, source: SourceFile, problems: Problems) -> None:
    for w, sheet in enumerate(lesson.worksheets):
        if sheet.assessed and not sheet.rubric:
            problems.add("worksheet-without-rubric", source.location(("worksheets", w, "assessed")),
                         code=sheet.code)


def _check_scaling(activity: Activity, a: int, class_size: int, source: SourceFile, problems: Problems) -> None:
    size = activity.group_size or GROUP_OF.get(activity.grouping)
    if size is None:
        problems.add("missing-field", source.location(("activities", a, "per_group_minutes")),
                     where=f"activity {activity.code!r}", field="group_size",
                     description="With `per_group_minutes`, coursesmith needs the number of participants "
                                 "per group to count the groups of the class.")
        return
    groups = math.ceil(class_size / size)
    needed = activity.fixed_minutes + groups * activity.per_group_minutes
    if needed > activity.minutes:
        problems.add("activity-does-not-scale", source.location(("activities", a, "minutes")),
                     code=activity.code, needed=needed, size=class_size, groups=groups, group_size=size,
                     fixed=activity.fixed_minutes, per_group=activity.per_group_minutes,
                     minutes=activity.minutes)
