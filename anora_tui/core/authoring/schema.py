"""The JSON Schema (draft-07) of one dataset file, generated from the loader's format table.

Editors with a YAML language server use it to complete keys, show what each means and flag typos as
the author types (`# yaml-language-server: $schema=…` on a file's first line). It says what one file
may hold; `anora-tui check` stays the authority for what a schema cannot say: that references exist,
that quotes appear verbatim, that ids are unique, that `article` is given exactly once.

`docs/schema/dataset.schema.json` is this schema as shipped; a test fails when the two drift apart.
"""

from __future__ import annotations

import json
from typing import Any

from ..loading.checks import RecordType
from ..loading.format import ARTICLE, LIST_COLLECTIONS

SCHEMA_DIALECT = "http://json-schema.org/draft-07/schema#"


def definition_name(record_type: RecordType) -> str:
    """'position' for the record type whose noun is "'position'"."""
    return record_type.noun.strip("'")


def dataset_schema() -> dict[str, Any]:
    """The schema of a dataset file: a mapping of any of the collections, every record closed to
    unknown keys, every field described."""
    definitions: dict[str, Any] = {}
    _define(ARTICLE, definitions)
    properties: dict[str, Any] = {
        "article": {"description": ARTICLE.meaning, "allOf": [{"$ref": f"#/definitions/{definition_name(ARTICLE)}"}]}
    }
    for name, record_type in LIST_COLLECTIONS.items():
        _define(record_type, definitions)
        properties[name] = {
            "description": f"{name}: a list, each item {record_type.meaning}",
            "type": "array",
            "items": {"$ref": f"#/definitions/{definition_name(record_type)}"},
        }
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "anora-tui dataset file",
        "description": (
            "One YAML file of an anora-tui dataset (`anora-tui format` describes it): a mapping of any of the "
            "collections. `anora-tui check` checks what a schema cannot: references, verbatim quotes, "
            "unique ids, exactly one article."
        ),
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
        "definitions": dict(sorted(definitions.items())),
    }


def _define(record_type: RecordType, definitions: dict[str, Any]) -> None:
    name = definition_name(record_type)
    if name in definitions:
        return
    definitions[name] = {}  # claimed before the fields, which may refer to it
    properties = {}
    for field_name, field in record_type.specs.items():
        properties[field_name] = {"description": field.meaning, **_value_schema(field.check, definitions)}
    definition: dict[str, Any] = {
        "description": record_type.meaning,
        "type": "object",
        "additionalProperties": False,
        "required": [name for _, name in record_type.required],
        "properties": properties,
    }
    together = [name for _, name in record_type.together]
    if together:
        definition["dependencies"] = {name: [other for other in together if other != name] for name in together}
    definitions[name] = definition


def _value_schema(check: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    if hasattr(check, "record_type"):
        _define(check.record_type, definitions)
        return {"allOf": [{"$ref": f"#/definitions/{definition_name(check.record_type)}"}]}
    if hasattr(check, "item"):
        schema = {"type": "array", "items": _value_schema(check.item, definitions)}
        return schema if check.may_be_empty else {**schema, "minItems": 1}
    return dict(check.schema)


def schema_text() -> str:
    """The schema as the file is shipped: indented JSON, UTF-8, ending with a newline."""
    return json.dumps(dataset_schema(), indent=2, ensure_ascii=False) + "\n"
