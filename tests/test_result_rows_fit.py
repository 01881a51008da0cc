"""Search results are laid out beside the scrollbar, never under it: every character a row lays out
is on screen, with the scrollbar shown (every quote listed) and without it. At 80×24, 120×40, 200×50."""

from __future__ import annotations

import pytest
from screen_reading import THREE_SIZES, widget_lines
from ui_harness import open_reader, settle, wait_for

from anora_tui.ui.screens.search import SearchScreen
from anora_tui.ui.widgets.result_list import ResultList

pytestmark = pytest.mark.usefixtures("quick_pilot")


async def _search(pilot, app, *keys: str) -> ResultList:
    await pilot.press("slash")
    await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
    await pilot.press("ctrl+u", *keys)
    await settle(pilot)
    return app.screen.query_one(ResultList)


def _laid_out_against_shown(app, results: ResultList) -> list[tuple[str, str]]:
    shown = widget_lines(app, results)
    laid_out = [results.render_line(y).text for y in range(len(shown))]
    return [(a.rstrip(), b.rstrip()) for a, b in zip(laid_out, shown) if a.rstrip() != b.rstrip()]


@THREE_SIZES
@pytest.mark.parametrize("query", [(), tuple("scream")])
async def test_every_laid_out_character_is_on_screen(shipped_dataset, size, query):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        results = await _search(pilot, app, *query)
        assert results.count
        if not query:  # every quote: the list scrolls
            assert results.virtual_size.height > results.scrollable_content_region.height
        assert _laid_out_against_shown(app, results) == []
        await pilot.press("pagedown", "pagedown")
        await settle(pilot)
        assert _laid_out_against_shown(app, results) == []
