"""What a large dataset's reader prepares after its first frame (the quote index, every person's
mention counts) on a background thread: the People list says the counts are coming and catches up
when they are made; the index is ready before the first search needs it."""

from __future__ import annotations

import threading

from ui_harness import WIDE, screen_text, wait_for

from anora_tui.core import mentions
from anora_tui.core.loading.loader import load_dataset
from anora_tui.core.model import Dataset
from anora_tui.core.search import indexes as indexes_module
from anora_tui.ui.app import AnoraApp


def held(event: threading.Event, make):
    def wait_then_make():
        assert event.wait(10), "the test never let the work go on"
        return make()

    return wait_then_make


async def test_a_large_datasets_quote_index_is_built_after_the_first_frame(example_data_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(indexes_module, "SMALL", 0)  # as for a large dataset
    go = threading.Event()
    build = indexes_module.SearchIndexes.get
    monkeypatch.setattr(indexes_module.SearchIndexes, "get", lambda self, scope: held(go, lambda: build(self, scope))())
    app = AnoraApp(load_dataset(example_data_dir), state_path=tmp_path / "state.json")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert not app.search_indexes.is_built("quotes")  # the first frame did not wait for it
        go.set()
        await wait_for(pilot, lambda: app.search_indexes.is_built("quotes"), timeout=10)  # nothing typed
        await pilot.press("slash", *"ferry")
        await wait_for(pilot, lambda: getattr(app.screen, "result", None) is not None, timeout=10)
        assert app.screen.result.count == app.quote_index.search("ferry").count > 0


async def test_people_list_says_counting_until_the_counts_are_made(example_data_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(mentions, "MENTION_SCAN_QUICK", 0)  # as for a large dataset
    go = threading.Event()
    count_mentions = Dataset.count_mentions
    monkeypatch.setattr(Dataset, "count_mentions", lambda self: held(go, lambda: count_mentions(self))())
    dataset = load_dataset(example_data_dir)
    app = AnoraApp(dataset, state_path=tmp_path / "state.json")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert "counting mentions…" in screen_text(app)
        go.set()
        await wait_for(pilot, lambda: "counting mentions…" not in screen_text(app), timeout=10)
        busiest = max(dataset.people, key=lambda p: len(dataset.mentions_of(p.id)))
        assert f"named in {len(dataset.mentions_of(busiest.id))} paragraphs" in screen_text(app)


async def test_small_datasets_prepare_nothing_ahead(example_data_dir, tmp_path):
    app = AnoraApp(load_dataset(example_data_dir), state_path=tmp_path / "state.json")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause(0.2)
        assert not app.search_indexes.is_built("quotes")  # built in milliseconds on the first search
        await pilot.press("slash", *"ferry")
        await wait_for(pilot, lambda: getattr(app.screen, "result", None) is not None, timeout=10)
        assert app.screen.result.count > 0
