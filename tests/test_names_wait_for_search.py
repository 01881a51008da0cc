"""The names a large dataset's reader makes ahead (the palette's places) are not made
while the search screen is open: a pause there is a reader reading the results, and the next key
came in the middle of the making, which holds the interpreter for up to a tenth of a second at a time
at 100,000 quotes. They are made once the search screen closes."""

from __future__ import annotations

import threading

from test_prepared_ahead import held
from ui_harness import WIDE, wait_for

from anora_tui.core.loading.loader import load_dataset
from anora_tui.core.search import indexes as indexes_module
from anora_tui.ui import finding
from anora_tui.ui.app import AnoraApp
from anora_tui.ui.screens.search import SearchScreen


async def test_names_wait_while_the_search_screen_is_open(example_data_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(indexes_module, "SMALL", 0)  # as for a large dataset
    monkeypatch.setattr(finding, "NAMES_AFTER_INDEX_SECONDS", 0.01)
    monkeypatch.setattr(finding, "TYPING_QUIET_SECONDS", 0.05)
    go = threading.Event()
    build = indexes_module.SearchIndexes.get
    monkeypatch.setattr(indexes_module.SearchIndexes, "get", lambda self, scope: held(go, lambda: build(self, scope))())
    app = AnoraApp(load_dataset(example_data_dir), state_path=tmp_path / "state.json")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen), timeout=10)
        go.set()  # the quote index is made: the names would follow at once, the typing being quiet
        await wait_for(pilot, lambda: getattr(app.screen, "result", None) is not None, timeout=10)
        await pilot.press(*"ferry")
        await pilot.pause(0.6)  # many quiet spells
        indexes = app.search_indexes
        assert isinstance(app.screen, SearchScreen) and not indexes.places_ready
        await pilot.press("escape")
        await wait_for(pilot, lambda: indexes.places_ready, timeout=10)
        assert not app.search_open and not isinstance(app.screen, SearchScreen)
