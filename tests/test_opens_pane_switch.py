"""Switching panes on a wide terminal restyles only what changes look: the -active and -yield classes
style nothing there (every pane shows), so they are set without restyling every widget in the panes;
where they do style (narrower terminals, zen) they take effect as before, including when the
terminal is resized or zen toggled after the switch."""

from __future__ import annotations

import pytest
from ui_harness import WIDE, displayed, open_reader, resize, settle


async def test_moving_to_the_contents_on_a_wide_terminal_restyles_nothing_in_the_side_column(shipped_dataset, restyled):
    async with open_reader(shipped_dataset, WIDE) as (app, pilot):
        side = app.query_one("#side")
        restyled.clear()
        await pilot.press("1")
        await settle(pilot)
        assert app.active_pane == "contents" and app.contents.has_focus
        assert side.has_class("-yield") and app.contents.has_class("-active") and not app.reading.has_class("-active")
        assert [node for node in restyled if node is side or side in node.ancestors] == []


@pytest.mark.parametrize("then", ["medium", "zen"])
async def test_the_pane_chosen_on_a_wide_terminal_shows_when_the_classes_come_to_style(shipped_dataset, then):
    async with open_reader(shipped_dataset, WIDE) as (app, pilot):
        await pilot.press("1")
        await settle(pilot)
        if then == "medium":
            await resize(pilot, 120, 40)  # the contents take the side column's place while active
            assert displayed(app.contents) and not displayed(app.query_one("#side"))
            await pilot.press("3")
            await settle(pilot)
            assert displayed(app.people) and not displayed(app.contents)
        else:
            await pilot.press("3")
            await settle(pilot)
            await pilot.press("z")  # zen: the text in use, the side column hidden
            await settle(pilot)
            assert displayed(app.reading) and not displayed(app.query_one("#side")) and not displayed(app.contents)
            await pilot.press("3")  # shown while in use
            await settle(pilot)
            assert displayed(app.people) and not displayed(app.contents)
