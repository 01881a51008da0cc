"""Notices do not pile up over the text: a new information notice replaces the one still shown; a
warning or an error is replaced only by the same one, never by an information notice."""

from __future__ import annotations

from screen_reading import THREE_SIZES
from ui_harness import burst, notices, open_reader, settle

from anora_tui.core.navigation import Location


@THREE_SIZES
async def test_page_keys_at_the_end_of_the_article_leave_one_notice(shipped_dataset, size):
    last = shipped_dataset.sections[-1]
    async with open_reader(shipped_dataset, size, Location("section", last.id)) as (app, pilot):
        app.reading.focus()
        await pilot.press("end")
        await settle(pilot)
        burst(app, *["space"] * 5)  # queued at once: their notices are asked for before any is shown
        await settle(pilot)
        await pilot.press("pagedown", "pagedown")
        await settle(pilot)
        assert notices(app) == ["The end of the article."]


async def test_a_newer_information_notice_replaces_the_older(shipped_dataset):
    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        app.notify("Match 1 of 4", markup=False)
        app.notify("Match 2 of 4", markup=False)
        await settle(pilot)
        app.notify("Match 3 of 4", markup=False)
        await settle(pilot)
        assert notices(app) == ["Match 3 of 4"]


async def test_warnings_stay_and_are_not_repeated(shipped_dataset):
    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        app.notify("Could not save your place.", severity="error", markup=False)
        app.notify("Two readers are open.", severity="warning", markup=False)
        await settle(pilot)
        app.notify("Bookmarked: §2 ¶1", markup=False)
        app.notify("Could not save your place.", severity="error", markup=False)
        await settle(pilot)
        assert sorted(notices(app)) == sorted(["Two readers are open.", "Bookmarked: §2 ¶1", "Could not save your place."])
