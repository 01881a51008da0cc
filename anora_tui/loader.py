"""Read a dataset directory (docs/data-format.md) into a `Dataset`, reporting every problem at once.

Pure Python: this module must never import Textual or Rich (a test checks it).

Each file is composed into YAML nodes with PyYAML's safe loader (libyaml-backed when available); the
nodes are then checked against the format by hand, which gives a line and column for every value and
catches what PyYAML lets through: duplicate keys, non-standard tags, values YAML reads as something
other than a string. Nothing beyond the format's own depth is ever walked, so a deep or alias-heavy
document costs no more than its size.
"""

from __future__ import annotations

import difflib
import os
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Callable, Iterable

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .gc_pause import gc_paused
from .model import (
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
from .sanitize import clean_text
from .state import FileTooBig, read_regular_file

MAX_FILE_BYTES_VARIABLE = "ANORA_TUI_MAX_FILE_BYTES"
DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024

_USING_LIBYAML = hasattr(yaml, "CSafeLoader")
_SafeLoader = yaml.CSafeLoader if _USING_LIBYAML else yaml.SafeLoader


class _ComposingLoader(_SafeLoader):
    """The safe loader with the same tag resolution and less work per node (a sixth off composing a
    big file): YAML path resolvers (never registered here) are skipped, and plain scalars, whose
    values recur (ids, numbers, enum words), are resolved once per distinct value."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._plain_tags: dict[str, str] = {}

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type, value: str | None, implicit: object) -> str:
        if kind is not ScalarNode:
            return self.DEFAULT_MAPPING_TAG if kind is MappingNode else self.DEFAULT_SEQUENCE_TAG
        if not implicit[0]:  # quoted, or explicitly tagged "!"
            return self.DEFAULT_SCALAR_TAG
        tag = self._plain_tags.get(value)
        if tag is None:
            tag = self._plain_tags[value] = super().resolve(kind, value, implicit)
        return tag


@dataclass(frozen=True, slots=True)
class DataError:
    """One problem in a dataset; `str()` gives `FILE:LINE:COL: message` (1-based)."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        # A file name can hold anything but "/" and NUL: shown, it must stay one harmless line.
        file = clean_text(self.file).replace("\n", "\\n").replace("\t", "\\t")
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
# What YAML makes of a value with each standard tag; any other tag is refused.
_TAG_READINGS = {
    _STR: "a string",
    _MAP: "a mapping",
    _SEQ: "a list",
    _TAG_PREFIX + "int": "a number",
    _TAG_PREFIX + "float": "a number",
    _TAG_PREFIX + "bool": "a boolean",
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
_ABSENT = object()  # an optional field's "no default: let the model's own default apply"

# A check turns one node into a value, or reports why it cannot and returns _INVALID.
# `subject` names the value in messages: "'speaker'", "an item of 'roles'".
Check = Callable[["_DatasetReader", Node, str], object]


@dataclass(frozen=True)
class _Field:
    check: Check
    required: bool = True
    default: object = _ABSENT


class _RecordType:
    """One kind of mapping in the format: its fields and how to build its model object."""

    def __init__(
        self,
        noun: str,
        fields: dict[str, _Field],
        build: Callable[..., object],
        after: Callable[[_DatasetReader, dict[str, object], MappingNode], None] | None = None,
    ) -> None:
        self.noun = noun  # what one record is called in messages
        self.build = build  # called with the checked field values as keywords
        self.after = after  # called with the checked values (some maybe _INVALID), valid record or not
        self.field_names = tuple(fields)
        # Worked out once, not per record: loading 100k records makes every step count.
        self.checks = {name: (field.check, f"'{name}'") for name, field in fields.items()}
        self.required = tuple(name for name, field in fields.items() if field.required)
        self.defaults = tuple(
            (name, field.default)
            for name, field in fields.items()
            if not field.required and field.default is not _ABSENT
        )


def _text(reader: _DatasetReader, node: Node, subject: str) -> object:
    if node.tag == _STR and type(node) is ScalarNode:
        value = node.value
        if value and not value.isspace():
            return clean_text(value)
        return reader.invalid(node, f"{subject} must not be empty")
    return reader.wrong_type(node, subject, "a string")


def _identifier(id_space: str, noun: str) -> Check:
    """A record's own id, registered in `id_space` for references (even when badly formed, so that
    references to it do not repeat the problem)."""

    def check(reader: _DatasetReader, node: Node, subject: str) -> object:
        value = _text(reader, node, subject)
        if value is _INVALID:
            return value
        reader.register(id_space, noun, value, node)
        if _ID.match(value):
            return value
        return reader.invalid(
            node, f"bad id {_shown(value)}: use lowercase letters, digits and '-', starting with a letter"
        )

    return check


def _date_text(reader: _DatasetReader, node: Node, subject: str) -> object:
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
    def check(reader: _DatasetReader, node: Node, subject: str) -> object:
        value = _text(reader, node, subject)
        if value is _INVALID or value in options:
            return value
        suggestion = _did_you_mean(value, options)
        known = ", ".join(options)
        return reader.invalid(node, f"bad {name} {_shown(value)}{suggestion}; use one of: {known}")

    return check


def _whole_number(minimum: int) -> Check:
    def check(reader: _DatasetReader, node: Node, subject: str) -> object:
        if type(node) is ScalarNode and node.tag == _TAG_PREFIX + "int" and _WHOLE.match(node.value):
            value = int(node.value)
            if value >= minimum:
                return value
        return reader.wrong_type(node, subject, f"a whole number ≥ {minimum}")

    return check


def _number(reader: _DatasetReader, node: Node, subject: str) -> object:
    if type(node) is ScalarNode and node.tag in (_TAG_PREFIX + "int", _TAG_PREFIX + "float"):
        if _DECIMAL.match(node.value):
            return float(node.value) if "." in node.value else int(node.value)
    return reader.wrong_type(node, subject, "a number ≥ 0, like 12 or 2.5")


def _boolean(reader: _DatasetReader, node: Node, subject: str) -> object:
    if type(node) is ScalarNode and node.tag == _TAG_PREFIX + "bool":
        return node.value.lower() in _TRUE_WORDS
    return reader.wrong_type(node, subject, "true or false")


def _reference(id_space: str, noun: str) -> Check:
    """An id of a record in `id_space`; whether it exists is checked once every file is read."""

    def check(reader: _DatasetReader, node: Node, subject: str) -> object:
        value = _text(reader, node, subject)
        if value is not _INVALID:
            reader.references[id_space].append((value, reader.file, node, subject, noun))
        return value

    return check


def _list_of(item: Check, may_be_empty: bool = True) -> Check:
    def check(reader: _DatasetReader, node: Node, subject: str) -> object:
        if type(node) is not SequenceNode or node.tag != _SEQ:
            return reader.wrong_type(node, subject, "a list")
        if not node.value and not may_be_empty:
            return reader.invalid(node, f"{subject} must not be empty")
        item_subject = f"an item of {subject}"
        values = [item(reader, item_node, item_subject) for item_node in node.value]
        return _INVALID if _INVALID in values else tuple(values)

    return check


def _mapping_of(record_type: _RecordType) -> Check:
    """A nested mapping (`film`, `position`, a section), built into its own record."""

    def check(reader: _DatasetReader, node: Node, subject: str) -> object:
        record = reader.read_record(node, record_type, subject)
        return _INVALID if record is None else record

    return check


def _remember_paragraphs(reader: _DatasetReader, values: dict[str, object], node: MappingNode) -> None:
    section_id, paragraphs = values.get("id", _INVALID), values.get("paragraphs", _INVALID)
    if section_id is not _INVALID and paragraphs is not _INVALID:
        reader.paragraphs.setdefault(section_id, paragraphs)


def _excerpt_of(field: str) -> Callable[[_DatasetReader, dict[str, object], MappingNode], None]:
    """Queue the check that a record's `field` appears verbatim in the paragraph it names."""

    def queue(reader: _DatasetReader, values: dict[str, object], node: MappingNode) -> None:
        section, paragraph = values.get("section", _INVALID), values.get("paragraph", _INVALID)
        if section is not _INVALID and paragraph is not _INVALID:
            excerpt = values.get(field, _INVALID)
            reader.excerpts.append((reader.file, node, field, section, paragraph, excerpt))

    return queue


def _build_film(title: str = "", runtime_minutes: int | None = None, runtime_note: str = "") -> dict:
    return {"film_title": title, "film_runtime_minutes": runtime_minutes, "film_runtime_note": runtime_note}


def _build_article(film: dict | None = None, **fields) -> Article:
    sections = tuple(replace(section, index=i) for i, section in enumerate(fields.pop("sections")))
    return Article(sections=sections, **fields, **(film or {}))


_text_list = _list_of(_text)
_people_list = _list_of(_reference("people", "person"))
_sections_list = _list_of(_reference("sections", "section"))

_SECTION = _RecordType(
    "section",
    {
        "id": _Field(_identifier("sections", "section")),
        "title": _Field(_text),
        "paragraphs": _Field(_list_of(_text, may_be_empty=False)),
    },
    lambda **fields: Section(index=0, **fields),
    after=_remember_paragraphs,
)
_FILM = _RecordType(
    "'film'",
    {
        "title": _Field(_text, required=False),
        "runtime_minutes": _Field(_whole_number(1), required=False),
        "runtime_note": _Field(_text, required=False),
    },
    _build_film,
)
_ARTICLE = _RecordType(
    "article",
    {
        "title": _Field(_text),
        "publication": _Field(_text),
        "date": _Field(_date_text),
        "film": _Field(_mapping_of(_FILM), required=False),
        "sections": _Field(_list_of(_mapping_of(_SECTION), may_be_empty=False)),
    },
    _build_article,
)
_PERSON = _RecordType(
    "person",
    {
        "id": _Field(_identifier("people", "person")),
        "name": _Field(_text),
        "kind": _Field(_choice(PERSON_KINDS, "kind")),
        "roles": _Field(_list_of(_text, may_be_empty=False)),
        "description": _Field(_text),
        "aliases": _Field(_text_list, required=False),
    },
    Person,
)
_CHARACTER = _RecordType(
    "character",
    {
        "id": _Field(_identifier("characters", "character")),
        "name": _Field(_text),
        "played_by": _Field(_reference("people", "person")),
        "description": _Field(_text),
        "aliases": _Field(_text_list, required=False),
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
_SCENE = _RecordType(
    "scene",
    {
        "id": _Field(_identifier("scenes", "scene")),
        "title": _Field(_text),
        "summary": _Field(_text),
        "position": _Field(_mapping_of(_POSITION)),
        "production": _Field(_mapping_of(_PRODUCTION), required=False, default=Production()),
        "people": _Field(_people_list, required=False, default=()),
        "characters": _Field(_list_of(_reference("characters", "character")), required=False, default=()),
        "sections": _Field(_sections_list, required=False, default=()),
    },
    Scene,
)
_EVENT = _RecordType(
    "event",
    {
        "id": _Field(_identifier("events", "event")),
        "date": _Field(_date_text),
        "precision": _Field(_choice(DATE_PRECISIONS, "precision")),
        "title": _Field(_text),
        "summary": _Field(_text),
        "date_note": _Field(_text, required=False),
        "people": _Field(_people_list, required=False, default=()),
        "sections": _Field(_sections_list, required=False, default=()),
    },
    Event,
)
_QUOTE = _RecordType(
    "quote",
    {
        "id": _Field(_identifier("quotes", "quote")),
        "speaker": _Field(_reference("people", "person")),
        "text": _Field(_text),
        "section": _Field(_reference("sections", "section")),
        "paragraph": _Field(_whole_number(1)),
        "form": _Field(_choice(QUOTE_FORMS, "form"), required=False),
    },
    Quote,
    after=_excerpt_of("text"),
)
_NOTE = _RecordType(
    "note",
    {
        "id": _Field(_identifier("notes", "note")),
        "section": _Field(_reference("sections", "section")),
        "paragraph": _Field(_whole_number(1)),
        "says": _Field(_text),
        "correction": _Field(_text),
        "refers_to": _Field(_people_list, required=False),
    },
    Note,
    after=_excerpt_of("says"),
)
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


# --- reading ----------------------------------------------------------------------------------


class _DatasetReader:
    """Reads one dataset directory; collects problems instead of stopping at the first."""

    def __init__(self, directory: str | os.PathLike) -> None:
        self.directory = os.fspath(directory)
        self.errors: list[DataError] = []
        self.file = self.directory  # the file being read, as shown in messages
        self.article: Article | None = None
        self.article_given_at: tuple[str, Node] | None = None  # (file, key node)
        self.records: dict[str, list] = {name: [] for name in _LIST_COLLECTIONS}  # valid model objects
        self.ids: dict[str, dict[str, tuple[str, Node]]] = defaultdict(dict)  # space -> id -> (file, node)
        # Checked once every file is read:
        # space -> (id, file, node, subject, noun) for every reference to a record
        self.references: dict[str, list[tuple[str, str, Node, str, str]]] = defaultdict(list)
        self.paragraphs: dict[str, tuple[str, ...]] = {}  # section id -> paragraphs
        # (file, record node, field, section id, paragraph number, excerpt or _INVALID) for each excerpt
        self.excerpts: list[tuple[str, MappingNode, str, str, int, object]] = []

    # --- problems

    def problem(self, line: int, column: int, message: str) -> None:
        self.errors.append(DataError(self.file, line, column, message))

    def invalid(self, node: Node, message: str) -> object:
        self.problem(node.start_mark.line + 1, node.start_mark.column + 1, message)
        return _INVALID

    def wrong_type(self, node: Node, subject: str, expected: str) -> object:
        reading = _TAG_READINGS.get(node.tag)
        if reading is None:
            tag = _shown(_short_tag(node.tag))
            return self.invalid(node, f"tag {tag} is not allowed (safe loading only)")
        if type(node) is not ScalarNode:
            return self.invalid(node, f"{subject} must be {expected}, not {reading}")
        if expected == "a string":
            value = _shown(node.value) if node.value else "an empty value"
            return self.invalid(
                node, f"{subject} must be a string; quote it (YAML reads {value} as {reading})"
            )
        return self.invalid(node, f"{subject} must be {expected}, not {_shown(node.value)}")

    # --- the directory

    def read(self) -> Dataset:
        limit = self._file_size_limit()
        files = self._yaml_files()
        every_file_read = True
        for path in files:
            self.file = os.path.join(self.directory, path.name)
            root = self._compose(path, limit)
            if root is None:
                every_file_read = False
            else:
                self._read_top_level(root)
        self.file = self.directory
        # A file that could not be read may hold the article or the ids others refer to: checking
        # those would only repeat the file's own problem, once per reference.
        if every_file_read and files:
            if self.article_given_at is None:
                self.problem(1, 1, "no file has an 'article': the dataset needs exactly one")
            self._check_references()
        self._check_passages()
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

    # --- one file: bytes -> text -> YAML nodes

    def _compose(self, path: Path, limit: int) -> Node | None:
        read = self._read_text(path, limit)
        if read is None:
            return None
        data, text = read
        try:
            if _MAYBE_ANCHOR_OR_ALIAS.search(text) and self._has_anchor_or_alias(text):
                return None
            root = yaml.compose(text, Loader=_ComposingLoader)
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

    # --- one file: YAML nodes -> records

    def _read_top_level(self, root: Node) -> None:
        if type(root) is not MappingNode or root.tag != _MAP:
            expected = f"a mapping of collections ({', '.join(_COLLECTION_NAMES)})"
            self.wrong_type(root, "the top level", expected)
            return
        seen: set[str] = set()
        for key_node, node in root.value:
            name = key_node.value
            if type(key_node) is not ScalarNode or key_node.tag != _STR:
                name = None  # not a usable key
            if name is None or name in seen or name not in _COLLECTION_NAMES:
                self._key_problem(root, key_node, _COLLECTION_NAMES, "collection")
                continue
            seen.add(name)
            if name == "article":
                self._read_article(key_node, node)
                continue
            if type(node) is not SequenceNode or node.tag != _SEQ:
                self.wrong_type(node, f"'{name}'", "a list")
                continue
            record_type = _LIST_COLLECTIONS[name]
            records = self.records[name]
            subject = f"each {record_type.noun}"
            for item in node.value:
                record = self.read_record(item, record_type, subject)
                if record is not None:
                    records.append(record)

    def _read_article(self, key_node: Node, node: Node) -> None:
        if self.article_given_at is not None:
            first_file, first_key = self.article_given_at
            self.invalid(key_node, f"'article' given twice (first in {first_file}:{_where(first_key)})")
            return
        self.article_given_at = (self.file, key_node)
        self.article = self.read_record(node, _ARTICLE, "'article'")

    def _key_problem(self, mapping: MappingNode, key_node: Node, known: Iterable[str], kind: str) -> None:
        """Report why a key cannot be used: not a plain word, repeated, or unknown."""
        if type(key_node) is not ScalarNode or key_node.tag != _STR:
            self.wrong_type(key_node, "a key", "a plain word")
            return
        key = key_node.value
        for earlier, _value in mapping.value:
            if earlier is key_node:
                break
            if earlier.value == key and earlier.tag == _STR:
                first_line = earlier.start_mark.line + 1
                self.invalid(key_node, f"duplicate key {_shown(key)} (first at line {first_line})")
                return
        self.invalid(key_node, f"unknown {kind} {_shown(key)}{_did_you_mean(key, known, list_known=True)}")

    def read_record(self, node: Node, record_type: _RecordType, subject: str) -> object | None:
        """Check a mapping against its record type; return its model object, or None if invalid."""
        if type(node) is not MappingNode or node.tag != _MAP:
            self.wrong_type(node, subject, "a mapping")
            return None
        checks = record_type.checks
        values: dict[str, object] = {}  # field name -> checked value, or _INVALID
        for key_node, value_node in node.value:
            key = key_node.value
            if type(key_node) is not ScalarNode or key_node.tag != _STR or key in values or key not in checks:
                self._key_problem(node, key_node, record_type.field_names, "field")
                continue
            check, field_subject = checks[key]
            values[key] = check(self, value_node, field_subject)
        valid = _INVALID not in values.values()
        for name in record_type.required:
            if name not in values:
                self.invalid(node, f"{record_type.noun} is missing required field '{name}'")
                valid = False
        if record_type.after:
            record_type.after(self, values, node)
        if not valid:
            return None
        for name, default in record_type.defaults:
            if name not in values:
                values[name] = default
        return record_type.build(**values)

    def register(self, id_space: str, noun: str, record_id: str, node: Node) -> None:
        """Note where a record id is defined, reporting it if it is defined already."""
        known = self.ids[id_space]
        first = known.get(record_id)
        if first is None:
            known[record_id] = (self.file, node)
        else:
            first_file, first_node = first
            self.invalid(
                node, f"duplicate {noun} id {_shown(record_id)} (first at {first_file}:{_where(first_node)})"
            )

    # --- across files

    def _check_references(self) -> None:
        for id_space, references in self.references.items():
            known = self.ids[id_space]
            suggestions: dict[str, str] = {}  # one wrong id is often used many times
            for record_id, file, node, subject, noun in references:
                if record_id in known:
                    continue
                if record_id not in suggestions:
                    suggestions[record_id] = _did_you_mean(record_id, known)
                self.file = file
                message = f"{subject} refers to unknown {noun} {_shown(record_id)}{suggestions[record_id]}"
                self.invalid(node, message)
        self.file = self.directory

    def _check_passages(self) -> None:
        """Each quote's and note's paragraph exists and contains its excerpt verbatim."""
        for file, record, field, section_id, number, excerpt in self.excerpts:
            paragraphs = self.paragraphs.get(section_id)
            if paragraphs is None:
                continue  # an unknown section (reported) or an unreadable article
            self.file = file
            if number > len(paragraphs):
                self.invalid(
                    _field_node(record, "paragraph"),
                    f"paragraph {number} is out of range: section '{section_id}' has {len(paragraphs)}",
                )
            elif excerpt is not _INVALID and excerpt not in paragraphs[number - 1]:
                self.invalid(
                    _field_node(record, field),
                    f"'{field}' does not appear verbatim in section '{section_id}' paragraph {number}"
                    f"{_excerpt_hint(excerpt, paragraphs, number)}",
                )
        self.file = self.directory


# --- helpers ----------------------------------------------------------------------------------


def _field_node(record: MappingNode, name: str) -> Node:
    """The value node of a field in a record known to have it."""
    return next(value for key, value in record.value if key.value == name)


def _where(node: Node) -> str:
    return f"{node.start_mark.line + 1}:{node.start_mark.column + 1}"


def _shown(value: str, limit: int = 60) -> str:
    """Data text quoted for a message: made safe, one line, and cut short."""
    value = clean_text(value).replace("\n", "\\n").replace("\t", "\\t")
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
