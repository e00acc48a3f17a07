"""GIFT, Moodle's plain-text question format: one category per lesson.

Multiple-choice items keep their right answer and the rationale as every option's
feedback. GIFT has no place for an essay's grader information, so a rubric cannot
travel: the essay is written without it and the loss is reported (Unexpressed);
the Moodle XML bank carries it.
"""

from __future__ import annotations

from coursesmith.model.course import CourseView
from coursesmith.outputs.questions.bank import Item, Unexpressed, categories, location_of
from coursesmith.render.portable import plain_text

SPECIAL = "\\~=#{}:"
"""Characters GIFT gives a meaning to; a backslash before one makes it plain text."""


def escape(text: str) -> str:
    """GIFT's escapes, for plain text; an item's texts are HTML (bank.py) and give their words."""
    return "".join("\\" + c if c in SPECIAL else c for c in text)


def gift_bank(course: CourseView, lang: str) -> tuple[bytes, list[Unexpressed]]:
    """The GIFT file of the course in `lang`, and what it could not carry."""
    lines = [f"// {course.course.code}: {' '.join(course.course.title.get(lang, course.course.languages).split())}",
             "// Question bank in GIFT format for Moodle (Question bank > Import > GIFT).", ""]
    lost = []
    for category in categories(course, lang):
        lines += [f"$CATEGORY: {category.path}", ""]
        for item in category.items:
            lines += [*_question(item), ""]
            if item.rubric:
                lost.append(Unexpressed(location_of(course, item.lesson, item.code), item.code, "the rubric"))
    return "\n".join(lines).encode("utf-8"), lost


def _question(item: Item) -> list[str]:
    # Plain text: GIFT's [markdown] is rendered by Moodle's own Markdown, which reads
    # neither course links nor our typography; the words survive every importer.
    head = f"::{escape(item.name)}::[plain]{escape(plain_text(item.text))}"
    if item.kind == "essay":
        return [head + " {}"]
    feedback = f" #{escape(plain_text(item.feedback))}" if item.feedback else ""
    answers = [f"\t{'=' if c.correct else '~'}{escape(plain_text(c.text))}{feedback}" for c in item.choices]
    return [head + " {", *answers, "}"]
