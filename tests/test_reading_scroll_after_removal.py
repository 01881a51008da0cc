"""A smooth scroll of the reading pane that ticks on after the pane is gone (the reader quitting
mid-scroll) does nothing: it reported the view, whose progress bar asked for component styles the
removed pane no longer had, and the App died of a KeyError."""

from __future__ import annotations

from ui_harness import open_reader, settle

from anora_tui.core.navigation import Location


async def test_a_scroll_still_animating_when_the_pane_is_removed_is_harmless(shipped_dataset, isolated_state):
    section = max(shipped_dataset.sections, key=lambda s: sum(map(len, s.paragraphs)))
    async with open_reader(shipped_dataset, (80, 24), Location("section", section.id)) as (app, pilot):
        reading = app.reading
        reading.scroll_to(y=reading.max_scroll_y, animate=True, duration=0.5)
        await pilot.pause(0.05)
        assert 0 < reading.scroll_y < reading.max_scroll_y  # on its way
        await reading.remove()
        await pilot.pause(0.6)  # the animation's remaining ticks
        await settle(pilot)
