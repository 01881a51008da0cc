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
# What YAML makes of a value with each standard tag; any other tag is refused.
TAG_READINGS = {
    STR: "a string",
    MAP: "a mapping",
    SEQ: "a list",
    INT: "a number",
    FLOAT: "a number",
    BOOL: "a boolean",
    TAG_PREFIX + "null": "null",
    TAG_PREFIX + "timestamp": "a date",
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
