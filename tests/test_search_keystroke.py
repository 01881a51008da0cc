"""What a keystroke in the search box does, and does not do: it is searched as the box takes it (so
the letter and its results reach the screen in one frame), and the key bar is told of changed
bindings only when the keys it shows change."""

from __future__ import annotations

from test_search_screen import Host, count_line
from ui_harness import settle

from anora_tui.ui.screens.search import SearchBox


async def test_a_letter_is_searched_as_the_box_takes_it(example_dataset):
    app = Host(example_dataset)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        box = screen.query_one(SearchBox)
        box.insert_text_at_cursor("f")  # what a key press does, before any message is handled
        assert screen.result is not None and screen.result.query.text == "f"
        assert screen.results.count == screen.result.count
        await settle(pilot)
        assert count_line(app) == f"{screen.result.count} of 7 quotes"


async def test_the_key_bar_hears_of_bindings_only_when_the_keys_change(example_dataset):
    app = Host(example_dataset, history=("ferry",))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        told: list[object] = []
        screen.bindings_updated_signal.subscribe(screen, told.append)
        await pilot.press("f")  # the box no longer empty: Up moves through the results, not the history
        await settle(pilot)
        assert len(told) == 1
        await pilot.press(*"er")  # the same keys
        await settle(pilot)
        assert len(told) == 1
        await pilot.press(*"xyz")  # nothing found: no result to copy or open
        await settle(pilot)
        assert len(told) == 2
        assert not screen.check_action("copy", ())
