"""A row reached by moving up through a person's page shows the heading right above it: going up to
the first scene, the Scenes heading stayed out of sight above it, so the reader saw scenes listed
under the last row of the section before. At 80×24, 120×40 and 200×50."""

from __future__ import annotations

import pytest
from screen_reading import THREE_SIZES
from ui_harness import navigate, open_reader, settle, widget_words

from anora_tui.core.navigation import Location

pytestmark = pytest.mark.usefixtures("quick_pilot")


@THREE_SIZES
async def test_moving_up_to_the_first_row_under_a_heading_shows_the_heading(shipped_dataset, size):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await navigate(pilot, app, Location("person", "mikey-madison"))
        links = app.people.detail.links
        app.set_focus(links)
        await pilot.press("end")
        await settle(pilot)
        headings = [i for i in range(links.option_count) if links.row_disabled(i)]
        seen = 0
        while links.highlighted is not None and links.highlighted > 0:
            row = links.highlighted
            if links.row_disabled(row - 1) and not links.row_disabled(row):
                heading = max(i for i in headings if i < row)
                assert str(links.label_at(heading).plain).split("·")[0].strip() in widget_words(app, links), row
                seen += 1
            before = links.highlighted
            await pilot.press("up")
            await settle(pilot)
            if links.highlighted == before:
                break
        assert seen >= 3  # the quotes, the scenes, the mentions… each reached from below
