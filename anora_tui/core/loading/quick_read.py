"""Reading a dataset file in the common layout (see `quick_compose`) straight into its chunk: the rows,
ids, references and excerpts `FileReader.read_top_level` gives for the same file, in the same order,
without making a YAML node for most records.

A list of records is read one record at a time, as YAML would compose it; once a record has been
read, the ones after it laid out the same way (the same keys on one line each, in the same order, each
value in the same style: see `quick_compose.shape_of`) are matched by one regular expression each and
turned into rows by a plan made once for that layout: which field each key is, and which of the few
checks that need no node it takes (text, an id, a reference, a choice, a whole number, a flow list of
those). A record the plan cannot take is composed and read by `FileReader.read_record`, like the
first. Any value a check would refuse stops the quick read: the caller reads the file again with YAML,
which reports every problem (see `file_reader.read_file`).
"""

from __future__ import annotations

from sys import intern
from typing import TYPE_CHECKING

from ..text import refused_character
from .checks import INVALID, UNSET, RecordType, text
from .format import ARTICLE, COLLECTION_NAMES, LIST_COLLECTIONS
from .quick_compose import KEY, UNSURE, Composer, NotCommon, flow_items, shape_of
from .yaml_nodes import INT, MAY_NOT_BE_A_STRING, STR

if TYPE_CHECKING:
    from .file_reader import FileReader

# What a plan does with a value: the checks it knows, by what they need.
_TEXT, _ID, _REFERENCE, _CHOICE, _WHOLE, _LIST, _LINES = range(7)
_PLANS: dict[tuple, tuple | None] = {}  # (layout, record type's noun) -> plan, or None: no plan for it


def quick_read(text: str, reader: FileReader) -> bool:
    """Read the file's `text` into `reader`'s chunk; False if it is not in the common layout or has a
    problem (the reader is then in any state: use a new one)."""
    try:
        _QuickReader(text, reader).read()
    except NotCommon:
        return False
    return not reader.errors


class _QuickReader:
    def __init__(self, text: str, reader: FileReader) -> None:
        self.text = text
        self.reader = reader
        self.composer = Composer(text)

    def read(self) -> None:
        composer = self.composer
        if composer.indent != 0:
            raise NotCommon
        seen = set()
        while composer.indent == 0:
            content = composer.content
            match = KEY.match(content)
            if match is None or match.end() != len(content):
                raise NotCommon
            name = match.group(1)
            if name in seen or name not in COLLECTION_NAMES:
                raise NotCommon
            seen.add(name)
            line = composer.at
            composer.advance()
            if name == "article":
                self.article(line)
            else:
                if composer.indent <= 0 or not composer.content.startswith("- "):
                    raise NotCommon
                record_type = LIST_COLLECTIONS[name]
                rows = self.reader.chunk.rows[name] = []
                self.records(record_type, rows, self.reader, f"each {record_type.noun}")
        if composer.indent != -1:
            raise NotCommon

    def article(self, key_line: int) -> None:
        """The article's mapping, read as `FileReader.read_article` reads it, its sections as records."""
        composer = self.composer
        indent = composer.indent
        if indent <= 0 or composer.content.startswith("-"):
            raise NotCommon
        reader = self.reader.__class__(self.reader.plain_tags)
        row = ARTICLE.blank.copy()
        fields = ARTICLE.fields
        while True:
            line, content = composer.at, composer.content
            match = KEY.match(content)
            field = None if match is None else fields.get(match.group(1))
            if field is None or row[field[0]] is not UNSET:
                raise NotCommon
            slot, check, subject, _of_text = field
            rest = content[match.end() :]
            if rest:
                value = check(reader, composer.inline(rest, line, indent + match.end()), subject)
                composer.advance()
            else:
                composer.advance()
                record_type = getattr(getattr(check, "item", None), "record_type", None)
                if (
                    record_type is not None
                    and composer.indent > indent
                    and composer.content.startswith("- ")
                    and KEY.match(composer.content, 2) is not None
                ):
                    rows: list = []
                    self.records(record_type, rows, reader, f"an item of {subject}")
                    value = tuple(rows)
                else:
                    value = check(reader, composer.block(indent), subject)
            if value is INVALID:
                raise NotCommon
            row[slot] = value
            if composer.indent != indent:
                if composer.indent > indent:
                    raise NotCommon
                break
            if composer.content.startswith("-"):
                raise NotCommon
        for slot, _name in ARTICLE.required:
            if row[slot] is UNSET:
                raise NotCommon
        for slot, default in ARTICLE.defaults:
            if row[slot] is UNSET:
                row[slot] = default
        if reader.errors:
            raise NotCommon
        reader.chunk.article_row = row
        self.reader.chunk.article = (key_line + 1, 1, len(self.reader.errors), reader.chunk)

    def records(self, record_type: RecordType, rows: list, reader: FileReader, subject: str) -> None:
        """The block sequence of records on the current line, read by `reader` into `rows`."""
        composer = self.composer
        indent = composer.indent
        column = indent + 2
        plan = None
        while True:
            content = composer.content
            if not content.startswith("- "):
                raise NotCommon
            item = content[2:]
            if KEY.match(item) is None:
                raise NotCommon
            if plan is None or not self.run(plan, rows, reader):
                node = composer.mapping(column, item, column)
                row = reader.read_record(node, record_type, subject)
                if row is None:
                    raise NotCommon
                rows.append(row)
                shape = shape_of(node, indent, record_type.limit_of)
                plan = None if shape is None else _plan(shape, record_type)
            if composer.indent != indent:
                if composer.indent > indent:
                    raise NotCommon
                return

    def run(self, plan: tuple, rows: list, reader: FileReader) -> bool:
        """Read the records from the current line on that `plan`'s layout matches; False if none."""
        pattern, steps, base, excerpt, after, size = plan
        composer = self.composer
        text = self.text
        match = pattern.match(text, composer.start)
        if match is None:
            return False
        plain_tag = reader.plain_tag
        line = composer.at + 1  # 1-based, as problems and marks are given
        column = composer.indent + 3
        while match is not None:
            row = base.copy()
            record_lines = size
            for (slot, kind, argument, subject, offset, style, width), value in zip(steps, match.groups()):
                if kind == _LIST:
                    value = self.flow_list(value, argument, line + offset, column + width, reader)
                elif kind == _LINES:
                    lines = value.split("\n")
                    lines.pop()  # after the last line's "\n"
                    value = tuple([_text(item[argument:-1], '"', plain_tag) for item in lines])
                    record_lines += len(lines)
                elif kind == _WHOLE:
                    if len(value) > 9 or not value.isdigit() or plain_tag(value) != INT:
                        raise NotCommon
                    value = int(value)
                    if value < argument:
                        raise NotCommon
                else:
                    value = _text(value, style, plain_tag)
                    if kind == _ID:
                        reader.register_at(argument, value, line + offset, column + width)
                        if _WELL_FORMED_ID(value) is None:
                            raise NotCommon
                    elif kind == _REFERENCE:
                        value = intern(value)  # as `checks.reference` and `checks.choice` give it
                        reader.refer_at(argument, value, line + offset, column + width, subject)
                    elif kind == _CHOICE:
                        if value not in argument:
                            raise NotCommon
                        value = intern(value)
                row[slot] = value
            if excerpt is not None:
                field, section_slot, paragraph_slot, excerpt_slot, paragraph_at, excerpt_at = excerpt
                reader.chunk.excerpts.append((field, row[section_slot], row[paragraph_slot], row[excerpt_slot]))
                reader.chunk.excerpt_marks.extend((*paragraph_at(line, column), *excerpt_at(line, column)))
            if after is not None:
                after(reader, row, None)
            rows.append(row)
            line += record_lines
            end = match.end()
            match = pattern.match(text, end)
        composer.move_to(line - 1, end)
        return True

    def flow_list(self, value: str, item: tuple, line: int, column: int, reader: FileReader) -> tuple:
        """The values of a flow list at `column` of `line` (1-based)."""
        kind, argument, item_subject, may_be_empty = item
        values = []
        for item_text, quoted, at in flow_items(value):
            item_value = _text(item_text, '"' if quoted else None, reader.plain_tag)
            if kind == _ID:
                reader.register_at(argument, item_value, line, column + at)
                if _WELL_FORMED_ID(item_value) is None:
                    raise NotCommon
            elif kind == _REFERENCE:
                item_value = intern(item_value)
                reader.refer_at(argument, item_value, line, column + at, item_subject)
            elif kind == _CHOICE:
                if item_value not in argument:
                    raise NotCommon
                item_value = intern(item_value)
            values.append(item_value)
        if not values and not may_be_empty:
            raise NotCommon
        return tuple(values)


def _text(value: str, style: str | None, plain_tag) -> str:
    """What `checks.text` gives for a scalar in this layout, or NotCommon where it reports a problem."""
    if style is None:  # plain: printable ASCII, no space (see quick_compose)
        if value[0] in MAY_NOT_BE_A_STRING and plain_tag(value) != STR:
            raise NotCommon
        return value
    if not value or value.isspace() or "\\" in value:
        raise NotCommon
    if value.isprintable():
        return value
    if UNSURE.search(value) is not None or refused_character(value) is not None:
        raise NotCommon  # YAML reads it, or says what is wrong
    return value


_WELL_FORMED_ID = LIST_COLLECTIONS["people"].specs["id"].check.well_formed


def _kind(check) -> tuple | None:
    """How a plan reads a value of `check`, as (kind, argument), or None if it cannot."""
    if check is text:
        return _TEXT, None
    registers = getattr(check, "registers", None)
    if registers is not None:
        return (_ID if registers else _REFERENCE), check.id_space
    if hasattr(check, "options"):
        return _CHOICE, check.options
    if hasattr(check, "minimum"):
        return _WHOLE, check.minimum
    return None


def _plan(shape: tuple, record_type: RecordType) -> tuple | None:
    """How to read a record of `record_type` laid out as `shape` (see `_QuickReader.run`), or None."""
    key = (shape, record_type.noun)
    if key in _PLANS:
        return _PLANS[key]
    plan = _PLANS[key] = _make_plan(shape, record_type)
    return plan


def _make_plan(shape: tuple, record_type: RecordType) -> tuple | None:
    pattern, keys, styles, indent = shape
    steps = []
    given = set()
    fields = record_type.fields
    for offset, (name, style) in enumerate(zip(keys, styles)):
        field = fields.get(name)
        if field is None or name in given:
            return None
        given.add(name)
        slot, check, subject, _of_text = field
        if style == "-":  # a block sequence of quoted items, the last key's value (see shape_of)
            if getattr(check, "item", None) is not text:
                return None
            # The argument: where an item's value starts on its line, after its `- "`.
            steps.append((slot, _LINES, indent + 7, subject, offset, style, 0))
            continue
        if style == "[":
            item_check = getattr(check, "item", None)
            item = _kind(item_check) if item_check is not None else None
            if item is None or item[0] == _WHOLE:
                return None
            argument = (*item, f"an item of {subject}", check.may_be_empty)
            steps.append((slot, _LIST, argument, subject, offset, style, len(name) + 2))
            continue
        kind = _kind(check)
        if kind is None or (kind[0] == _WHOLE and style is not None):
            return None
        steps.append((slot, kind[0], kind[1], subject, offset, style, len(name) + 2))
    if any(name not in given for _slot, name in record_type.required):
        return None
    together = [name in given for _slot, name in record_type.together]
    if any(together) and not all(together):
        return None
    base = record_type.blank.copy()
    for slot, default in record_type.defaults:
        if base[slot] is UNSET and not any(step[0] == slot for step in steps):
            base[slot] = default
    excerpt = None
    after = record_type.after
    if after is not None and getattr(after, "needs_node", True):
        details = getattr(after, "excerpt", None)
        if details is None:
            return None
        after = None
        field, section_slot, paragraph_slot, excerpt_slot = details
        slots = {step[0] for step in steps}
        if section_slot not in slots or paragraph_slot not in slots or excerpt_slot not in slots:
            return None
        excerpt = (field, section_slot, paragraph_slot, excerpt_slot,
                   _value_mark(keys, "paragraph"), _value_mark(keys, field))
    return pattern, tuple(steps), base, excerpt, after, len(keys)


def _value_mark(keys: tuple, name: str):
    """(record's line, key column) -> the 1-based line and column of the value of key `name`."""
    offset = keys.index(name)
    width = len(name) + 2
    return lambda line, column: (line + offset, column + width)
