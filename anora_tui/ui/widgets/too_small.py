"""The notice that stands in for the panes while the terminal is smaller than the reader needs: the most
it can say at the size, in whole words, and never more lines than there are rows, so that what is on
screen is always its beginning, the words that matter most ("Terminal too small", then how to get
out of it). Where not even the shortest wording fits in whole words, that wording's beginning is
shown, its words folded at the width (at 1×1, its first letter).
"""

from __future__ import annotations

from typing import Callable

from rich.cells import cell_len
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

NO_BREAK = "\u00a0"  # between words kept on one line: "(q quits)"
# From the most it says to the least; the first that fits the terminal in whole words is shown.
WORDINGS = (
    "Terminal too small: enlarge it to at least {need} ({quit}" + NO_BREAK + "quits)",
    "Terminal too small: enlarge it ({quit}" + NO_BREAK + "quits)",
    "Too small: enlarge it ({quit}" + NO_BREAK + "quits)",
    "Too small ({quit}" + NO_BREAK + "quits)",
    "Too small: {quit}" + NO_BREAK + "quits",
    "Too small",
)


def notice_lines(room: Size, terminal: Size, minimum: Size, quit_key: str) -> list[str]:
    """The notice's lines in `room` (its content's size) on a terminal of size `terminal`, below the
    `minimum` the reader needs, with `quit_key` the key that quits: no more lines than the room's
    height, none wider than its width."""
    width, height = room
    if width <= 0 or height <= 0:
        return []
    short_across, short_down = terminal.width < minimum.width, terminal.height < minimum.height
    need = (f"{minimum.width} columns" if short_across and not short_down
            else f"{minimum.height} lines" if short_down and not short_across
            else f"{minimum.width}×{minimum.height}")
    for wording in WORDINGS:
        lines = whole_words(wording.format(need=need, quit=quit_key), width)
        if lines is not None and len(lines) <= height:
            return [line.replace(NO_BREAK, " ") for line in lines]
    return [line.replace(NO_BREAK, " ") for line in folded(WORDINGS[-1], width)[:height]]


def whole_words(text: str, width: int) -> list[str] | None:
    """`text` wrapped at `width` between words (at spaces, not at no-break spaces); None if a word is
    wider than that."""
    lines: list[str] = []
    for word in text.split(" "):
        if cell_len(word) > width:
            return None
        if lines and cell_len(lines[-1]) + 1 + cell_len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def folded(text: str, width: int) -> list[str]:
    """`text` wrapped at `width` (at least 1) between words, a word wider than that cut into pieces
    that fit."""
    pieces: list[str] = []
    for word in text.split(" "):
        while cell_len(word) > width:
            cut = 1
            while cut < len(word) and cell_len(word[: cut + 1]) <= width:
                cut += 1
            pieces.append(word[:cut])
            word = word[cut:]
        pieces.append(word)
    return whole_words(" ".join(pieces), max(1, width)) or pieces


class TooSmallNotice(Widget):
    """The notice, worded for its size each time it is drawn (styles/app.tcss shows it below the
    minimum size, centred)."""

    def __init__(self, minimum: Size, quit_key: Callable[[], str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.minimum = minimum
        self._quit_key = quit_key  # the key in force (a keymap may have moved it)

    @property
    def lines(self) -> list[str]:
        """What the notice says at its size now."""
        return notice_lines(self.content_region.size, self.app.size, self.minimum, self._quit_key())

    def render(self) -> Content:
        return Content("\n".join(self.lines))
