"""The course schedule: slots, lessons taught once, days that end by midnight."""
from __future__ import annotations

from coursesmith.check.catalog import Catalog
from coursesmith.diagnostics import Problems
from coursesmith.load.schema import ScheduleDay
from coursesmith.load.yamlfile import Loc


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
            minutes += sum(a.minutes for a in lesson.item.activities) if lesson else (slot.minutes or 0)
        hours, mins = map(int, day.start.split(":"))
        if hours * 60 + mins + minutes > 24 * 60:
            problems.add("day-too-long", source.location(("schedule", d, "start")), start=day.start, minutes=minutes)
    taught = [code for agenda in course.agendas for m in agenda.modules if m in catalog.modules
              for code in catalog.modules[m].item.lessons]
    for code in taught:
        if code not in seen:
            problems.add("unscheduled-lesson", source.location(("schedule",), key=True), code=code)



def check_overlapping_days(catalog: Catalog, problems: Problems) -> None:
    """Two schedule days on the same date may split it (morning, evening) but never
    overlap: the run-sheet would put two sessions in one room at once."""
    if catalog.course is None or not catalog.course.item.schedule:
        return
    course, source = catalog.course.item, catalog.course.source
    spans: list[tuple[int, int, int]] = []  # (day index, start, end) in minutes since midnight
    for d, day in enumerate(course.schedule):
        hours, mins = map(int, day.start.split(":"))
        start = hours * 60 + mins
        spans.append((d, start, start + _day_minutes(day, catalog, course.minutes_per_jp)))
    for d, start, end in spans:
        for e, other_start, other_end in spans[:d]:
            day, other = course.schedule[d], course.schedule[e]
            if day.date is not None and day.date == other.date and start < other_end and other_start < end:
                problems.add("schedule-overlap", source.location(("schedule", d, "start")), date=day.date,
                             first=_span(other_start, other_end), second=_span(start, end),
                             other=source.location(("schedule", e, "start")))
                break


def _day_minutes(day: ScheduleDay, catalog: Catalog, per_jp: int) -> int:
    lessons = (catalog.lessons.get(slot.lesson or "") for slot in day.slots)
    return sum(lesson.item.jp * per_jp if lesson else (slot.minutes or 0) for slot, lesson in zip(day.slots, lessons))


def _span(start: int, end: int) -> str:
    return "–".join(f"{minutes // 60:02d}:{minutes % 60:02d}" for minutes in (start, end))
