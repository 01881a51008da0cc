"""A smooth scroll of the reading pane that ticks on after the pane is gone (the reader quitting
mid-scroll) does nothing: it reported the view, whose progress bar asked for component styles the
removed pane no longer had, and the App died of a KeyError."""

from __future__ import annotations

import asyncio

from ui_harness import WAIT_SECONDS, open_reader, settle, wait_for

from anora_tui.core.navigation import Location

SCROLL_SECONDS = 2.0  # long enough to be still on its way once its first ticks are seen, on a loaded machine


async def test_a_scroll_still_animating_when_the_pane_is_removed_is_harmless(shipped_dataset, isolated_state):
    section = max(shipped_dataset.sections, key=lambda s: sum(map(len, s.paragraphs)))
    async with open_reader(shipped_dataset, (80, 24), Location("section", section.id)) as (app, pilot):
        reading = app.reading
        reading.scroll_to(y=reading.max_scroll_y, animate=True, duration=SCROLL_SECONDS)
        await wait_for(pilot, lambda: reading.scroll_y > 0, message="the smooth scroll never began")
        assert reading.scroll_y < reading.max_scroll_y and app.animator.is_being_animated(reading, "scroll_y"), (
            "the scroll ended before the pane could be removed mid-way: the test checked nothing"
        )
        await reading.remove()
        # Every remaining tick, to the scroll's end, falls on the removed pane.
        await asyncio.wait_for(app.animator.wait_until_complete(), WAIT_SECONDS)
        await settle(pilot)
        assert app.is_running
