"""What a page of the course draws on, as digests computed without rendering it.

The course model is split in two, here and nowhere else:

- the course-wide part, which any page may show: the course (course.yaml, its
  schedule), every agenda, module, case, term and reference, and every lesson without
  the bodies of its sections, of which only an outline is kept (headings, anchors,
  images, captions and block fences: the lines another page could name);
- the lesson bodies: each lesson's full source (its sections' Markdown, and where its
  items are written), which only that lesson's own documents show (its page, its
  handouts, its slides).

A page whose values name lessons (a lesson; a module, agenda, case or day: their
lessons) draws on the course-wide part and on those lessons' bodies; any other page
draws on every body, unless its default template is one known to show only the
course-wide part (render/memo.py OUTLINE_ONLY), which draws on none. So does every page when the project overrides templates: what the
default templates show of other lessons is known, what an override shows is not.
A value this module cannot name or spell out makes the page's inputs unknown (None),
and such a page is always rendered.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from coursesmith.load.schema.lesson import Section
from coursesmith.load.text import LocalText
from coursesmith.model.course import AgendaView, CaseView, CourseView, DayView, LessonView, ModuleView, SlotView
from coursesmith.model.derived import FromLesson

LESSON_OWN = frozenset({"item_locations"})
"""Fields of a lesson's view that move with its body (source lines): part of its body."""
OUTLINE = re.compile(r"^\s*(#|:::|!\[|\||\[\^)|\{#|\bid=|<", re.M)
"""The lines of a section's Markdown that another page could show or name."""


class Unnamed(TypeError):
    """A value with no stable spelling: the page it is in is always rendered."""


def page_inputs(course: CourseView, values: Iterable[tuple[str, Any]], every_body: bool = False,
                no_body: bool = False) -> str | None:
    """A digest of everything one page's template output draws on from the course: the
    course-wide part, its values, and the bodies of the lessons it names (all when it
    names none, or with `every_body`; none with `no_body`, for a template known to show
    only the course-wide part, unless `every_body`). None when a value cannot be spelled out."""
    try:
        wide = course_wide(course)
        drawn: set[str] = set()
        spelled = json.dumps([[name, _spelled(value, drawn)] for name, value in values], sort_keys=True)
    except Unnamed:
        return None
    if wide is None:
        return None
    bodies = lesson_bodies(course)
    if every_body or not (drawn or no_body):
        codes = sorted(bodies)
    else:
        codes = [] if no_body else sorted(drawn)
    digest = hashlib.sha256(f"{wide}\0{spelled}\0".encode())
    for code in codes:
        digest.update(f"{code}={bodies[code]}\0".encode())
    return digest.hexdigest()


@lru_cache(maxsize=4)
def course_wide(course: CourseView) -> str | None:
    """The digest of what every page of `course` may show (None: it cannot be spelled)."""
    try:
        text = json.dumps(_walk(course, {}, outline=True), sort_keys=True)
    except Unnamed:
        return None
    return hashlib.sha256(text.encode()).hexdigest()


@lru_cache(maxsize=4)
def lesson_bodies(course: CourseView) -> dict[str, str]:
    """Each lesson's full source as a digest, by code."""
    found = {}
    for view in course.lessons:
        own = {"lesson": _walk(view.lesson, {}, outline=False),
               **{name: _walk(getattr(view, name), {}, outline=False) for name in sorted(LESSON_OWN)}}
        found[view.code] = hashlib.sha256(json.dumps(own, sort_keys=True).encode()).hexdigest()
    return found


def section_outline(body: LocalText) -> dict[str, list[str]]:
    """The lines of a section's body another page could show or name, by language."""
    return {lang: [line for line in text.splitlines() if OUTLINE.search(line)]
            for lang, text in sorted(body.values.items())}


def _spelled(value: Any, drawn: set[str]) -> Any:
    """A page value spelled out, with the views of the course in it named instead (their
    content is course-wide): a lesson, module, agenda, case or day by its code or number,
    a value made from a lesson (model/derived.py) by its maker, lesson and arguments,
    noting the lessons each draws on in `drawn`."""

    def named(item: Any) -> Any:
        if isinstance(item, CourseView):
            raise Unnamed("a course view as a page value")
        lessons, name = _view_name(item)
        if name is None:
            return None
        drawn.update(lesson.code for lesson in lessons)
        return name

    return _walk(value, {}, outline=False, named=named)


def _view_name(item: Any) -> tuple[list[LessonView], list | None]:
    """The lessons a view of the course draws on, and its name; (…, None) for anything else."""
    if isinstance(item, LessonView):
        return [item], ["lesson", item.code]
    if isinstance(item, ModuleView):
        return item.lessons, ["module", item.module.code]
    if isinstance(item, AgendaView):
        return [lesson for module in item.modules for lesson in module.lessons], ["agenda", item.agenda.code]
    if isinstance(item, CaseView):
        return item.lessons, ["case", item.case.code]
    if isinstance(item, DayView):
        return [slot.lesson for slot in item.slots if slot.lesson], ["day", item.number]
    if isinstance(item, SlotView):
        return [item.lesson] if item.lesson else [], ["slot", item.start, item.minutes]
    if isinstance(item, FromLesson):  # named by what makes it, never made here
        return [item.lesson], ["from-lesson", item.maker, item.lesson.code, _walk(item.arguments, {}, outline=False)]
    return [], None


def _walk(value: Any, seen: dict[int, int], outline: bool, named: Callable[[Any], Any] | None = None) -> Any:
    """`value` as JSON data. An object met again is named by the order it was first met
    in (views point at each other); a section's body is its outline when `outline`; an
    object `named` names is not walked into."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, LocalText):
        return [type(value).__name__, sorted(value.values.items()), str(getattr(value, "origin", None))]
    if isinstance(value, (dt.date, dt.datetime, Path)):
        return [type(value).__name__, str(value)]
    walk = lambda item: _walk(item, seen, outline, named)  # noqa: E731
    if isinstance(value, (list, tuple)):
        return [walk(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted(json.dumps(walk(item), sort_keys=True) for item in value)
    if isinstance(value, dict):
        return [[walk(k), walk(v)] for k, v in value.items()]
    name = named(value) if named is not None else None
    if name is not None:
        return name
    if id(value) in seen:
        return ["seen", seen[id(value)]]
    if isinstance(value, BaseModel):
        seen[id(value)] = len(seen)
        fields = {name: getattr(value, name) for name in type(value).model_fields}
        if outline and isinstance(value, Section):
            return [type(value).__name__, {k: section_outline(v) if k == "body" else walk(v)
                                           for k, v in fields.items()}]
        return [type(value).__name__, {name: walk(v) for name, v in fields.items()}]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        seen[id(value)] = len(seen)
        skip = LESSON_OWN if outline and isinstance(value, LessonView) else frozenset()
        return [type(value).__name__, {f.name: walk(getattr(value, f.name))
                                       for f in dataclasses.fields(value) if f.name not in skip}]
    raise Unnamed(type(value).__name__)
