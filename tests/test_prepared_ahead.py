"""What a large dataset's reader prepares after its first frame (the quote index, every person's
mention counts) on a background thread: the search screen is usable and says so meanwhile, the People
list says the counts are coming, and both catch up when the work is done."""

from __future__ import annotations

import threading

from textual.widgets import Static
from ui_harness import WIDE, screen_text, wait_for

from anora_tui.core import model
from anora_tui.core.background import Prepared
from anora_tui.core.loading.loader import load_dataset
from anora_tui.core.model import Dataset
from anora_tui.ui import app as app_module
from anora_tui.ui.app import AnoraApp, build_quote_index


def held(event: threading.Event, make):
    def wait_then_make():
        assert event.wait(10), "the test never let the work go on"
        return make()

    return wait_then_make


async def test_search_screen_says_it_is_indexing_then_searches_what_was_typed(
    example_data_dir, tmp_path, monkeypatch
):
    monkeypatch.setattr(app_module, "QUICK_INDEX_QUOTES", 0)  # as for a large dataset
    go = threading.Event()
    app = AnoraApp(load_dataset(example_data_dir), state_path=tmp_path / "state.json")
    app.prepared_index = Prepared(held(go, lambda: build_quote_index(app.dataset)))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"ferry")
        count = app.screen.query_one("#quote-search-count", Static)
        await wait_for(pilot, lambda: "Indexing" in str(count.content), timeout=10)
        assert "being built" in screen_text(app)
        go.set()
        await wait_for(pilot, lambda: app.screen.result is not None, timeout=10)
        expected = app.quote_index.search("ferry")
        assert app.screen.result.count == expected.count > 0
        assert "Indexing" not in str(count.content)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.reading.highlight is not None, timeout=10)


async def test_people_list_says_counting_until_the_counts_are_made(example_data_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(model, "MENTION_SCAN_QUICK", 0)  # as for a large dataset
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
        busiest = max(dataset.people, key=lambda p: dataset.mention_count(p.id))
        assert f"{dataset.mention_count(busiest.id)} mentions" in screen_text(app)


async def test_small_datasets_are_searched_at_once(example_data_dir, tmp_path):
    app = AnoraApp(load_dataset(example_data_dir), state_path=tmp_path / "state.json")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"ferry")
        await pilot.pause()
        assert app.screen.result is not None and app.screen.result.count > 0


def test_prepared_is_made_once_and_failures_reach_every_caller():
    calls = []

    def make():
        calls.append(1)
        return len(calls)

    prepared = Prepared(make)
    threads = [threading.Thread(target=prepared.get) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert prepared.ready and prepared.get() == 1 and calls == [1]

    def broken():
        raise ValueError("no index")

    failing = Prepared(broken)
    for _ in range(2):
        try:
            failing.get()
        except ValueError as error:
            assert str(error) == "no index"
        else:
            raise AssertionError("the failure was swallowed")
