"""The scroll views' scrollbars follow their content: they are not redrawn at every layout of the
screen (`SteadyScrollbars`), but whenever a view's content, size or scrollbar styles change they
show it, one open after another, long and short, and across resizes."""

from __future__ import annotations

import pytest
from ui_harness import NARROW, WIDE, open_reader, resize, settle

from anora_tui.core.navigation import Location
from anora_tui.ui.messages import Navigate


def assert_scrollbar_shows_content(view) -> None:
    content = view.virtual_size.height
    window = view.scrollable_content_region.height
    assert view.max_scroll_y == max(0, content - window)
    if content > window:
        assert view.show_vertical_scrollbar
        assert view.vertical_scrollbar.window_virtual_size == content
        assert view.vertical_scrollbar.window_size == window


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["wide", "narrow"])
async def test_the_reading_panes_scrollbar_follows_each_section(shipped_dataset, size):
    sections = sorted(shipped_dataset.sections, key=lambda section: sum(map(len, section.paragraphs)))
    async with open_reader(shipped_dataset, size) as (app, pilot):
        for section in (sections[-1], sections[0], sections[-1], sections[len(sections) // 2]):
            app.reading.open_section(section.id)
            await settle(pilot)
            assert_scrollbar_shows_content(app.reading)
        await resize(pilot, size[0] - 20, size[1] - 6)
        assert_scrollbar_shows_content(app.reading)


async def test_a_persons_detail_scrollbar_follows_each_person(shipped_dataset):
    said = {person.id: 0 for person in shipped_dataset.people}
    for quote in shipped_dataset.quotes:
        said[quote.speaker] += 1
    people = sorted(shipped_dataset.people, key=lambda person: said[person.id])
    async with open_reader(shipped_dataset, WIDE) as (app, pilot):
        for person in (people[-1], people[0], people[-1]):
            app.post_message(Navigate(Location("person", person.id)))
            await settle(pilot)
            links = app.people.detail.links
            assert_scrollbar_shows_content(links)
            assert_scrollbar_shows_content(app.reading)  # laid out again meanwhile, unchanged
