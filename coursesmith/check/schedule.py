"""The course schedule: slots, lessons taught once, days that end by midnight."""
from __future__ import annotations

from coursesmith.check.catalog import Catalog
from coursesmith.diagnostics import Problems
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
            minutes += lesson.item.jp * course.minutes_per_jp if lesson else (slot.minutes or 0)
        hours, mins = map(int, day.start.split(":"))
        if hours * 60 + mins + minutes > 24 * 60:
            problems.add("day-too-long", source.location(("schedule", d, "start")), start=day.start, minutes=minutes)
    taught = [code for agenda in course.agendas for m in agenda.modules if m in catalog.modules
              for code in catalog.modules[m].item.lessons]
    for code in taught:
        if code not in seen:
            problems.add("unscheduled-lesson", source.location(("schedule",), key=True), code=code)

