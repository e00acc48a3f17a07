"""JSON Schema for every kind of file, generated from the classes that validate them.

Editors with the YAML language server read these files (each sample file's first
line names one) to complete keys and show each field's description as you type.
"""

from __future__ import annotations

import json
from pathlib import Path

import typing
from collections.abc import Iterator

from pydantic import BaseModel

from coursesmith.load.schema import KINDS, OFFICE_KINDS, SCHEMA_VERSION
from coursesmith.load.text import InlineMarkdown, LocalText, Markdown

EXPORTED = {**KINDS, **OFFICE_KINDS}
"""Every kind of file, the office's people and roster included."""

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_for(kind: str) -> dict:
    schema = EXPORTED[kind].model_json_schema(mode="validation")
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"https://coursesmith.invalid/schema/v{SCHEMA_VERSION}/{kind}.schema.json",
        **schema,
    }


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def write_schemas(folder: Path) -> list[Path]:
    """Write one schema file per kind; the bytes depend only on the schema classes."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in EXPORTED:
        path = folder / file_name(kind)
        path.write_text(json.dumps(schema_for(kind), indent=2, ensure_ascii=False, sort_keys=True) + "\n",
                        encoding="utf-8")
        written.append(path)
    return written


TEXT_KINDS = {Markdown: "Markdown", InlineMarkdown: "inline Markdown", LocalText: "plain text"}


def text_fields() -> Iterator[tuple[str, str, str]]:
    """(kind of file, field path, kind of text) for every text field of every kind of file."""
    for kind, model in KINDS.items():
        for path, text_kind in _texts(model, ""):
            yield kind, path, text_kind


def _texts(model: type[BaseModel], prefix: str) -> Iterator[tuple[str, str]]:
    for name, info in model.model_fields.items():
        path, many = f"{prefix}{name}", False
        for tp in _flat(info.annotation):
            if typing.get_origin(tp) is list:
                tp, many = typing.get_args(tp)[0], True
            for inner in _flat(tp):
                shown = path + ("[]" if many else "")
                if isinstance(inner, type) and issubclass(inner, LocalText):
                    yield shown, TEXT_KINDS[inner]
                elif isinstance(inner, type) and issubclass(inner, BaseModel):
                    yield from _texts(inner, shown + ".")


def _flat(tp) -> list:
    """The members of a union or an Annotated type, else the type itself."""
    if typing.get_origin(tp) is typing.Annotated:
        return _flat(typing.get_args(tp)[0])
    if typing.get_origin(tp) in (typing.Union, __import__("types").UnionType):
        return [t for arg in typing.get_args(tp) for t in _flat(arg)]
    return [tp]


def text_fields_table() -> str:
    """The README's table of every text field and what it takes."""
    rows = ["| File | Field | Text |", "| --- | --- | --- |"]
    seen = set()
    for kind, path, text_kind in text_fields():
        if (kind, path) not in seen:
            seen.add((kind, path))
            rows.append(f"| {kind} | `{path}` | {text_kind} |")
    return "\n".join(rows)
