"""The reader seen dimmed behind a modal screen: its lines with a translucent colour laid over them.

The same colours as Textual's own (`textual.renderables.background_screen.BackgroundScreen`, which a
`ModalScreen` with a translucent background draws): each segment's style without its links and
actions, its foreground and background each blended with the tint, under the screen's own style. Here
each distinct style is blended once and remembered: a screen has a few dozen styles and thousands of
segments, and Textual blends every segment anew on every full redraw of the modal screen.

In an ANSI theme the colours are the terminal's, which can't be blended: the modal screens' background
is transparent there (as Textual's `ModalScreen` has it), and the reader behind is drawn faint (the
terminal's own dim attribute, as Textual draws a suspended screen in an ANSI theme), not as it is.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.strip import Strip

MAX_STYLES_KEPT = 4096  # blends kept per tint before they are forgotten (a screen has a few dozen)
NULL_STYLE = Style()
FAINT = Style(dim=True)


@lru_cache(maxsize=8)
def blends(tint: Color, screen_style: Style) -> dict[Style | None, Style]:
    """The blends made so far under a tint and a screen style: a segment's style to the style it is
    drawn with. (A mutable dict, one per tint and screen style, that `dimmed_style` fills.)"""
    return {}


def dimmed_style(style: Style | None, tint: Color, screen_style: Style) -> Style:
    """A style as it is drawn behind the tint, under the modal screen's own style."""
    made = blends(tint, screen_style)
    dimmed = made.get(style)
    if dimmed is None:
        if len(made) >= MAX_STYLES_KEPT:
            made.clear()
        dimmed = made[style] = blend(style, tint, screen_style)
    return dimmed


def blend(style: Style | None, tint: Color, screen_style: Style) -> Style:
    """BackgroundScreen's blend of one style (then the modal screen's style under it, as a widget's
    renderable is drawn over its own style)."""
    plain = NULL_STYLE if style is None else style.clear_meta_and_links()
    if tint.a:
        foreground = (Color.from_rich_color(plain.color) + tint).rich_color if plain.color is not None else None
        background = (Color.from_rich_color(plain.bgcolor) + tint).rich_color if plain.bgcolor is not None else None
        plain = plain + Style.from_color(foreground, background)
    else:
        plain = plain + FAINT
    return screen_style + plain if screen_style else plain


def dimmed_lines(lines: Sequence[Strip], tint: Color, screen_style: Style, width: int, height: int,
                 reuse: tuple[Sequence[Strip], Sequence[Strip]] | None = None) -> list[Strip]:
    """The lines of the screen behind, dimmed, at most `width` cells wide and `height` lines. With
    `reuse` (lines dimmed before with the same tint, style and size, and what they were dimmed to), a
    line the same as the one at its place then is not dimmed again."""
    before, dimmed_before = reuse if reuse is not None else ((), ())
    dimmed: list[Strip] = []
    for number, line in enumerate(lines[:height]):
        if number < len(before) and number < len(dimmed_before) and before[number] == line:
            dimmed.append(dimmed_before[number])
            continue
        strip = Strip([Segment(text, dimmed_style(style, tint, screen_style)) for text, style, _ in line],
                      line.cell_length)
        dimmed.append(strip.crop(0, width) if strip.cell_length > width else strip)
    return dimmed
