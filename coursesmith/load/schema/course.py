"""The course file: institution, dates, agendas and schedule."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from coursesmith.load.schema.base import Code, Language, Model
from coursesmith.load.text import InlineMarkdown, LocalText, Markdown

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
    type: Literal["break", "study"] | None = None
    """For a slot that is not a lesson: `break` (coffee, lunch, prayer; ends a teaching block,
    no work is due in it) or `study` (time for homework and preparation)."""
    code: Code | None = None
    """Optional identifier of a slot that is not a lesson, so tasks can be due in it, e.g. `STUDY-1`."""


class ScheduleDay(Model):
    date: dt.date | None = None
    """The day's date, as YYYY-MM-DD."""
    start: ClockTime
    """When the first slot starts, as HH:MM (24-hour clock)."""
    slots: list[Slot] = Field(min_length=1)
    """The day's lessons and breaks, in order."""


class Signatory(Model):
    name: str
    """The official's name as it is printed under the signature."""
    title: LocalText
    """The office held, e.g. `Kepala Balai Pelatihan`."""
    nip: str | None = None
    """The official's NIP, printed under the name when given."""


class Office(Model):
    """What the course office's papers need beyond the course itself (output/office/)."""

    signatories: list[Signatory] = Field([], max_length=3)
    """Who signs the certificates, left to right."""
    certificate_number: str = "{seq:03d}/{year}"
    """Pattern of certificate numbers: `{seq}` is the participant's number in the roster
    (`{seq:03d}` pads it to three digits), `{year}` the year the course ends."""
    place: LocalText | None = None
    """The town printed before the date of signature, e.g. `Jakarta`."""


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
    notice: InlineMarkdown | None = None
    """A notice shown on the course home page and on every handout's cover,
    e.g. that the course is a sample and its institution illustrative."""
    description: Markdown | None = None
    """Introduction to the course for participants (Markdown)."""
    minutes_per_jp: int = Field(45, ge=1, le=120)
    """Minutes in one JP (jam pelajaran); 45 unless the programme says otherwise."""
    class_size: int | None = Field(None, ge=1, le=500)
    """How many participants the course is planned for; group activities' timing is checked against it."""
    max_block_minutes: int = Field(90, ge=15, le=600)
    """Longest run of lesson time the schedule may hold without a break, in minutes."""
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
    office: Office = Office()
    """Signatories, certificate numbers and place of signature for the office's papers."""
    publish_solutions: bool = False
    """Whether `::: solution` blocks reach participants (the site, handouts, the reader).
    Until then they appear only in the facilitator edition, like `::: facilitator` blocks."""
    base_url: Annotated[str, StringConstraints(pattern=r"^https?://[^\s]+/$")] | None = None
    """Where the site is published, ending in `/`, e.g. `https://example.org/kkmp/`; gives
    pages canonical links and the site a sitemap.xml. Links between pages stay relative."""

