"""The slides of one lesson in one language, planned from the lesson's data.

A slide holds what fits on it: long reading sections, lists of indicators,
questions and key points are split across slides by an estimate of the lines
each block takes (tests/test_slides.py measures every slide in Chromium and in the
PDF, so the estimate is checked, not trusted). A single block too big for a slide
is set smaller (`dense`) rather than cut in the middle.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from coursesmith.load.schema import Activity, Lesson
from coursesmith.load.text import LocalText, Markdown
from coursesmith.model.course import LessonView

LINES = 13
"""Lines of body text a slide holds below its title (at the slide's 1280 × 720 size)."""
CHARS = 62
"""Characters on a line of body text, on the narrow side, for the longer language."""
IMAGE_LINES = 10
"""An image is set this many lines high (12.5em in slide.css, with its margins)."""
LIST_ITEMS = 5
"""Short items (indicators, questions, key points) on one slide."""


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


def plan(view: LessonView, lang: str, languages: Sequence[str]) -> list[Slide]:
    """Every slide of the lesson, in teaching order."""
    lesson = view.lesson
    slides = [Slide("title", lesson.title, notes=lesson.facilitator_notes)]
    slides += _parted("outcome", lesson.learning_outcome, lesson.indicators, LIST_ITEMS - 1)
    slides += [Slide("topic", topic.text, items=tuple(topic.subtopics)) for topic in lesson.main_topics]
    for title, body in _readings(lesson):
        chunks = list(_chunks(body, lang, languages, LINES))
        slides += [Slide("section", title, body=piece, part=i, parts=len(chunks), dense=dense)
                   for i, (piece, dense, _) in enumerate(chunks, start=1)]
    for activity in lesson.activities:
        slides += _activity(activity, tuple(view.questions[code] for code in activity.discussion_questions),
                            lang, languages)
    slides += _parted("questions", None, lesson.discussion_questions, LIST_ITEMS)
    slides += _parted("key-points", None, lesson.key_points, LIST_ITEMS + 1)
    return slides


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


def _parted(kind: str, title: LocalText | None, items: Sequence[Any], size: int) -> list[Slide]:
    groups = [tuple(items[i:i + size]) for i in range(0, len(items), size)]
    return [Slide(kind, title, items=group, part=i, parts=len(groups)) for i, group in enumerate(groups, start=1)]


def _chunks(body: Markdown, lang: str, languages: Sequence[str],
            budget: float) -> Iterator[tuple[Markdown, bool, float]]:
    """The Markdown in pieces that each fit `budget` lines, with the lines each takes;
    a piece is dense when it is one block bigger than the budget."""
    pieces: list[str] = []
    used = 0.0
    for block in blocks(body.get(lang, languages), budget):
        cost = lines(block)
        if pieces and used + cost > budget:
            yield _markdown(pieces, body, lang), False, used
            pieces, used = [], 0.0
        pieces.append(block)
        used += cost
    if pieces:
        yield _markdown(pieces, body, lang), used > budget, used


def _markdown(pieces: list[str], body: Markdown, lang: str) -> Markdown:
    chunk = Markdown({lang: "\n\n".join(pieces)})
    chunk.origin = body.origin  # images resolve from the file the section came from
    return chunk


LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")


def blocks(source: str, budget: float) -> list[str]:
    """Markdown split at blank lines into blocks a slide may break between: a list
    splits between its items (an indented continuation stays with its item), a
    table between its rows, under its header again."""
    found: list[str] = []
    for block in _kept_whole(re.split(r"\n[ \t]*\n", source.strip())):
        if FENCE.match(block) or DIV_OPEN.match(block):
            found.append(block)
        elif found and block[:1] in (" ", "\t"):
            found[-1] += "\n\n" + block
        elif block.lstrip().startswith("|"):
            found += _table_parts(block, budget)
        else:
            found += _items(block)
    return [b for b in found if b.strip()]


FENCE = re.compile(r"^[ ]{0,3}(?:```|~~~)")
DIV_OPEN = re.compile(r"^[ ]{0,3}:{3,}[ \t]*[^:\s]")
DIV_CLOSE = re.compile(r"^[ ]{0,3}:{3,}[ \t]*$")


def _kept_whole(parts: list[str]) -> list[str]:
    """A fenced code block or a `:::` reading block may hold blank lines: it stays one
    block, so no slide starts inside it."""
    merged: list[str] = []
    depth, fenced = 0, False
    for part in parts:
        if merged and (depth or fenced):
            merged[-1] += "\n\n" + part
        else:
            merged.append(part)
        for line in part.split("\n"):
            if FENCE.match(line):
                fenced = not fenced
            elif not fenced and DIV_OPEN.match(line):
                depth += 1
            elif not fenced and depth and DIV_CLOSE.match(line):
                depth -= 1
    return merged


def _items(block: str) -> list[str]:
    lines_ = block.split("\n")
    if not LIST_ITEM.match(lines_[0]):
        return [block]
    items: list[str] = []
    for line in lines_:
        if LIST_ITEM.match(line) or not items:
            items.append(line)
        else:
            items[-1] += "\n" + line
    return items


TABLE_RULE = re.compile(r"^\|?[\s:|-]+$")


def _table_parts(block: str, budget: float) -> list[str]:
    """A table in pieces of rows that fit `budget`, each under the table's header."""
    rows = block.strip().split("\n")
    if len(rows) < 3 or not TABLE_RULE.match(rows[1]):
        return [block]
    head, parts, used = rows[:2], [[]], _row_lines(rows[0])
    for row in rows[2:]:
        cost = _row_lines(row)
        if parts[-1] and used + cost > budget:
            parts.append([])
            used = _row_lines(rows[0])
        parts[-1].append(row)
        used += cost
    return ["\n".join(head + part) for part in parts]


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def _row_lines(row: str) -> float:
    """Table text is set at 0.85 of the body size, in columns of equal share."""
    cells = _cells(row)
    per_line = max(8, (1152 / len(cells) - 24) / 11)
    return max(math.ceil(len(_plain(cell)) / per_line) for cell in cells) * 0.85 + 0.4


def _plain(text: str) -> str:
    return re.sub(r"[*_`]|\]\([^)]*\)", "", text)


def lines(block: str) -> float:
    """How many body lines a Markdown block takes on a slide, estimated."""
    text = block.strip()
    if text.startswith("!["):
        return IMAGE_LINES
    if text.startswith("|"):
        rows = text.split("\n")
        return sum(_row_lines(row) for row in rows if not TABLE_RULE.match(row))
    if text.startswith("#"):
        return 1.6
    return math.ceil(len(_plain(text)) / CHARS) + 0.4
