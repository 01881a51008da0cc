"""What a reader meets in the first minute, each found by using the reader at 80×24, 120×40 and
200×50: the search's key bar offered "↑ Previous ↓ Next ⏎ Open" with nothing found (Enter did
nothing, and said nothing); it offers them only while there is a result to move to and open. At 80
columns z said "the side panes are hidden" though one pane shows at a time there anyway; it says so."""

from __future__ import annotations

import pytest
from screen_reading import THREE_SIZES
from ui_harness import notices, open_reader, screen_lines, settle

from anora_tui.ui.screens.search import SearchScreen

pytestmark = pytest.mark.usefixtures("quick_pilot")


@THREE_SIZES
async def test_the_search_offers_moving_and_opening_only_with_a_result(shipped_dataset, size):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await pilot.press("slash", *"zzqx")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        bar = screen_lines(app)[-1]
        assert "Open" not in bar and "Next" not in bar and "Previous" not in bar, bar
        assert "esc Back" in bar and "f1 Help" in bar, bar
        for _ in "zzqx":
            await pilot.press("backspace")
        await pilot.press(*"sean")
        await settle(pilot)
        bar = screen_lines(app)[-1]
        assert "⏎ Open" in bar and "↓ Next" in bar, bar
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, SearchScreen)  # opened


@pytest.mark.parametrize("size, said", [((80, 24), "at this width anyway"), ((120, 40), "side panes are hidden")])
async def test_zen_says_what_it_does_at_the_width(shipped_dataset, size, said):
    """At 80 columns one pane shows at a time: z said "the side panes are hidden" and nothing changed."""
    async with open_reader(shipped_dataset, size, notifications=True) as (app, pilot):
        await pilot.press("z")
        await settle(pilot)
        assert any(said in notice for notice in notices(app)), notices(app)
        await pilot.press("z")
        await settle(pilot)
        assert app.zen is False


def test_an_unknown_theme_is_told_the_closest_names_not_all_of_them(tmp_path):
    """The problem listed every theme (two dozen names): one problem took the height of an 80x24 screen."""
    from anora_tui.core.config import read_config

    config = tmp_path / "config.toml"
    config.write_text('theme = "solarised-dark"\n')
    themes = ["textual-dark", "textual-light", "solarized-dark", "solarized-light", "nord", "gruvbox", "dracula"]
    [problem] = read_config(config, set(), themes).problems
    assert "the closest: solarized-dark" in problem and "Theme command" in problem, problem
    assert "gruvbox" not in problem and "dracula" not in problem, problem
