"""Reading the contrast of what is on screen: every cell of text (a letter or a digit) against the
background it is drawn on, as the WCAG defines the ratio of two colours' relative luminance."""

from __future__ import annotations

from rich.color import Color
from textual.geometry import Region
from ui_harness import screen_strips

# Below 2:1 text is hard to read (a speaker near-white on white was 1.02:1). The themes' own muted
# colours go down to about 2.2:1 (solarized's), which is the theme's choice, not a defect of ours.
MINIMUM_CONTRAST = 2.0


def _luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = color.get_truecolor()
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(foreground: Color, background: Color) -> float:
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def faint_text(app, minimum: float = MINIMUM_CONTRAST, skip_rows: frozenset[int] = frozenset(),
               region: Region | None = None) -> list[tuple[float, str]]:
    """Each run of text on screen drawn below `minimum` contrast, as (ratio, text), worst first
    (`skip_rows`: screen rows left out; `region`: only what is drawn inside it). Colours a theme
    leaves to the terminal (ANSI themes) are not known here and are left out."""
    faint: list[tuple[float, str]] = []
    for row, strip in enumerate(screen_strips(app)):
        if row in skip_rows or (region is not None and not region.y <= row < region.bottom):
            continue
        x = 0
        for segment in strip:
            text, style = segment.text, segment.style
            x += segment.cell_length
            if region is not None and not (region.x <= x - segment.cell_length and x <= region.right):
                continue
            if style is None or not any(ch.isalnum() for ch in text) or style.color is None or style.bgcolor is None:
                continue
            if style.color.is_default or style.bgcolor.is_default or style.color.is_system_defined:
                continue
            foreground, background = (style.bgcolor, style.color) if style.reverse else (style.color, style.bgcolor)
            ratio = contrast(foreground, background)
            if ratio < minimum:
                faint.append((round(ratio, 2), text.strip()))
    return sorted(set(faint))
