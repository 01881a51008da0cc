"""A short excerpt of a paragraph around one match, cut at word boundaries. Pure Python.

Used for the lines that show where a person is named (and anywhere else a match needs context).
"""

from __future__ import annotations

import re

ELLIPSIS = "…"

_WHITESPACE = re.compile(r"\s")
# Line breaks and tabs become spaces one for one, so offsets into the text stay valid.
_FLATTEN = {ord(c): " " for c in "\n\r\t\v\f\x85\u2028\u2029"}


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
