"""One-line proportional strips: the film strip of the timeline, a person's mentions map and the
reading pane's progress bar.

`proportional_strip` lays marks over a track of `width` cells standing for `total` units (minutes of film,
paragraphs of the article); every mark gets at least one cell so nothing known is invisible. Styles
are component-class names (".timeline-strip--mark"), resolved by Textual when the strip is drawn, so
a new theme needs no rebuild.
"""

from __future__ import annotations

from itertools import groupby
from typing import NamedTuple, Sequence

from textual.content import Content, Span
from textual.style import Style

TRACK_CHAR = "─"


class Mark(NamedTuple):
    start: float  # in track units
    length: float  # in track units; 0 is drawn as one cell
    style: str | Style  # a component-class name (".x--y"), so tcss decides the look
    char: str = "█"


def cell_range(start: float, length: float, total: float, width: int) -> tuple[int, int]:
    """The cells [first, last) a mark covers on a track of `width` cells; at least one cell."""
    if total <= 0 or width <= 0:
        return (0, 0)
    first = min(width - 1, max(0, int(start / total * width)))
    last = max(first + 1, min(width, round((start + length) / total * width)))
    return (first, last)


def proportional_strip(
    width: int, total: float, marks: Sequence[Mark], track_style: str | Style = ""
) -> Content:
    """Draw the marks over a plain track; later marks overwrite earlier ones where they overlap."""
    width = max(0, width)
    cells: list[tuple[str, str | Style]] = [(TRACK_CHAR, track_style)] * width
    for mark in marks:
        first, last = cell_range(mark.start, mark.length, total, width)
        for cell in range(first, last):
            cells[cell] = (mark.char, mark.style)
    spans: list[Span] = []
    position = 0
    for style, run in groupby(cells, key=lambda cell: cell[1]):
        length = len(list(run))
        if style:
            spans.append(Span(position, position + length, style))
        position += length
    return Content("".join(char for char, _ in cells), spans)
