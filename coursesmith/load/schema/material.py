"""What an activity needs in the room, as plain text or with a quantity."""
from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import Discriminator, Field, Tag

from coursesmith.load.schema.base import Model
from coursesmith.load.text import InlineMarkdown

MATERIAL_KEYS = ("item", "quantity", "per")


class Material(Model):
    item: InlineMarkdown
    """What is needed, e.g. `{id: Kertas plano, en: Flip-chart paper}`."""
    quantity: int | None = Field(None, ge=1, le=10000)
    """How many: in all, or for each group or participant when `per` says so."""
    per: Literal["group", "participant"] | None = None
    """`group` or `participant`: the quantity is for each (1 when no quantity is given);
    the facilitator guide multiplies it by the groups or the course's `class_size`."""


def _form(value: Any) -> str:
    """A mapping that names any of a material's keys is the counted form (so its typos are
    reported against Material's keys); anything else is the text of the item alone."""
    if isinstance(value, dict) and any(key in value for key in MATERIAL_KEYS):
        return "counted"
    if isinstance(value, Material):
        return "counted"
    return "text"


MaterialEntry = Annotated[
    Union[Annotated[InlineMarkdown, Tag("text")], Annotated[Material, Tag("counted")]],
    Discriminator(_form),
]
"""A material as text (`Spidol`, inline Markdown allowed), text per language, or `{item, quantity, per}`."""


def as_materials(entries: list[InlineMarkdown | Material]) -> list[Material]:
    """Every entry in the counted form, so templates and the checklist see one shape."""
    return [entry if isinstance(entry, Material) else Material(item=entry) for entry in entries]
