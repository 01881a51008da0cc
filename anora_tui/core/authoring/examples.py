"""A commented example of one record of each collection, generated from the loader's format table:
every key, an example value of the right kind, and what it means. `anora-tui new` writes one under
each collection it leaves empty, for the author to copy (and in the template)."""

from __future__ import annotations

from typing import Any

from ..loading.checks import RecordType
from ..loading.format import LIST_COLLECTIONS, NOUNS
from .yaml_text import comment_block

COMMENT_COLUMN = 40  # where the meanings start


def commented_examples() -> dict[str, str]:
    """Collection name -> its commented example (lines starting with `#`, ending with a newline)."""
    return {name: _example(name, record_type) for name, record_type in LIST_COLLECTIONS.items()}


def commented_fields(record_type: RecordType, indent: int, leave_out: tuple[str, ...] = ()) -> str:
    """Commented `key: example  # meaning` lines for a record's fields, as a nested mapping's keys."""
    lines = [line for line in _record_lines(record_type, 0) if line.split(":", 1)[0].strip() not in leave_out]
    return "\n".join(" " * indent + "# " + line for line in lines)


def _example(collection: str, record_type: RecordType) -> str:
    heading = comment_block(
        f"One {record_type.noun}, every key with what it means. To use it, put it in place of `[]` "
        "without the leading '# '; leave out the optional keys you do not need."
    )
    return heading + "\n" + "\n".join("# " + line for line in _record_lines(record_type, 0, first_item=True)) + "\n"


def _record_lines(record_type: RecordType, indent: int, first_item: bool = False) -> list[str]:
    lines = []
    for index, (name, field) in enumerate(record_type.specs.items()):
        lead = " " * indent + ("- " if first_item and index == 0 else "  " if first_item else "")
        optional = "" if field.required else "(optional) "
        check = field.check
        if hasattr(check, "record_type"):
            lines.append(_with_meaning(f"{lead}{name}:", optional + field.meaning))
            lines += _record_lines(check.record_type, len(lead) + 2)
        else:
            lines.append(_with_meaning(f"{lead}{name}: {_example_value(check, record_type)}", optional + field.meaning))
    return lines


def _with_meaning(text: str, meaning: str) -> str:
    return f"{text.ljust(COMMENT_COLUMN - 2)}  # {meaning}" if meaning else text


def _example_value(check: Any, record_type: RecordType) -> str:
    if hasattr(check, "item"):
        return f"[{_example_value(check.item, record_type)}]"
    if hasattr(check, "id_space"):
        noun = NOUNS[check.id_space]
        return f"{'an' if noun[0] in 'aeiou' else 'a'}-{noun}"
    schema = check.schema
    if "enum" in schema:
        return schema["enum"][0]
    if schema["type"] == "integer":
        return str(schema.get("minimum", 1))
    if schema["type"] == "number":
        return "12"
    if schema["type"] == "boolean":
        return "true"
    if "[0-9]{4}" in schema.get("pattern", ""):
        return '"2024-01-31"'
    return '"…"'
