"""Words kept legible in every theme, in every pane and on every screen over the reader: a colour
drawn below 4.5:1 against what it is drawn on (the WCAG's ratio of relative luminances) is moved
towards black or white, just far enough.

The themes' own colours are not all made for reading on their surface: Textual's light theme's accent
(the names) is 3.0:1 on its surface and 2.8:1 on an editor's note's tint, and a note's bar, in the
theme's warning colour, 1.3:1; the lists' muted parts (a person's counts, the people filter's
placeholder, the bookmarks' keys) went down to 1.4:1. The styles in `styles/*.tcss` still choose each
colour; this only darkens or lightens one that would be hard to read, keeping its hue. It is applied
to every widget's lines as the screen draws them (`legible_strip`, from the reader's compositor,
`textual_private.ShownPartsCompositor`), not to a screen's own background: behind a screen over the
reader, the reader is dimmed on purpose. The reading pane applies it as it makes its lines
(`legible`), which it keeps, so its lines are found legible as drawn. Colours a theme leaves to the
terminal (the ANSI themes) are not known here and are left as they are (their styles are chosen for
that in the tcss, `:ansi`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from rich.color import Color as RichColor
from rich.color import ColorType
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

LEGIBLE_CONTRAST = 4.5  # the WCAG's AA for text
MAX_STYLES_KEPT = 4096  # styles made legible before they are forgotten (a section has a few dozen)


def luminance(rgb: tuple[int, int, int]) -> float:
    """The WCAG's relative luminance of a colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(first: tuple[int, int, int], second: tuple[int, int, int]) -> float:
    """The WCAG's contrast ratio of two colours, from 1 to 21."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _mix(colour: tuple[int, int, int], towards: tuple[int, int, int], share: float) -> tuple[int, int, int]:
    return tuple(round(a + (b - a) * share) for a, b in zip(colour, towards))  # type: ignore[return-value]


@lru_cache(maxsize=MAX_STYLES_KEPT)
def legible_colour(colour: tuple[int, int, int], background: tuple[int, int, int],
                   minimum: float = LEGIBLE_CONTRAST) -> tuple[int, int, int]:
    """`colour`, or the nearest mix of it with black or white (whichever leaves the background
    further) that is `minimum` against `background` (the extreme itself if none is)."""
    if contrast(colour, background) >= minimum:
        return colour
    extreme = (0, 0, 0) if contrast((0, 0, 0), background) >= contrast((255, 255, 255), background) else (255, 255, 255)
    low, high = 0.0, 1.0
    for _ in range(12):  # the share of the extreme, to within 1/4096
        middle = (low + high) / 2
        if contrast(_mix(colour, extreme, middle), background) >= minimum:
            high = middle
        else:
            low = middle
    return _mix(colour, extreme, high)


def _known(colour: RichColor | None) -> bool:
    return colour is not None and colour.type in (ColorType.TRUECOLOR, ColorType.EIGHT_BIT)


@lru_cache(maxsize=MAX_STYLES_KEPT)
def legible_style(style: Style) -> Style:
    """`style` with its text colour made legible on its background, where both are known colours."""
    foreground, background = (style.bgcolor, style.color) if style.reverse else (style.color, style.bgcolor)
    if not (_known(foreground) and _known(background)):
        return style
    assert foreground is not None and background is not None
    wanted = foreground.get_truecolor()
    made = legible_colour(tuple(wanted), tuple(background.get_truecolor()))
    if made == tuple(wanted):
        return style
    colour = RichColor.from_rgb(*made)
    return style + (Style(bgcolor=colour) if style.reverse else Style(color=colour))


def legible(segments: Iterable[Segment]) -> list[Segment]:
    """Segments with every visible character's colour made legible (spaces are left as they are)."""
    return [
        segment if segment.style is None or not segment.text.strip() else Segment(segment.text, legible_style(segment.style))
        for segment in segments
    ]


def legible_strip(strip: Strip) -> Strip:
    """The strip with every visible character's colour made legible: the same strip where all are."""
    segments = list(strip)
    made = None
    for index, segment in enumerate(segments):
        style = segment.style
        if style is None or not segment.text.strip():
            continue
        legible_one = legible_style(style)
        if legible_one is not style:
            if made is None:
                made = segments.copy()
            made[index] = Segment(segment.text, legible_one, segment.control)
    return strip if made is None else Strip(made, strip.cell_length)
