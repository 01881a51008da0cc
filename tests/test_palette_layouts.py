"""A key typed into the command palette lays out the screen again only when the list's height changes:
the list refilled with as many lines, or still more than its room, is repainted, not laid out, and
each key leaves the list exactly where a layout from scratch puts it, at every size a reader uses."""

from __future__ import annotations

import pytest
from textual.command import CommandList

from ui_harness import open_reader, screen_lines, settle, wait_for

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)], ids=["80x24", "120x40", "200x50"])
QUERY = "mikey madison"  # "m" brings more hits than any of these sizes shows; "mikey" one or two


@SIZES
async def test_keys_lay_out_only_when_the_list_changes_height(shipped_dataset, isolated_state, size):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: app.screen.has_class("-ready"))
        await settle(pilot)
        palette = app.screen
        hits = palette.query_one(CommandList)
        layouts: list[int] = []
        palette.screen_layout_refresh_signal.subscribe(hits, lambda _: layouts.append(1), immediate=True)
        kept_height = changed_height = 0
        for typed in range(1, len(QUERY) + 1):
            layouts.clear()
            lines_before, region_before = hits.virtual_size.height, hits.region
            await pilot.press(QUERY[typed - 1])
            await wait_for(pilot, lambda: hits.option_count > 0)
            await settle(pilot)
            laid_out, region = bool(layouts), hits.region
            if hits.virtual_size.height == lines_before and QUERY[typed - 1] != " ":
                assert not laid_out, f"{QUERY[:typed]!r}: as many lines as before, yet the screen was laid out"
                kept_height += 1
            if region.height != region_before.height:
                assert laid_out
                changed_height += 1
            # Where a layout from scratch puts the list, and what it shows there.
            shown = screen_lines(app)
            palette.refresh(layout=True)
            await settle(pilot)
            assert hits.region == region, f"{QUERY[:typed]!r}: the list's place was stale"
            assert screen_lines(app) == shown
        assert kept_height and changed_height  # both kinds of key were typed
