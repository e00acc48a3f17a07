"""Checks of the schedule as participants live it: breaks in long runs of lesson time,
and time to do homework and preparation before they are due.

The schedule is read as one flat sequence of entries: every activity of every
scheduled lesson and every other slot, in order. A block is lesson time between two
breaks (a `break` slot or a `break` activity); other slots such as the opening
neither add to it nor end it. Homework time is the `study` slots between the moment
a task is set and the moment it is due: breaks, lessons and nights give none.
"""
from __future__ import annotations

from dataclasses import dataclass

from coursesmith.check.catalog import Catalog
from coursesmith.diagnostics import Location, Problems
from coursesmith.load.schema import Course


@dataclass(frozen=True)
class Entry:
    day: int
    start: int
    """Minutes since midnight."""
    minutes: int
    kind: str
    """`lesson` (an activity), `break`, `study` or `other`."""
    lesson: str | None
    code: str | None
    """The slot's code, for slots that are not lessons."""
    location: Location


def schedule_entries(catalog: Catalog) -> list[Entry]:
    course, source = catalog.course.item, catalog.course.source
    entries: list[Entry] = []
    for d, day in enumerate(course.schedule):
        hours, mins = map(int, day.start.split(":"))
        clock = hours * 60 + mins
        for s, slot in enumerate(day.slots):
            at = source.location(("schedule", d, "slots", s))
            lesson = catalog.lessons.get(slot.lesson or "")
            if lesson is None:
                kind = slot.type or "other"
                entries.append(Entry(d, clock, slot.minutes or 0, kind, None, slot.code, at))
                clock += slot.minutes or 0
                continue
            for activity in lesson.item.activities:
                kind = "break" if activity.type == "break" else "lesson"
                entries.append(Entry(d, clock, activity.minutes, kind, slot.lesson, None, at))
                clock += activity.minutes
    return entries


def check_timing(catalog: Catalog, problems: Problems) -> None:
    if catalog.course is None or not catalog.course.item.schedule:
        return
    entries = schedule_entries(catalog)
    _check_blocks(entries, catalog.course.item, problems)
    _check_tasks(entries, catalog, problems)


def _check_blocks(entries: list[Entry], course: Course, problems: Problems) -> None:
    limit, block, first = course.max_block_minutes, 0, None
    for i, entry in enumerate(entries + [None]):
        ends = entry is None or entry.kind == "break" or (i and entries[i - 1].day != entry.day)
        if ends and block > limit:
            problems.add("block-too-long", first.location, minutes=block, day=first.day + 1,
                         start=f"{first.start // 60:02d}:{first.start % 60:02d}", limit=limit)
        if ends:
            block, first = 0, None
        if entry is not None and entry.kind == "lesson":
            first = first or entry
            block += entry.minutes


def _check_tasks(entries: list[Entry], catalog: Catalog, problems: Problems) -> None:
    scheduled = [e.lesson for e in entries]
    for defined in catalog.lessons.values():
        lesson, source = defined.item, defined.source
        if lesson.code not in scheduled:
            continue
        after = len(scheduled) - scheduled[::-1].index(lesson.code)
        for a, activity in enumerate(lesson.activities):
            if activity.homework:
                loc = ("activities", a, "homework")
                _check_task(entries, after, activity.homework.due, activity.homework.minutes,
                            f"the homework of activity {activity.code!r}", source.location((*loc, "due")),
                            problems)
        case = catalog.cases.get(lesson.case_study or "")
        own = [(q, source, ("discussion_questions", i)) for i, q in enumerate(lesson.discussion_questions)]
        theirs = [(q, case.source, ("discussion_questions", i))
                  for i, q in enumerate(case.item.discussion_questions)] if case else []
        start = scheduled.index(lesson.code)
        previous = [i for i, e in enumerate(entries[:start]) if e.kind == "lesson"]
        if not previous:
            continue  # preparation for the first lesson happens before the course
        for question, qsource, loc in own + theirs:
            if question.phase == "preparation" and question.minutes:
                _check_task(entries, previous[-1] + 1, question.due or f"before {lesson.code}",
                            question.minutes, f"preparation question {question.code!r}",
                            qsource.location((*loc, "minutes")), problems)


def _check_task(entries: list[Entry], set_at: int, due: str, minutes: int, what: str,
                at: Location, problems: Problems) -> None:
    due_at = _due_index(entries, due)
    if due_at is None:
        return  # an unknown lesson or slot is reported by the reference checks
    available = sum(e.minutes for e in entries[set_at:due_at] if e.kind == "study")
    if minutes > available:
        problems.add("task-without-time", at, what=what, needed=minutes, available=available, due=due)


def _due_index(entries: list[Entry], due: str) -> int | None:
    """The entry before which the task must be done."""
    if due.startswith("before "):
        lesson = due.removeprefix("before ")
        return next((i for i, e in enumerate(entries) if e.lesson == lesson), None)
    return next((i + 1 for i, e in enumerate(entries) if e.code == due), None)
