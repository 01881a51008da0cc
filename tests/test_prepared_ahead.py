"""What a large dataset's reader prepares after its first frame (the quote index, every person's
mention counts) on a background thread: the People list says the counts are coming and catches up
when they are made; the index is ready before the first search needs it."""

from __future__ import annotations

import threading

import pytest

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


async def test_a_cached_large_dataset_has_its_index_and_counts_at_once(tmp_path, monkeypatch):
    """A large dataset's cache holds the quote index and the mention counts: a start from it builds
    and counts nothing, the People list has its counts in the first frame, and a search typed at once
    finds what a built index finds."""
    from anora_tui.core.loading import cache, cache_derived
    from anora_tui.core.loading.cache import load_cached
    from anora_tui.core.search.names import PeopleNames
    from anora_tui.core.search.quotes import QuoteIndex
    from anora_tui.paths import default_data_dir

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "_in_detached_process", lambda work: work() or True)  # the writer, inline
    monkeypatch.setattr(cache, "_lowest_priority", lambda: None)  # this process is the test's
    monkeypatch.setattr(cache_derived, "worth_storing", lambda dataset: True)
    fresh = load_cached(default_data_dir(), write_behind=True)
    expected = QuoteIndex(fresh).search("film").count
    monkeypatch.setattr(indexes_module, "SMALL", 0)  # as for a large dataset
    monkeypatch.setattr(mentions, "MENTION_SCAN_QUICK", 0)
    monkeypatch.setattr(QuoteIndex, "__init__", lambda *args: pytest.fail("built although cached"))
    monkeypatch.setattr(PeopleNames, "__init__", lambda *args: pytest.fail("built although cached"))
    monkeypatch.setattr(Dataset, "count_mentions", lambda self: pytest.fail("counted although cached"))
    app = AnoraApp(load_cached(default_data_dir()), state_path=tmp_path / "state.json")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert "counting mentions…" not in screen_text(app) and "named in" in screen_text(app)
        await pilot.press("slash", *"film")
        await wait_for(pilot, lambda: getattr(app.screen, "result", None) is not None, timeout=10)
        await wait_for(pilot, lambda: app.screen.query_text == "film" and app.screen.result.count == expected)


async def test_a_long_articles_stored_text_index_is_read_ahead(tmp_path, monkeypatch):
    """The first search of the text read its stored index (a second at a million quotes): the reader
    reads it ahead once the keys pause, so Tab finds it read. A first start, which has none stored,
    builds nothing ahead (seconds of CPU and memory for a search that may never come)."""
    from anora_tui.core.loading import cache, cache_derived
    from anora_tui.core.loading.cache import load_cached
    from anora_tui.core.search.paragraphs import ParagraphIndex
    from anora_tui.paths import default_data_dir

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "_in_detached_process", lambda work: work() or True)  # the writer, inline
    monkeypatch.setattr(cache, "_lowest_priority", lambda: None)
    monkeypatch.setattr(cache_derived, "worth_storing", lambda dataset: True)
    monkeypatch.setattr(indexes_module, "SMALL", 0)  # as for a long article
    first_start = load_cached(default_data_dir(), write_behind=True)
    expected = ParagraphIndex(first_start).search("film").count
    app = AnoraApp(first_start, state_path=tmp_path / "first.json")
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: app.search_indexes.is_built("quotes") and app.search_indexes.people_ready, timeout=10)
        await pilot.pause(0.5)
        assert not app.search_indexes.is_built("text")

    monkeypatch.setattr(ParagraphIndex, "__init__", lambda *args: pytest.fail("built although stored"))
    # Each step names what it makes: a call for anything else must not end its giving way (the
    # People filter asking for the names ended that of the first keys, which then ran beside it).
    from anora_tui.core.search import giving_way

    steps: list[str | None] = []
    giving_way_to_typing = giving_way.giving_way_to_typing
    monkeypatch.setattr(giving_way, "giving_way_to_typing", lambda making=None: steps.append(making) or giving_way_to_typing(making))
    cached = load_cached(default_data_dir())
    assert cached.holds_stored("paragraph_index")
    app = AnoraApp(cached, state_path=tmp_path / "state.json")
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: app.search_indexes.is_built("text"), timeout=10)  # nothing typed
        assert not cached.holds_stored("paragraph_index")  # read, once
        # and its one-letter searches made, as the quotes' are (each bitset is read as first needed)
        await wait_for(pilot, lambda: app.search_indexes.text.text.first_keys_ready, timeout=10)
        # and its paragraphs grouped by whom they quote, for `@name` and the hint of a search there
        await wait_for(pilot, lambda: app.search_indexes.names_ready("text"), timeout=10)
        assert steps == ["first keys", "places", "people", "speakers", "text", "text's first keys", "text's speakers"]
        await pilot.press("slash", *"film", "tab")
        await wait_for(pilot, lambda: getattr(app.screen, "result", None) is not None and app.screen.result.total == app.search_indexes.text.total)
        await wait_for(pilot, lambda: app.screen.result.count == expected > 0)


async def test_a_search_that_finds_nothing_does_not_wait_for_the_speakers_grouped(example_dataset, monkeypatch):
    """A word with no hit may be someone's name: the hint tries it as `@name` only once the texts are
    grouped by whom they quote (made ahead). Before, that key made the grouping itself (60 ms at
    100,000 quotes in the text; most of a second at a million) and the hint says no name meanwhile."""
    from textual.app import App
    from textual.widgets import Static

    from anora_tui.core.search import SearchIndexes
    from anora_tui.ui.screens.search import SearchScreen

    monkeypatch.setattr(indexes_module, "SMALL", 0)  # as for a large dataset
    indexes = SearchIndexes(example_dataset)

    class Host(App):
        def on_mount(self) -> None:
            self.push_screen(SearchScreen(example_dataset, indexes, query="", scope="text"))

    def empty_message(app) -> str:
        return str(app.screen.query_one("#search-empty", Static).content)

    app = Host()
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: indexes.is_built("text") and indexes.people_ready, timeout=10)
        text = indexes.get("text")
        await pilot.press(*"tommy")  # Tomás Reyes' nickname: in no paragraph
        await wait_for(pilot, lambda: empty_message(app).startswith("No paragraph matches “tommy”"), timeout=10)
        assert "Looking for a person" not in empty_message(app)
        assert not text.speakers_grouped and not indexes.names_ready("text")
        indexes.group_speakers("text")
        await pilot.press("backspace", "y")
        await wait_for(pilot, lambda: "Looking for a person? @tommy finds 1 paragraph" in empty_message(app), timeout=10)


def test_names_are_ready_for_few_quotes_as_soon_as_asked(example_dataset):
    """Few quotes: grouping them costs nothing a key would notice, and nothing makes it ahead."""
    from anora_tui.core.search import SearchIndexes

    indexes = SearchIndexes(example_dataset)
    assert not indexes.names_ready("text")  # its index is not made
    text = indexes.get("text")
    indexes.people
    assert not text.speakers_grouped
    assert indexes.names_ready("text") and text.speakers_grouped
