"""The checks the format table (`format`) is written with: each turns a YAML node into a field value,
or reports to the `FileReader` it is given why it cannot and returns `INVALID`; and the `Field` and
`RecordType` that hold them.

Each check describes itself too, for `core/authoring/schema.py` (the JSON Schema editors use) and the
template `anora-tui new` writes: a check of one value has a `schema` attribute, the JSON Schema of the
values it accepts (what a schema cannot say, such as whether a reference exists, is left to the
checker); a list's check has its `item` check and `may_be_empty`, a nested mapping's its `record_type`.
"""

from __future__ import annotations

import re
from dataclasses import MISSING, dataclass
from dataclasses import fields as dataclass_fields
from datetime import date
from sys import intern
from typing import TYPE_CHECKING, Callable

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..text import refused_character
from .problems import did_you_mean, shown
from .yaml_nodes import BOOL, FLOAT, INT, MAY_NOT_BE_A_STRING, SEQ, STR

if TYPE_CHECKING:
    from .file_reader import FileReader

_TRUE_WORDS = frozenset({"yes", "true", "on"})  # YAML 1.1 booleans, lowercased

_ID_PATTERN = "^[a-z][a-z0-9-]*$"
_ID = re.compile(r"[a-z][a-z0-9-]*\Z")
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z")
# Digit counts are capped: no paragraph or minute count is longer, and int() refuses very long strings.
_WHOLE = re.compile(r"[0-9]{1,9}\Z")
_DECIMAL = re.compile(r"[0-9]{1,9}(?:\.[0-9]{1,9})?\Z")


# The most characters a text field may hold: far more than any real article needs, small enough that
# a runaway value (an unclosed quote that swallowed a file, a generated 50 MB string) is a problem
# at its line rather than a reader that freezes drawing it.
LINE_LIMIT = 1_000  # a name, a title, a role, an id: a line
PROSE_LIMIT = 20_000  # the editor's own prose: a description, a summary, a correction
PARAGRAPH_LIMIT = 100_000  # a paragraph of the source, and a quote or a note's words from it
LIMIT_HINTS = {LINE_LIMIT: "shorten it", PROSE_LIMIT: "shorten it", PARAGRAPH_LIMIT: "split it into paragraphs"}

INVALID = object()  # a value that failed its check (the problem is already reported)
UNSET = object()  # a field not given (yet) in the mapping being read
_MODEL_DEFAULT = object()  # an optional field's "no default of its own: the model's applies"

# A check turns one node into a value, or reports why it cannot and returns INVALID.
# `subject` names the value in messages: "'speaker'", "an item of 'roles'".
Check = Callable[["FileReader", Node, str], object]
# Checks a value already known to be text further: (reader, text, its node, subject) -> value or INVALID.
OfText = Callable[["FileReader", str, Node, str], object]
# Called with a record's field values (some maybe INVALID or UNSET) and its node, valid record or not.
After = Callable[["FileReader", list, MappingNode], None]


@dataclass(frozen=True)
class Field:
    check: Check
    required: bool = True
    default: object = _MODEL_DEFAULT  # for an optional field
    meaning: str = ""  # for the schema's descriptions and the template's comments
    limit: int = LINE_LIMIT  # the most characters its text (each item's, for a list) may have


def _with_schema(check: Check, schema: dict) -> Check:
    check.schema = schema  # type: ignore[attr-defined]
    return check


class RecordType:
    """One kind of mapping in the format: its fields and the row of values it is read into.

    A record is read into a row: its field values in `slots` order, which is the order of the model's
    constructor (`model(*row)`) unless given. Nested records are rows too; `DatasetReader` makes the
    model objects.
    """

    def __init__(
        self,
        noun: str,
        fields: dict[str, Field],
        model: type | None = None,
        after: After | None = None,
        slots: tuple[str, ...] | None = None,
        together: tuple[str, ...] = (),
        meaning: str = "",
    ) -> None:
        self.noun = noun  # what one record is called in messages
        self.after = after
        self.meaning = meaning
        self.specs = dict(fields)  # name -> Field, as given (for the schema and the template)
        self.field_names = tuple(fields)
        if slots is None:
            slots = tuple(f.name for f in dataclass_fields(model) if f.name in fields)
        assert sorted(slots) == sorted(fields), f"{noun}: every field needs a slot"
        model_defaults = {
            f.name: f.default if f.default is not MISSING else f.default_factory()
            for f in (dataclass_fields(model) if model else ())
            if f.default is not MISSING or f.default_factory is not MISSING
        }
        # Worked out once, not per record: loading 100k records makes every step count.
        self.size = len(slots)
        self.blank = [UNSET] * len(slots)
        # name -> (slot, check, subject, what to do with a plain string: see _usual_text_check)
        self.fields = {
            name: (slots.index(name), field.check, f"'{name}'", _usual_text_check(field.check))
            for name, field in fields.items()
        }
        self.required = tuple((slots.index(name), name) for name, field in fields.items() if field.required)
        # The length limit of each slot: of its text, or of each item of its list (`read_record`
        # compares every string or tuple value with it; a date or a choice is kept far shorter by its
        # check, a list of records has no text items). The slots of text as (slot, limit) pairs, and
        # the limits of text and lists of text by field name (for the patterns of `quick_read`,
        # which match no longer value).
        self.limits = [0] * len(slots)
        text_limits = []
        self.limit_of: dict[str, int] = {}
        for name, field in fields.items():
            slot = slots.index(name)
            self.limits[slot] = field.limit
            if _usual_text_check(field.check) is not None:
                text_limits.append((slot, field.limit))
            elif _usual_text_check(getattr(field.check, "item", None)) is None:
                continue
            self.limit_of[name] = field.limit
        self.text_limits = tuple(text_limits)
        # Optional fields given all together or not at all (an event's date and precision).
        self.together = tuple((slots.index(name), name) for name in together)
        self.defaults = tuple(
            (slots.index(name), model_defaults[name] if field.default is _MODEL_DEFAULT else field.default)
            for name, field in fields.items()
            if not field.required
        )


def usual_text(node: Node) -> str | None:
    """The node's value if it is the usual string, one that `text` would return as it is; else None.

    The common case, made cheap: `text` and the checks built on it are called only for what is left
    (None: not a string, empty, blank or with a character text may not hold), and say what is wrong.
    """
    if node.__class__ is ScalarNode:
        tag = node.tag
        value = node.value
        if (
            tag.__class__ is slice  # left to the resolver: see ComposingLoader
            and (not tag.step[0] or value[:1] not in MAY_NOT_BE_A_STRING)
            and value
            and value.isprintable()
            and not value.isspace()
        ):
            return value
    return None


def text(reader: FileReader, node: Node, subject: str) -> object:
    if node.__class__ is ScalarNode:
        tag = node.tag
        value = node.value
        if tag.__class__ is slice:  # left to the resolver: see ComposingLoader
            if tag.step[0] and value[:1] in MAY_NOT_BE_A_STRING and reader.plain_tag(value) != STR:
                return reader.wrong_type(node, subject, "a string")
        elif tag != STR:
            return reader.wrong_type(node, subject, "a string")
        if value and not value.isspace():
            if value.isprintable():
                return value
            refused = refused_character(value)
            return value if refused is None else reader.refused_character(node, value, refused.start(), subject)
        return reader.invalid(node, f"{subject} must not be empty")
    return reader.wrong_type(node, subject, "a string")


_TEXT_SCHEMA = {"type": "string", "pattern": "\\S"}  # not empty, not only spaces
_with_schema(text, _TEXT_SCHEMA)


def _text_then(of_text: OfText) -> Check:
    """The check of a string value that `of_text` checks further once it is known to be text."""

    def check(reader: FileReader, node: Node, subject: str) -> object:
        value = text(reader, node, subject)
        return value if value is INVALID else of_text(reader, value, node, subject)

    check.of_text = of_text  # type: ignore[attr-defined]  # for _usual_text_check
    return check


def _usual_text_check(check: Check | None) -> OfText | None:
    """For a check of text: what to do with a plain string (see usual_text), without the check's calls."""
    if check is text:
        return as_is
    return getattr(check, "of_text", None)


def as_is(reader: FileReader, value: str, node: Node, subject: str) -> str:
    return value


def identifier(id_space: str) -> Check:
    """A record's own id, registered in `id_space` for references (even when badly formed, so that
    references to it do not repeat the problem)."""

    def of_text(reader: FileReader, value: str, node: Node, subject: str) -> object:
        reader.register(id_space, value, node)
        if _ID.match(value):
            return value
        return reader.invalid(
            node, f"bad id {shown(value)}: use lowercase letters, digits and '-', starting with a letter"
        )

    check = _with_schema(_text_then(of_text), {"type": "string", "pattern": _ID_PATTERN})
    check.id_space = id_space  # type: ignore[attr-defined]
    check.registers = True  # type: ignore[attr-defined]  # for quick_read
    check.well_formed = _ID.match  # type: ignore[attr-defined]
    return check


def date_text(reader: FileReader, node: Node, subject: str) -> object:
    value = text(reader, node, subject)
    if value is INVALID:
        return value
    match = _DATE.match(value)
    if match:
        year, month, day = (int(part) if part else 1 for part in match.groups())
        try:
            date(year, month, day)
            return value
        except ValueError:
            pass
    return reader.invalid(node, f"bad date {shown(value)} in {subject}: use YYYY-MM-DD, YYYY-MM or YYYY")


_with_schema(date_text, {"type": "string", "pattern": "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"})


def choice(options: tuple[str, ...], name: str) -> Check:
    def check(reader: FileReader, node: Node, subject: str) -> object:
        value = text(reader, node, subject)
        if value is INVALID:
            return value
        if value in options:
            return intern(value)
        suggestion = did_you_mean(value, options)
        known = ", ".join(options)
        return reader.invalid(node, f"bad {name} {shown(value)}{suggestion}; use one of: {known}")

    check.options = options  # type: ignore[attr-defined]  # for quick_read
    return _with_schema(check, {"type": "string", "enum": list(options)})


def whole_number(minimum: int) -> Check:
    def check(reader: FileReader, node: Node, subject: str) -> object:
        if node.__class__ is ScalarNode and reader.tag_of(node) == INT and _WHOLE.match(node.value):
            value = int(node.value)
            if value >= minimum:
                return value
        return reader.wrong_type(node, subject, f"a whole number ≥ {minimum}")

    check.minimum = minimum  # type: ignore[attr-defined]  # for quick_read
    return _with_schema(check, {"type": "integer", "minimum": minimum})


def number(reader: FileReader, node: Node, subject: str) -> object:
    if node.__class__ is ScalarNode and reader.tag_of(node) in (INT, FLOAT):
        if _DECIMAL.match(node.value):
            return float(node.value) if "." in node.value else int(node.value)
    return reader.wrong_type(node, subject, "a number ≥ 0, like 12 or 2.5")


_with_schema(number, {"type": "number", "minimum": 0})


def boolean(reader: FileReader, node: Node, subject: str) -> object:
    if node.__class__ is ScalarNode and reader.tag_of(node) == BOOL:
        return node.value.lower() in _TRUE_WORDS
    return reader.wrong_type(node, subject, "true or false")


_with_schema(boolean, {"type": "boolean"})


def reference(id_space: str) -> Check:
    """An id of a record in `id_space`; whether it exists is checked once every file is read."""

    def of_text(reader: FileReader, value: str, node: Node, subject: str) -> object:
        # Interned: one string however many records name the id (at 100,000 quotes, 7 MiB), in
        # every file and process (`marshal` interns it again where a worker's chunk is read).
        value = intern(value)
        reader.refer(id_space, value, node, subject)
        return value

    # Any text: a malformed id is reported as unknown, with the closest known one.
    check = _with_schema(_text_then(of_text), _TEXT_SCHEMA)
    check.id_space = id_space  # type: ignore[attr-defined]  # for the template's examples
    check.registers = False  # type: ignore[attr-defined]  # for quick_read
    return check


_ITEM_SUBJECTS: dict[str, str] = {}  # "'roles'" -> "an item of 'roles'", made once


def list_of(item: Check, may_be_empty: bool = True) -> Check:
    of_text = _usual_text_check(item)

    def check(reader: FileReader, node: Node, subject: str) -> object:
        if node.__class__ is not SequenceNode or reader.tag_of(node) != SEQ:
            return reader.wrong_type(node, subject, "a list")
        if not node.value and not may_be_empty:
            return reader.invalid(node, f"{subject} must not be empty")
        item_subject = _ITEM_SUBJECTS.get(subject) or _ITEM_SUBJECTS.setdefault(subject, f"an item of {subject}")
        if of_text is None:
            values = [item(reader, item_node, item_subject) for item_node in node.value]
        else:
            values = [
                item(reader, item_node, item_subject) if value is None else of_text(reader, value, item_node, item_subject)
                for item_node in node.value
                for value in (usual_text(item_node),)
            ]
        return INVALID if INVALID in values else tuple(values)

    check.item, check.may_be_empty = item, may_be_empty  # type: ignore[attr-defined]  # for the schema
    return check


def mapping_of(record_type: RecordType) -> Check:
    """A nested mapping (`film`, `position`, a section), read into its own row."""

    def check(reader: FileReader, node: Node, subject: str) -> object:
        row = reader.read_record(node, record_type, subject)
        return INVALID if row is None else row

    check.record_type = record_type  # type: ignore[attr-defined]  # for the schema
    return check


def _usable(value: object) -> bool:
    return value is not INVALID and value is not UNSET


def remember_paragraphs(reader: FileReader, row: list, node: MappingNode) -> None:
    section_id, _title, paragraphs = row
    if _usable(section_id) and _usable(paragraphs):
        reader.paragraphs.setdefault(section_id, paragraphs)


remember_paragraphs.needs_node = False  # type: ignore[attr-defined]  # quick_read calls it with None


def excerpt_of(field: str, section_slot: int, paragraph_slot: int, excerpt_slot: int) -> After:
    """Queue the check that a record's `field` appears verbatim in the paragraph it names."""

    def queue(reader: FileReader, row: list, node: MappingNode) -> None:
        section, paragraph, excerpt = row[section_slot], row[paragraph_slot], row[excerpt_slot]
        if _usable(section) and _usable(paragraph):
            reader.excerpt(node, field, section, paragraph, excerpt if _usable(excerpt) else None)

    queue.excerpt = (field, section_slot, paragraph_slot, excerpt_slot)  # type: ignore[attr-defined]  # for quick_read
    return queue

