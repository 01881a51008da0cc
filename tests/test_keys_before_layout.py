"""A pane's key and a move in one burst (keys typed ahead, or pasted): at 80×24 `2` shows the reading
pane, hidden behind the People pane, and PageDown came before its first layout, so it paged by a page
of no lines and was lost. The move now waits for the layout."""

from __future__ import annotations

import pytest
from ui_harness import burst, open_reader, settle, wait_for

from anora_tui.core.navigation import Location

pytestmark = pytest.mark.usefixtures("quick_pilot")

SECTION = Location("section", "brighton-beach")


@pytest.mark.parametrize("keys", [("pagedown",), ("pagedown", "pagedown"), ("end",)])
async def test_a_move_in_the_burst_that_shows_the_text_is_done(shipped_dataset, keys):
    async with open_reader(shipped_dataset, (80, 24), SECTION) as (app, pilot):
        await pilot.press("3")
        await settle(pilot)
        assert not app.reading.display or app.reading.region.height == 0  # hidden at 80x24
        burst(app, "2", *keys)
        await wait_for(pilot, lambda: app.reading.scroll_y > 0, message="the move after `2` was lost")
        await settle(pilot)
        height = app.reading.scrollable_content_region.height
        if keys == ("end",):
            assert app.reading.scroll_y == app.reading.max_scroll_y
        else:
            assert app.reading.scroll_y >= len(keys) * height - 1
        assert app.reading.section_id == "brighton-beach"


async def test_page_up_in_the_burst_that_shows_the_text_is_done(shipped_dataset):
    async with open_reader(shipped_dataset, (80, 24), SECTION) as (app, pilot):
        await pilot.press("end", "3")
        await settle(pilot)
        at_end = app.reading.max_scroll_y
        burst(app, "2", "pageup")
        await wait_for(pilot, lambda: app.reading.scroll_y < at_end, message="the page up after `2` was lost")
        assert app.reading.section_id == "brighton-beach"


@pytest.mark.parametrize("pane", ["1", "3", "4"], ids=["contents", "people", "timeline"])
async def test_a_page_in_the_burst_that_shows_a_list_is_done(shipped_dataset, pane):
    """The same for the lists: the contents, the People list and the timeline, hidden at 80×24 while
    the text is shown, page on when `1`, `3` or `4` and PageDown come together."""
    async with open_reader(shipped_dataset, (80, 24), SECTION) as (app, pilot):
        await pilot.press(pane)
        await settle(pilot)
        shown = app.focused
        before = shown.highlighted
        await pilot.press("2")
        await settle(pilot)
        burst(app, pane, "pagedown")
        await wait_for(pilot, lambda: shown.highlighted != before, message=f"the page after `{pane}` was lost")
        assert app.focused is shown
