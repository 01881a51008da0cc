"""Letters typed straight after `/`, before the search screen has its box focused, begin the query:
none is lost, none goes to the reader below, and they keep the order they were typed in."""

from __future__ import annotations

import asyncio

import pytest

from ui_harness import NARROW, SIZES, open_reader, screen_text, settle, wait_for


def query_typed(app) -> str | None:
    """What the search screen's box holds, or None while there is no search screen with a box."""
    boxes = app.screen.query("#search-input") if type(app.screen).__name__ == "SearchScreen" else []
    return boxes[0].value if boxes else None


async def type_quickly(app, keys: list[str], gap: float | None) -> None:
    """Keys as a fast typist sends them, each posted `gap` seconds after the last and none waited for;
    with no gap, all at once, as the terminal delivers keys read together (a paste, a key macro)."""
    for key in keys:
        app.simulate_key(key)
        if gap is not None:
            await asyncio.sleep(gap)


@SIZES
@pytest.mark.parametrize("gap", [None, 0.01, 0.03, 0.1], ids=["together", "10ms", "30ms", "100ms"])
async def test_a_quick_slash_word_loses_no_letter(shipped_dataset, size, gap):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await type_quickly(app, ["slash", "v", "e", "r", "s"], gap)
        await wait_for(pilot, lambda: query_typed(app) == "vers", message=lambda: f"typed {query_typed(app)!r}")
        await settle(pilot)
        assert "Versace" in screen_text(app)


@SIZES
async def test_quick_letters_replace_the_last_query_as_slow_ones_do(shipped_dataset, size):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await pilot.press("slash", *"sean")
        await wait_for(pilot, lambda: query_typed(app) == "sean")
        await pilot.press("escape")
        await settle(pilot)
        await type_quickly(app, ["slash", "c", "o", "c", "o"], 0.01)
        await wait_for(pilot, lambda: query_typed(app) == "coco", message=lambda: f"typed {query_typed(app)!r}")


@pytest.fixture
def slow_search_mount(monkeypatch):
    """The search screen mounted 0.3 s late, as on a loaded machine: the keys typed meanwhile show
    whether they keep their order every time, not now and then."""
    from anora_tui.ui.screens.search import SearchScreen

    mount = SearchScreen.on_mount

    async def slow_mount(self) -> None:
        await asyncio.sleep(0.3)
        mount(self)

    monkeypatch.setattr(SearchScreen, "on_mount", slow_mount)


@pytest.mark.parametrize("gap", [0.0, 0.01])
async def test_letters_keep_their_order_when_the_screen_is_slow_to_mount(shipped_dataset, slow_search_mount, gap):
    """On a loaded machine the box took letters before its screen had passed on the first ones (typed
    as it opened): a quick `/vers` read "evrs". A screen slow to mount shows it every time."""
    async with open_reader(shipped_dataset, NARROW) as (app, pilot):
        await type_quickly(app, ["slash", "v", "e", "r", "s"], gap)
        await wait_for(pilot, lambda: query_typed(app) == "vers", message=lambda: f"typed {query_typed(app)!r}")


async def test_a_bound_letter_typed_as_the_screen_opens_is_a_letter(shipped_dataset, slow_search_mount):
    """`q` quits the reader; typed straight after `/`, it is the query's first letter."""
    async with open_reader(shipped_dataset, NARROW) as (app, pilot):
        await type_quickly(app, ["slash", "q", "u"], None)
        await wait_for(pilot, lambda: query_typed(app) == "qu", message=lambda: f"typed {query_typed(app)!r}")
        assert app.is_running


async def test_a_slash_typed_into_the_people_filter_is_a_slash(shipped_dataset):
    """`/` opens the search as it comes (a priority key, so the letters after it keep their order);
    typed into a text box of the reader's own, it is a character like any other."""
    async with open_reader(shipped_dataset, NARROW) as (app, pilot):
        await pilot.press("3", "ctrl+f", *"a/b")
        await settle(pilot)
        assert app.query_one("#people-filter").value == "a/b"
        assert type(app.screen).__name__ != "SearchScreen"
        await pilot.press("escape", "escape", "slash", *"ve")
        await wait_for(pilot, lambda: query_typed(app) == "ve", message=lambda: f"typed {query_typed(app)!r}")


async def test_the_search_screens_keys_can_be_asked_for_before_it_is_composed(shipped_dataset):
    """A key bar asked the search screen which of its keys apply as it opened, before its box and list
    were there (a quick `/vers` after a search crashed the reader with NoMatches)."""
    from anora_tui.ui.screens.search import SearchScreen

    async with open_reader(shipped_dataset, NARROW) as (app, pilot):
        app.search_history = ["sean"]
        screen = SearchScreen(app.dataset, app.search_indexes, query="", scope="quotes", history=app.search_history)
        for action in ("recall", "copy", "move", "choose", "page"):
            assert screen.check_action(action, ()) is False
