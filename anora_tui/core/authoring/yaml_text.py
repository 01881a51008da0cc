"""YAML text written by hand, for files an author will edit: every string double-quoted (so YAML can
never read it as a number, a date or a boolean), long ones wrapped at spaces, comments where asked.

A double-quoted YAML scalar may be broken over lines: each line break between two words folds back
into one space, so a string is only ever broken at a single space between two other characters, and
whatever YAML would fold or trim (tabs, line breaks, other breaks, unprintable characters) is written
as an escape. `tests/test_authoring.py` checks that every string reads back as it was written.
"""

from __future__ import annotations

import re

from ..text import LINE_BREAKS_AND_TABS

WIDTH = 100  # the line length long strings are wrapped at (an aim: a long word is never split)

# What YAML allows unescaped in a double-quoted scalar, less the whitespace it folds or trims.
# (U+2028 and U+2029 are line breaks to YAML; U+FEFF a byte-order mark.)
_PRINTABLE = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_SHORT_ESCAPES = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r", "\0": "\\0"}
_NO_BREAKS = dict.fromkeys(map(ord, LINE_BREAKS_AND_TABS), " ")
# A space with a non-space on both sides: where a long string may be broken.
_BREAKABLE_SPACE = re.compile(r"(?<=\S) (?=\S)")


def _escape(text: str) -> str:
    out = []
    for char in text:
        if char in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[char])
        elif _PRINTABLE.match(char):
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return "".join(out)


def quoted(text: str, indent: int = 0, first_line_room: int = WIDTH) -> str:
    """`text` as a double-quoted YAML scalar. Where it is longer than the room on its first line, it
    is broken at spaces onto lines indented by `indent` spaces, each about `WIDTH` long."""
    whole = f'"{_escape(text)}"'
    if len(whole) <= first_line_room:
        return whole
    words = [_escape(word) for word in _BREAKABLE_SPACE.split(text)]
    lines: list[str] = []
    line = '"' + words[0]
    room = first_line_room
    for word in words[1:]:
        if len(line) + 1 + len(word) > room:
            lines.append(line)
            line, room = " " * indent + word, WIDTH
        else:
            line += " " + word
    lines.append(line + '"')
    return "\n".join(lines)


def comment(text: str) -> str:
    """`  # text`, for the end of a line (an empty text makes no comment; line breaks become spaces)."""
    return f"  # {text.translate(_NO_BREAKS)}" if text else ""


def comment_block(text: str, indent: int = 0) -> str:
    """`text` as comment lines of about `WIDTH`, broken at spaces."""
    lead = " " * indent + "# "
    lines: list[str] = []
    line = ""
    for word in text.translate(_NO_BREAKS).split():
        if line and len(lead) + len(line) + 1 + len(word) > WIDTH:
            lines.append(lead + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(lead + line)
    return "\n".join(lines)


def key_value(indent: int, key: str, value: str, note: str = "", *, item: bool = False) -> str:
    """One `key: value` line (the value already YAML), as a list item's first key with `item`."""
    lead = " " * indent + ("- " if item else "")
    return f"{lead}{key}: {value}{comment(note)}"


def text_line(indent: int, key: str, text: str, note: str = "", *, item: bool = False) -> str:
    """A `key: "text"` line, the text wrapped onto continuation lines when long; the note goes after
    the closing quote."""
    value_indent = indent + (2 if item else 0) + 2
    value = quoted(text, value_indent, WIDTH - (value_indent + len(key)))
    return key_value(indent, key, value, note, item=item)


def list_item(indent: int, text: str) -> str:
    """A `- "text"` list item, wrapped when long."""
    return " " * indent + "- " + quoted(text, indent + 2, WIDTH - indent - 2)


def flow_list(items: list[str]) -> str:
    """`["a", "b"]`, for short lists of short strings."""
    return "[" + ", ".join(f'"{_escape(item)}"' for item in items) + "]"
