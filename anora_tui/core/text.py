"""Data text made safe to show in a terminal, put on one line, and cut into excerpts. Pure Python.

`clean_text` makes text from anywhere safe to print (a file name, a pasted query, a settings file, a
record made outside the loader), so nothing can print a control sequence hidden in it:

- C0 and C1 control characters other than newline and tab (NUL, ESC, CR, DEL, U+0080–U+009F including
  the one-character CSI U+009B) become U+FFFD REPLACEMENT CHARACTER, so their presence stays visible.
  The escape sequences they start (`ESC [ 31 m`, OSC 52 `ESC ] 52 ; …`) are left as plain text after
  the replacement character: harmless once the ESC is gone.
- Bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) are removed: they can
  make text display in a different order from the one it is stored in.
- Lone surrogates (U+D800–U+DFFF, which no terminal can encode) become U+FFFD.

The loader goes further: a dataset's text may hold none of these, nor the other invisible characters
that change how text is laid out or read (`refused_character`): the checker reports each one where the
file has it (docs/data-format.md, "Text safety").
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

REPLACEMENT = "\ufffd"
# The whitespace characters that break a line or make a tab stop: the rest of the table of controls.
LINE_BREAKS_AND_TABS = "\n\r\t\v\f\x85\u2028\u2029"

_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_SURROGATES = "\ud800-\udfff"
_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"

# Refused in a dataset's text: the above, YAML's line and paragraph separators (U+2028, U+2029: they
# break a line where no line break shows in the file), the zero-width no-break space U+FEFF, the
# interlinear annotation controls U+FFF9–U+FFFB and the noncharacters U+FFFE, U+FFFF.
_SEPARATORS = "\u2028\u2029"
_OTHER_INVISIBLE = "\ufeff\ufff9-\ufffb\ufffe\uffff"
_REFUSED = f"{_CONTROLS}{_SURROGATES}{_BIDI_CONTROLS}{_SEPARATORS}{_OTHER_INVISIBLE}"
_KINDS = (
    (_CONTROLS, "control characters"),
    (_BIDI_CONTROLS, "bidirectional formatting characters"),
    (_SURROGATES, "lone surrogates"),
    (_SEPARATORS, "line and paragraph separators"),
    (_OTHER_INVISIBLE, "invisible formatting characters"),
)
# What the C0 and C1 controls most often met are called (unicodedata names none of them).
_CONTROL_NAMES = {
    0x00: "NUL", 0x07: "BEL", 0x08: "BACKSPACE", 0x0B: "VERTICAL TAB", 0x0C: "FORM FEED", 0x0D: "CARRIAGE RETURN",
    0x1B: "ESCAPE", 0x7F: "DELETE", 0x85: "NEXT LINE", 0x90: "DCS", 0x9B: "CSI", 0x9D: "OSC",
}

_UNSAFE = f"{_CONTROLS}{_SURROGATES}{_BIDI_CONTROLS}"
_REPLACED = f"{_CONTROLS}{_SURROGATES}"
_DROPPED = _BIDI_CONTROLS


@cache
def _any_of(characters: str) -> re.Pattern:
    """A pattern matching any one of `characters` (a character class's inside), compiled when first
    used: these classes take about 2 ms to compile, which a start whose text is all printable (the
    usual one) and that checks no YAML need not spend."""
    return re.compile(f"[{characters}]")


def clean_text(text: str) -> str:
    """The text with control characters replaced by U+FFFD and bidirectional controls removed."""
    # The usual case, fast: isprintable() is False for every character handled here (and for more).
    if text.isprintable() or _any_of(_UNSAFE).search(text) is None:
        return text
    return _any_of(_DROPPED).sub("", _any_of(_REPLACED).sub(REPLACEMENT, text))


def refused_character(text: str) -> re.Match | None:
    """The first character a dataset's text may not hold (a control character other than newline and
    tab, a bidirectional control, a line or paragraph separator, …), or None."""
    if text.isprintable():  # the usual case, fast: False for every refused character (and for more)
        return None
    return _any_of(_REFUSED).search(text)


def described_character(character: str) -> tuple[str, str]:
    """What kind of refused character this is ("control characters", plural, as YAML words it) and
    its code point with its name: ("control characters", "U+001B ESCAPE")."""
    kind = next((kind for characters, kind in _KINDS if _any_of(characters).match(character)), "invisible characters")
    code = ord(character)
    name = _CONTROL_NAMES.get(code) or unicodedata.name(character, "")
    return kind, f"U+{code:04X} {name}".rstrip()


def one_line(text: str) -> str:
    """Data text for a one-line message: cleaned, with line breaks and tabs written as `\\n` and `\\t`."""
    return clean_text(text).translate(_ESCAPED)


ELLIPSIS = "…"

_WHITESPACE = re.compile(r"\s")
# Line breaks and tabs become spaces one for one, so offsets into the text stay valid.
_FLATTEN = dict.fromkeys(map(ord, LINE_BREAKS_AND_TABS), " ")
# Shown in a one-line message, a line break or tab is written as an escape instead.
_ESCAPED = {ord("\n"): "\\n", ord("\t"): "\\t"}


def excerpt(text: str, span: tuple[int, int], width: int) -> tuple[str, str, str]:
    """Split `text` into (before, match, after) around `span`, keeping about `width` characters in all.

    The match is never cut. The context left over is shared between both sides (a side that runs out
    of text gives its room to the other) and each side is cut at a word boundary, with "…" where text
    was left out. The three parts together are at most `max(width, len(match))` characters long.
    """
    flat = text.translate(_FLATTEN)
    start = min(max(0, span[0]), len(flat))
    end = min(max(start, span[1]), len(flat))
    match = flat[start:end]
    left, right = flat[:start], flat[end:]
    room = max(0, width - len(match))
    left_room = min(len(left), room // 2)
    right_room = min(len(right), room - left_room)
    left_room = min(len(left), room - right_room)
    return _tail(left, left_room), match, _head(right, right_room)


def _head(text: str, room: int) -> str:
    """The start of `text` in at most `room` characters, ending at a word boundary."""
    if len(text) <= room:
        return text
    if room <= 0:
        return ""
    # A cut at a space keeps the word before it whole; one character is kept for the ellipsis.
    cut = max((m.start() for m in _WHITESPACE.finditer(text, 0, room)), default=0)
    kept = text[:cut].rstrip()
    if not kept:
        return (" " + ELLIPSIS) if text[0] == " " and room >= 2 else ELLIPSIS
    return kept + ELLIPSIS


def _tail(text: str, room: int) -> str:
    """The end of `text` in at most `room` characters, starting at a word boundary."""
    if len(text) <= room:
        return text
    if room <= 0:
        return ""
    first = len(text) - room + 1  # the earliest character we can keep beside the ellipsis
    cut = next((m.end() for m in _WHITESPACE.finditer(text, first - 1)), len(text))
    kept = text[cut:].lstrip()
    if not kept:
        return (ELLIPSIS + " ") if text[-1] == " " and room >= 2 else ELLIPSIS
    return ELLIPSIS + kept


# --- quoting the source ---------------------------------------------------------------------

QUOTE_OPEN = "«"
QUOTE_CLOSE = "»"
NOTE_LEAD = "the source says "
NOTE_LABEL = "Editor's note: "  # before a note's wording, wherever a note is shown


def quoted(text: str) -> str:
    """Source text quoted, the one way every view quotes it: in guillemets, so the source's own
    double quotes inside stay as they are instead of nesting in more double quotes."""
    return f"{QUOTE_OPEN}{text}{QUOTE_CLOSE}"


def note_wording(says: str, correction: str, *, capital: bool = False) -> tuple[str, tuple[int, int]]:
    """An editorial note in words, and where the quoted source text stands in them:
    `the source says «…». The correction.` The correction is its own sentence (corrections are
    written as sentences), so it opens with a capital whatever came before it."""
    lead = NOTE_LEAD[:1].upper() + NOTE_LEAD[1:] if capital else NOTE_LEAD
    start = len(lead) + len(QUOTE_OPEN)
    sentence = correction[:1].upper() + correction[1:]
    return f"{lead}{quoted(says)}. {sentence}", (start, start + len(says))


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """"1 quote", "3 paragraphs", "1 person" / "2 people" (`plural` where adding an s will not do)."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"
