"""Schema v1: the kinds of file a course project holds, and every field they may carry.

Each class is one kind of YAML mapping. The docstring under each field is its
documentation: it becomes the description in the exported JSON Schema that
editors show while instructors type. Unknown keys are errors.

Fields marked with `facilitator_only()` never reach participant material: the
participant edition of the model has them removed before any template sees it.
"""

from __future__ import annotations

from coursesmith.load.schema.base import *  # noqa: F403  (the shared types, re-exported)
from coursesmith.load.schema.base import Model
from coursesmith.load.schema.case import *  # noqa: F403
from coursesmith.load.schema.case import CaseStudy
from coursesmith.load.schema.course import *  # noqa: F403
from coursesmith.load.schema.course import Course
from coursesmith.load.schema.lesson import *  # noqa: F403
from coursesmith.load.schema.lesson import Lesson
from coursesmith.load.schema.library import *  # noqa: F403
from coursesmith.load.schema.material import *  # noqa: F403
from coursesmith.load.schema.library import Bibliography, Glossary
from coursesmith.load.schema.module import *  # noqa: F403
from coursesmith.load.schema.module import CourseModule
from coursesmith.load.schema.office import OFFICE_KINDS, People, Person, Roster, RosterEntry  # noqa: F401

KINDS: dict[str, type[Model]] = {
    "course": Course,
    "module": CourseModule,
    "lesson": Lesson,
    "case_study": CaseStudy,
    "bibliography": Bibliography,
    "glossary": Glossary,
}
