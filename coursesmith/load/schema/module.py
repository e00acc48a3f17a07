"""A module (mata pelatihan): its lessons, by code."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from coursesmith.load.schema.base import Code, Model
from coursesmith.load.text import LocalText, Markdown


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

