"""Letters typed straight after `/`, before the search screen has its box focused, begin the query:
none is lost, none goes to the reader below, and they keep the order they were typed in."""

from __future__ import annotations

import asyncio

import pytest

from ui_harness import SIZES, open_reader, screen_text, settle, wait_for


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
