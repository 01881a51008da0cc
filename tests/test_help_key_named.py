"""The help key is named the same way everywhere it is named: `?`, wherever `?` opens the help (the
reader's panes, a person's page, a scene, the bookmarks), and F1 only where `?` is typed into a text
box (the search, the palette, the People filter). The key bar over the bookmarks said "f1 Help" while
the reader's said "? Help", the help screen listed "f1 / ?" and the palette's Keys command "? or F1".
Each key named is read from the screen and pressed, and opens the help. A keymap that moves the help
to another key moves every one of those names with it."""

from __future__ import annotations

import re

import pytest
from screen_reading import THREE_SIZES
from ui_harness import reader_with_keymap, screen_lines, screen_text, settle, wait_for

from anora_tui.ui.app import AnoraApp
from anora_tui.ui.screens.help import HelpScreen

pytestmark = pytest.mark.usefixtures("quick_pilot")

# where -> the keys that go there, and whether a text box there types `?`
PLACES = {
    "reading": ((), False),
    "contents": (("1",), False),
    "people": (("3",), False),
    "people filter": (("3", "ctrl+f"), True),
    "person": (("3", "enter"), False),
    "timeline": (("4",), False),
    "scene": (("4", "enter"), False),
    "search": (("slash",), True),
    "palette": (("ctrl+p",), True),
    "bookmarks": (("apostrophe",), False),
}
KEY_OF = {"?": "question_mark", "f1": "f1", "f2": "f2"}


def help_key_in_bar(app) -> str:
    """The key the key bar at the bottom of the screen names for Help."""
    bar = screen_lines(app)[-1]
    found = re.search(r"(\S+) Help\b", bar)
    assert found, f"no Help in the key bar: {bar!r}"
    return found.group(1)


async def go(pilot, keys) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def assert_key_opens_help(pilot, app, shown: str) -> None:
    before = len(app.screen_stack)
    await pilot.press(KEY_OF[shown])
    await settle(pilot)
    assert isinstance(app.screen, HelpScreen) and len(app.screen_stack) == before + 1, (
        f"{shown} did not open the help:\n{screen_text(app)}")


@THREE_SIZES
@pytest.mark.parametrize("place", PLACES)
async def test_the_key_bar_names_one_help_key_and_it_opens_the_help(shipped_dataset, tmp_path, size, place):
    keys, types_question_mark = PLACES[place]
    app = AnoraApp(shipped_dataset, config_path=tmp_path / "none.toml")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await go(pilot, keys)
        shown = help_key_in_bar(app)
        assert shown == ("f1" if types_question_mark else "?"), screen_lines(app)[-1]
        await assert_key_opens_help(pilot, app, shown)


def help_row(app) -> str:
    """The help screen's row for the help key, as drawn."""
    rows = [line for line in screen_lines(app) if "(app.help)" in line]
    assert rows, screen_text(app)
    return rows[0]


async def test_the_help_screen_and_the_palette_name_the_bars_key_first(shipped_dataset, tmp_path):
    app = AnoraApp(shipped_dataset, config_path=tmp_path / "none.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await assert_key_opens_help(pilot, app, help_key_in_bar(app))
        # the help lists every key that opens it, the one the key bar names first
        assert re.search(r"│\s+\? / f1\s+Help \(app\.help\)", help_row(app)), help_row(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+p", *"keys")
        await wait_for(pilot, lambda: "Every key of the reader" in screen_text(app))
        assert "(? or f1)" in screen_text(app), screen_text(app)


async def test_a_keymap_moves_every_name_of_the_help_key(shipped_dataset, tmp_path):
    app = reader_with_keymap(shipped_dataset, tmp_path, {"app.help": "f2"})
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for keys in ((), ("apostrophe",), ("slash",)):  # the reader, the bookmarks, the search
            await go(pilot, keys)
            assert help_key_in_bar(app) == "f2", screen_lines(app)[-1]
            await assert_key_opens_help(pilot, app, "f2")
            assert re.search(r"│\s+f2\s+Help \(app\.help\)", help_row(app)), help_row(app)
            await go(pilot, ["escape"] * (1 + len(keys)))
        await pilot.press("ctrl+p", *"keys")
        await wait_for(pilot, lambda: "Every key of the reader" in screen_text(app))
        assert "(f2)" in screen_text(app), screen_text(app)
