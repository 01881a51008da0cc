"""The reader shows dimmed behind every modal screen in every theme Textual offers, its text still
readable there. In an ANSI theme (`ansi-dark`, `ansi-light`) the help, search and bookmarks screens
blanked every row outside them: their background was the theme's `$background 60%`, which in an ANSI
theme is the terminal's default colour, opaque, so nothing behind was drawn. There the reader is
drawn faint (the terminal's dim attribute), in its own colours: an ANSI theme's can't be blended."""

from __future__ import annotations

import pytest
from textual.theme import BUILTIN_THEMES

from anora_tui.ui.textual_private import lines_of
from contrast import contrast
from test_modal_backdrop import MODALS, backdrop_cells, cells_of, open_modal
from ui_harness import open_reader, settle

THEMES = sorted(BUILTIN_THEMES)
DIMMED_TEXT_CONTRAST = 1.4  # dimmed on purpose (as Textual dims), yet the words behind can be made out


def unreadable(cells, reader, text_colour) -> list[tuple[float, str]]:
    """Each letter of the reader's text (drawn in `text_colour` behind) drawn below the contrast that
    can still be made out. (Muted words, dimmed, may go below it.)"""
    faint = []
    for place, (character, style) in cells.items():
        if reader[place][1] is None or reader[place][1].color != text_colour:
            continue
        if not character.isalnum() or style is None or style.color is None or style.bgcolor is None:
            continue
        if style.color.is_system_defined or style.bgcolor.is_system_defined or style.color.is_default:
            continue
        ratio = contrast(style.color, style.bgcolor)
        if ratio < DIMMED_TEXT_CONTRAST:
            faint.append((round(ratio, 2), character))
    return sorted(faint)


@pytest.mark.parametrize("name", MODALS)
async def test_the_reader_shows_dimmed_behind_each_modal_screen_in_every_theme(shipped_dataset, name):
    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        blank, faint, checked = {}, {}, set()
        for theme in THEMES:
            app.theme = theme
            await settle(pilot)
            await open_modal(pilot, name)
            reader = cells_of(lines_of(app.screen_stack[-2]))
            behind = backdrop_cells(app)
            words = "".join(character for character, _ in behind.values() if character.isalpha())
            if len(words) < 100 or any(behind[place][0] != reader[place][0] for place in behind):
                blank[theme] = words[:40]
            if app.current_theme.ansi:
                assert all(style is not None and style.dim for _, style in behind.values()), theme
            else:
                text_colour = app.reading.rich_style.color
                checked.add(theme) if any(style and style.color == text_colour for _, style in reader.values()) else None
                if found := unreadable(behind, reader, text_colour):
                    faint[theme] = found[:3]
            await pilot.press("escape")
            await settle(pilot)
        assert blank == {}, "the reader's words should show behind"
        assert faint == {}
        assert checked == {theme for theme in THEMES if not theme.startswith("ansi")}
