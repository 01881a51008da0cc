"""Every theme the palette offers keeps the reader's text readable: no text on screen below 2:1
against what it is drawn on, in the reader with a person's page and the timeline open (the cursor on
a row of each list) and in the search screen, its preview too. A speaker under each quote was near-white on white in
every light theme, and a highlighted row's muted parts 1:1 on the cursor.

The key bar is left out: its colours are Textual's footer's, as each theme sets them."""

from __future__ import annotations

from contrast import faint_text
from textual.theme import BUILTIN_THEMES
from textual.color import Color
from ui_harness import open_reader, screen_strips, settle

from anora_tui.core.navigation import Location
from anora_tui.ui.contrast import legible_colour
from anora_tui.ui.screens.search import SearchScreen
from anora_tui.ui.widgets.key_bar import KeyBar

THEMES = sorted(name for name in BUILTIN_THEMES if not name.startswith("ansi"))


def key_bar_rows(app) -> frozenset[int]:
    return frozenset(bar.region.y for bar in app.screen.query(KeyBar))


async def test_the_reader_is_readable_in_every_theme(shipped_dataset):
    async with open_reader(shipped_dataset, (200, 50), Location("person", "sean-baker")) as (app, pilot):
        faint = {}
        for theme in THEMES:
            app.theme = theme
            await settle(pilot)
            if found := faint_text(app, skip_rows=key_bar_rows(app)):
                faint[theme] = found[:4]
        assert faint == {}


async def test_a_new_theme_recolours_the_current_section(shipped_dataset):
    """The contents' current section was coloured when it was marked, and kept the old theme's accent."""
    async with open_reader(shipped_dataset, (200, 50)) as (app, pilot):
        first = shipped_dataset.sections[0].title
        app.contents.highlighted = 1  # the cursor elsewhere: its row is drawn in the cursor's colour
        for theme in ("textual-dark", "textual-light", "gruvbox"):
            app.theme = theme
            await settle(pilot)
            accent = Color.parse(app.get_css_variables()["text-accent"]).rgb
            drawn = {(segment.style.color.triplet, segment.style.bgcolor.triplet) for strip in screen_strips(app)
                     for segment in strip
                     if first[:12] in segment.text and segment.style and segment.style.color and segment.style.bold}
            # the accent, or where it is faint on the pane (textual-light's), the accent made legible
            assert any(max(abs(a - b) for a, b in zip(colour, legible_colour(accent, tuple(background)))) <= 2
                       for colour, background in drawn), theme


async def test_search_results_are_readable_in_every_theme(shipped_dataset):
    """The preview was drawn in the colours of the theme it was made in: after a new theme, its words
    were the old accent on the new background."""
    async with open_reader(shipped_dataset, (160, 48)) as (app, pilot):
        await pilot.press("slash", *"sean")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        faint = {}
        for theme in THEMES:
            app.theme = theme
            await settle(pilot)
            box = app.screen.query_one("#search").region  # the reader behind is dimmed on purpose
            if found := faint_text(app, region=box):
                faint[theme] = found[:4]
        assert faint == {}
