"""One dataset file, bytes to YAML nodes to rows (`FileReader`), problems collected instead of stopping."""

from __future__ import annotations

from array import array
from bisect import bisect_right
from pathlib import Path
from typing import Iterable

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..files import FileTooBig
from ..text import described_character, one_line, refused_character
from .chunk import Chunk
from .directory import MAX_FILE_BYTES_VARIABLE, read_dataset_file
from .checks import INVALID, LIMIT_HINTS, UNSET, RecordType, as_is, usual_text
from .format import ARTICLE, COLLECTION_NAMES, LIST_COLLECTIONS
from .quick_read import quick_read
from .problems import character_at, did_you_mean, position_of_byte, short_tag, shown
from .yaml_nodes import (
    MAP,
    BOOL,
    FLOAT,
    INT,
    MAY_NOT_BE_A_STRING,
    NULL,
    TIMESTAMP,
    MAYBE_ANCHOR_OR_ALIAS,
    OTHER_BYTE_ORDER_MARKS,
    RESOLVER,
    SEQ,
    STR,
    TAG_READINGS,
    USING_LIBYAML,
    character_in_source,
    ComposingLoader,
    SafeLoader,
    syntax_error_at,
)


def read_file(path: Path, limit: int, keep: list | None = None, quick: bool = True) -> Chunk:
    """Read one dataset file into a chunk. With `keep`, the file's YAML nodes are appended to it
    instead of being freed (a worker process that is about to exit saves freeing them).

    A file in the common layout is read without YAML nodes (see `quick_read`), unless `quick` is
    false; one with any problem is then read again with YAML, so that every problem is found and
    worded as YAML finds it."""
    reader = FileReader()
    read = reader.read_text(path, limit)
    if read is None:
        reader.chunk.readable = False
        return reader.chunk
    data, text = read
    if quick and quick_read(text, reader) and not _article_too_long(reader.chunk):
        return reader.chunk
    reader = FileReader()
    root = reader.compose(data, text)
    if root is None:
        reader.chunk.readable = False
    else:
        reader.read_top_level(root)
        if keep is not None:
            keep.append(root)
    return reader.chunk


def _article_too_long(chunk: Chunk) -> bool:
    """Whether the article's own text (its title, its publication) is over its limit: the rest of a
    file's text is kept to its limit by the quick read's patterns, or checked by `read_record`."""
    row = chunk.article[3].article_row if chunk.article is not None else None
    return row is not None and any(len(row[slot]) > limit for slot, limit in ARTICLE.text_limits)


# How a scalar of each tag is named in "… must be a number, not the text '3'".
_FOUND = {STR: "the text", INT: "the number", FLOAT: "the number", BOOL: "the boolean", TIMESTAMP: "the date"}


def _found(value: str, tag: str) -> str:
    """The scalar a check did not expect, said with what YAML reads it as: text is quoted, so that
    `'3'` (text, because it was quoted in the file) is told apart from the number 3."""
    if not value:
        return "the empty text ''" if tag == STR else "an empty value"
    if tag == NULL:
        return f"null ({shown(value)[1:-1]})"
    if tag == STR:
        return f"the text {shown(value)}"
    return f"{_FOUND.get(tag) or TAG_READINGS[tag]} {shown(value)[1:-1]}"


class FileReader:
    """Reads one file (or the article in it) into a `Chunk`; collects problems instead of stopping."""

    def __init__(self, plain_tags: dict[str, str] | None = None, source: str | None = None) -> None:
        self.chunk = chunk = Chunk()
        self.errors = chunk.errors
        self.paragraphs = chunk.paragraphs
        self._ids, self._id_marks = chunk.ids, chunk.id_marks
        self._references: dict[str, tuple[list[str], array, list[str]]] = {}  # space -> the chunk's 3 lists
        self.plain_tags = {} if plain_tags is None else plain_tags  # plain scalar -> its tag
        self.source = source  # the file's text, once composed with YAML: to place a problem in a value
        self._line_starts: list[int] | None = None

    # --- tags

    def plain_tag(self, value: str) -> str:
        """The tag YAML gives a plain scalar (no tag, not quoted)."""
        tag = self.plain_tags.get(value)
        if tag is None:
            tag = self.plain_tags[value] = RESOLVER.resolve(ScalarNode, value, (True, False))
        return tag

    def tag_of(self, node: Node) -> str:
        """The node's tag, as PyYAML's safe loader would have resolved it (see ComposingLoader)."""
        tag = node.tag
        if tag.__class__ is not slice:
            return tag
        kind, value, implicit = tag.start, tag.stop, tag.step
        if kind is ScalarNode:
            if implicit[0] and value[:1] in MAY_NOT_BE_A_STRING:
                return self.plain_tag(value)
            return STR
        return MAP if kind is MappingNode else SEQ

    # --- problems

    def problem(self, line: int, column: int, message: str) -> None:
        self.errors.append((line, column, message))

    def invalid(self, node: Node, message: str) -> object:
        mark = node.start_mark
        self.errors.append((mark.line + 1, mark.column + 1, message))
        return INVALID

    def wrong_type(self, node: Node, subject: str, expected: str, echo: bool = True) -> object:
        """A value of the wrong type. It is quoted in the message only if `echo` and it is one line:
        a message never shows more of a file than the offending token (the top level of a file that
        is not a dataset at all, such as a key or a password file, is never quoted)."""
        tag = self.tag_of(node)
        reading = TAG_READINGS.get(tag)
        if reading is None:
            return self.invalid(node, f"tag {shown(short_tag(tag))} is not allowed (safe loading only)")
        one_line_token = echo and node.start_mark.line == node.end_mark.line
        if node.__class__ is not ScalarNode or not one_line_token:
            return self.invalid(node, f"{subject} must be {expected}, not {reading}")
        if expected == "a string":
            value = shown(node.value) if node.value else "an empty value"
            return self.invalid(
                node, f"{subject} must be a string; quote it (YAML reads {value} as {reading})"
            )
        return self.invalid(node, f"{subject} must be {expected}, not {_found(node.value, tag)}")

    def refused_character(self, node: Node, value: str, at: int, subject: str) -> object:
        """A character text may not hold (see `text.refused_character`), `value[at]`: reported where
        the file has it, as it is or as an escape (`"\\e"`), else at the value."""
        character = value[at]
        kind, described = described_character(character)
        mark = node.start_mark
        line, column, written = mark.line + 1, mark.column + 1, ""
        if self.source is not None:
            start, end = self._offset(node.start_mark), self._offset(node.end_mark)
            if 0 <= start <= end:
                offset, escape = character_in_source(
                    self.source, start, end, character, getattr(node, "style", None) == '"'
                )
                if offset >= 0:
                    line, column = self._position(offset)
                    written = "" if escape is None else f" (written as the escape {one_line(escape)})"
        where = "" if at == 0 else f" at character {at + 1}"
        self.problem(line, column, f"{kind} are not allowed in text: {described}{written}{where} in {subject}; "
                                   "delete it")
        return INVALID

    def too_long(self, node: Node, subject: str, length: int, limit: int) -> object:
        return self.invalid(node, f"{subject} is {length:,} characters long, over the limit of {limit:,}: "
                                  f"{LIMIT_HINTS[limit]}")

    def too_long_items(self, node: Node, items: tuple[str, ...], subject: str, limit: int) -> object:
        """Report each item of a list of text that is longer than `limit`."""
        for item_node, item in zip(node.value, items):
            if len(item) > limit:
                self.too_long(item_node, f"an item of {subject}", len(item), limit)
        return INVALID

    def _offset(self, mark) -> int:
        """The offset in the source of a YAML mark (0-based line and column), -1 if it is not in it."""
        starts = self._starts()
        if mark.line >= len(starts):
            return -1
        return starts[mark.line] + mark.column

    def _position(self, offset: int) -> tuple[int, int]:
        starts = self._starts()
        line = bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def _starts(self) -> list[int]:
        if self._line_starts is None:
            # YAML's line breaks, as splitlines() finds them (it also splits at controls YAML refuses).
            starts, at = [], 0
            for line in self.source.splitlines(keepends=True):
                starts.append(at)
                at += len(line)
            starts.append(at)
            self._line_starts = starts
        return self._line_starts

    # --- what is checked across files

    def register(self, id_space: str, record_id: str, node: Node) -> None:
        """Note where a record id is defined (duplicates are found when the chunks are merged)."""
        mark = node.start_mark
        self.register_at(id_space, record_id, mark.line + 1, mark.column + 1)

    def register_at(self, id_space: str, record_id: str, line: int, column: int) -> None:
        ids = self._ids.get(id_space)
        if ids is None:
            ids = self._ids[id_space] = []
            self._id_marks[id_space] = array("q")
        ids.append(record_id)
        self._id_marks[id_space].extend((line, column, len(self.errors)))

    def refer(self, id_space: str, record_id: str, node: Node, subject: str) -> None:
        mark = node.start_mark
        self.refer_at(id_space, record_id, mark.line + 1, mark.column + 1, subject)

    def refer_at(self, id_space: str, record_id: str, line: int, column: int, subject: str) -> None:
        references = self._references.get(id_space)
        if references is None:
            references = self._references[id_space] = ([], array("q"), [])
            chunk = self.chunk
            chunk.references[id_space], chunk.reference_marks[id_space], chunk.reference_subjects[id_space] = references
        ids, marks, subjects = references
        ids.append(record_id)
        marks.extend((line, column))
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

    def compose(self, data: bytes, text: str) -> Node | None:
        """The root node of the file whose bytes and text (see `read_text`) are given, or None when
        it is not YAML (the problem is reported)."""
        try:
            if ("&" in text or "*" in text) and MAYBE_ANCHOR_OR_ALIAS.search(text):
                if self._has_anchor_or_alias(text):
                    return None
            self.source = text
            # libyaml reads the UTF-8 bytes (checked above) as it would the text, without encoding it again.
            root = yaml.compose(data if USING_LIBYAML else text, Loader=ComposingLoader)
        except yaml.MarkedYAMLError as error:
            line, column, message = syntax_error_at(error, text)
            if character_at(text, line, column) == "\t" and "tab" not in message:
                message += " (a tab: YAML indents with spaces only)"
            self.problem(line, column, f"YAML syntax error: {message}")
            return None
        except yaml.reader.ReaderError as error:
            # libyaml counts the offset in UTF-8 bytes, the pure-Python reader in characters.
            offset = error.position if USING_LIBYAML else len(text[: error.position].encode("utf-8"))
            line, column = position_of_byte(data, offset)
            kind, described = described_character(chr(error.character))  # worded as a refused escape is
            self.problem(line, column, f"{kind} are not allowed in text: {described}; delete it")
            return None
        except yaml.YAMLError as error:
            self.problem(1, 1, f"YAML error: {error}")
            return None
        except RecursionError:
            self.problem(1, 1, "YAML nested too deeply")
            return None
        if root is None:
            self.problem(1, 1, f"empty file: expected a mapping with any of {', '.join(COLLECTION_NAMES)}")
        return root

    def read_text(self, path: Path, limit: int) -> tuple[bytes, str] | None:
        """The file's bytes and text, or None when it is not readable UTF-8 text (the problem is reported)."""
        try:
            data = read_dataset_file(path, limit)
        except FileTooBig as error:
            how = f"raise it with the environment variable {MAX_FILE_BYTES_VARIABLE}"
            self.problem(1, 1, f"{error.strerror} ({how})")
            return None
        except OSError as error:
            self.problem(1, 1, f"cannot read the file: {error.strerror or error}")
            return None
        for byte_order_mark, encoding in OTHER_BYTE_ORDER_MARKS:
            if data.startswith(byte_order_mark):
                message = f"the file is {encoding} (it starts with its byte-order mark): save it as UTF-8"
                self.problem(1, 1, message)
                return None
        nul = data.find(b"\0")
        if nul >= 0:
            line, column = position_of_byte(data, nul)
            message = "NUL byte: the file is UTF-16, UTF-32 or not text at all; save it as UTF-8"
            self.problem(line, column, message)
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line, column = position_of_byte(data, error.start)
            bad_byte = data[error.start]
            self.problem(line, column, f"not UTF-8: byte 0x{bad_byte:02x} at byte offset {error.start}")
            return None
        stray_mark = text.find("\ufeff", 1)
        if stray_mark >= 0:
            line, column = position_of_byte(data, len(text[:stray_mark].encode("utf-8")))
            message = "byte-order mark (U+FEFF) inside the file: delete it (editors hide it)"
            self.problem(line, column, message)
            return None
        return data, text

    def _has_anchor_or_alias(self, text: str) -> bool:
        for event in yaml.parse(text, Loader=SafeLoader):
            if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
                mark = event.start_mark
                self.problem(
                    mark.line + 1, mark.column + 1, "anchors and aliases (&name, *name) are not allowed"
                )
                return True
        return False

    # --- YAML nodes -> rows

    def read_top_level(self, root: Node) -> None:
        if root.__class__ is not MappingNode or self.tag_of(root) != MAP:
            expected = f"a mapping of collections ({', '.join(COLLECTION_NAMES)})"
            self.wrong_type(root, "the top level", expected, echo=False)
            return
        seen: set[str] = set()
        for key_node, node in root.value:
            name = None  # unless the key is a usable one
            if key_node.__class__ is ScalarNode and self.tag_of(key_node) == STR:
                name = key_node.value
            if name is None or name in seen or name not in COLLECTION_NAMES:
                self._key_problem(root, key_node, COLLECTION_NAMES, "collection")
                continue
            seen.add(name)
            if name == "article":
                self.read_article(key_node, node)
                continue
            if node.__class__ is not SequenceNode or self.tag_of(node) != SEQ:
                self.wrong_type(node, f"'{name}'", "a list")
                continue
            record_type = LIST_COLLECTIONS[name]
            rows = self.chunk.rows[name] = []
            subject = f"each {record_type.noun}"
            read_record = self.read_record
            for item in node.value:
                row = read_record(item, record_type, subject)
                if row is not None:
                    rows.append(row)

    def read_article(self, key_node: Node, node: Node) -> None:
        """Read the article into a chunk of its own: whether it counts depends on the files before."""
        reader = FileReader(self.plain_tags, self.source)
        reader.chunk.article_row = reader.read_record(node, ARTICLE, "'article'")
        mark = key_node.start_mark
        self.chunk.article = (mark.line + 1, mark.column + 1, len(self.errors), reader.chunk)

    def _key_problem(self, mapping: MappingNode, key_node: Node, known: Iterable[str], kind: str) -> None:
        """Report why a key cannot be used: not a plain word, repeated, or unknown."""
        if key_node.__class__ is not ScalarNode or self.tag_of(key_node) != STR:
            self.wrong_type(key_node, "a key", "a plain word")
            return
        key = key_node.value
        for earlier, _value in mapping.value:
            if earlier is key_node:
                break
            if earlier.value == key and self.tag_of(earlier) == STR:
                first_line = earlier.start_mark.line + 1
                self.invalid(key_node, f"duplicate key {shown(key)} (first at line {first_line})")
                return
        refused = refused_character(key)  # shown cleaned, the key would read as a known one
        if refused is not None:
            self.refused_character(key_node, key, refused.start(), f"the key {shown(key)}")
            return
        self.invalid(key_node, f"unknown {kind} {shown(key)}{did_you_mean(key, known, list_known=True)}")

    def read_record(self, node: Node, record_type: RecordType, subject: str) -> list | None:
        """Check a mapping against its record type; return its row, or None if invalid."""
        if node.__class__ is not MappingNode or (node.tag.__class__ is not slice and node.tag != MAP):
            self.wrong_type(node, subject, "a mapping")
            return None
        fields = record_type.fields
        limits = record_type.limits
        row = record_type.blank.copy()
        valid = True
        given = 0
        for key_node, value_node in node.value:
            # Only field names are looked up, and none of them needs the resolver (checked above).
            field = fields.get(key_node.value) if key_node.__class__ is ScalarNode else None
            if (
                field is None
                or row[field[0]] is not UNSET
                or (key_node.tag.__class__ is not slice and key_node.tag != STR)
            ):
                self._key_problem(node, key_node, record_type.field_names, "field")
                continue
            slot, check, field_subject, of_text = field
            value = None if of_text is None else usual_text(value_node)
            if value is None:
                value = check(self, value_node, field_subject)
            elif of_text is not as_is:
                value = of_text(self, value, value_node, field_subject)
            if value.__class__ is str:
                if len(value) > limits[slot]:
                    value = self.too_long(value_node, field_subject, len(value), limits[slot])
            elif (
                value.__class__ is tuple and value and value[0].__class__ is str  # not a list of records
                and max(map(len, value)) > limits[slot]
            ):
                value = self.too_long_items(value_node, value, field_subject, limits[slot])
            row[slot] = value
            if value is INVALID:
                valid = False
            given += 1
        if given < record_type.size:
            for slot, name in record_type.required:
                if row[slot] is UNSET:
                    self.invalid(node, f"{record_type.noun} is missing required field '{name}'")
                    valid = False
        together = record_type.together
        if together and UNSET in (given_together := [row[slot] for slot, _ in together]):
            if any(value is not UNSET for value in given_together):
                names = [f"'{name}'" for name, value in zip((n for _, n in together), given_together) if value is UNSET]
                given_names = [f"'{name}'" for _, name in together if f"'{name}'" not in names]
                self.invalid(
                    node, f"{record_type.noun} has {' and '.join(given_names)} but not {' and '.join(names)}: "
                    "give them together, or leave them all out"
                )
                valid = False
        if record_type.after:
            record_type.after(self, row, node)
        if not valid:
            return None
        if given < record_type.size:
            for slot, default in record_type.defaults:
                if row[slot] is UNSET:
                    row[slot] = default
        return row
