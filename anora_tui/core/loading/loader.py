"""Read a dataset directory (docs/data-format.md) into a `Dataset`, reporting every problem at once.

Pure Python: this module must never import Textual or Rich (a test checks it).

Each file is composed into YAML nodes with PyYAML's safe loader (libyaml-backed when available); the
nodes are then checked against the format by hand, which gives a line and column for every value and
catches what PyYAML lets through: duplicate keys, non-standard tags, values YAML reads as something
other than a string. Nothing beyond the format's own depth is ever walked, so a deep or alias-heavy
document costs no more than its size.

A file is read on its own into a `_Chunk` of plain data (rows of field values, ids and references with
their positions, problems), which may come from another process (`parallel_read`, for a big dataset);
the chunks are then merged in file order, and what spans files (duplicate ids, references, the
article, quotes found in their paragraphs) is checked, so the result never depends on which process
read what.
"""

from __future__ import annotations

import difflib
import marshal
import os
import re
from array import array
from dataclasses import MISSING, dataclass
from dataclasses import fields as dataclass_fields
from datetime import date
from itertools import starmap
from pathlib import Path
from typing import Callable, Iterable

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..gc_pause import gc_paused
from ..model import (
    DATE_PRECISIONS,
    PERSON_KINDS,
    QUOTE_FORMS,
    Article,
    Character,
    Dataset,
    Event,
    Note,
    Person,
    Production,
    Quote,
    Scene,
    Section,
    StoryPosition,
)
from ..state import FileTooBig, read_regular_file
from ..text import clean_text, one_line
from . import parallel_read

MAX_FILE_BYTES_VARIABLE = "ANORA_TUI_MAX_FILE_BYTES"
DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024

_USING_LIBYAML = hasattr(yaml, "CSafeLoader")
_SafeLoader = yaml.CSafeLoader if _USING_LIBYAML else yaml.SafeLoader


class _ComposingLoader(_SafeLoader):
    """The safe loader, except that a node's implicit tag is worked out only when asked.

    The composer calls `resolve`, `descend_resolver` and `ascend_resolver` for every node: millions of
    Python calls for a big dataset. It looks them up as ordinary attributes, so instance attributes
    that are C builtins replace them without any Python frame:

    - `resolve(kind, value, implicit)` becomes `slice(kind, value, implicit)`: a node whose tag was left
      to the resolver (none given, or the non-specific `!`) has that slice as its tag, from which
      `_FileReader.tag_of` gives the tag PyYAML's resolver would have (most nodes never need it: a
      quoted scalar is always a string, and so is a plain one whose first character starts no YAML
      1.1 number, boolean, null or date).
    - YAML path resolvers are never registered here, so the resolver's path is not tracked:
      `descend_resolver(parent, index)` and `ascend_resolver()` become builtins that do nothing
      (`slice` again, and `tuple`, which returns the shared empty tuple).
    """

    def __init__(self, stream: str | bytes) -> None:
        super().__init__(stream)
        self.resolve = slice
        self.descend_resolver = slice
        self.ascend_resolver = tuple


# PyYAML's resolver for plain scalars (the one the safe loader uses), called once per distinct value
# that could be something other than a string: the implicit resolvers are indexed by first character.
_RESOLVER = yaml.resolver.Resolver()
_MAY_NOT_BE_A_STRING = frozenset(_RESOLVER.yaml_implicit_resolvers)
assert None not in _MAY_NOT_BE_A_STRING, "a resolver for any first character: the shortcut would be wrong"


@dataclass(frozen=True, slots=True)
class DataError:
    """One problem in a dataset; `str()` gives `FILE:LINE:COL: message` (1-based)."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        # A file name can hold anything but "/" and NUL: shown, it must stay one harmless line.
        file = one_line(self.file)
        return f"{file}:{self.line}:{self.column}: {self.message}"


class DataErrors(Exception):
    """Every problem found in a dataset, sorted by file and position."""

    def __init__(self, errors: Iterable[DataError]) -> None:
        self.errors: list[DataError] = sorted(errors, key=lambda e: (e.file, e.line, e.column))
        super().__init__("\n".join(map(str, self.errors)))


def dataset_files(directory: str | os.PathLike) -> list[Path]:
    """The files a dataset is read from: each `*.yaml` in the directory, by name, hidden ones skipped.

    Entries that are not regular files (a directory named `x.yaml`, a broken link, a FIFO) are
    included, so that reading them reports the problem instead of silently leaving data out.
    Raises OSError if the directory cannot be listed.
    """
    files = (p for p in Path(directory).iterdir() if p.suffix == ".yaml" and not p.name.startswith("."))
    return sorted(files, key=lambda p: p.name)


def max_file_bytes() -> int:
    """The most bytes one dataset file may have; raises ValueError saying why the setting is bad."""
    setting = os.environ.get(MAX_FILE_BYTES_VARIABLE, "").strip()
    if not setting:
        return DEFAULT_MAX_FILE_BYTES
    if _BYTE_COUNT.match(setting):
        return int(setting)
    raise ValueError(f"{MAX_FILE_BYTES_VARIABLE}={_shown(setting)} is not a whole number of bytes")


def load_dataset(directory: str | os.PathLike) -> Dataset:
    """Read and check every `*.yaml` file in `directory`; raise `DataErrors` listing all problems."""
    with gc_paused():
        return _DatasetReader(directory).read()


# --- the format -------------------------------------------------------------------------------

_TAG_PREFIX = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ = _TAG_PREFIX + "str", _TAG_PREFIX + "map", _TAG_PREFIX + "seq"
_INT, _FLOAT, _BOOL = _TAG_PREFIX + "int", _TAG_PREFIX + "float", _TAG_PREFIX + "bool"
# What YAML makes of a value with each standard tag; any other tag is refused.
_TAG_READINGS = {
    _STR: "a string",
    _MAP: "a mapping",
    _SEQ: "a list",
    _INT: "a number",
    _FLOAT: "a number",
    _BOOL: "a boolean",
    _TAG_PREFIX + "null": "null",
    _TAG_PREFIX + "timestamp": "a date",
    _TAG_PREFIX + "binary": "binary data",
    _TAG_PREFIX + "set": "a set",
    _TAG_PREFIX + "omap": "an ordered mapping",
    _TAG_PREFIX + "pairs": "a list of pairs",
    _TAG_PREFIX + "merge": "a merge key",
    _TAG_PREFIX + "value": "a value key",
}
_TRUE_WORDS = frozenset({"yes", "true", "on"})  # YAML 1.1 booleans, lowercased

_ID = re.compile(r"[a-z][a-z0-9-]*\Z")
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z")
# Digit counts are capped: no paragraph or minute count is longer, and int() refuses very long strings.
_WHOLE = re.compile(r"[0-9]{1,9}\Z")
_DECIMAL = re.compile(r"[0-9]{1,9}(?:\.[0-9]{1,9})?\Z")
_BYTE_COUNT = re.compile(r"[0-9]{1,18}\Z")
# An anchor (&name) or alias (*name) can only start where a YAML node can; text without this pattern
# has none, and the (slower) event scan that finds them is skipped.
# (Written as "& or *, not preceded by anything else" so the regex engine can scan for [&*] quickly.)
_MAYBE_ANCHOR_OR_ALIAS = re.compile(r"[&*](?<![^\s\[\]{},:?\-\ufeff][&*])[^\s\[\]{},]")

# Checked longest first: the UTF-32 little-endian mark starts with the UTF-16 one.
_OTHER_BYTE_ORDER_MARKS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)

_INVALID = object()  # a value that failed its check (the problem is already reported)
_UNSET = object()  # a field not given (yet) in the mapping being read
_MODEL_DEFAULT = object()  # an optional field's "no default of its own: the model's applies"

# A check turns one node into a value, or reports why it cannot and returns _INVALID.
# `subject` names the value in messages: "'speaker'", "an item of 'roles'".
Check = Callable[["_FileReader", Node, str], object]
# Checks a value already known to be text further: (reader, text, its node, subject) -> value or _INVALID.
OfText = Callable[["_FileReader", str, Node, str], object]
# Called with a record's field values (some maybe _INVALID or _UNSET) and its node, valid record or not.
After = Callable[["_FileReader", list, MappingNode], None]


@dataclass(frozen=True)
class _Field:
    check: Check
    required: bool = True
    default: object = _MODEL_DEFAULT  # for an optional field


class _RecordType:
    """One kind of mapping in the format: its fields and the row of values it is read into.

    A record is read into a row: its field values in `slots` order, which is the order of the model's
    constructor (`model(*row)`) unless given. Nested records are rows too; `_DatasetReader` makes the
    model objects.
    """

    def __init__(
        self,
        noun: str,
        fields: dict[str, _Field],
        model: type | None = None,
        after: After | None = None,
        slots: tuple[str, ...] | None = None,
    ) -> None:
        self.noun = noun  # what one record is called in messages
        self.after = after
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
        self.blank = [_UNSET] * len(slots)
        # name -> (slot, check, subject, what to do with a plain string: see _usual_text_check)
        self.fields = {
            name: (slots.index(name), field.check, f"'{name}'", _usual_text_check(field.check))
            for name, field in fields.items()
        }
        self.required = tuple((slots.index(name), name) for name, field in fields.items() if field.required)
        self.defaults = tuple(
            (slots.index(name), model_defaults[name] if field.default is _MODEL_DEFAULT else field.default)
            for name, field in fields.items()
            if not field.required
        )


def _usual_text(node: Node) -> str | None:
    """The node's value if it is the usual string, one that `_text` would return as it is; else None.

    The common case, made cheap: `_text` and the checks built on it are called only for what is left
    (None: not a string, empty, blank or in need of cleaning), and say what is wrong.
    """
    if node.__class__ is ScalarNode:
        tag = node.tag
        value = node.value
        if (
            tag.__class__ is slice  # left to the resolver: see _ComposingLoader
            and (not tag.step[0] or value[:1] not in _MAY_NOT_BE_A_STRING)
            and value
            and value.isprintable()
            and not value.isspace()
        ):
            return value
    return None


def _text(reader: _FileReader, node: Node, subject: str) -> object:
    if node.__class__ is ScalarNode:
        tag = node.tag
        value = node.value
        if tag.__class__ is slice:  # left to the resolver: see _ComposingLoader
            if tag.step[0] and value[:1] in _MAY_NOT_BE_A_STRING and reader.plain_tag(value) != _STR:
                return reader.wrong_type(node, subject, "a string")
        elif tag != _STR:
            return reader.wrong_type(node, subject, "a string")
        if value and not value.isspace():
            return value if value.isprintable() else clean_text(value)
        return reader.invalid(node, f"{subject} must not be empty")
    return reader.wrong_type(node, subject, "a string")


def _text_then(of_text: OfText) -> Check:
    """The check of a string value that `of_text` checks further once it is known to be text."""

    def check(reader: _FileReader, node: Node, subject: str) -> object:
        value = _text(reader, node, subject)
        return value if value is _INVALID else of_text(reader, value, node, subject)

    check.of_text = of_text  # type: ignore[attr-defined]  # for _usual_text_check
    return check


def _usual_text_check(check: Check) -> OfText | None:
    """For a check of text: what to do with a plain string (see _usual_text), without the check's calls."""
    if check is _text:
        return _as_is
    return getattr(check, "of_text", None)


def _as_is(reader: _FileReader, value: str, node: Node, subject: str) -> str:
    return value


def _identifier(id_space: str) -> Check:
    """A record's own id, registered in `id_space` for references (even when badly formed, so that
    references to it do not repeat the problem)."""

    def of_text(reader: _FileReader, value: str, node: Node, subject: str) -> object:
        reader.register(id_space, value, node)
        if _ID.match(value):
            return value
        return reader.invalid(
            node, f"bad id {_shown(value)}: use lowercase letters, digits and '-', starting with a letter"
        )

    return _text_then(of_text)


def _date_text(reader: _FileReader, node: Node, subject: str) -> object:
    value = _text(reader, node, subject)
    if value is _INVALID:
        return value
    match = _DATE.match(value)
    if match:
        year, month, day = (int(part) if part else 1 for part in match.groups())
        try:
            date(year, month, day)
            return value
        except ValueError:
            pass
    return reader.invalid(node, f"bad date {_shown(value)} in {subject}: use YYYY-MM-DD, YYYY-MM or YYYY")


def _choice(options: tuple[str, ...], name: str) -> Check:
    def check(reader: _FileReader, node: Node, subject: str) -> object:
        value = _text(reader, node, subject)
        if value is _INVALID or value in options:
            return value
        suggestion = _did_you_mean(value, options)
        known = ", ".join(options)
        return reader.invalid(node, f"bad {name} {_shown(value)}{suggestion}; use one of: {known}")

    return check


def _whole_number(minimum: int) -> Check:
    def check(reader: _FileReader, node: Node, subject: str) -> object:
        if node.__class__ is ScalarNode and reader.tag_of(node) == _INT and _WHOLE.match(node.value):
            value = int(node.value)
            if value >= minimum:
                return value
        return reader.wrong_type(node, subject, f"a whole number ≥ {minimum}")

    return check


def _number(reader: _FileReader, node: Node, subject: str) -> object:
    if node.__class__ is ScalarNode and reader.tag_of(node) in (_INT, _FLOAT):
        if _DECIMAL.match(node.value):
            return float(node.value) if "." in node.value else int(node.value)
    return reader.wrong_type(node, subject, "a number ≥ 0, like 12 or 2.5")


def _boolean(reader: _FileReader, node: Node, subject: str) -> object:
    if node.__class__ is ScalarNode and reader.tag_of(node) == _BOOL:
        return node.value.lower() in _TRUE_WORDS
    return reader.wrong_type(node, subject, "true or false")


def _reference(id_space: str) -> Check:
    """An id of a record in `id_space`; whether it exists is checked once every file is read."""

    def of_text(reader: _FileReader, value: str, node: Node, subject: str) -> object:
        reader.refer(id_space, value, node, subject)
        return value

    return _text_then(of_text)


_ITEM_SUBJECTS: dict[str, str] = {}  # "'roles'" -> "an item of 'roles'", made once


def _list_of(item: Check, may_be_empty: bool = True) -> Check:
    of_text = _usual_text_check(item)

    def check(reader: _FileReader, node: Node, subject: str) -> object:
        if node.__class__ is not SequenceNode or reader.tag_of(node) != _SEQ:
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
                for value in (_usual_text(item_node),)
            ]
        return _INVALID if _INVALID in values else tuple(values)

    return check


def _mapping_of(record_type: _RecordType) -> Check:
    """A nested mapping (`film`, `position`, a section), read into its own row."""

    def check(reader: _FileReader, node: Node, subject: str) -> object:
        row = reader.read_record(node, record_type, subject)
        return _INVALID if row is None else row

    return check


def _usable(value: object) -> bool:
    return value is not _INVALID and value is not _UNSET


def _remember_paragraphs(reader: _FileReader, row: list, node: MappingNode) -> None:
    section_id, _title, paragraphs = row
    if _usable(section_id) and _usable(paragraphs):
        reader.paragraphs.setdefault(section_id, paragraphs)


def _excerpt_of(field: str, section_slot: int, paragraph_slot: int, excerpt_slot: int) -> After:
    """Queue the check that a record's `field` appears verbatim in the paragraph it names."""

    def queue(reader: _FileReader, row: list, node: MappingNode) -> None:
        section, paragraph, excerpt = row[section_slot], row[paragraph_slot], row[excerpt_slot]
        if _usable(section) and _usable(paragraph):
            reader.excerpt(node, field, section, paragraph, excerpt if _usable(excerpt) else None)

    return queue


_text_list = _list_of(_text)
_people_list = _list_of(_reference("people"))
_sections_list = _list_of(_reference("sections"))

_SECTION = _RecordType(
    "section",
    {
        "id": _Field(_identifier("sections")),
        "title": _Field(_text),
        "paragraphs": _Field(_list_of(_text, may_be_empty=False)),
    },
    Section,
    after=_remember_paragraphs,
)
_PRODUCTION = _RecordType(
    "'production'",
    {
        "location": _Field(_text, required=False),
        "days_shot": _Field(_number, required=False),
        "days_planned": _Field(_number, required=False),
        "script_pages": _Field(_text, required=False),
        "camera": _Field(_text_list, required=False),
        "notes": _Field(_text_list, required=False),
    },
    Production,
)
_FILM = _RecordType(
    "'film'",
    {
        "title": _Field(_text, required=False, default=""),
        "runtime_minutes": _Field(_whole_number(1), required=False, default=None),
        "runtime_note": _Field(_text, required=False, default=""),
        "production": _Field(_mapping_of(_PRODUCTION), required=False, default=None),  # Production()
        "outside_article": _Field(_text, required=False, default=""),
    },
    # Article's film_title, film_runtime_minutes, …
    slots=("title", "runtime_minutes", "runtime_note", "production", "outside_article"),
)
_ARTICLE = _RecordType(
    "article",
    {
        "title": _Field(_text),
        "publication": _Field(_text),
        "date": _Field(_date_text),
        "film": _Field(_mapping_of(_FILM), required=False, default=None),
        "sections": _Field(_list_of(_mapping_of(_SECTION), may_be_empty=False)),
    },
    slots=("title", "publication", "date", "sections", "film"),
)
_PERSON = _RecordType(
    "person",
    {
        "id": _Field(_identifier("people")),
        "name": _Field(_text),
        "kind": _Field(_choice(PERSON_KINDS, "kind")),
        "roles": _Field(_list_of(_text, may_be_empty=False)),
        "description": _Field(_text),
        "aliases": _Field(_text_list, required=False),
        "outside_article": _Field(_text, required=False),
    },
    Person,
)
_CHARACTER = _RecordType(
    "character",
    {
        "id": _Field(_identifier("characters")),
        "name": _Field(_text),
        "played_by": _Field(_reference("people")),
        "description": _Field(_text),
        "aliases": _Field(_text_list, required=False),
        "outside_article": _Field(_text, required=False),
    },
    Character,
)
_POSITION = _RecordType(
    "'position'",
    {
        "description": _Field(_text),
        "start_minute": _Field(_number, required=False),
        "length_minutes": _Field(_number, required=False),
        "approximate": _Field(_boolean, required=False),
    },
    StoryPosition,
)
_SCENE = _RecordType(
    "scene",
    {
        "id": _Field(_identifier("scenes")),
        "title": _Field(_text),
        "summary": _Field(_text),
        "position": _Field(_mapping_of(_POSITION)),
        "production": _Field(_mapping_of(_PRODUCTION), required=False, default=None),  # Production()
        "people": _Field(_people_list, required=False, default=()),
        "characters": _Field(_list_of(_reference("characters")), required=False, default=()),
        "sections": _Field(_sections_list, required=False, default=()),
        "outside_article": _Field(_text, required=False),
    },
    Scene,
)
_EVENT = _RecordType(
    "event",
    {
        "id": _Field(_identifier("events")),
        "date": _Field(_date_text),
        "precision": _Field(_choice(DATE_PRECISIONS, "precision")),
        "title": _Field(_text),
        "summary": _Field(_text),
        "date_note": _Field(_text, required=False),
        "people": _Field(_people_list, required=False, default=()),
        "sections": _Field(_sections_list, required=False, default=()),
        "outside_article": _Field(_text, required=False),
    },
    Event,
)
_QUOTE = _RecordType(
    "quote",
    {
        "id": _Field(_identifier("quotes")),
        "speaker": _Field(_reference("people")),
        "text": _Field(_text),
        "section": _Field(_reference("sections")),
        "paragraph": _Field(_whole_number(1)),
        "form": _Field(_choice(QUOTE_FORMS, "form"), required=False),
    },
    Quote,
)
_QUOTE.after = _excerpt_of("text", *(_QUOTE.fields[name][0] for name in ("section", "paragraph", "text")))
_NOTE = _RecordType(
    "note",
    {
        "id": _Field(_identifier("notes")),
        "section": _Field(_reference("sections")),
        "paragraph": _Field(_whole_number(1)),
        "says": _Field(_text),
        "correction": _Field(_text),
        "refers_to": _Field(_people_list, required=False),
    },
    Note,
)
_NOTE.after = _excerpt_of("says", *(_NOTE.fields[name][0] for name in ("section", "paragraph", "says")))
# The list collections, in the order Dataset.build takes them; `article` is handled on its own.
_LIST_COLLECTIONS = {
    "people": _PERSON,
    "characters": _CHARACTER,
    "scenes": _SCENE,
    "events": _EVENT,
    "quotes": _QUOTE,
    "notes": _NOTE,
}
_COLLECTION_NAMES = ("article", *_LIST_COLLECTIONS)
# What a record in each id space is called in messages.
_NOUNS = {
    "sections": "section",
    "people": "person",
    "characters": "character",
    "scenes": "scene",
    "events": "event",
    "quotes": "quote",
    "notes": "note",
}
# A key is checked as "a scalar YAML reads as a string, and a field name": for a plain key the resolver
# is skipped, which is right because no field name reads as anything but a string.
assert all(
    _RESOLVER.resolve(ScalarNode, name, (True, False)) == _STR
    for record_type in (_SECTION, _FILM, _ARTICLE, _POSITION, _PRODUCTION, *_LIST_COLLECTIONS.values())
    for name in record_type.field_names
)

# --- rows -> model objects (in the process that builds the dataset) ------------------------------

_NO_FILM = ("", None, "", None, "")
_NO_PRODUCTION = Production()


def _production(row) -> Production:
    return _NO_PRODUCTION if row is None else Production(*row)


def _make_article(title, publication, published, sections, film) -> Article:
    sections = tuple(Section(*section, index) for index, section in enumerate(sections))
    film_title, runtime_minutes, runtime_note, production, outside_article = film or _NO_FILM
    return Article(
        title,
        publication,
        published,
        sections,
        film_title,
        runtime_minutes,
        runtime_note,
        _production(production),
        outside_article,
    )


def _make_scene(
    scene_id, title, summary, position, production, people, characters, sections, outside_article
) -> Scene:
    return Scene(
        scene_id,
        title,
        summary,
        StoryPosition(*position),
        _production(production),
        people,
        characters,
        sections,
        outside_article,
    )


_MAKERS: dict[str, Callable[..., object]] = {
    "people": Person,
    "characters": Character,
    "scenes": _make_scene,
    "events": Event,
    "quotes": Quote,
    "notes": Note,
}


# --- one file ---------------------------------------------------------------------------------


class _Chunk:
    """What one file (or the article in it) holds, as plain data: picklable, no YAML nodes.

    Positions are 1-based `line, column`. Ids and references are kept per id space, in the order they
    are met, with their positions in flat arrays; an id's `error_index` is how many problems the
    chunk had when it was met, so that a duplicate found when the chunks are merged goes where
    reading every file in one go would have put it (before a "bad id" problem at the same place).
    """

    def __init__(self) -> None:
        self.readable = True  # False: the file could not be read (its one problem is in `errors`)
        self.errors: list[tuple[int, int, str]] = []  # (line, column, message)
        self.ids: dict[str, list[str]] = {}  # space -> each id defined, in order
        self.id_marks: dict[str, array] = {}  # space -> line, column, error_index for each
        self.references: dict[str, list[str]] = {}  # space -> each id referred to, in order
        self.reference_marks: dict[str, array] = {}  # space -> line, column for each reference
        self.reference_subjects: dict[str, list[str]] = {}  # space -> subject for each reference
        # (field, section id, paragraph number, excerpt or None) for each excerpt to check
        self.excerpts: list[tuple[str, str, int, str | None]] = []
        self.excerpt_marks = array("q")  # paragraph line, column, excerpt line, column for each
        self.rows: dict[str, list[list]] = {}  # collection -> rows of valid records
        self.paragraphs: dict[str, tuple[str, ...]] = {}  # section id -> paragraphs (in the article)
        self.article_row: list | None = None  # in an article's own chunk
        # The file's `article`: (line, column, error_index, the article's chunk) of its key
        self.article: tuple[int, int, int, _Chunk] | None = None
        # Made from the rows by `make_records`, in the process that builds the dataset (never sent).
        self.records: dict[str, list] = {}  # collection -> model objects
        self.article_record: Article | None = None

    def make_records(self) -> None:
        self.records = {name: list(starmap(_MAKERS[name], rows)) for name, rows in self.rows.items()}
        if self.article_row is not None:
            self.article_record = _make_article(*self.article_row)
        if self.article is not None:
            self.article[3].make_records()

    # Sent from a worker process by marshal: faster than pickle, both ways, for this much plain data
    # (and the same interpreter reads it).
    def __reduce__(self) -> tuple:
        return _unmarshal_chunk, (marshal.dumps(self._plain()),)

    def _plain(self) -> tuple:
        article = self.article
        return (
            self.readable,
            self.errors,
            self.ids,
            {space: marks.tobytes() for space, marks in self.id_marks.items()},
            self.references,
            {space: marks.tobytes() for space, marks in self.reference_marks.items()},
            self.reference_subjects,
            self.excerpts,
            self.excerpt_marks.tobytes(),
            self.rows,
            self.paragraphs,
            self.article_row,
            None if article is None else (*article[:3], article[3]._plain()),
        )

    @classmethod
    def _from_plain(cls, plain: tuple) -> _Chunk:
        chunk = cls()
        (
            chunk.readable,
            chunk.errors,
            chunk.ids,
            id_marks,
            chunk.references,
            reference_marks,
            chunk.reference_subjects,
            chunk.excerpts,
            excerpt_marks,
            chunk.rows,
            chunk.paragraphs,
            chunk.article_row,
            article,
        ) = plain
        chunk.id_marks = {space: _marks(marks) for space, marks in id_marks.items()}
        chunk.reference_marks = {space: _marks(marks) for space, marks in reference_marks.items()}
        chunk.excerpt_marks = _marks(excerpt_marks)
        if article is not None:
            chunk.article = (*article[:3], cls._from_plain(article[3]))
        return chunk


def _unmarshal_chunk(data: bytes) -> _Chunk:
    return _Chunk._from_plain(marshal.loads(data))


def _marks(data: bytes) -> array:
    marks = array("q")
    marks.frombytes(data)
    return marks


def _read_file(path: Path, limit: int, keep: list | None = None) -> _Chunk:
    """Read one dataset file into a chunk. With `keep`, the file's YAML nodes are appended to it
    instead of being freed (a worker process that is about to exit saves freeing them)."""
    reader = _FileReader()
    root = reader.compose(path, limit)
    if root is None:
        reader.chunk.readable = False
    else:
        reader.read_top_level(root)
        if keep is not None:
            keep.append(root)
    return reader.chunk


class _FileReader:
    """Reads one file (or the article in it) into a `_Chunk`; collects problems instead of stopping."""

    def __init__(self, plain_tags: dict[str, str] | None = None) -> None:
        self.chunk = chunk = _Chunk()
        self.errors = chunk.errors
        self.paragraphs = chunk.paragraphs
        self._ids, self._id_marks = chunk.ids, chunk.id_marks
        self._references: dict[str, tuple[list[str], array, list[str]]] = {}  # space -> the chunk's 3 lists
        self._plain_tags = {} if plain_tags is None else plain_tags  # plain scalar -> its tag

    # --- tags

    def plain_tag(self, value: str) -> str:
        """The tag YAML gives a plain scalar (no tag, not quoted)."""
        tag = self._plain_tags.get(value)
        if tag is None:
            tag = self._plain_tags[value] = _RESOLVER.resolve(ScalarNode, value, (True, False))
        return tag

    def tag_of(self, node: Node) -> str:
        """The node's tag, as PyYAML's safe loader would have resolved it (see _ComposingLoader)."""
        tag = node.tag
        if tag.__class__ is not slice:
            return tag
        kind, value, implicit = tag.start, tag.stop, tag.step
        if kind is ScalarNode:
            if implicit[0] and value[:1] in _MAY_NOT_BE_A_STRING:
                return self.plain_tag(value)
            return _STR
        return _MAP if kind is MappingNode else _SEQ

    # --- problems

    def problem(self, line: int, column: int, message: str) -> None:
        self.errors.append((line, column, message))

    def invalid(self, node: Node, message: str) -> object:
        mark = node.start_mark
        self.errors.append((mark.line + 1, mark.column + 1, message))
        return _INVALID

    def wrong_type(self, node: Node, subject: str, expected: str) -> object:
        tag = self.tag_of(node)
        reading = _TAG_READINGS.get(tag)
        if reading is None:
            return self.invalid(node, f"tag {_shown(_short_tag(tag))} is not allowed (safe loading only)")
        if node.__class__ is not ScalarNode:
            return self.invalid(node, f"{subject} must be {expected}, not {reading}")
        if expected == "a string":
            value = _shown(node.value) if node.value else "an empty value"
            return self.invalid(
                node, f"{subject} must be a string; quote it (YAML reads {value} as {reading})"
            )
        return self.invalid(node, f"{subject} must be {expected}, not {_shown(node.value)}")

    # --- what is checked across files

    def register(self, id_space: str, record_id: str, node: Node) -> None:
        """Note where a record id is defined (duplicates are found when the chunks are merged)."""
        ids = self._ids.get(id_space)
        if ids is None:
            ids = self._ids[id_space] = []
            self._id_marks[id_space] = array("q")
        ids.append(record_id)
        mark = node.start_mark
        self._id_marks[id_space].extend((mark.line + 1, mark.column + 1, len(self.errors)))

    def refer(self, id_space: str, record_id: str, node: Node, subject: str) -> None:
        references = self._references.get(id_space)
        if references is None:
            references = self._references[id_space] = ([], array("q"), [])
            chunk = self.chunk
            chunk.references[id_space], chunk.reference_marks[id_space], chunk.reference_subjects[id_space] = references
        ids, marks, subjects = references
        ids.append(record_id)
        mark = node.start_mark
        marks.extend((mark.line + 1, mark.column + 1))
        subjects.append(subject)

    def excerpt(self, record: MappingNode, field: str, section_id: str, number: int, text: str | None) -> None:
        """Queue the check that `text` (None: not a usable value) is in the paragraph named."""
        self.chunk.excerpts.append((field, section_id, number, text))
        # Where to report a problem: at the value of the first key named `paragraph`, or `field`.
        paragraph_mark = excerpt_mark = None
        for key, value in record.value:
            name = key.value
            if name == "paragraph":
                if paragraph_mark is None:
                    paragraph_mark = value.start_mark
            elif name == field and excerpt_mark is None:
                excerpt_mark = value.start_mark
        excerpt_line = excerpt_column = 0  # not needed without an excerpt
        if text is not None:
            excerpt_line, excerpt_column = excerpt_mark.line + 1, excerpt_mark.column + 1
        self.chunk.excerpt_marks.extend(
            (paragraph_mark.line + 1, paragraph_mark.column + 1, excerpt_line, excerpt_column)
        )

    # --- bytes -> text -> YAML nodes

    def compose(self, path: Path, limit: int) -> Node | None:
        read = self._read_text(path, limit)
        if read is None:
            return None
        data, text = read
        try:
            if ("&" in text or "*" in text) and _MAYBE_ANCHOR_OR_ALIAS.search(text):
                if self._has_anchor_or_alias(text):
                    return None
            # libyaml reads the UTF-8 bytes (checked above) as it would the text, without encoding it again.
            root = yaml.compose(data if _USING_LIBYAML else text, Loader=_ComposingLoader)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            message = "; ".join(part for part in (error.context, error.problem) if part)
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            if _character_at(text, line, column) == "\t" and "tab" not in message:
                message += " (a tab: YAML indents with spaces only)"
            self.problem(line, column, f"YAML syntax error: {message}")
            return None
        except yaml.reader.ReaderError as error:
            # libyaml counts the offset in UTF-8 bytes, the pure-Python reader in characters.
            offset = error.position if _USING_LIBYAML else len(text[: error.position].encode("utf-8"))
            line, column = _position_of_byte(data, offset)
            self.problem(line, column, f"{error.reason}: U+{error.character:04X}")
            return None
        except yaml.YAMLError as error:
            self.problem(1, 1, f"YAML error: {error}")
            return None
        except RecursionError:
            self.problem(1, 1, "YAML nested too deeply")
            return None
        if root is None:
            self.problem(1, 1, f"empty file: expected a mapping with any of {', '.join(_COLLECTION_NAMES)}")
        return root

    def _read_text(self, path: Path, limit: int) -> tuple[bytes, str] | None:
        """The file's bytes and text, or None when it is not readable UTF-8 text (the problem is reported)."""
        try:
            data = read_regular_file(path, limit)
        except FileTooBig as error:
            how = f"raise it with the environment variable {MAX_FILE_BYTES_VARIABLE}"
            self.problem(1, 1, f"{error.strerror} ({how})")
            return None
        except OSError as error:
            self.problem(1, 1, f"cannot read the file: {error.strerror or error}")
            return None
        for byte_order_mark, encoding in _OTHER_BYTE_ORDER_MARKS:
            if data.startswith(byte_order_mark):
                message = f"the file is {encoding} (it starts with its byte-order mark): save it as UTF-8"
                self.problem(1, 1, message)
                return None
        nul = data.find(b"\0")
        if nul >= 0:
            line, column = _position_of_byte(data, nul)
            message = "NUL byte: the file is UTF-16, UTF-32 or not text at all; save it as UTF-8"
            self.problem(line, column, message)
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line, column = _position_of_byte(data, error.start)
            bad_byte = data[error.start]
            self.problem(line, column, f"not UTF-8: byte 0x{bad_byte:02x} at byte offset {error.start}")
            return None
        stray_mark = text.find("\ufeff", 1)
        if stray_mark >= 0:
            line, column = _position_of_byte(data, len(text[:stray_mark].encode("utf-8")))
            message = "byte-order mark (U+FEFF) inside the file: delete it (editors hide it)"
            self.problem(line, column, message)
            return None
        return data, text

    def _has_anchor_or_alias(self, text: str) -> bool:
        for event in yaml.parse(text, Loader=_SafeLoader):
            if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
                mark = event.start_mark
                self.problem(
                    mark.line + 1, mark.column + 1, "anchors and aliases (&name, *name) are not allowed"
                )
                return True
        return False

    # --- YAML nodes -> rows

    def read_top_level(self, root: Node) -> None:
        if root.__class__ is not MappingNode or self.tag_of(root) != _MAP:
            expected = f"a mapping of collections ({', '.join(_COLLECTION_NAMES)})"
            self.wrong_type(root, "the top level", expected)
            return
        seen: set[str] = set()
        for key_node, node in root.value:
            name = None  # unless the key is a usable one
            if key_node.__class__ is ScalarNode and self.tag_of(key_node) == _STR:
                name = key_node.value
            if name is None or name in seen or name not in _COLLECTION_NAMES:
                self._key_problem(root, key_node, _COLLECTION_NAMES, "collection")
                continue
            seen.add(name)
            if name == "article":
                self._read_article(key_node, node)
                continue
            if node.__class__ is not SequenceNode or self.tag_of(node) != _SEQ:
                self.wrong_type(node, f"'{name}'", "a list")
                continue
            record_type = _LIST_COLLECTIONS[name]
            rows = self.chunk.rows[name] = []
            subject = f"each {record_type.noun}"
            read_record = self.read_record
            for item in node.value:
                row = read_record(item, record_type, subject)
                if row is not None:
                    rows.append(row)

    def _read_article(self, key_node: Node, node: Node) -> None:
        """Read the article into a chunk of its own: whether it counts depends on the files before."""
        reader = _FileReader(self._plain_tags)
        reader.chunk.article_row = reader.read_record(node, _ARTICLE, "'article'")
        mark = key_node.start_mark
        self.chunk.article = (mark.line + 1, mark.column + 1, len(self.errors), reader.chunk)

    def _key_problem(self, mapping: MappingNode, key_node: Node, known: Iterable[str], kind: str) -> None:
        """Report why a key cannot be used: not a plain word, repeated, or unknown."""
        if key_node.__class__ is not ScalarNode or self.tag_of(key_node) != _STR:
            self.wrong_type(key_node, "a key", "a plain word")
            return
        key = key_node.value
        for earlier, _value in mapping.value:
            if earlier is key_node:
                break
            if earlier.value == key and self.tag_of(earlier) == _STR:
                first_line = earlier.start_mark.line + 1
                self.invalid(key_node, f"duplicate key {_shown(key)} (first at line {first_line})")
                return
        self.invalid(key_node, f"unknown {kind} {_shown(key)}{_did_you_mean(key, known, list_known=True)}")

    def read_record(self, node: Node, record_type: _RecordType, subject: str) -> list | None:
        """Check a mapping against its record type; return its row, or None if invalid."""
        if node.__class__ is not MappingNode or (node.tag.__class__ is not slice and node.tag != _MAP):
            self.wrong_type(node, subject, "a mapping")
            return None
        fields = record_type.fields
        row = record_type.blank.copy()
        valid = True
        given = 0
        for key_node, value_node in node.value:
            # Only field names are looked up, and none of them needs the resolver (checked above).
            field = fields.get(key_node.value) if key_node.__class__ is ScalarNode else None
            if (
                field is None
                or row[field[0]] is not _UNSET
                or (key_node.tag.__class__ is not slice and key_node.tag != _STR)
            ):
                self._key_problem(node, key_node, record_type.field_names, "field")
                continue
            slot, check, field_subject, of_text = field
            value = None if of_text is None else _usual_text(value_node)
            if value is None:
                value = check(self, value_node, field_subject)
            elif of_text is not _as_is:
                value = of_text(self, value, value_node, field_subject)
            row[slot] = value
            if value is _INVALID:
                valid = False
            given += 1
        if given < record_type.size:
            for slot, name in record_type.required:
                if row[slot] is _UNSET:
                    self.invalid(node, f"{record_type.noun} is missing required field '{name}'")
                    valid = False
        if record_type.after:
            record_type.after(self, row, node)
        if not valid:
            return None
        if given < record_type.size:
            for slot, default in record_type.defaults:
                if row[slot] is _UNSET:
                    row[slot] = default
        return row


# --- the directory ----------------------------------------------------------------------------


class _DatasetReader:
    """Reads one dataset directory: its files' chunks, merged in file order, then what spans files."""

    def __init__(self, directory: str | os.PathLike) -> None:
        self.directory = os.fspath(directory)
        self.errors: list[DataError] = []
        self.article_given_at: tuple[str, int, int] | None = None  # (file, line, column) of the key
        self.article: Article | None = None
        self.paragraphs: dict[str, tuple[str, ...]] = {}  # section id -> paragraphs
        self.records: dict[str, list] = {name: [] for name in _LIST_COLLECTIONS}  # valid model objects
        self.chunks: list[tuple[str, _Chunk]] = []  # (file, chunk) for each chunk merged, in order
        self.ids: dict[str, dict[str, int]] = {}  # space -> id -> index in self.chunks of its first definition
        self._first_indexes: dict[tuple[int, str], dict[str, int]] = {}  # see _first_index

    def problem(self, line: int, column: int, message: str) -> None:
        self.errors.append(DataError(self.directory, line, column, message))

    def read(self) -> Dataset:
        limit = self._file_size_limit()
        files = self._yaml_files()
        names = [os.path.join(self.directory, path.name) for path in files]
        # What each file's chunk gives on its own is worked out as it comes (from a worker, maybe while
        # the others still read): its model objects, and, once the article's paragraphs are known
        # for sure (every file before the article is in), its quotes' and notes' passages. What
        # depends on the files before is worked out once all are there, in order.
        chunks: list[_Chunk] = [None] * len(files)  # type: ignore[list-item]
        passages: list[list | None] = [None] * len(files)  # each file's passage problems, if known
        paragraphs = None  # of the article that counts, once known
        first_missing = 0  # the first file whose chunk has not come yet
        for index, chunk in parallel_read.read_files(_read_file, files, limit):
            chunk.make_records()
            chunks[index] = chunk
            if paragraphs is not None:
                passages[index] = _passage_problems(chunk, paragraphs)
                continue
            while first_missing < len(files) and chunks[first_missing] is not None:
                article = chunks[first_missing].article
                if article is not None:
                    paragraphs = article[3].paragraphs
                    passages = [chunk and _passage_problems(chunk, paragraphs) for chunk in chunks]
                    break
                first_missing += 1
        every_file_read = True
        for file, chunk in zip(names, chunks):
            if chunk.readable:
                self.errors += self._merge(file, chunk)
            else:
                every_file_read = False
                self.errors += (DataError(file, *error) for error in chunk.errors)
        # A file that could not be read may hold the article or the ids others refer to: checking
        # those would only repeat the file's own problem, once per reference.
        if every_file_read and files:
            if self.article_given_at is None:
                self.problem(1, 1, "no file has an 'article': the dataset needs exactly one")
            self._check_references()
        # Each quote's and note's paragraph exists and contains its excerpt verbatim.
        for file, chunk, problems in zip(names, chunks, passages):
            if problems is None:
                problems = _passage_problems(chunk, self.paragraphs)
            self.errors += (DataError(file, *problem) for problem in problems)
        if self.errors:
            raise DataErrors(self.errors)
        assert self.article is not None
        return Dataset.build(self.article, *self.records.values())

    def _file_size_limit(self) -> int:
        try:
            return max_file_bytes()
        except ValueError as error:
            self.problem(1, 1, str(error))
            return DEFAULT_MAX_FILE_BYTES

    def _yaml_files(self) -> list[Path]:
        directory = Path(self.directory)
        if not directory.is_dir():
            reason = "is not a directory" if directory.exists() else "does not exist"
            self.problem(1, 1, f"data directory {reason}")
            return []
        try:
            files = dataset_files(directory)
        except OSError as error:
            self.problem(1, 1, f"cannot list the data directory: {error.strerror}")
            return []
        if not files:
            self.problem(1, 1, "no *.yaml files in the data directory")
        return files

    # --- merging, in file order

    def _merge(self, file: str, chunk: _Chunk) -> list[DataError]:
        """Take in a readable chunk; return its problems, with those that depend on the chunks before
        (duplicate ids, a second article) where reading all the files in one go would have found them."""
        number = len(self.chunks)
        self.chunks.append((file, chunk))
        for name, records in chunk.records.items():
            self.records[name] += records
        # Each problem found here: (error_index, problems), to go among the chunk's own problems where
        # they would have been met. (Problems at different places in a file are sorted by place in the
        # end: only their order among those at the same place matters, an id's "duplicate" before its
        # "bad id". The article's ids are sections and the rest of a file's are not, so which of the
        # two registers its ids first does not matter either.)
        found: list[tuple[int, list[DataError]]] = []
        for id_space, ids in chunk.ids.items():
            known = self.ids.setdefault(id_space, {})
            if len(set(ids)) == len(ids) and known.keys().isdisjoint(ids):
                known.update(dict.fromkeys(ids, number))
            else:
                found += self._duplicates(file, chunk, number, id_space, known)
        if chunk.article is not None:
            line, column, error_index, article = chunk.article
            if self.article_given_at is None:
                self.article_given_at = (file, line, column)
                self.article = article.article_record
                self.paragraphs = article.paragraphs
                problems = self._merge(file, article)
            else:
                first_file, first_line, first_column = self.article_given_at
                message = f"'article' given twice (first in {first_file}:{first_line}:{first_column})"
                problems = [DataError(file, line, column, message)]
            found.append((error_index, problems))
        errors = [DataError(file, *error) for error in chunk.errors]
        for error_index, problems in reversed(sorted(found, key=lambda f: f[0])):  # back to front
            errors[error_index:error_index] = problems
        return errors

    def _duplicates(
        self, file: str, chunk: _Chunk, number: int, id_space: str, known: dict[str, int]
    ) -> list[tuple[int, list[DataError]]]:
        found = []
        marks = chunk.id_marks[id_space]
        noun = _NOUNS[id_space]
        for index, record_id in enumerate(chunk.ids[id_space]):
            first = known.setdefault(record_id, number)
            if first == number and self._first_index(number, id_space)[record_id] == index:
                continue
            first_file, first_chunk = self.chunks[first]
            first_index = 3 * self._first_index(first, id_space)[record_id]
            first_line, first_column = first_chunk.id_marks[id_space][first_index : first_index + 2]
            line, column, error_index = marks[3 * index : 3 * index + 3]
            message = f"duplicate {noun} id {_shown(record_id)} (first at {first_file}:{first_line}:{first_column})"
            found.append((error_index, [DataError(file, line, column, message)]))
        return found

    def _first_index(self, number: int, id_space: str) -> dict[str, int]:
        """Where each id of a space is first defined among a chunk's ids (made when first asked)."""
        index = self._first_indexes.get((number, id_space))
        if index is None:
            ids = self.chunks[number][1].ids[id_space]
            # Reversed, so that the first of a repeated id is the one kept.
            index = self._first_indexes[number, id_space] = dict(zip(reversed(ids), range(len(ids) - 1, -1, -1)))
        return index

    # --- across files

    def _check_references(self) -> None:
        by_space: dict[str, list[tuple[str, _Chunk]]] = {}  # in the order references were first met
        for file, chunk in self.chunks:
            for id_space in chunk.references:
                by_space.setdefault(id_space, []).append((file, chunk))
        for id_space, chunks in by_space.items():
            known = self.ids.get(id_space, {})
            noun = _NOUNS[id_space]
            suggestions: dict[str, str] = {}  # one wrong id is often used many times
            for file, chunk in chunks:
                references = chunk.references[id_space]
                if known.keys() >= set(references):
                    continue
                marks = chunk.reference_marks[id_space]
                subjects = chunk.reference_subjects[id_space]
                for index, record_id in enumerate(references):
                    if record_id in known:
                        continue
                    if record_id not in suggestions:
                        suggestions[record_id] = _did_you_mean(record_id, known)
                    message = f"{subjects[index]} refers to unknown {noun} {_shown(record_id)}{suggestions[record_id]}"
                    self.errors.append(DataError(file, marks[2 * index], marks[2 * index + 1], message))


def _passage_problems(chunk: _Chunk, paragraphs: dict[str, tuple[str, ...]]) -> list[tuple[int, int, str]]:
    """(line, column, message) for each quote or note of the chunk whose paragraph does not exist or
    does not contain its excerpt verbatim, given the article's paragraphs by section id."""
    problems = []
    marks = chunk.excerpt_marks
    for index, (field, section_id, number, excerpt) in enumerate(chunk.excerpts):
        section = paragraphs.get(section_id)
        if section is None:
            continue  # an unknown section (reported) or an unreadable article
        if number > len(section):
            message = f"paragraph {number} is out of range: section '{section_id}' has {len(section)}"
            problems.append((marks[4 * index], marks[4 * index + 1], message))
        elif excerpt is not None and excerpt not in section[number - 1]:
            message = (
                f"'{field}' does not appear verbatim in section '{section_id}' paragraph {number}"
                f"{_excerpt_hint(excerpt, section, number)}"
            )
            problems.append((marks[4 * index + 2], marks[4 * index + 3], message))
    return problems


# --- helpers ----------------------------------------------------------------------------------


def _shown(value: str, limit: int = 60) -> str:
    """Data text quoted for a message: made safe, one line, and cut short."""
    value = one_line(value)
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    return f"'{value}'"


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG_PREFIX) :] if tag.startswith(_TAG_PREFIX) else tag


def _did_you_mean(word: str, known: Iterable[str], list_known: bool = False) -> str:
    """" (did you mean 'x'?)" for the closest known word; with list_known, all of them if none is close."""
    known = list(known)
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    if close:
        return f" (did you mean '{close[0]}'?)"
    return f" (known: {', '.join(known)})" if list_known else ""


def _excerpt_hint(excerpt: str, paragraphs: tuple[str, ...], number: int) -> str:
    """Where an excerpt missing from its paragraph is after all, or how much of it the paragraph has."""
    for other, text in enumerate(paragraphs, start=1):
        if excerpt in text:
            return f" (it is in paragraph {other})"
    paragraph = paragraphs[number - 1]
    low, high = 0, len(excerpt)  # the paragraph contains excerpt[:low] and not excerpt[:high + 1]
    while low < high:
        middle = (low + high + 1) // 2
        if excerpt[:middle] in paragraph:
            low = middle
        else:
            high = middle - 1
    if low < 8:
        return ""
    return f" (the paragraph matches only up to {_shown(excerpt[max(0, low - 40) : low])})"


def _character_at(text: str, line: int, column: int) -> str:
    """The character at a 1-based line and column ("" past the end)."""
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    return text[start + column - 1 : start + column]


def _position_of_byte(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset in UTF-8 data."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column
