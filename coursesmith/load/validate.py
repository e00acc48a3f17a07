"""Schema validation of one loaded file, with every error placed at its line and column."""

from __future__ import annotations

import re
import types
import typing
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, Tag, ValidationError

from coursesmith.diagnostics import Problems, suggest
from coursesmith.load.schema import KINDS, Model
from coursesmith.load.yamlfile import Loc, SourceFile

# What each kind of mapping is called in messages.
NAMES = {
    "Course": "the course", "Institution": "institution", "Dates": "dates",
    "Agenda": "agenda", "CourseModule": "the module", "Indicator": "indicator",
    "MainTopic": "main topic", "Section": "section", "Question": "question",
    "WorksheetPrompt": "worksheet prompt", "LinesPrompt": "worksheet prompt",
    "TablePrompt": "table prompt", "GridPrompt": "grid prompt", "BoxPrompt": "box prompt",
    "ChecklistPrompt": "checklist prompt", "Worksheet": "worksheet", "Activity": "activity",
    "Material": "material",
    "Option": "option", "MultipleChoice": "multiple-choice item", "RubricLevel": "rubric level",
    "Reflective": "reflective item", "Lesson": "the lesson", "Fact": "fact",
    "TeachingNote": "teaching note", "CaseStudy": "the case study", "Reference": "bibliography entry",
    "Bibliography": "the bibliography", "Term": "glossary term", "Glossary": "the glossary",
    "People": "the people file", "Person": "person", "Roster": "the roster", "RosterEntry": "participant",
}

EXPECTED = {
    "string_type": ("text", 'Write the text after the colon, e.g. `title: "…"`. Put text that '
                    "looks like a number or a date in double quotes."),
    "text_type": ("text, or a map of languages to text",
                  'Write `title: "…"`, or one text per language: `title: {id: "…", en: "…"}`.'),
    "int_type": ("a whole number", "Write digits only, e.g. `minutes: 20`."),
    "int_parsing": ("a whole number", "Write digits only, e.g. `minutes: 20`."),
    "int_from_float": ("a whole number", "Write digits only, without a decimal point."),
    "list_type": ("a list", "Write one item per line, each starting with `- `, "
                  "or a list in brackets: `[a, b]`."),
    "model_type": ("a mapping of keys", "Write `key: value` lines indented under this key."),
    "model_attributes_type": ("a mapping of keys", "Write `key: value` lines indented under this key."),
    "dict_type": ("a mapping of keys", "Write `key: value` lines indented under this key."),
    "bool_type": ("true or false", "Write `true` or `false`."),
    "bool_parsing": ("true or false", "Write `true` or `false`."),
    "date_type": ("a date", "Write the date as YYYY-MM-DD, e.g. `2027-02-01`."),
    "date_parsing": ("a date", "Write the date as YYYY-MM-DD, e.g. `2027-02-01`."),
    "date_from_datetime_parsing": ("a date", "Write the date as YYYY-MM-DD, e.g. `2027-02-01`."),
    "date_from_datetime_inexact": ("a date", "Write the date as YYYY-MM-DD, e.g. `2027-02-01`."),
    "literal_error": ("", ""),
}

PATTERNS = {
    "code": ("codes use letters, digits, `-`, `_` and `.`, and start with a letter or digit",
             "Write a code such as `KOAL-01`."),
    "language": ("languages are ISO 639-1 codes", "Write a code such as `id` or `en`."),
    "key": ("option keys are one to three letters or digits", "Write a key such as `a`."),
}


def validate_file(source: SourceFile, problems: Problems) -> Model | None:
    """Validate a loaded file against the schema of its kind."""
    data = source.data
    if not isinstance(data, dict):
        problems.add("not-a-mapping", source.location(), actual=describe(data))
        return None
    kind = data.get("kind")
    if kind is None:
        problems.add("missing-kind", source.location(), kinds=", ".join(KINDS))
        return None
    if kind not in KINDS:
        problems.add("unknown-kind", source.location(("kind",)), kind=kind,
                     suggestion=suggest(str(kind), KINDS), kinds=", ".join(KINDS))
        return None
    return validate_as(source, KINDS[kind], problems)


def validate_as(source: SourceFile, cls: type[Model], problems: Problems) -> Model | None:
    """Validate a loaded file against one schema class, every error at its position."""
    try:
        return cls.model_validate(source.data)
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            report(source, cls, detail, problems)
        return None


def report(source: SourceFile, root: type[Model], detail: dict, problems: Problems) -> None:
    """Turn one pydantic error into a diagnostic from the message table."""
    loc: Loc = tuple(detail["loc"])
    kind = detail["type"]
    value = detail.get("input")
    field = field_name(loc)
    if kind == "extra_forbidden":
        parent = model_at(root, loc[:-1])
        allowed = list(parent.model_fields) if parent else []
        problems.add("unknown-key", source.location(loc, key=True), key=loc[-1],
                     where=NAMES.get(parent.__name__, "this mapping") if parent else "this mapping",
                     suggestion=suggest(str(loc[-1]), allowed), allowed=", ".join(allowed))
    elif kind in ("missing", "union_tag_not_found"):
        name = detail.get("ctx", {}).get("discriminator", loc[-1] if loc else "?").strip("'")
        parent_loc = loc if kind == "union_tag_not_found" else loc[:-1]
        parent = model_at(root, parent_loc)
        info = parent.model_fields.get(name) if parent else None
        problems.add("missing-field", source.location(parent_loc), field=name,
                     where=NAMES.get(parent.__name__, "this mapping") if parent else "this mapping",
                     description=(info.description or "") if info else "")
    elif kind == "literal_error":
        allowed = detail["ctx"]["expected"]
        problems.add("bad-value", source.location(loc), value=show(value), field=f"`{field}`",
                     allowed=allowed.replace("'", "`"), suggestion=suggest(str(value), quoted(allowed)))
    elif kind == "union_tag_invalid":
        ctx = detail["ctx"]
        name = ctx["discriminator"].strip("'")
        problems.add("bad-value", source.location((*loc, name)), value=show(ctx["tag"]), field=f"`{name}`",
                     allowed=ctx["expected_tags"].replace("'", "`"),
                     suggestion=suggest(str(ctx["tag"]), quoted(ctx["expected_tags"])))
    elif kind == "string_pattern_mismatch":
        reason, example = PATTERNS[pattern_kind(detail["ctx"]["pattern"])]
        problems.add("bad-format", source.location(loc), value=show(value), field=f"`{field}`",
                     reason=reason, example=example)
    elif kind == "too_short":
        problems.add("too-few", source.location(loc), field=f"`{field}`",
                     minimum=detail["ctx"]["min_length"],
                     unit="item" if detail["ctx"]["min_length"] == 1 else "items")
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = {k: v for k, v in detail["ctx"].items()}
        reason = {"ge": "it must be at least {}", "le": "it must be at most {}",
                  "gt": "it must be more than {}", "lt": "it must be less than {}"}
        key, limit = next(iter(bound.items()))
        problems.add("bad-number", source.location(loc), value=show(value), field=f"`{field}`",
                     reason=reason[key].format(limit))
    elif kind == "string_too_long":
        problems.add("bad-format", source.location(loc), value=show(value), field=f"`{field}`",
                     reason=f"it is longer than {detail['ctx']['max_length']} characters",
                     example="Use a shorter code.")
    else:
        expected, example = EXPECTED.get(kind, (detail["msg"].lower(), ""))
        problems.add("wrong-type", source.location(loc), field=f"`{field}`", expected=expected,
                     actual=describe(value), example=example)


def field_name(loc: Loc) -> str:
    """The user-facing name of the value at `loc`: its key, or 'item N of key'."""
    if not loc:
        return "the file"
    names = [p for p in loc if isinstance(p, str)]
    last = names[-1] if names else "value"
    if isinstance(loc[-1], int):
        return f"item {loc[-1] + 1} of {last}"
    return last


def quoted(text: str) -> list[str]:
    """The quoted words of pydantic's "'a', 'b' or 'c'"."""
    return re.findall(r"'([^']*)'", text)


def pattern_kind(pattern: str) -> str:
    if pattern.startswith("^[a-z]{2,3}"):
        return "language"
    if "{1,3}" in pattern:
        return "key"
    return "code"


def describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"`{str(value).lower()}` (true/false)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {show(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


def show(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def model_at(root: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that validates the mapping at `loc`, following field types."""
    current: Any = root
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part) if isinstance(part, str) else None
            if info is None:
                continue  # a union branch name in pydantic's location
            current = info.annotation
        elif get_origin(current) is list and isinstance(part, int):
            current = get_args(current)[0]
        elif _is_union(current) and isinstance(part, str):
            current = _branch(current, part)
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(tp: Any) -> Any:
    while True:
        if get_origin(tp) is typing.Annotated:
            tp = get_args(tp)[0]
        elif _is_union(tp):
            members = [a for a in get_args(tp) if a is not type(None)]
            if len(members) != 1:
                return tp
            tp = members[0]
        else:
            return tp


def _is_union(tp: Any) -> bool:
    return get_origin(tp) in (Union, types.UnionType)


def _branch(union: Any, tag: str) -> Any:
    for member in get_args(union):
        if get_origin(member) is typing.Annotated and any(
                isinstance(meta, Tag) and meta.tag == tag for meta in get_args(member)[1:]):
            return _unwrap(member)  # a branch chosen by a callable discriminator
        member = _unwrap(member)
        if isinstance(member, type) and issubclass(member, BaseModel):
            type_field = member.model_fields.get("type")
            if type_field and get_origin(type_field.annotation) is Literal and tag in get_args(type_field.annotation):
                return member
    return union
