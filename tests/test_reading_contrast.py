"""The reading pane's words are legible in every theme Textual offers: its text (the paragraphs, the
names, a note's words, the credits) at 4.5:1 or more against what each is drawn on, and a note's bar
at 3:1 or more. In textual-light the names were 3.0:1 on the pane and 2.8:1 on a note's tint; in
ansi-light a note's words were on bright red with a name in magenta, its bar red on red.

An ANSI theme's colours are the terminal's: they are read here as Textual reads them when it can't
use the terminal's own (`App.ansi_theme`, the default colours its foreground and background)."""

from __future__ import annotations

import pytest
from rich.color import Color
from textual.theme import BUILTIN_THEMES

from anora_tui.core.navigation import Location
from anora_tui.ui.panes.reading_blocks import NOTE_BAR
from anora_tui.ui.contrast import contrast, legible_colour
from ui_harness import navigate, open_reader, screen_strips, settle

TEXT_CONTRAST = 4.5
MARKER_CONTRAST = 3.0
SECTION_WITH_A_NAME_IN_A_NOTE = 8  # §9: "… the Russian oligarch Galina Anisimova", a note on it


def rgb(color: Color, theme, foreground: bool) -> tuple[int, int, int]:
    return tuple(color.get_truecolor(theme, foreground=foreground))


def reading_cells(app):
    """Each visible character inside the reading pane's border: (character, style)."""
    region = app.reading.region.shrink((1, 1, 1, 1))
    for y, strip in enumerate(screen_strips(app)):
        if not region.y <= y < region.bottom:
            continue
        x = 0
        for segment in strip:
            for character in segment.text:
                if region.x <= x < region.right and character.strip() and segment.style is not None:
                    yield y, character, segment.style
                x += 1


def roles(app) -> dict[str, list[float]]:
    """The contrast of each cell of each role on screen: text, names, a note's words, its bar."""
    theme = app.ansi_theme
    found: dict[str, list[float]] = {"text": [], "name": [], "note": [], "bar": []}
    note_rows = {y for y, character, _ in reading_cells(app) if character == NOTE_BAR[0]}
    for y, character, style in reading_cells(app):
        foreground, background = (style.bgcolor, style.color) if style.reverse else (style.color, style.bgcolor)
        ratio = contrast(rgb(foreground or Color.default(), theme, True), rgb(background or Color.default(), theme, False))
        if character == NOTE_BAR[0]:
            found["bar"].append(ratio)
        elif character.isalnum():
            found["note" if y in note_rows else "name" if style.underline else "text"].append(ratio)
    return found


@pytest.mark.parametrize("theme", sorted(BUILTIN_THEMES))
async def test_the_words_and_marks_are_legible_in_every_theme(shipped_dataset, theme):
    section = shipped_dataset.sections[SECTION_WITH_A_NAME_IN_A_NOTE]
    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        app.theme = theme
        await settle(pilot)
        await navigate(pilot, app, Location("section", section.id))
        found = roles(app)
        assert all(found.values()), {role: len(ratios) for role, ratios in found.items()}
        lowest = {role: round(min(ratios), 2) for role, ratios in found.items()}
        wanted = {"text": TEXT_CONTRAST, "name": TEXT_CONTRAST, "note": TEXT_CONTRAST, "bar": MARKER_CONTRAST}
        assert all(lowest[role] >= wanted[role] for role in wanted), lowest


def test_a_colour_is_moved_only_as_far_as_it_must():
    light = (216, 216, 216)
    accent = (168, 109, 28)  # textual-light's accent: 3.0:1 on its surface
    made = legible_colour(accent, light)
    assert 4.5 <= contrast(made, light) < 4.7
    assert made[0] > made[1] > made[2], "the same hue, darker"
    assert legible_colour((30, 30, 30), light) == (30, 30, 30)
