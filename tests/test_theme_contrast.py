"""Every theme the palette offers keeps the reader's text readable: no text on screen below 2:1
against what it is drawn on, in the reader with a person's page and the timeline open (the cursor on
a row of each list). A speaker under each quote was near-white on white in
every light theme, and a highlighted row's muted parts 1:1 on the cursor.

The key bar is left out: its colours are Textual's footer's, as each theme sets them."""

from __future__ import annotations

from contrast import faint_text
from textual.theme import BUILTIN_THEMES
from ui_harness import open_reader, settle

from anora_tui.core.navigation import Location
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
