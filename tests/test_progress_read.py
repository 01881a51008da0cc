"""The progress in the reading pane's border says how much of the article has been read, not what
is on screen: 0% at the very top, 100% at the end, and the same figure at the top of each section at
every size. At the top of the article it said 4% at 80x24 and 7% at 200x50 (the paragraphs on
screen were counted as read)."""

from __future__ import annotations

import re

import pytest

from anora_tui.core.navigation import Location
from ui_harness import navigate, open_reader, settle

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50), (250, 60)],
                                ids=["80x24", "120x40", "200x50", "250x60"])


def percent(app) -> int:
    found = re.search(r"· (\d+)%", str(app.reading.border_subtitle))
    assert found, app.reading.border_subtitle
    return int(found.group(1))


@SIZES
async def test_progress_is_what_has_been_read(shipped_dataset, size):
    sections = shipped_dataset.sections
    total = sum(len(section.paragraphs) for section in sections)
    async with open_reader(shipped_dataset, size) as (app, pilot):
        assert app.reading.section_id == sections[0].id and round(app.reading.scroll_y) == 0
        assert percent(app) == 0, "nothing read at the top of the article"
        await pilot.press("pagedown")
        await settle(pilot)
        assert percent(app) > 0 or len(sections[0].paragraphs) * 100 < total, "a page read shows"
        third = sections[2]
        await navigate(pilot, app, Location("section", third.id))
        before = sum(len(section.paragraphs) for section in sections[:2])
        assert percent(app) == round(100 * before / total), "the top of a section: the ones before it"
        await navigate(pilot, app, Location("section", sections[-1].id))
        await pilot.press("end")
        await settle(pilot)
        assert percent(app) == 100
