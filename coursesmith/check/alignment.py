"""Constructive alignment of one lesson: for each indicator, the activities that serve it
and the assessment items and worksheets that measure it, with their Bloom levels.

Both the pedagogical checks and the facilitator guide's map read this one structure,
so what the guide shows is exactly what the checks judged.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from coursesmith.load.schema import Activity, Indicator, Lesson, Worksheet
from coursesmith.load.yamlfile import Loc

LEVELS = {"C1": 1, "C2": 2, "C3": 3, "C4": 4, "C5": 5, "C6": 6}


def reaches(level: str | None, needed: str) -> bool:
    """Whether work at Bloom `level` is evidence for an indicator at `needed`: cognitive
    levels count upwards (C5 work shows C4), affective work only for affective indicators."""
    if level is None:
        return False
    if "affective" in (level, needed):
        return level == needed
    return LEVELS[level] >= LEVELS[needed]


@dataclass(frozen=True)
class Measure:
    """An assessment item or worksheet that measures an indicator."""

    kind: Literal["item", "worksheet"]
    code: str
    bloom: str | None
    individual: bool
    scored: bool
    """An item always is; a worksheet only when it is assessed and has a rubric."""
    loc: Loc
    """Where the measure is defined in the lesson's file."""


@dataclass
class IndicatorMap:
    """One indicator with what serves and what measures it."""

    indicator: Indicator
    activities: list[Activity] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)

    @property
    def evidence(self) -> list[Measure]:
        """The measures that count: items, and assessed worksheets with a rubric."""
        return [m for m in self.measures if m.scored]

    @property
    def at_level(self) -> list[Measure]:
        """Evidence at or above the indicator's Bloom level, individual where it must be."""
        return [m for m in self.evidence if reaches(m.bloom, self.indicator.bloom)
                and (m.individual or self.indicator.evidence == "group")]

    @property
    def aligned(self) -> bool:
        return bool(self.at_level)


def lesson_map(lesson: Lesson) -> list[IndicatorMap]:
    """The lesson's indicators in order, each with its activities and measures."""
    rows = {i.code: IndicatorMap(i) for i in lesson.indicators}
    for activity in lesson.activities:
        for code in activity.indicators:
            if code in rows:
                rows[code].activities.append(activity)
    for i, item in enumerate(lesson.assessment):
        measure = Measure("item", item.code, item.bloom, True, True, ("assessment", i))
        for code in dict.fromkeys([item.indicator, *item.indicators]):
            if code in rows:
                rows[code].measures.append(measure)
    for w, sheet in enumerate(lesson.worksheets):
        measure = Measure("worksheet", sheet.code, sheet.bloom, worksheet_grouping(sheet, lesson) == "individual",
                          sheet.assessed and bool(sheet.rubric), ("worksheets", w))
        for code in sheet.indicators:
            if code in rows:
                rows[code].measures.append(measure)
    return list(rows.values())


def worksheet_grouping(sheet: Worksheet, lesson: Lesson) -> str:
    """Who fills the worksheet in: as declared, else as the first activity that uses it works."""
    if sheet.grouping:
        return sheet.grouping
    users = [a.grouping for a in lesson.activities if a.worksheet == sheet.code]
    return users[0] if users else "individual"
