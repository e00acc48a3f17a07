"""The question banks as an output: Moodle XML and GIFT of every language, in the
facilitator folder (they hold the answers)."""

from __future__ import annotations

from collections.abc import Mapping

from coursesmith.diagnostics import Problems
from coursesmith.model import layout
from coursesmith.model.course import CourseView
from coursesmith.outputs.base import BuildContext, Made, Output
from coursesmith.outputs.questions.bank import Unexpressed
from coursesmith.outputs.questions.gift import gift_bank
from coursesmith.outputs.questions.moodle import moodle_bank
from coursesmith.outputs.files import write_files

Gift = tuple[bytes, list[Unexpressed]]
"""A GIFT file, and what it could not carry."""


class QuestionBanksOutput(Output):
    name = "question-banks"
    audiences = ("facilitator",)

    checked: tuple[CourseView, dict[str, Gift]] | None = None
    """The GIFT banks the check made, with the model they were made of."""

    def check(self, models: Mapping[str, CourseView], problems: Problems) -> None:
        course = models["facilitator"]
        self.checked = (course, gift_banks(course))
        report_dropped(self.checked[1], problems)

    def start(self, context: BuildContext) -> None:
        course = context.model("facilitator")
        gifts = self.checked[1] if self.checked and self.checked[0] is course else gift_banks(course)
        self.made = write_files(question_banks(course, gifts), context.stage, layout.FACILITATOR)

    def finish(self) -> list[Made]:
        return self.made


def question_banks(course: CourseView, gifts: dict[str, Gift] | None = None) -> dict[str, bytes]:
    """Every bank by its path below the facilitator folder (`gifts`: the GIFT banks, if made already)."""
    gifts = gifts if gifts is not None else gift_banks(course)
    files = {}
    for lang in course.course.languages:
        files[layout.moodle_questions(lang, course.course.code)] = moodle_bank(course, lang)
        files[layout.gift_questions(lang, course.course.code)] = gifts[lang][0]
    return files


def gift_banks(course: CourseView) -> dict[str, Gift]:
    """The GIFT bank of each language, with what it could not carry."""
    return {lang: gift_bank(course, lang) for lang in course.course.languages}


def report_dropped(gifts: dict[str, Gift], problems: Problems) -> None:
    """What GIFT cannot carry, once per item whatever the number of languages."""
    reported = set()
    for _, lost in gifts.values():
        for part in lost:
            if part.location not in reported:
                reported.add(part.location)
                problems.add("question-part-dropped", part.location, what=part.what, code=part.code, format="GIFT")
