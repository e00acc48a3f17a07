"""A lesson (sesi): outcomes, indicators, reading, activities, worksheets and assessment."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator

from coursesmith.load.schema.base import (
    ActivityType,
    Bloom,
    Code,
    Grouping,
    Model,
    facilitator_only,
)
from coursesmith.load.schema.material import Material, MaterialEntry, as_materials
from coursesmith.load.text import InlineMarkdown, LocalText, Markdown

Due = Annotated[str, StringConstraints(pattern=r"^(before [A-Za-z0-9][A-Za-z0-9._-]*|[A-Za-z0-9][A-Za-z0-9._-]*)$",
                                       max_length=80)]


class Indicator(Model):
    code: Code
    """Identifier of the indicator within the lesson, e.g. `IND-1`."""
    bloom: Bloom
    """Bloom level of the indicator: C1 remember … C6 create, or `affective`."""
    text: LocalText
    """What participants can do, starting with an operational verb."""
    evidence: Literal["individual", "group"] = "individual"
    """Whether each participant must show it on their own (`individual`) or a group may show it together."""


class MainTopic(Model):
    text: LocalText
    """A main topic (materi pokok)."""
    subtopics: list[LocalText] = []
    """Its subtopics (sub materi pokok)."""


class Section(Model):
    code: Code | None = None
    """Optional identifier of the section, used in links."""
    title: LocalText
    """Heading of the section."""
    body: Markdown
    """Content of the section in Markdown."""
    illustrative: LocalText | None = None
    """Marks a section that is an invented example. The text is shown after the word
    "Illustrative" at the top of the section in every edition."""


class ExtraSlide(Model):
    title: LocalText
    """Heading of the slide."""
    body: Markdown
    """What the slide shows, in Markdown; text longer than a slide holds continues on
    the next slide."""
    after: Code | None = None
    """Code of the section it follows; absent: after the last section."""


class SlideOptions(Model):
    """What the lesson's slides (bahan tayang) show beyond what is made from its data."""

    sections: list[Code] | None = None
    """Codes of the sections shown on slides; absent: every section. A section needs a
    `code` to be chosen."""
    extra: list[ExtraSlide] = []
    """Slides written for the projector only, e.g. a quotation or a question to open with."""


class Question(Model):
    code: Code
    """Identifier of the question, e.g. `DQ1`; activities refer to it."""
    text: InlineMarkdown
    """The question."""
    phase: Literal["preparation", "in_class"] = "in_class"
    """When participants answer it: before the session or in class."""
    minutes: int | None = Field(None, ge=1, le=600)
    """For a preparation question: how long participants need to answer it, in minutes."""
    due: Due | None = None
    """For a preparation question: when the answer is due, `before <lesson code>` (the
    default: before the lesson that uses it) or the code of a schedule slot."""


WORDS_PER_LINE = 11
"""About how many handwritten words fit on one ruled line of a printed worksheet."""


class LinesPrompt(Model):
    type: Literal["lines"] = "lines"
    """Ruled lines to write on (the default kind)."""
    text: InlineMarkdown
    """What to write in this part of the worksheet."""
    lines: int = Field(5, ge=1, le=40)
    """How many ruled lines to leave for the answer."""
    words: int | None = Field(None, ge=10, le=600)
    """The most words the answer should take; the lines are sized for it (about 11
    words a line), and `lines` is then left out."""

    @property
    def line_count(self) -> int:
        return -(-self.words // WORDS_PER_LINE) if self.words else self.lines


class TablePrompt(Model):
    type: Literal["table"]
    """A table with named columns and empty rows to fill in."""
    text: InlineMarkdown
    """What to write in the table."""
    columns: list[LocalText] = Field(min_length=1, max_length=10)
    """The column headings."""
    rows: int = Field(6, ge=1, le=30)
    """How many empty rows."""


class GridPrompt(Model):
    type: Literal["grid"]
    """A matrix of labelled cells, e.g. the 2 × 2 power/interest grid."""
    text: InlineMarkdown
    """What to write in the cells."""
    columns: list[LocalText] = Field(min_length=1, max_length=4)
    """Labels of the columns, left to right (e.g. low interest, high interest)."""
    rows: list[LocalText] = Field(min_length=1, max_length=4)
    """Labels of the rows, top to bottom (e.g. high power, low power)."""
    x_axis: LocalText | None = None
    """Name of the horizontal axis, printed under the grid."""
    y_axis: LocalText | None = None
    """Name of the vertical axis, printed beside the grid."""
    height: int = Field(90, ge=30, le=220)
    """Height of the grid in millimetres."""


class BoxPrompt(Model):
    type: Literal["box"]
    """An empty frame, for a sketch, a diagram or free notes."""
    text: InlineMarkdown
    """What to put in the frame."""
    height: int = Field(50, ge=10, le=220)
    """Height of the frame in millimetres."""


class ChecklistPrompt(Model):
    type: Literal["checklist"]
    """Items to tick."""
    text: InlineMarkdown
    """What the checklist is for."""
    items: list[InlineMarkdown] = Field(min_length=1, max_length=30)
    """The items, each printed after a box to tick."""


WorksheetPrompt = Annotated[LinesPrompt | TablePrompt | GridPrompt | BoxPrompt | ChecklistPrompt,
                            Field(discriminator="type")]


class RubricLevel(Model):
    level: int = Field(ge=0, le=10)
    """Score for this level; higher is better."""
    text: InlineMarkdown
    """What an answer at this level shows."""


class Worksheet(Model):
    code: Code
    """Identifier of the worksheet (lembar kerja), e.g. `LK-02`; activities refer to it."""
    title: LocalText
    """Title of the worksheet."""
    instructions: Markdown
    """How to fill in the worksheet."""
    prompts: list[WorksheetPrompt] = Field(min_length=1)
    """The parts to fill in: `lines` (the default), `table`, `grid`, `box` or `checklist`."""
    orientation: Literal["portrait", "landscape"] = "portrait"
    """Landscape prints the worksheet across the page, for a canvas or a wide table."""
    indicators: list[Code] = []
    """Codes of the lesson's indicators the finished worksheet shows evidence of."""
    bloom: Bloom | None = None
    """Bloom level of the work the worksheet asks for: C1 … C6, or `affective`."""
    assessed: bool = False
    """Whether the finished worksheet is scored (with its rubric) as evidence for its indicators."""
    grouping: Grouping | None = None
    """Who fills it in: `individual`, or a group (`pairs`, `threes`, `small_groups`,
    `whole_class`); when absent, the grouping of the activity that uses it."""
    rubric: list[RubricLevel] = facilitator_only([])
    """Scoring levels for an assessed worksheet (facilitator only)."""

    @field_validator("prompts", mode="before")
    @classmethod
    def _lines_by_default(cls, prompts):
        """A prompt without `type` is ruled lines, as before prompts had kinds."""
        if isinstance(prompts, list):
            return [{"type": "lines", **p} if isinstance(p, dict) and "type" not in p else p for p in prompts]
        return prompts


class Homework(Model):
    minutes: int = Field(ge=1, le=600)
    """How long participants need for the task, in minutes."""
    due: Due
    """When it is due: `before <lesson code>`, or the code of a schedule slot (its end)."""


class Activity(Model):
    code: Code
    """Identifier of the activity within the lesson, e.g. `A1`."""
    type: ActivityType
    """Kind of activity; it decides the label shown."""
    title: LocalText | None = None
    """Optional name of the activity; the type's label is used when absent."""
    minutes: int = Field(ge=1, le=600)
    """Duration in minutes; a lesson's activities other than breaks add up to its JP × minutes per JP."""
    grouping: Grouping = "whole_class"
    """How participants work: individual, pairs, threes, small_groups, whole_class."""
    participant_instructions: Markdown | None = None
    """What participants do, as they read it in their handout."""
    materials: list[MaterialEntry] = []
    """What the room needs: cards, flip chart, markers …, each as text or with a quantity
    (`{item: Kertas plano, quantity: 1, per: group}`)."""
    worksheet: Code | None = None
    """Code of the worksheet used in this activity."""
    discussion_questions: list[Code] = []
    """Codes of the lesson's or its case's questions discussed in this activity."""
    indicators: list[Code] = []
    """Codes of the lesson's indicators this activity serves (not needed for a `break`)."""
    group_size: int | None = Field(None, ge=2, le=60)
    """Participants per group; with the course's `class_size` it gives the number of groups."""
    per_group_minutes: int | None = Field(None, ge=1, le=120)
    """Minutes each group needs in turn (a presentation, a stop on a gallery walk); the
    activity needs `fixed_minutes` + groups × this."""
    fixed_minutes: int = Field(0, ge=0, le=600)
    """The part of the activity that does not grow with the number of groups (briefing, wrap-up)."""
    homework: Homework | None = None
    """Work participants do outside class after this activity, with its time and when it is due."""
    illustrative: LocalText | None = None
    """Marks an invented scenario. The text is shown after the word "Illustrative"
    in every edition, e.g. "Invented scenario, not a fact about any real agency"."""
    facilitator_notes: Markdown | None = facilitator_only()
    """How to run the activity (facilitator only)."""

    @field_validator("materials", mode="after")
    @classmethod
    def _counted(cls, materials: list[InlineMarkdown | Material]) -> list[Material]:
        return as_materials(materials)


class Option(Model):
    key: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]{1,3}$")]
    """Letter of the option, e.g. `a`."""
    text: InlineMarkdown
    """The option's text."""


class MultipleChoice(Model):
    code: Code
    """Identifier of the item, e.g. `Q1`."""
    type: Literal["multiple_choice"]
    """`multiple_choice`: one correct option."""
    indicator: Code | None = None
    """Code of the indicator this item assesses."""
    indicators: list[Code] = []
    """Codes of further indicators this item assesses, besides `indicator`."""
    bloom: Bloom | None = None
    """Bloom level the item tests at: C1 … C6, or `affective`; a scenario stem can test C3 and above."""
    illustrative: LocalText | None = None
    """Marks an item set in an invented situation; the label is shown with it in every edition."""
    stem: InlineMarkdown
    """The question."""
    options: list[Option] = Field(min_length=2)
    """The options, each with a key and a text."""
    answer: str = facilitator_only(...)
    """Key of the correct option (facilitator only)."""
    rationale: InlineMarkdown | None = facilitator_only()
    """Why that option is correct (facilitator only)."""


class Reflective(Model):
    code: Code
    """Identifier of the item, e.g. `Q3`."""
    type: Literal["reflective"]
    """`reflective`: an open written answer scored with a rubric."""
    indicator: Code | None = None
    """Code of the indicator this item assesses."""
    indicators: list[Code] = []
    """Codes of further indicators this item assesses, besides `indicator`."""
    bloom: Bloom | None = None
    """Bloom level the answer shows: C1 … C6, or `affective`."""
    illustrative: LocalText | None = None
    """Marks an item set in an invented situation; the label is shown with it in every edition."""
    prompt: InlineMarkdown
    """The reflection prompt."""
    words: int | None = Field(None, ge=10, le=600)
    """The most words the answer should take; the handout leaves lines for them (about
    11 words a line) instead of the usual six."""
    rubric: list[RubricLevel] = facilitator_only([])
    """Scoring levels (facilitator only)."""


AssessmentItem = Annotated[MultipleChoice | Reflective, Field(discriminator="type")]


class Lesson(Model):
    """A lesson (sesi): one teaching session, in modules/."""

    kind: Literal["lesson"]
    """Always `lesson`."""
    code: Code
    """Identifier of the lesson, unique in the project, e.g. `KOAL-01`."""
    title: LocalText
    """Title of the lesson."""
    jp: int = Field(ge=1, le=40)
    """Duration in JP (jam pelajaran)."""
    learning_outcome: InlineMarkdown
    """The learning outcome (hasil belajar) participants reach in this lesson."""
    indicators: list[Indicator] = Field(min_length=1)
    """Indicators of the learning outcome (indikator hasil belajar), each with a Bloom level."""
    main_topics: list[MainTopic] = Field(min_length=1)
    """Main topics (materi pokok) with their subtopics."""
    methods: list[LocalText] = []
    """Teaching methods, e.g. interactive lecture, case discussion."""
    media: list[LocalText] = []
    """Media and aids, e.g. slides, worksheets, flip chart."""
    sections: list[Section] = Field(min_length=1)
    """The reading content of the lesson, section by section."""
    activities: list[Activity] = Field(min_length=1)
    """The session plan: activities in order, timed in minutes."""
    discussion_questions: list[Question] = []
    """Discussion questions of the lesson."""
    worksheets: list[Worksheet] = []
    """Worksheets (lembar kerja) used by the activities."""
    key_points: list[InlineMarkdown] = []
    """Key points (rangkuman) to remember."""
    case_study: Code | None = None
    """Code of the case study used in this lesson."""
    glossary: list[Code] = []
    """Codes of glossary terms this lesson introduces."""
    references: list[Code] = []
    """Codes of bibliography entries the lesson cites."""
    assessment: list[AssessmentItem] = []
    """Assessment items: multiple choice or reflective."""
    slides: SlideOptions | None = None
    """Options for the lesson's slides: which sections they show, and extra slides."""
    facilitator_notes: Markdown | None = facilitator_only()
    """Preparation notes for the facilitator (facilitator only)."""

