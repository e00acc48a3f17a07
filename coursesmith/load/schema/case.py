"""A case study: facts with their provenance, questions, and the teaching note."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from coursesmith.load.schema.base import Code, Model, Provenance, facilitator_only
from coursesmith.load.schema.lesson import Question
from coursesmith.load.text import InlineMarkdown, LocalText, Markdown


class Fact(Model):
    code: Code
    """Identifier of the fact, e.g. `F1`."""
    provenance: Provenance
    """Where the fact comes from: `seed` (the case's own source), `cited`
    (another source, named in `source`), or `illustrative` (invented, labelled)."""
    source: Code | None = None
    """Bibliography code of the source, required when provenance is `cited`."""
    text: InlineMarkdown
    """The fact, in our own words."""
    caveat: InlineMarkdown | None = None
    """A caution about the fact, e.g. that the source's wording is ambiguous."""


class TeachingNote(Model):
    synopsis: Markdown
    """What the case is and why it is taught."""
    board_plan: list[InlineMarkdown] = []
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
    unknowns: list[InlineMarkdown] = []
    """What the source does not say."""
    discussion_questions: list[Question] = []
    """Questions for discussing the case."""
    teaching_note: TeachingNote | None = facilitator_only()
    """The teaching note (facilitator only)."""

