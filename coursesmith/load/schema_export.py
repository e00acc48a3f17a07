"""JSON Schema for every kind of file, generated from the classes that validate them.

Editors with the YAML language server read these files (each sample file's first
line names one) to complete keys and show each field's description as you type.
"""

from __future__ import annotations

import json
from pathlib import Path

from coursesmith.load.schema import KINDS, OFFICE_KINDS, SCHEMA_VERSION

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
