"""Each scene's and event's page is made ahead, in idle time after the first frame (its rows, each
wrapped at the list's width), as people's are, and what an open then shows is that page: the same
rows, not wrapped again, and the same screen as a page made at the open."""

from __future__ import annotations

import pytest
from ui_harness import WIDE, navigate, open_reader, screen_lines, wait_for, wrappings_counted

from anora_tui.core.navigation import Location
from anora_tui.ui.panes import timeline as timeline_module
from anora_tui.ui.widgets.link_list import Heading


def every_page(dataset) -> frozenset[Location]:
    return frozenset([Location("scene", s.id) for s in dataset.scenes] + [Location("event", e.id) for e in dataset.events])


async def test_every_scenes_and_events_page_is_made_ahead_after_the_first_frame(shipped_dataset):
    async with open_reader(shipped_dataset, WIDE) as (app, pilot):
        detail = app.timeline.detail
        await wait_for(pilot, lambda: detail.prepared == every_page(shipped_dataset))
        assert app.timeline.open is None  # made, not shown


@pytest.mark.parametrize("kind", ["scene", "event"])
async def test_a_scene_or_event_opened_shows_the_page_made_ahead_without_wrapping_it_again(shipped_dataset, monkeypatch, kind):
    records = shipped_dataset.scenes if kind == "scene" else shipped_dataset.events
    record = max(records, key=lambda r: len(r.summary))
    location = Location(kind, record.id)
    async with open_reader(shipped_dataset, WIDE) as (app, pilot):
        detail = app.timeline.detail
        await wait_for(pilot, lambda: location in detail.prepared)
        facts, rows = detail._prepared[location]
        page = facts + rows
        wrapped = wrappings_counted(monkeypatch, [row.label for row in page])
        await navigate(pilot, app, location)
        links = detail.links
        assert links.option_count == len(page)
        assert all(links.label_at(i) is row.label for i, row in enumerate(page) if not isinstance(row, Heading))
        assert wrapped == []  # measured and drawn from the wrapping made ahead
        assert record.title in "\n".join(screen_lines(app, app.timeline))


@pytest.mark.parametrize("size", [(120, 40), (200, 50)], ids=["120x40", "200x50"])
@pytest.mark.parametrize("kind", ["scene", "event"])
async def test_a_page_made_ahead_shows_as_a_page_made_at_the_open(shipped_dataset, monkeypatch, size, kind):
    records = shipped_dataset.scenes if kind == "scene" else shipped_dataset.events
    location = Location(kind, max(records, key=lambda r: len(r.summary)).id)

    async def page_screen(ahead: bool) -> list[str]:
        if not ahead:
            monkeypatch.setattr(timeline_module, "PAGES_MADE_AHEAD", 0)
        async with open_reader(shipped_dataset, size) as (app, pilot):
            detail = app.timeline.detail
            if ahead:
                await wait_for(pilot, lambda: location in detail.prepared)
            else:
                assert detail.prepared == frozenset()
            await navigate(pilot, app, location)
            for _ in range(2):  # down the page: rows below the first screenful too
                await pilot.press("pagedown")
            await pilot.pause()
            return screen_lines(app)

    assert await page_screen(True) == await page_screen(False)


async def test_where_the_timeline_is_hidden_its_pages_are_made_at_the_width_it_will_have(shipped_dataset, monkeypatch):
    """At 80x24 one pane shows at a time: the timeline has no width until it is first shown. Its pages
    are made ahead all the same, at the width its list will have there, so the first scene opened is
    drawn from the page made ahead, and showing the pane keeps every page made."""
    scene = max(shipped_dataset.scenes, key=lambda s: len(s.summary))
    location = Location("scene", scene.id)
    async with open_reader(shipped_dataset, (80, 24)) as (app, pilot):
        detail = app.timeline.detail
        await wait_for(pilot, lambda: detail.prepared == every_page(shipped_dataset), timeout=10)
        assert app.timeline.scrollable_content_region.width == 0  # not shown yet
        facts, rows = detail._prepared[location]
        page = facts + rows
        wrapped = wrappings_counted(monkeypatch, [row.label for row in page])
        await navigate(pilot, app, location)
        assert app.timeline.scrollable_content_region.width > 0
        assert all(detail.links.label_at(i) is row.label for i, row in enumerate(page) if not isinstance(row, Heading))
        assert wrapped == []
        assert detail.prepared == every_page(shipped_dataset)
