"""Over every screen opened on the reader (the palette, Textual's theme list it opens, the search, the
help, the bookmarks) the key bar names, after the screen's own keys, the App's keys that still work
there, Help and Quit, each with a key that does work: `?` as in the reader, F1 where `?` is typed or
is the help's own key, Ctrl+Q where `q` is. The bar over those screens said nothing of them, though F1, ? and q worked.
Each key named is pressed, and does what the bar says. At 80×24, 120×40 and 200×50."""

from __future__ import annotations

import pytest
from screen_reading import THREE_SIZES
from ui_harness import open_reader, screen_lines, screen_text, settle, wait_for

from anora_tui.ui.screens.bookmarks import BookmarksScreen
from anora_tui.ui.screens.help import HelpScreen
from anora_tui.ui.screens.palette import ReaderPalette
from anora_tui.ui.screens.search import SearchScreen
from anora_tui.ui.widgets.key_bar import PALETTE_KEYS
from textual.command import CommandPalette

pytestmark = pytest.mark.usefixtures("quick_pilot")

# screen -> the keys that open it, its type, and how Help and Quit are named over it
EXPECTED = {
    "palette": (("ctrl+p",), ReaderPalette, "f1 Help", "^q Quit"),
    "search": (("slash",), SearchScreen, "f1 Help", "^q Quit"),
    "bookmarks": (("apostrophe",), BookmarksScreen, "? Help", "q Quit"),  # as in the reader: `?` works there
    "help": (("question_mark",), HelpScreen, None, "^q Quit"),  # its own F1, ? and q close it
    "search, then help": (("slash", "f1"), HelpScreen, None, "^q Quit"),
}
KEY_OF = {"f1 Help": "f1", "? Help": "question_mark", "^q Quit": "ctrl+q", "q Quit": "q"}


async def open_screens(pilot, app, keys) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


@THREE_SIZES
@pytest.mark.parametrize("name", EXPECTED)
async def test_the_bar_over_a_screen_names_help_and_quit_with_keys_that_work(shipped_dataset, size, name):
    keys, screen_class, help_key, quit_key = EXPECTED[name]
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await open_screens(pilot, app, keys)
        assert isinstance(app.screen, screen_class)
        bar = screen_lines(app)[-1]
        assert quit_key in bar, bar
        if help_key is None:
            assert "Help" not in bar.replace("Close help", ""), bar
        else:
            assert help_key in bar, bar
            before = len(app.screen_stack)
            await pilot.press(KEY_OF[help_key])
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen) and len(app.screen_stack) == before + 1
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, screen_class)
        await pilot.press(KEY_OF[quit_key])
        await wait_for(pilot, lambda: not app.is_running, message=f"{quit_key} did not quit: {bar}")


async def test_the_theme_list_the_palette_opens_names_the_palettes_keys(shipped_dataset):
    """Textual's own palette (the themes) said "esc Exit the command palette" and nothing else."""
    async with open_reader(shipped_dataset, (80, 24)) as (app, pilot):
        app.search_themes()
        await settle(pilot)
        assert type(app.screen) is CommandPalette
        bar = screen_lines(app)[-1]
        for hint in PALETTE_KEYS:
            assert f"{hint.display} {hint.description}" in bar, bar
        assert "f1 Help" in bar and "^q Quit" in bar and "Exit the command palette" not in bar, bar
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen), screen_text(app)
