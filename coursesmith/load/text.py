"""Learner-visible text: one string for every language, or a map of language to string."""

from __future__ import annotations

import re
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import PydanticCustomError, core_schema

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
ANY_LANGUAGE = "*"


class LocalText:
    """Text as an author wrote it: either plain (the same in every language)
    or per language, e.g. ``{id: "Sesi", en: "Session"}``."""

    __slots__ = ("values",)

    def __init__(self, values: dict[str, str]):
        self.values = values

    @property
    def is_plain(self) -> bool:
        return ANY_LANGUAGE in self.values

    def languages(self) -> list[str]:
        return [] if self.is_plain else list(self.values)

    def get(self, language: str, fallback: list[str] | tuple[str, ...] = ()) -> str:
        """The text in `language`, else in the first fallback language that has it."""
        for candidate in (ANY_LANGUAGE, language, *fallback):
            if candidate in self.values:
                return self.values[candidate]
        return next(iter(self.values.values()), "")

    def all_strings(self) -> list[str]:
        return list(self.values.values())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LocalText) and self.values == other.values

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.values.items())))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.values!r})"

    @classmethod
    def _validate(cls, value: Any) -> LocalText:
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            return cls({ANY_LANGUAGE: value})
        if isinstance(value, dict) and value and all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            return cls(dict(value))
        raise PydanticCustomError("text_type", "expected text or a map of languages to text")

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler):
        return core_schema.no_info_plain_validator_function(
            cls._validate,
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda text: text.values.get(ANY_LANGUAGE, text.values)
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: GetJsonSchemaHandler) -> dict:
        return {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {
                    "type": "object",
                    "minProperties": 1,
                    "propertyNames": {"pattern": LANGUAGE_CODE.pattern},
                    "additionalProperties": {"type": "string", "minLength": 1},
                },
            ],
            "markdownDescription": cls.json_hint,
        }

    json_hint = (
        "Plain text (Markdown is not read), or one text per language: `{id: \"…\", en: \"…\"}`."
    )


class InlineMarkdown(LocalText):
    """A short learner-visible text that may use inline Markdown: *emphasis*, **strong**,
    `code` and links (also to other parts of the course), but no paragraphs or lists."""

    __slots__ = ("origin",)

    def __init__(self, values: dict[str, str]):
        super().__init__(values)
        self.origin = None  # folder of the file it came from, for relative paths

    json_hint = (
        "Text with inline Markdown (*emphasis*, **strong**, `code`, [links](lesson:CODE)), "
        "or one such text per language."
    )


class Markdown(InlineMarkdown):
    """Learner-visible text written in Markdown (paragraphs, lists, tables, images, reading blocks)."""

    __slots__ = ()

    json_hint = (
        "Markdown text (CommonMark: lists, headings, code, tables, footnotes, `::: note` blocks), "
        "or one Markdown text per language. Use `|` for a block of several paragraphs."
    )
