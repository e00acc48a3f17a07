"""The shared building blocks of the schema: codes, vocabularies, the base model, facilitator-only fields."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from coursesmith.load.text import LANGUAGE_CODE, LocalText

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

