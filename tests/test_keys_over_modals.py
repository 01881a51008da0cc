"""The keys the help lists under "Anywhere" that are not about the reader's panes work over every
screen opened on the reader (search, bookmarks, the palette, help): F1 did nothing in the search
screen, the bookmarks or the palette (Textual ends a modal screen's bindings at the screen), nor did
? or q where no text box types them."""

from __future__ import annotations

import pytest
from textual.widgets import Input
from ui_harness import reader_with_keymap, screen_text, settle

from anora_tui.ui.app import AnoraApp
from anora_tui.ui.screens.help import HelpScreen

pytestmark = pytest.mark.usefixtures("quick_pilot")

OPENERS = {"search": "slash", "bookmarks": "apostrophe", "palette": "ctrl+p"}
HELP_HEADING = "Anywhere"  # the help's first group of keys


async def opened(pilot, app: AnoraApp, screen: str) -> type:
    await pilot.press(OPENERS[screen])
    await settle(pilot)
    assert len(app.screen_stack) == 2
    return type(app.screen)


@pytest.mark.parametrize("screen", OPENERS)
@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_f1_opens_the_help_over_any_screen_and_escape_comes_back(shipped_dataset, tmp_path, screen, size):
    app = AnoraApp(shipped_dataset, config_path=tmp_path / "none.toml")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        under = await opened(pilot, app, screen)
        assert HELP_HEADING not in screen_text(app)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen) and HELP_HEADING in screen_text(app)
        await pilot.press("f1")  # the help's own F1 closes it
        await settle(pilot)
        assert type(app.screen) is under


@pytest.mark.parametrize("screen, typed", [("search", True), ("palette", True), ("bookmarks", False)])
async def test_question_mark_opens_the_help_where_no_text_box_types_it(shipped_dataset, tmp_path, screen, typed):
    app = AnoraApp(shipped_dataset, config_path=tmp_path / "none.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await opened(pilot, app, screen)
        await pilot.press("question_mark")
        await settle(pilot)
        if typed:
            assert app.screen.query_one(Input).value == "?"
            assert not isinstance(app.screen, HelpScreen)
        else:
            assert isinstance(app.screen, HelpScreen)


async def test_q_quits_from_the_bookmarks_and_types_in_the_search_box(shipped_dataset, tmp_path):
    app = AnoraApp(shipped_dataset, config_path=tmp_path / "none.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await opened(pilot, app, "search")
        await pilot.press("q")
        await settle(pilot)
        assert app.screen.query_one(Input).value == "q" and app.is_running
        await pilot.press("escape", "escape")
        await settle(pilot)
        await opened(pilot, app, "bookmarks")
        await pilot.press("q")
        await settle(pilot)
    assert app.return_code == 0 and app.quitting


async def test_the_help_key_the_settings_give_works_over_the_search_screen(shipped_dataset, tmp_path):
    app = reader_with_keymap(shipped_dataset, tmp_path, {"app.help": "f2"})
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await opened(pilot, app, "search")
        await pilot.press("f1")
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


async def test_the_palette_and_the_help_open_once_over_each_other(shipped_dataset, tmp_path):
    """The help opened over the palette: Ctrl+P there opened a second palette (DuplicateIds, a crash)."""
    app = AnoraApp(shipped_dataset, config_path=tmp_path / "none.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await opened(pilot, app, "palette")
        await pilot.press("f1")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert [type(screen).__name__ for screen in app.screen_stack[1:]] == ["ReaderPalette", "HelpScreen"]
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert len(app.screen_stack) == 1
        await pilot.press("f1", "ctrl+p")  # the help, the palette over it
        await settle(pilot)
        await pilot.press("f1")  # no second help
        await settle(pilot)
        assert [type(screen).__name__ for screen in app.screen_stack[1:]] == ["HelpScreen", "ReaderPalette"]
    assert not app.crash_summary
