"""The question banks as an output: Moodle XML and GIFT of every language, in the
facilitator folder (they hold the answers)."""

from __future__ import annotations

from collections.abc import Mapping

from coursesmith.diagnostics import Problems
from coursesmith.model import layout
from coursesmith.model.course import CourseView
from coursesmith.outputs.base import BuildContext, Made, Output
from coursesmith.outputs.questions.gift import gift_bank
from coursesmith.outputs.questions.moodle import moodle_bank
from coursesmith.outputs.files import write_files


class QuestionBanksOutput(Output):
    name = "question-banks"
    audiences = ("facilitator",)

    def check(self, models: Mapping[str, CourseView], problems: Problems) -> None:
        report_dropped(models["facilitator"], problems)

    def start(self, context: BuildContext) -> None:
        files = question_banks(context.model("facilitator"))
        self.made = write_files(files, context.stage, layout.FACILITATOR)

    def finish(self) -> list[Made]:
        return self.made


def question_banks(course: CourseView) -> dict[str, bytes]:
    """Every bank by its path below the facilitator folder."""
    files = {}
    for lang in course.course.languages:
        files[layout.moodle_questions(lang, course.course.code)] = moodle_bank(course, lang)
        files[layout.gift_questions(lang, course.course.code)] = gift_bank(course, lang)[0]
    return files


def report_dropped(course: CourseView, problems: Problems) -> None:
    """What GIFT cannot carry, once per item whatever the number of languages."""
    reported = set()
    for lang in course.course.languages:
        for part in gift_bank(course, lang)[1]:
            if part.location not in reported:
                reported.add(part.location)
                problems.add("question-part-dropped", part.location, what=part.what, code=part.code, format="GIFT")
