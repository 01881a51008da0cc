"""The key bar names the keys of the screen in front: over the command palette, the search, the help
and the bookmarks it lists what works there (the palette: ↑↓ Move, ⏎ Run, esc Close), never the
reader's keys behind it; closing the screen brings the reader's back. The help lists each key once,
and a person's heading never splits its tag. At 80×24, 120×40 and 200×50, read from the screen."""

from __future__ import annotations

import pytest
from screen_reading import THREE_SIZES, widget_lines
from textual.command import CommandInput
from ui_harness import open_reader, screen_lines, settle

from anora_tui.ui.app import AnoraApp
from anora_tui.ui.panes.person_detail import NAMED_MARKER, NAMED_WHERE_YOU_READ
from anora_tui.ui.screens.bookmarks import BookmarksScreen
from anora_tui.ui.screens.help import HelpScreen
from anora_tui.ui.screens.palette import ReaderPalette
from anora_tui.ui.screens.search import SearchScreen
from anora_tui.ui.widgets.key_bar import KeyBar

pytestmark = pytest.mark.usefixtures("quick_pilot")

MODALS = {
    "palette": (("ctrl+p",), ReaderPalette),
    "search": (("slash",), SearchScreen),
    "help": (("question_mark",), HelpScreen),
    "bookmarks": (("B", "apostrophe"), BookmarksScreen),
}


def key_bar_line(app) -> str:
    return screen_lines(app)[-1]


def visible_key_bar(app) -> KeyBar:
    """The key bar drawn on the bottom row: the front screen's own, or the one of the screen behind."""
    for screen in reversed(app.screen_stack):
        bars = [bar for bar in screen.query(KeyBar) if bar.region.y == app.size.height - 1]
        if bars:
            return bars[0]
    raise AssertionError("no key bar on the bottom row")


async def open_modal(pilot, app, name: str) -> None:
    keys, screen_class = MODALS[name]
    for key in keys:
        await pilot.press(key)
        await settle(pilot)
    assert isinstance(app.screen, screen_class)


@THREE_SIZES
async def test_the_palette_lists_its_own_keys_and_q_is_typed(shipped_dataset, size):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        reader_bar = key_bar_line(app)
        assert "q Quit" in reader_bar
        await open_modal(pilot, app, "palette")
        bar = key_bar_line(app)
        assert "↑↓ Move" in bar and "⏎ Run" in bar and "esc Close" in bar, bar
        assert "Section" not in bar and " q Quit" not in bar and "? Help" not in bar, bar  # q and ? are typed
        assert "f1 Help" in bar and "^q Quit" in bar, bar  # the keys that still work over it
        await pilot.press("q")
        await settle(pilot)
        assert app.is_running and app.screen.query_one(CommandInput).value == "q"
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ReaderPalette)
        assert key_bar_line(app) == reader_bar  # the reader's keys are back


@THREE_SIZES
@pytest.mark.parametrize("name", MODALS)
async def test_every_key_on_the_bar_works_on_the_screen_in_front(shipped_dataset, size, name):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await open_modal(pilot, app, name)
        front = app.screen
        bar = visible_key_bar(app)
        working = set(front.active_bindings) | {hint.key for hint in getattr(front, "KEY_BAR_HINTS", ())}
        working |= {binding.key for binding in app.bindings_over_modals()}  # the App runs these (`on_key`)
        shown = [hint for hint in bar.hints if f"{hint.display} {hint.description}" in key_bar_line(app)]
        assert shown, key_bar_line(app)
        assert [hint.key for hint in shown if hint.key not in working] == [], key_bar_line(app)


@THREE_SIZES
async def test_help_shows_how_to_scroll_it(shipped_dataset, size):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await open_modal(pilot, app, "help")
        bar = key_bar_line(app)
        assert "esc Close help" in bar and "↑↓ Scroll" in bar, bar


async def test_help_lists_n_and_n_once_each_without_the_no_search_fallback(shipped_dataset):
    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        await open_modal(pilot, app, "help")
        table = " ".join(str(static.render()) for static in app.screen.query(".help-keys"))
        rows = [row.strip() for row in table.splitlines()]
        assert "Step through matches" not in table and "app.no-search" not in table
        assert len([row for row in rows if row.startswith("n ")]) == 1, rows
        assert len([row for row in rows if row.startswith("N ")]) == 1, rows
        assert not any(row.startswith("n / N") for row in rows)


@pytest.mark.parametrize("width", [100, 120, 130, 160, 200])
async def test_the_person_heading_keeps_its_tag_whole(shipped_dataset, width):
    """"● named where you read" beside the name where it fits, else whole on the next line (at 120
    columns it was split, "read" alone on the second line)."""
    tag = f"{NAMED_MARKER} {NAMED_WHERE_YOU_READ}"
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=(width, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "enter")  # Mikey Madison, named in the first section's paragraphs
        await settle(pilot)
        lines = [line.strip() for line in widget_lines(app, app.query_one("#person-header")) if line.strip()]
        assert any(tag in line for line in lines), lines
        assert lines[0].startswith("Mikey Madison · cast"), lines
        assert len(lines) == (1 if lines[0].endswith(tag) else 2), lines


async def test_the_bar_behind_the_search_screen_is_not_redrawn_while_it_is_covered(shipped_dataset):
    """The search screen has its own bar: the reader's, behind it, followed every change of the search
    screen's keys (the first letter turns "Recent" into "Previous") and its redraw repainted the
    search screen in front, twice, on that key. It is read again when the reader is back in front."""
    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        behind = app.screen.query_one(KeyBar)
        reads = []
        read = behind._read_bindings
        behind._read_bindings = lambda: (reads.append(app.screen), read())[1]
        await pilot.press("slash")
        await settle(pilot)
        await pilot.press(*"sean", "ctrl+u", *"zzqx", "ctrl+u")
        await settle(pilot)
        assert reads == []
        await pilot.press("escape")
        await settle(pilot)
        assert reads and reads[-1] is app.screen
        assert "/ Search" in screen_lines(app)[-1]  # the reader's own keys again
