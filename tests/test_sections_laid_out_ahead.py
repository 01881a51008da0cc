"""Every section is laid out ahead, in idle time after the first frame, at the reading pane's width:
opening one then wraps nothing and shows what a section laid out at the open shows, at every size; a
new theme or width lays them out again. A section's new length is taken without laying out the
screen where the scrollbar stays as it was. And the side column's marks: a row given back a label it
drew before is drawn from what it drew."""

from __future__ import annotations

import pytest
from textual.visual import Visual
from ui_harness import (
    navigate,
    open_reader,
    resize,
    screen_layouts_counted,
    screen_lines,
    screen_strips,
    settle,
    wait_for,
)

from anora_tui.core.navigation import Location
from anora_tui.ui.panes import reading_ahead
from anora_tui.ui.panes.reading_blocks import BlockDrawing

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)], ids=["80x24", "120x40", "200x50"])


def all_laid_out(app) -> bool:
    reading = app.reading
    look = reading._look(reading.scrollable_content_region.width)
    return all(reading.laid_out_ahead.get(look, section.id) is not None for section in app.dataset.sections)


@pytest.fixture
def wraps(monkeypatch) -> list[int]:
    """The paragraphs (and credits, notes) the reading pane wraps from now on."""
    wrapped: list[int] = []
    wrap = BlockDrawing._wrap

    def counted(self, block, *args):
        wrapped.append(block.paragraph)
        return wrap(self, block, *args)

    monkeypatch.setattr(BlockDrawing, "_wrap", counted)
    return wrapped


@SIZES
async def test_a_section_opened_after_the_first_frame_is_laid_out_already(shipped_dataset, wraps, size):
    last = shipped_dataset.sections[-1]
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await wait_for(pilot, lambda: all_laid_out(app))
        wraps.clear()
        await navigate(pilot, app, Location("section", last.id))
        assert app.reading.section_id == last.id
        assert wraps == []
        assert last.title in "\n".join(screen_lines(app, app.reading))


@SIZES
async def test_a_section_laid_out_ahead_shows_as_one_laid_out_at_the_open(shipped_dataset, monkeypatch, size):
    section = max(shipped_dataset.sections, key=lambda s: sum(len(p) for p in s.paragraphs))

    async def shown(ahead: bool) -> tuple[list[str], list[object]]:
        if not ahead:
            monkeypatch.setattr(reading_ahead, "SECTIONS_MADE_AHEAD", 0)
        async with open_reader(shipped_dataset, size) as (app, pilot):
            if ahead:
                await wait_for(pilot, lambda: all_laid_out(app))
            else:
                assert len(app.reading.laid_out_ahead._sections) <= 1  # the open one only
            await navigate(pilot, app, Location("section", section.id))
            # The reading pane's rows: the rest of the screen (a row hovered, the side column's
            # marks drawn a moment later on a loaded machine) is not what is compared.
            region = app.reading.region
            rows = screen_strips(app)[region.y : region.bottom]
            return screen_lines(app, app.reading), [strip.crop(region.x, region.right)._segments for strip in rows]

    assert await shown(True) == await shown(False)


async def test_a_new_theme_or_width_lays_the_sections_out_again(shipped_dataset, wraps):
    last = shipped_dataset.sections[-1]
    async with open_reader(shipped_dataset, (200, 50)) as (app, pilot):
        reading = app.reading
        await wait_for(pilot, lambda: all_laid_out(app))
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await settle(pilot)
        await wait_for(pilot, lambda: all_laid_out(app))  # again, in the new theme's colours
        wraps.clear()
        await navigate(pilot, app, Location("section", last.id))
        assert wraps == []
        width = reading.scrollable_content_region.width
        laid_out_now = reading_ahead.run_to_end(reading._lay_out(list(reading._make_blocks()), width, None))
        assert [strip._segments for strip in reading._lines] == [strip._segments for strip in laid_out_now.lines]
        await resize(pilot, 180, 50)
        await wait_for(pilot, lambda: all_laid_out(app))
        wraps.clear()
        await navigate(pilot, app, Location("section", shipped_dataset.sections[0].id))
        assert wraps == []


async def test_a_section_whose_scrollbar_stays_opens_without_a_layout_of_the_screen(shipped_dataset, monkeypatch):
    long_ones = [s for s in shipped_dataset.sections if len(s.paragraphs) > 8]
    first, second = long_ones[:2]
    async with open_reader(shipped_dataset, (120, 40), at=Location("section", first.id)) as (app, pilot):
        assert app.reading.show_vertical_scrollbar
        layouts = screen_layouts_counted(monkeypatch)
        await navigate(pilot, app, Location("section", second.id))
        assert app.reading.show_vertical_scrollbar
        assert app.reading.virtual_size.height == len(app.reading._lines)
        assert layouts == []


async def test_the_side_columns_rows_marked_again_are_drawn_from_what_they_drew(shipped_dataset, monkeypatch):
    """Opening a section marks who it names in the People list; going back to the section before
    marks them again as they were: those rows are drawn as they were drawn before, not anew."""
    first, second = shipped_dataset.sections[:2]
    drawn_anew: list[object] = []
    to_strips = Visual.to_strips.__func__

    async with open_reader(shipped_dataset, (200, 50)) as (app, pilot):
        people = app.people._people_list
        await navigate(pilot, app, Location("section", second.id))
        await navigate(pilot, app, Location("section", first.id))
        marked = app.people.named

        def counted(cls, widget, visual, *args, **kwargs):
            if widget is people:
                drawn_anew.append(visual)
            return to_strips(cls, widget, visual, *args, **kwargs)

        monkeypatch.setattr(Visual, "to_strips", classmethod(counted))
        await navigate(pilot, app, Location("section", second.id))
        assert app.people.named != marked  # the marks moved
        await navigate(pilot, app, Location("section", first.id))
        assert app.people.named == marked
        assert drawn_anew == []


async def test_once_every_section_is_laid_out_an_open_sets_nothing_going(shipped_dataset, monkeypatch):
    """With every section laid out at the pane's width and look, opening one starts no more work in
    idle time (a pass that found nothing to do, and the collection after it, fell on the next open)."""
    from anora_tui.ui.panes import detail_view

    collections: list[int] = []
    monkeypatch.setattr(detail_view, "keep_out_of_the_collectors_reach", lambda: collections.append(1))
    async with open_reader(shipped_dataset, (200, 50)) as (app, pilot):
        await wait_for(pilot, lambda: all_laid_out(app) and not app.reading._making_ahead)
        collections.clear()
        for section in shipped_dataset.sections[:4]:
            await navigate(pilot, app, Location("section", section.id))
            assert not app.reading._making_ahead
        await pilot.pause(0.2)
        assert collections == []
