"""Schema v1: the kinds of file a course project holds, and every field they may carry.

Each class is one kind of YAML mapping. The docstring under each field is its
documentation: it becomes the description in the exported JSON Schema that
editors show while instructors type. Unknown keys are errors.

Fields marked with `facilitator_only()` never reach participant material: the
participant edition of the model has them removed before any template sees it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from .text import LANGUAGE_CODE, LocalText, Markdown

SCHEMA_VERSION = 1

Code = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=64)]
Language = Annotated[str, StringConstraints(pattern=LANGUAGE_CODE.pattern)]
Bloom = Literal["C1", "C2", "C3", "C4", "C5", "C6", "affective"]
Provenance = Literal["seed", "cited", "illustrative"]
ActivityType = Literal[
    "opening", "review", "lecture", "case_reading", "pair_work", "group_work",
    "group_discussion", "plenary_discussion", "card_sort", "gallery_walk",
    "presentation", "role_play", "exercise", "quiz", "reflection", "coaching",
    "best_practice_lecture", "field_study", "debrief", "evaluation", "closing",
]
Grouping = Literal["individual", "pairs", "threes", "small_groups", "whole_class"]
ReferenceType = Literal["article", "book", "chapter", "report", "news", "web", "regulation"]

FACILITATOR_ONLY = "x-facilitator-only"


def iter_texts(node: object, loc: tuple = ()) -> Iterator[tuple[tuple, LocalText]]:
    """Every text (LocalText or Markdown) inside a model, with its location, in field order."""
    if isinstance(node, LocalText):
        yield loc, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from iter_texts(getattr(node, name), (*loc, name))
    elif isinstance(node, (list, tuple)):
        for i, item in enumerate(node):
            yield from iter_texts(item, (*loc, i))


def facilitator_only(default: Any = None, **kwargs: Any) -> Any:
    """A field that only the facilitator edition shows."""
    return Field(default, json_schema_extra={FACILITATOR_ONLY: True}, **kwargs)


class Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, use_attribute_docstrings=True, validate_default=False
    )


# --- course ------------------------------------------------------------------


Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]
ClockTime = Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
Paper = Literal["a4", "letter", "f4"]


class Institution(Model):
    name: LocalText
    """The organisation that runs the course, as printed on covers and the site."""
    logo: str | None = None
    """Path of the logo image (SVG or PNG), relative to this file."""
    accent_color: Colour = "#0f4c5c"
    """The institution's colour for headings, boxes and the site header, as `#rrggbb`."""


class Dates(Model):
    start: dt.date
    """First day of the course, as YYYY-MM-DD."""
    end: dt.date
    """Last day of the course, as YYYY-MM-DD."""


class Slot(Model):
    lesson: Code | None = None
    """Code of the lesson taught in this slot; its length comes from the lesson's JP."""
    title: LocalText | None = None
    """For a slot that is not a lesson (a break, the opening, prayer time): its name."""
    minutes: int | None = Field(None, ge=1, le=600)
    """Length of a slot that is not a lesson, in minutes."""


class ScheduleDay(Model):
    date: dt.date | None = None
    """The day's date, as YYYY-MM-DD."""
    start: ClockTime
    """When the first slot starts, as HH:MM (24-hour clock)."""
    slots: list[Slot] = Field(min_length=1)
    """The day's lessons and breaks, in order."""


class Agenda(Model):
    code: Code
    """Identifier of the agenda, unique in the project, e.g. `AG-2`."""
    title: LocalText
    """Name of the agenda (curriculum strand) as the programme's regulation names it."""
    modules: list[Code] = Field(min_length=1)
    """Codes of the modules (mata pelatihan) taught in this agenda, in order."""


class Course(Model):
    """A course (pelatihan): the root of a project, in course/course.yaml."""

    kind: Literal["course"]
    """Always `course`."""
    code: Code
    """Short identifier of the course, e.g. `KKMP`; used in file names."""
    title: LocalText
    """Title of the course."""
    subtitle: LocalText | None = None
    """Optional line under the title."""
    program: LocalText
    """The training programme this course belongs to, e.g. `Pelatihan Kepemimpinan Administrator (PKA)`."""
    cohort: LocalText | None = None
    """The cohort (angkatan), e.g. `Angkatan I Tahun 2027`."""
    dates: Dates | None = None
    """When the course runs."""
    venue: LocalText | None = None
    """Where the course runs."""
    institution: Institution
    """Who runs the course."""
    notice: LocalText | None = None
    """A notice shown on the course home page and on every handout's cover,
    e.g. that the course is a sample and its institution illustrative."""
    description: Markdown | None = None
    """Introduction to the course for participants (Markdown)."""
    minutes_per_jp: int = Field(45, ge=1, le=120)
    """Minutes in one JP (jam pelajaran); 45 unless the programme says otherwise."""
    languages: list[Language] = Field(["id"], min_length=1)
    """The course's languages, first one the main edition, e.g. `[id, en]`."""
    missing_translation: Literal["error", "warning"] = "error"
    """Whether a text missing one of the languages stops the build (`error`) or
    is shown in the first language with a warning (`warning`, for drafts)."""
    agendas: list[Agenda] = Field(min_length=1)
    """The agendas, each listing its modules by code."""
    schedule: list[ScheduleDay] = []
    """The course days, each with its start time, lessons and breaks (the run-sheet)."""
    paper: Paper = "a4"
    """Paper size of the PDFs: `a4`, `letter`, or `f4` (215 × 330 mm)."""
    edition: dt.date | None = None
    """Date of this edition of the materials, printed on covers; the build never uses the clock."""
    base_url: Annotated[str, StringConstraints(pattern=r"^https?://[^\s]+/$")] | None = None
    """Where the site is published, ending in `/`, e.g. `https://example.org/kkmp/`; gives
    pages canonical links and the site a sitemap.xml. Links between pages stay relative."""


# --- module ------------------------------------------------------------------


class CourseModule(Model):
    """A module (mata pelatihan): a reusable group of lessons, in modules/."""

    kind: Literal["module"]
    """Always `module`."""
    code: Code
    """Identifier of the module, unique in the project, e.g. `MP-KOAL`."""
    title: LocalText
    """Name of the module."""
    description: Markdown
    """Short description (deskripsi singkat) of what the module covers."""
    lessons: list[Code] = Field(min_length=1)
    """Codes of the module's lessons, in teaching order."""


# --- lesson ------------------------------------------------------------------


class Indicator(Model):
    code: Code
    """Identifier of the indicator within the lesson, e.g. `IND-1`."""
    bloom: Bloom
    """Bloom level of the indicator: C1 remember … C6 create, or `affective`."""
    text: LocalText
    """What participants can do, starting with an operational verb."""


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


class Question(Model):
    code: Code
    """Identifier of the question, e.g. `DQ1`; activities refer to it."""
    text: LocalText
    """The question."""
    phase: Literal["preparation", "in_class"] = "in_class"
    """When participants answer it: before the session or in class."""


class WorksheetPrompt(Model):
    text: LocalText
    """What to write in this part of the worksheet."""
    lines: int = Field(5, ge=1, le=40)
    """How many ruled lines to leave for the answer."""


class Worksheet(Model):
    code: Code
    """Identifier of the worksheet (lembar kerja), e.g. `LK-02`; activities refer to it."""
    title: LocalText
    """Title of the worksheet."""
    instructions: Markdown
    """How to fill in the worksheet."""
    prompts: list[WorksheetPrompt] = Field(min_length=1)
    """The parts to fill in, each with room to write."""


class Activity(Model):
    code: Code
    """Identifier of the activity within the lesson, e.g. `A1`."""
    type: ActivityType
    """Kind of activity; it decides the label shown."""
    title: LocalText | None = None
    """Optional name of the activity; the type's label is used when absent."""
    minutes: int = Field(ge=1, le=600)
    """Duration in minutes; a lesson's activities add up to its JP × minutes per JP."""
    grouping: Grouping = "whole_class"
    """How participants work: individual, pairs, threes, small_groups, whole_class."""
    participant_instructions: Markdown | None = None
    """What participants do, as they read it in their handout."""
    materials: list[LocalText] = []
    """What the room needs: cards, flip chart, markers …"""
    worksheet: Code | None = None
    """Code of the worksheet used in this activity."""
    discussion_questions: list[Code] = []
    """Codes of the lesson's or its case's questions discussed in this activity."""
    illustrative: LocalText | None = None
    """Marks an invented scenario. The text is shown after the word "Illustrative"
    in every edition, e.g. "Invented scenario, not a fact about any real agency"."""
    facilitator_notes: Markdown | None = facilitator_only()
    """How to run the activity (facilitator only)."""


class Option(Model):
    key: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]{1,3}$")]
    """Letter of the option, e.g. `a`."""
    text: LocalText
    """The option's text."""


class MultipleChoice(Model):
    code: Code
    """Identifier of the item, e.g. `Q1`."""
    type: Literal["multiple_choice"]
    """`multiple_choice`: one correct option."""
    indicator: Code | None = None
    """Code of the indicator this item assesses."""
    stem: LocalText
    """The question."""
    options: list[Option] = Field(min_length=2)
    """The options, each with a key and a text."""
    answer: str = facilitator_only(...)
    """Key of the correct option (facilitator only)."""
    rationale: LocalText | None = facilitator_only()
    """Why that option is correct (facilitator only)."""


class RubricLevel(Model):
    level: int = Field(ge=0, le=10)
    """Score for this level; higher is better."""
    text: LocalText
    """What an answer at this level shows."""


class Reflective(Model):
    code: Code
    """Identifier of the item, e.g. `Q3`."""
    type: Literal["reflective"]
    """`reflective`: an open written answer scored with a rubric."""
    indicator: Code | None = None
    """Code of the indicator this item assesses."""
    prompt: LocalText
    """The reflection prompt."""
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
    learning_outcome: LocalText
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
    key_points: list[LocalText] = []
    """Key points (rangkuman) to remember."""
    case_study: Code | None = None
    """Code of the case study used in this lesson."""
    glossary: list[Code] = []
    """Codes of glossary terms this lesson introduces."""
    references: list[Code] = []
    """Codes of bibliography entries the lesson cites."""
    assessment: list[AssessmentItem] = []
    """Assessment items: multiple choice or reflective."""
    facilitator_notes: Markdown | None = facilitator_only()
    """Preparation notes for the facilitator (facilitator only)."""


# --- case study --------------------------------------------------------------


class Fact(Model):
    code: Code
    """Identifier of the fact, e.g. `F1`."""
    provenance: Provenance
    """Where the fact comes from: `seed` (the case's own source), `cited`
    (another source, named in `source`), or `illustrative` (invented, labelled)."""
    source: Code | None = None
    """Bibliography code of the source, required when provenance is `cited`."""
    text: LocalText
    """The fact, in our own words."""
    caveat: LocalText | None = None
    """A caution about the fact, e.g. that the source's wording is ambiguous."""


class TeachingNote(Model):
    synopsis: Markdown
    """What the case is and why it is taught."""
    board_plan: list[LocalText] = []
    """How to lay out the board during the discussion."""
    analysis: Markdown | None = None
    """An analysis the facilitator can defend."""
    epilogue: Markdown | None = None
    """What happened afterwards, if known."""


class CaseStudy(Model):
    """A case study (studi kasus), reusable across lessons and courses, in modules/."""

    kind: Literal["case_study"]
    """Always `case_study`."""
    code: Code
    """Identifier of the case, unique in the project."""
    title: LocalText
    """Title of the case."""
    source: Code
    """Bibliography code of the source the case is built from."""
    introduction: Markdown | None = None
    """How the case was put together, for participants."""
    facts: list[Fact] = Field(min_length=1)
    """The facts of the case, each with its provenance."""
    unknowns: list[LocalText] = []
    """What the source does not say."""
    discussion_questions: list[Question] = []
    """Questions for discussing the case."""
    teaching_note: TeachingNote | None = facilitator_only()
    """The teaching note (facilitator only)."""


# --- bibliography and glossary ----------------------------------------------


class Reference(Model):
    code: Code
    """Identifier of the entry, e.g. `kotter_1995`; lessons cite it by this code."""
    type: ReferenceType
    """Kind of work: article, book, chapter, report, news, web or regulation."""
    authors: list[str] = []
    """Authors as `Family, Given` (or an organisation's name)."""
    year: int | None = Field(None, ge=1000, le=2100)
    """Year of publication."""
    title: str
    """Title of the work, in its own language."""
    container: str | None = None
    """Journal, book, newspaper or website the work appears in."""
    publisher: str | None = None
    """Publisher or issuing body."""
    volume: str | None = None
    """Volume of the journal."""
    issue: str | None = None
    """Issue of the journal."""
    pages: str | None = None
    """Pages, e.g. `59-67`."""
    doi: str | None = None
    """DOI without the https://doi.org/ prefix."""
    url: str | None = None
    """Web address of the work."""
    accessed: dt.date | None = None
    """When a web source was read, as YYYY-MM-DD."""
    note: LocalText | None = None
    """A note shown after the entry."""


class Bibliography(Model):
    """The bibliography (daftar pustaka): entries that lessons and cases cite."""

    kind: Literal["bibliography"]
    """Always `bibliography`."""
    entries: list[Reference] = Field(min_length=1)
    """The entries."""


class Term(Model):
    code: Code
    """Identifier of the term, e.g. `pentahelix`."""
    term: LocalText
    """The term as shown."""
    definition: LocalText
    """Its definition."""


class Glossary(Model):
    """The glossary (glosarium): terms that lessons introduce."""

    kind: Literal["glossary"]
    """Always `glossary`."""
    terms: list[Term] = Field(min_length=1)
    """The terms."""


KINDS: dict[str, type[Model]] = {
    "course": Course,
    "module": CourseModule,
    "lesson": Lesson,
    "case_study": CaseStudy,
    "bibliography": Bibliography,
    "glossary": Glossary,
}
