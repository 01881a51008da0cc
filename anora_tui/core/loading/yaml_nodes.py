"""YAML text to nodes: the composing loader (tags resolved only when asked), the standard tags and
what they read as, and the byte-level facts the reader checks before composing."""

from __future__ import annotations

import re

import yaml

USING_LIBYAML = hasattr(yaml, "CSafeLoader")
SafeLoader = yaml.CSafeLoader if USING_LIBYAML else yaml.SafeLoader


class ComposingLoader(SafeLoader):
    """The safe loader, except that a node's implicit tag is worked out only when asked.

    The composer calls `resolve`, `descend_resolver` and `ascend_resolver` for every node: millions of
    Python calls for a big dataset. It looks them up as ordinary attributes, so instance attributes
    that are C builtins replace them without any Python frame:

    - `resolve(kind, value, implicit)` becomes `slice(kind, value, implicit)`: a node whose tag was left
      to the resolver (none given, or the non-specific `!`) has that slice as its tag, from which
      `FileReader.tag_of` gives the tag PyYAML's resolver would have (most nodes never need it: a
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
RESOLVER = yaml.resolver.Resolver()
MAY_NOT_BE_A_STRING = frozenset(RESOLVER.yaml_implicit_resolvers)
assert None not in MAY_NOT_BE_A_STRING, "a resolver for any first character: the shortcut would be wrong"

TAG_PREFIX = "tag:yaml.org,2002:"
STR, MAP, SEQ = TAG_PREFIX + "str", TAG_PREFIX + "map", TAG_PREFIX + "seq"
INT, FLOAT, BOOL = TAG_PREFIX + "int", TAG_PREFIX + "float", TAG_PREFIX + "bool"
NULL, TIMESTAMP = TAG_PREFIX + "null", TAG_PREFIX + "timestamp"
# What YAML makes of a value with each standard tag; any other tag is refused.
TAG_READINGS = {
    STR: "a string",
    MAP: "a mapping",
    SEQ: "a list",
    INT: "a number",
    FLOAT: "a number",
    BOOL: "a boolean",
    NULL: "null",
    TIMESTAMP: "a date",
    TAG_PREFIX + "binary": "binary data",
    TAG_PREFIX + "set": "a set",
    TAG_PREFIX + "omap": "an ordered mapping",
    TAG_PREFIX + "pairs": "a list of pairs",
    TAG_PREFIX + "merge": "a merge key",
    TAG_PREFIX + "value": "a value key",
}

# An anchor (&name) or alias (*name) can only start where a YAML node can; text without this pattern
# has none, and the (slower) event scan that finds them is skipped.
# (Written as "& or *, not preceded by anything else" so the regex engine can scan for [&*] quickly.)
MAYBE_ANCHOR_OR_ALIAS = re.compile(r"[&*](?<![^\s\[\]{},:?\-\ufeff][&*])[^\s\[\]{},]")

# Checked longest first: the UTF-32 little-endian mark starts with the UTF-16 one.
OTHER_BYTE_ORDER_MARKS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def syntax_error_at(error: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str]:
    """Where a YAML syntax error's cause is (1-based line and column), and the message to give.

    PyYAML marks two places: `context_mark`, where the construct being read began, and
    `problem_mark`, where reading gave up. The cause is often the first: an unclosed `[` or `{` is
    only found where the next key is ("while parsing a flow sequence … did not find expected ','"),
    an unclosed quote at the end of the file. So a flow collection or a token being scanned that
    began on an earlier line is reported where it began, saying where reading gave up. And an
    unclosed quote that a later quote happens to close leaves a quoted string running across lines
    with the problem right after it: that string's start is reported."""
    problem, context = error.problem_mark, error.context_mark
    message = "; ".join(part for part in (error.context, error.problem) if part)
    mark = problem or context
    if mark is None:
        return 1, 1, message
    gave_up = f"reading gave up at line {mark.line + 1}, column {mark.column + 1}"
    opened_earlier = context is not None and problem is not None and context.line < problem.line
    if opened_earlier and error.context and error.context.startswith(_STARTS_THAT_ARE_CAUSES):
        return context.line + 1, context.column + 1, f"{message} ({gave_up})"
    if problem is not None:
        string = _quoted_string_ending_at(text, problem)
        if string is not None:
            return (string.line + 1, string.column + 1,
                    f"a quoted string starting here runs on to line {problem.line + 1}: is a closing quote"
                    f" missing? ({message}; {gave_up})")
    return mark.line + 1, mark.column + 1, message


# Constructs whose start is the cause when reading gives up on a later line: a flow collection never
# closed, a quoted string never closed, a key never given its ':'. (Not a plain scalar: a tab on the
# next line is found "while scanning" the scalar before it, and the tab is the cause.)
_STARTS_THAT_ARE_CAUSES = ("while parsing a flow", "while scanning a quoted scalar", "while scanning a simple key")


def _quoted_string_ending_at(text: str, problem: yaml.Mark):
    """The start mark of a quoted scalar spanning several lines that ends on the problem's line,
    just before it: the sign of an unclosed quote closed by the next quote in the file."""
    last = None
    try:
        for token in yaml.scan(text, Loader=SafeLoader):
            end = token.end_mark
            if (end.line, end.column) > (problem.line, problem.column):
                break
            last = token
    except yaml.YAMLError:
        pass
    if (
        isinstance(last, yaml.ScalarToken)
        and last.style in ("'", '"')
        and last.start_mark.line < last.end_mark.line == problem.line
    ):
        return last.start_mark
    return None


# A double-quoted scalar's escapes, each matched whole from left to right (so `\\x1b` is a backslash,
# then "x1b"): the hexadecimal ones, a backslash before a line break, and the one-character ones.
_ESCAPE = re.compile(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|\r\n|.)", re.DOTALL)
_ONE_CHARACTER_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
    "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}


def _escaped(escape: str) -> str:
    if escape[1] in "xuU":
        code = int(escape[2:], 16)
        return chr(code) if code <= 0x10FFFF else ""
    return _ONE_CHARACTER_ESCAPES.get(escape[1], "")


def character_in_source(source: str, start: int, end: int, character: str, escapes: bool) -> tuple[int, str | None]:
    """Where a scalar whose text runs from `start` to `end` in `source` has `character`, written as it
    is or (in a double-quoted scalar, `escapes`) as an escape: its offset and the escape (None when
    written as it is); the offset is -1 if it is not found."""
    segment = source[start:end]
    found, escape = segment.find(character), None
    if escapes:
        for match in _ESCAPE.finditer(segment):
            if 0 <= found < match.start():
                break
            if _escaped(match.group()) == character:
                found, escape = match.start(), match.group()
                break
    return (-1 if found < 0 else start + found), escape
