"""Page values that coursesmith's own code works out from one lesson, only when read.

A lesson's slides are planned from its view alone (outputs/slides/deck.py): a page
whose template output the memo already holds never needs them. Such a value is named
in the page's key (model/inputs.py) by the function that makes it, the lesson and the
arguments, not by what it holds: the function is coursesmith's code, which every key
holds (render/memo.py), and the lesson's content is part of the page's inputs.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from coursesmith.model.course import LessonView


class FromLesson(Sequence):
    """The items `make(lesson, *arguments)` returns, made the first time they are read.
    `make` must read nothing but the lesson's view and the arguments."""

    def __init__(self, make: Callable[..., Sequence[Any]], lesson: LessonView, *arguments: Any):
        self.make = make
        self.lesson = lesson
        self.arguments = arguments
        self._items: tuple[Any, ...] | None = None

    @property
    def maker(self) -> str:
        """The function's name, as a key spells it."""
        return f"{self.make.__module__}.{self.make.__qualname__}"

    def items(self) -> tuple[Any, ...]:
        if self._items is None:
            self._items = tuple(self.make(self.lesson, *self.arguments))
        return self._items

    def __getitem__(self, index):
        return self.items()[index]

    def __len__(self) -> int:
        return len(self.items())

    def __iter__(self) -> Iterator[Any]:
        return iter(self.items())
