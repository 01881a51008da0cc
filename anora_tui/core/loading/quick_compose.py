"""Composing the common layout of a dataset file without libyaml: the same YAML nodes, in a fraction of
the time, or None when the text is anything but that layout (the caller then composes it with YAML).

libyaml scans a file character by character and makes each node through Python calls: at 100,000
quotes that is most of a first start. Most dataset files, and every file `make_corpus.py` or an
editor following docs/data-format.md writes, use a small part of YAML: block mappings and sequences,
one `key: value` or `- value` a line, values double-quoted on one line (no escapes), plain words,
or flow lists of those. This reads exactly that, a line at a time with `str` methods, and gives up
(returns None) on anything else: a tab, a carriage return, a YAML line break or a character YAML
refuses anywhere in the text; a backslash, single quote, block scalar, anchor, alias, tag, trailing
comment, a plain value that could run on to the next line, an indentation YAML might read another
way. The nodes it makes are the ones `ComposingLoader` makes (the same classes, values, tags and
start marks), except that a node's end mark is its start mark: end marks are only read to word a
problem, and the reader reads any file with a problem again with YAML (see `FileReader.compose`).

tests/test_loader_quick_compose.py checks, for generated files and every dataset file in the
repository, that the chunk read through this is exactly the chunk read through YAML.
"""

from __future__ import annotations

import re

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

try:
    from yaml._yaml import Mark  # the marks libyaml's composer makes (a C type: cheap to make)
except ImportError:  # PyYAML without libyaml
    from yaml.error import Mark  # type: ignore[assignment]

# Anything YAML reads in a way this does not: a tab, a carriage return, the other YAML line breaks
# (NEL, U+2028, U+2029), a byte-order mark, and every character YAML refuses (C0 and C1 controls,
# U+FFFE, U+FFFF, surrogates). What is left of Unicode YAML takes as it is. Only a comment or a
# quoted value can hold a character outside ASCII's printable ones (everything else is matched by
# the patterns below), so only those are searched: a value only if `str.isprintable` says no (every
# character it accepts, YAML takes as it is).
UNSURE = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
# A plain scalar taken as it is: no indicator, no space, no ':' or '#' (so no comment, no key).
_PLAIN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
# `key:` followed by a space or the end of the line; group 1 is the key, the match ends at the value.
KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +|\Z)")

PLAIN_TAG = (True, False)  # the `implicit` YAML gives a plain scalar, and a quoted one
_QUOTED_TAG = (False, True)
_MAP_TAG = slice(MappingNode, None, True)
_SEQ_TAG = slice(SequenceNode, None, True)


class NotCommon(Exception):
    """The text is not in the common layout: compose it with YAML."""


def quick_compose(text: str) -> MappingNode | None:
    """The file's root mapping as `ComposingLoader` composes it, or None if the text is not in the
    layout this reads (see the module docstring)."""
    try:
        return Composer(text).root()
    except NotCommon:
        return None


class Composer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.at = -1  # the line being read (0-based)
        self.start = self.end = -1  # where it starts in the text, and where its "\n" is (or the text ends)
        self.indent = -1  # its indentation; -1 past the last line
        self.content = ""  # the line without its indentation
        self.advance()

    def advance(self) -> None:
        """Move to the next line that is neither blank nor a comment."""
        self.move_to(self.at + 1, self.end + 1)

    def move_to(self, at: int, start: int) -> None:
        """Move to the first line that is neither blank nor a comment from line `at` on, which
        starts at `start` in the text."""
        text = self.text
        size = len(text)
        while start <= size:
            end = text.find("\n", start)
            if end < 0:
                end = size
            line = text[start:end]
            content = line.lstrip(" ")
            if content:
                if content[0] == "#":
                    if UNSURE.search(content) is not None:
                        raise NotCommon
                else:
                    if content[-1] == " ":
                        raise NotCommon  # trailing spaces: let YAML say what they mean
                    self.at, self.start, self.end = at, start, end
                    self.indent, self.content = len(line) - len(content), content
                    return
            at += 1
            start = end + 1
        self.at, self.start, self.end, self.indent, self.content = at, size, size, -1, ""

    def root(self) -> MappingNode | None:
        if self.indent != 0 or self.content.startswith("- "):
            raise NotCommon
        root = self.mapping(0, self.content, 0)
        if self.indent != -1:
            raise NotCommon  # something after the top-level mapping
        return root

    def block(self, parent_indent: int) -> MappingNode | SequenceNode:
        """The block collection on the current line, which must be indented more than its key."""
        indent = self.indent
        if indent <= parent_indent:
            raise NotCommon  # no value (null), or a sequence not indented under its key
        if self.content.startswith("- "):
            return self.sequence(indent)
        return self.mapping(indent, self.content, indent)

    def mapping(self, indent: int, content: str, column: int) -> MappingNode:
        """A block mapping whose keys are at `indent`; its first key is `content`, at `column` of the
        current line (after a sequence's "- ", or the line's own content)."""
        line = self.at
        pairs: list = []
        node = MappingNode(_MAP_TAG, pairs, Mark(None, 0, line, column, None, None), None, False)
        node.end_mark = node.start_mark
        key_match = KEY.match
        while True:
            match = key_match(content)
            if match is None:
                raise NotCommon
            key_mark = Mark(None, 0, line, column, None, None)
            key = match.group(1)
            key_node = ScalarNode(slice(ScalarNode, key, PLAIN_TAG), key, key_mark, key_mark, None)
            rest = content[match.end() :]
            if rest:
                value = self.inline(rest, line, column + match.end())
                self.advance()
            else:
                self.advance()
                value = self.block(indent)
            pairs.append((key_node, value))
            if self.indent != indent:
                if self.indent > indent:
                    raise NotCommon  # more indented: a plain scalar running on, or an error
                return node
            line, content, column = self.at, self.content, indent
            if content.startswith("-"):
                raise NotCommon  # "- " at a key's indentation

    def sequence(self, indent: int) -> SequenceNode:
        """A block sequence whose "- " are at `indent`."""
        items: list = []
        node = SequenceNode(_SEQ_TAG, items, Mark(None, 0, self.at, indent, None, None), None, False)
        node.end_mark = node.start_mark
        column = indent + 2
        while True:
            content = self.content
            if not content.startswith("- "):
                raise NotCommon
            item = content[2:]
            if KEY.match(item) is not None:
                items.append(self.mapping(column, item, column))  # moves past the mapping
            elif item[0] == '"':
                self.quoted_items(indent, items)
            else:
                items.append(self.inline(item, self.at, column))
                self.advance()
            if self.indent != indent:
                if self.indent > indent:
                    raise NotCommon
                return node

    def quoted_items(self, indent: int, items: list) -> None:
        """Read the items from the current line on that are each a quoted value alone on its line."""
        pattern = _QUOTED_ITEMS.get(indent)
        if pattern is None:
            pattern = _QUOTED_ITEMS[indent] = re.compile(" " * indent + '- "([^"\\\\\n]*)"(?:\n|\\Z)')
        text = self.text
        line = self.at
        column = indent + 3
        match = pattern.match(text, self.start)
        if match is None:
            raise NotCommon  # not closed, something after it, or an escape
        while match is not None:
            items.append(_quoted(match.group(1), line, column))
            line += 1
            end = match.end()
            match = pattern.match(text, end)
        self.move_to(line, end)

    def inline(self, text: str, line: int, column: int) -> ScalarNode | SequenceNode:
        """The value that is all of `text`, at `column` of `line`: a quoted or plain scalar, or a flow
        sequence of them."""
        first = text[0]
        if first == '"':
            end = text.find('"', 1)
            if end != len(text) - 1:
                raise NotCommon  # not closed, or something after it
            return _quoted(text[1:end], line, column)
        if first == "[":
            return self.flow(text, line, column)
        if _PLAIN.fullmatch(text) is None:
            raise NotCommon
        mark = Mark(None, 0, line, column, None, None)
        return ScalarNode(slice(ScalarNode, text, PLAIN_TAG), text, mark, mark, None)

    def flow(self, text: str, line: int, column: int) -> SequenceNode:
        """`[a, "b"]`: items separated by ", ", nothing after the "]"."""
        items: list = []
        mark = Mark(None, 0, line, column, None, None)
        for value, quoted, at in flow_items(text):
            if quoted:
                items.append(_quoted(value, line, column + at))
            else:
                item_mark = Mark(None, 0, line, column + at, None, None)
                items.append(ScalarNode(slice(ScalarNode, value, PLAIN_TAG), value, item_mark, item_mark, None))
        return SequenceNode(_SEQ_TAG, items, mark, mark, True)


def flow_items(text: str) -> list[tuple[str, bool, int]]:
    """The items of a flow sequence that is all of `text` (`[a, "b"]`: items separated by ", ", nothing
    after the "]"): each item's value, whether it is quoted, and where it starts in `text`."""
    items: list = []
    if text == "[]":
        return items
    at = 1
    last = len(text) - 1
    while True:
        if text.startswith('"', at):
            end = text.find('"', at + 1)
            if end < 0:
                raise NotCommon
            items.append((text[at + 1 : end], True, at))
            at = end + 1
        else:
            match = _PLAIN.match(text, at)
            if match is None:
                raise NotCommon
            items.append((match.group(), False, at))
            at = match.end()
        if at == last and text[at] == "]":
            return items
        if not text.startswith(", ", at):
            raise NotCommon
        at += 2


def _quoted(value: str, line: int, column: int) -> ScalarNode:
    if "\\" in value or (not value.isprintable() and UNSURE.search(value) is not None):
        raise NotCommon  # an escape, or a character YAML does not take as it is
    mark = Mark(None, 0, line, column, None, None)
    return ScalarNode(slice(ScalarNode, value, _QUOTED_TAG), value, mark, mark, '"')


# A mapping's layout (for quick_read): the pattern matching it (up to the next item of its sequence),
# its keys, each value's style ('"' quoted, None plain, "[" a flow sequence, "-" a block sequence of
# quoted items, one a line), and the sequence's indentation.
Shape = tuple  # (re.Pattern, tuple[str, ...], tuple[str | None, ...], int)
_SHAPES: dict[tuple, Shape] = {}
# Each with the most characters its value may have (see `_bound`): a longer one is left to `mapping`.
_VALUE_PATTERNS = {
    '"': ' "([^"\\\\\n]{0,%s})"\\n', None: " (" + _PLAIN.pattern.removesuffix("*") + "{0,%s})\\n", "[": " (\\[[^\\n]{0,%s}\\])\\n"
}
_QUOTED_ITEMS: dict[int, re.Pattern] = {}  # indentation -> the pattern of a quoted item alone on its line


def _bound(limit: int | None, first: bool = False) -> str:
    """The upper bound of a `{0,n}` repeat: a value's length limit (`Field.limit`; less one if the
    pattern matches the `first` character apart), or none."""
    less = 1 if first else 0
    return "" if limit is None else str(limit - less)


def shape_of(mapping: MappingNode, indent: int, limits: dict[str, int] | None = None) -> Shape | None:
    """The layout of a mapping that is an item of a sequence at `indent`, if each of its keys is on
    the line after the one before, with its value after one space (quoted, plain, or a flow
    sequence), except that the last key's value may be a block sequence of quoted items on the
    lines after it, one a line, two spaces in."""
    line = mapping.start_mark.line
    column = indent + 2
    keys, styles = [], []
    pairs = mapping.value
    for offset, (key_node, value) in enumerate(pairs):
        if key_node.start_mark.line != line + offset:
            return None
        if value.__class__ is SequenceNode and not value.flow_style:
            if offset != len(pairs) - 1 or value.start_mark.column != column + 2:
                return None
            for number, item in enumerate(value.value, start=line + offset + 1):
                if item.__class__ is not ScalarNode or item.style != '"' or item.start_mark.line != number:
                    return None
            styles.append("-")
        elif value.start_mark.line != line + offset or value.start_mark.column != column + len(key_node.value) + 2:
            return None
        elif value.__class__ is ScalarNode:
            styles.append(value.style)
        elif value.__class__ is SequenceNode:
            styles.append("[")
        else:
            return None
        keys.append(key_node.value)
    bounds = tuple((limits or {}).get(name) for name in keys)  # a longer value is not matched
    key = (indent, tuple(keys), tuple(styles), bounds)
    shape = _SHAPES.get(key)
    if shape is None:
        starts = [" " * indent + "- "] + [" " * column] * (len(keys) - 1)
        items = "((?:" + " " * (column + 2) + '- "[^"\\\\\n]{0,%s}"\\n)+)'
        pattern = "".join(
            f"{start}{name}:"
            + (f"\\n{items % _bound(limit)}" if style == "-" else _VALUE_PATTERNS[style] % _bound(limit, style is None))
            for start, name, style, limit in zip(starts, keys, styles, bounds)
        )
        # Followed by the next item: the last mapping is left to `mapping`, which sees what follows.
        shape = _SHAPES[key] = (re.compile(pattern + f"(?={' ' * indent}- )"), tuple(keys), tuple(styles), indent)
    return shape
