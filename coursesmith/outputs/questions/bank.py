"""What every question bank shares: the items of each lesson in one language, in course
order, and the record of an item part a format cannot carry."""

from __future__ import annotations

from dataclasses import dataclass

from coursesmith.diagnostics import Location
from coursesmith.load.schema import MultipleChoice, Reflective
from coursesmith.model.course import CourseView, LessonView
from coursesmith.render.portable import inline_html


@dataclass(frozen=True)
class Choice:
    text: str
    correct: bool


@dataclass(frozen=True)
class Item:
    """One assessment item, its texts in one language."""

    lesson: str
    code: str
    kind: str
    """`multichoice` or `essay`, Moodle's names."""
    text: str
    """The question as HTML, like every text of an item (GIFT takes their plain words)."""
    choices: tuple[Choice, ...] = ()
    feedback: str = ""
    """The rationale, given as feedback to every option."""
    rubric: tuple[tuple[int, str], ...] = ()
    """(level, description), best first."""

    @property
    def name(self) -> str:
        return f"{self.lesson} {self.code}"

    @property
    def idnumber(self) -> str:
        return f"{self.lesson}-{self.code}"


@dataclass(frozen=True)
class Category:
    """One lesson's items, named as Moodle's question bank shows the category."""

    path: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Unexpressed:
    """A part of an item a format cannot carry; reported once per item and format."""

    location: Location
    code: str
    what: str


def categories(course: CourseView, lang: str) -> list[Category]:
    """Each lesson with assessment items, as one category below the course's own."""
    fallback = course.course.languages
    top = category_name(f"{course.course.code} {course.course.title.get(lang, fallback)}")
    found = []
    for lesson in course.lessons:
        items = tuple(_item(lesson, item, lang, fallback) for item in lesson.lesson.assessment)
        if items:
            title = category_name(f"{lesson.code} {lesson.lesson.title.get(lang, fallback)}")
            found.append(Category(f"$course$/top/{top}/{title}", items))
    return found


def category_name(text: str) -> str:
    """Moodle splits category paths at `/`; a slash inside a name is written twice."""
    return " ".join(text.split()).replace("/", "//")


def _item(lesson: LessonView, item: MultipleChoice | Reflective, lang: str, fallback: list[str]) -> Item:
    def text(value) -> str:
        return str(inline_html(value, lang, fallback)) if value else ""

    if item.type == "multiple_choice":
        choices = tuple(Choice(text(o.text), o.key == item.answer) for o in item.options)
        return Item(lesson.code, item.code, "multichoice", text(item.stem), choices, text(item.rationale))
    rubric = tuple((level.level, text(level.text)) for level in sorted(item.rubric, key=lambda r: -r.level))
    return Item(lesson.code, item.code, "essay", text(item.prompt), rubric=rubric)


def location_of(course: CourseView, lesson_code: str, item_code: str) -> Location:
    lesson = next(view for view in course.lessons if view.code == lesson_code)
    return lesson.item_locations[item_code]
