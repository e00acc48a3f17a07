"""The slides of one lesson in one language, planned from the lesson's data.

A slide holds what fits on it: long reading sections, lists of indicators,
questions and key points are split across slides by an estimate of the lines
each block takes (tests/test_slides.py measures every slide in Chromium and in the
PDF, so the estimate is checked, not trusted). A single block too big for a slide
is set smaller (`dense`) rather than cut in the middle.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from coursesmith.load.schema import Activity, Lesson
from coursesmith.load.text import LocalText, Markdown
from coursesmith.model.course import LessonView
from coursesmith.outputs.slides.blocks import CHARS, ITEM_CHARS, blocks, footnotes, lines, list_marker, plain, referenced

LINES = 13
"""Lines of body text a slide holds below its title (at the slide's 1280 × 720 size)."""
LIST_ITEMS = 5
"""Short items (indicators, questions, key points) on one slide, at most; long ones
are fewer, by their lines."""


@dataclass(frozen=True)
class Slide:
    kind: str
    """title, outcome, topic, section, activity, questions, key-points or extra."""
    title: LocalText | None = None
    body: Markdown | None = None
    items: tuple[Any, ...] = ()
    activity: Activity | None = None
    notes: Markdown | None = None
    """The facilitator's notes for this slide; always None in the participant model."""
    part: int = 1
    parts: int = 1
    dense: bool = False
    start: int = 1
    """The number of the slide's first item in the whole list (its parts continue it)."""


def plan(view: LessonView, lang: str, languages: Sequence[str]) -> list[Slide]:
    """Every slide of the lesson, in teaching order."""
    lesson = view.lesson
    slides = [Slide("title", lesson.title, notes=lesson.facilitator_notes)]
    text = _text_of(lang, languages)
    outcome = 1.05 * _text_lines(text(lesson.learning_outcome), CHARS / 1.05) + 0.45 + LABEL_LINES
    slides += _parted("outcome", lesson.learning_outcome, lesson.indicators, LIST_ITEMS - 1,
                      lambda indicator: text(indicator.text) + " C0", LINES - outcome)
    for topic in lesson.main_topics:
        heading = TOPIC_HEADING * _text_lines(text(topic.text), CHARS / TOPIC_HEADING) + KICKER_LINES
        slides += _parted("topic", topic.text, topic.subtopics, LIST_ITEMS + 1, text, LINES + 1.6 - heading,
                          always=True)
    for title, body in _readings(lesson):
        chunks = list(_chunks(body, lang, languages, LINES))
        slides += [Slide("section", title, body=piece, part=i, parts=len(chunks), dense=dense)
                   for i, (piece, dense, _) in enumerate(chunks, start=1)]
    for activity in lesson.activities:
        slides += _activity(activity, tuple(view.questions[code] for code in activity.discussion_questions),
                            lang, languages)
    slides += _parted("questions", None, lesson.discussion_questions, LIST_ITEMS, lambda q: text(q.text), LINES)
    slides += _parted("key-points", None, lesson.key_points, LIST_ITEMS + 1, text, LINES)
    return slides


LABEL_LINES = 1.4
"""A label above a list ("Indicators"), with its margin."""
KICKER_LINES = 0.9
"""The small capitals above a topic's heading."""
TOPIC_HEADING = 1.6
"""A topic's heading is an h2 (1.5em, with its margin), which LINES does not count."""


def _text_of(lang: str, languages: Sequence[str]):
    return lambda text: text.get(lang, languages)


def _text_lines(text: str, chars: float) -> int:
    return max(1, math.ceil(len(plain(text)) / chars))


def _readings(lesson: Lesson) -> list[tuple[LocalText, Markdown]]:
    """(title, Markdown) of the sections the slides show (`slides.sections`, else all),
    each followed by the extra slides written to come after it; the rest at the end."""
    options = lesson.slides
    chosen = options.sections if options and options.sections is not None else None
    extra = options.extra if options else []
    found = []
    for section in lesson.sections:
        if chosen is None or section.code in chosen:
            found.append((section.title, section.body))
        found += [(slide.title, slide.body) for slide in extra if slide.after and slide.after == section.code]
    return found + [(slide.title, slide.body) for slide in extra if not slide.after]


ACTIVITY_LINES = LINES - 1.5
"""An activity's slide also shows its time and grouping."""


def _activity(activity: Activity, questions: tuple[Any, ...], lang: str, languages: Sequence[str]) -> list[Slide]:
    """The participant instructions, split if long, with the discussion questions on
    the last slide when they fit there and on their own slide otherwise."""
    chunks = list(_chunks(activity.participant_instructions, lang, languages, ACTIVITY_LINES)) \
        if activity.participant_instructions else [(None, False, 0.0)]
    asked = 1.3 + sum(math.ceil(len(q.text.get(lang, languages)) / CHARS) + 0.3 for q in questions)
    bodies = [(body, dense, ()) for body, dense, _ in chunks]
    if questions and chunks[-1][2] + asked <= ACTIVITY_LINES:
        bodies[-1] = (*bodies[-1][:2], questions)
    elif questions:
        bodies.append((None, asked > ACTIVITY_LINES, questions))
    return [Slide("activity", activity.title, body=body, items=items, activity=activity, part=i,
                  parts=len(bodies), dense=dense, notes=activity.facilitator_notes if i == 1 else None)
            for i, (body, dense, items) in enumerate(bodies, start=1)]


def _parted(kind: str, title: LocalText | None, items: Sequence[Any], size: int,
            text: Callable[[Any], str], budget: float, always: bool = False) -> list[Slide]:
    """Slides of at most `size` items each, as many as fit `budget` lines (a list item
    of more is set dense on a slide of its own); none for no items unless `always`."""
    groups: list[list[Any]] = []
    used = 0.0
    for item in items:
        cost = _text_lines(text(item), ITEM_CHARS) + 0.2  # an item's bottom margin
        if not groups or len(groups[-1]) == size or used + cost > budget:
            groups.append([])
            used = 0.0
        groups[-1].append(item)
        used += cost
    if not groups and always:
        groups = [[]]
    starts = [1 + sum(len(g) for g in groups[:i]) for i in range(len(groups))]
    return [Slide(kind, title, items=tuple(group), part=i, parts=len(groups), start=start,
                  dense=sum(_text_lines(text(item), ITEM_CHARS) + 0.2 for item in group) > budget)
            for i, (group, start) in enumerate(zip(groups, starts), start=1)]


def _chunks(body: Markdown, lang: str, languages: Sequence[str],
            budget: float) -> Iterator[tuple[Markdown, bool, float]]:
    """The Markdown in pieces that each fit `budget` lines, with the lines each takes;
    a piece is dense when it is one block bigger than the budget."""
    found = blocks(body.get(lang, languages), budget)
    notes = footnotes(found)  # each goes with the piece that refers to it
    pieces: list[str] = []
    used = 0.0
    for block in (block for block in found if block not in notes.values()):
        cost = lines(block) + _notes_lines(block, pieces, notes)
        if pieces and used + cost > budget:
            yield _markdown(pieces, notes, body, lang), False, used
            pieces, used = [], 0.0
            cost = lines(block) + _notes_lines(block, pieces, notes)
        pieces.append(block)
        used += cost
    if pieces:
        yield _markdown(pieces, notes, body, lang), used > budget, used


FOOTNOTES_RULE = 1.0
"""The rule above a slide's footnotes, with its margins."""


def _notes_lines(block: str, pieces: list[str], notes: dict[str, str]) -> float:
    """The lines of the footnotes `block` adds to a slide that holds `pieces` already."""
    before = {label for piece in pieces for label in referenced(piece, notes)}
    new = [label for label in referenced(block, notes) if label not in before]
    return (FOOTNOTES_RULE if new and not before else 0.0) + sum(lines(notes[label]) for label in new)


def _markdown(pieces: list[str], notes: dict[str, str], body: Markdown, lang: str) -> Markdown:
    """A slide's Markdown: its blocks, a list's items as one tight list again, and the
    footnotes they refer to."""
    text = pieces[0]
    for before, piece in zip(pieces, pieces[1:]):
        text += ("\n" if _same_list(before, piece) else "\n\n") + piece
    used = dict.fromkeys(label for piece in pieces for label in referenced(piece, notes))
    chunk = Markdown({lang: "\n\n".join([text, *(notes[label] for label in used)])})
    chunk.origin = body.origin  # images resolve from the file the section came from
    return chunk


def _same_list(before: str, piece: str) -> bool:
    return list_marker(before) is not None and list_marker(before) == list_marker(piece)
