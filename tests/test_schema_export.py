"""The exported JSON Schema: current, and in agreement with the sample course."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
import yaml

from coursesmith.load.schema import KINDS, OFFICE_KINDS
from coursesmith.load.schema_export import file_name, write_schemas

from conftest import REPO

SAMPLE_FILES = sorted(p for folder in ("course", "modules") for p in (REPO / folder).rglob("*.yaml"))


def as_json(value):
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_committed_schema_files_are_current(tmp_path):
    for path in write_schemas(tmp_path):
        committed = REPO / "schema" / path.name
        assert committed.read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), (
            f"{committed} is stale: run `make schema`")


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_sample_file_validates_against_its_schema(path):
    data = as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith("# yaml-language-server: $schema=")
    schema_path = (path.parent / first_line.split("$schema=", 1)[1]).resolve()
    assert schema_path.name == file_name(data["kind"])
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)


def test_schema_rejects_what_the_validator_rejects():
    schema = json.loads((REPO / "schema" / file_name("module")).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    good = {"kind": "module", "code": "M", "title": {"id": "a", "en": "b"}, "description": "d", "lessons": ["L"]}
    assert not list(validator.iter_errors(good))
    assert list(validator.iter_errors({**good, "titel": "x"}))
    assert list(validator.iter_errors({**good, "lessons": []}))
    assert list(validator.iter_errors({**good, "title": {"id": ""}}))


def test_every_field_is_documented():
    for cls in [*KINDS.values(), *OFFICE_KINDS.values()]:
        for model in [cls, *_nested(cls)]:
            for name, info in model.model_fields.items():
                assert info.description, f"{model.__name__}.{name} has no docstring"


def _nested(cls, seen=None):
    import typing
    seen = seen if seen is not None else set()
    for info in cls.model_fields.values():
        stack = [info.annotation]
        while stack:
            tp = stack.pop()
            stack.extend(typing.get_args(tp))
            if isinstance(tp, type) and hasattr(tp, "model_fields") and tp not in seen:
                seen.add(tp)
                yield tp
                yield from _nested(tp, seen)


def test_readme_lists_every_text_field_with_its_kind():
    import os
    import re

    from coursesmith.load.schema_export import text_fields_table

    readme = REPO / "README.md"
    text = readme.read_text(encoding="utf-8")
    pattern = re.compile(r"(<!-- text-fields:[^\n]*-->\n)(.*?)(\n<!-- /text-fields -->)", re.S)
    if os.environ.get("COURSESMITH_REFRESH"):
        text = pattern.sub(lambda m: m.group(1) + text_fields_table() + m.group(3), text)
        readme.write_text(text, encoding="utf-8")
    found = pattern.search(text)
    assert found and found.group(2) == text_fields_table(), "run COURSESMITH_REFRESH=1 make test"
    assert "| lesson | `sections[].body` | Markdown |" in found.group(2)
    assert "| glossary | `terms[].definition` | inline Markdown |" in found.group(2)
