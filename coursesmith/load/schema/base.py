"""The shared building blocks of the schema: codes, vocabularies, the base model, facilitator-only fields."""
from __future__ import annotations

import weakref
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
    "best_practice_lecture", "field_study", "debrief", "evaluation", "closing", "break",
    "buffer",
]


Grouping = Literal["individual", "pairs", "threes", "small_groups", "whole_class"]


ReferenceType = Literal["article", "book", "chapter", "report", "news", "web", "regulation"]


FACILITATOR_ONLY = "x-facilitator-only"


_TEXTS: dict[int, list[tuple[tuple, LocalText]]] = {}
"""The texts of each model walked whole, while the model lives: models are frozen, and the
checks walk every file's texts several times per check (the preview checks after every save)."""


def iter_texts(node: object, loc: tuple = ()) -> Iterator[tuple[tuple, LocalText]]:
    """Every text (LocalText or Markdown) inside a model, with its location, in field order."""
    if loc or not isinstance(node, Model):
        return _walk(node, loc)
    key = id(node)
    texts = _TEXTS.get(key)
    if texts is None:
        texts = _TEXTS[key] = list(_walk(node, ()))
        weakref.finalize(node, _TEXTS.pop, key, None)
    return iter(texts)


def _walk(node: object, loc: tuple) -> Iterator[tuple[tuple, LocalText]]:
    if isinstance(node, LocalText):
        yield loc, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _walk(getattr(node, name), (*loc, name))
    elif isinstance(node, (list, tuple)):
        for i, item in enumerate(node):
            yield from _walk(item, (*loc, i))


def facilitator_only(default: Any = None, **kwargs: Any) -> Any:
    """A field that only the facilitator edition shows."""
    return Field(default, json_schema_extra={FACILITATOR_ONLY: True}, **kwargs)


class Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, use_attribute_docstrings=True, validate_default=False
    )

