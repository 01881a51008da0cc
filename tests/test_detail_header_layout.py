"""A person's header (name, kind, and "named where you read" while the text names them) lays the screen
out again only when its height changes: the tag coming or going on a line the header already has
(every section opened from that person, where it fits) is a redraw of the header alone."""

from __future__ import annotations

from contextlib import asynccontextmanager

from textual.content import Content
from ui_harness import navigate, open_reader, screen_layouts_counted, screen_text, settle

from anora_tui.core.navigation import Location
from anora_tui.ui.panes.detail_view import DetailHeader


@asynccontextmanager
async def header_shown(shipped_dataset, monkeypatch):
    """A person's page at 200x50, its header showing a plain heading, and the screen's layouts from
    then on counted."""
    async with open_reader(shipped_dataset, (200, 50)) as (app, pilot):
        await navigate(pilot, app, Location("person", shipped_dataset.people[0].id))
        header = app.query_one("#person-header", DetailHeader)
        heading = Content("Someone")
        header.show(heading)
        await settle(pilot)
        yield app, pilot, header, heading, screen_layouts_counted(monkeypatch)


async def test_a_tag_that_fits_on_the_line_redraws_the_header_without_a_layout(shipped_dataset, monkeypatch):
    async with header_shown(shipped_dataset, monkeypatch) as (app, pilot, header, heading, layouts):
        header.show(heading, Content("● here"))
        await settle(pilot)
        assert layouts == [] and header.size.height == 1
        assert "Someone  ● here" in screen_text(app, header)


async def test_a_tag_that_needs_a_line_of_its_own_lays_the_screen_out(shipped_dataset, monkeypatch):
    async with header_shown(shipped_dataset, monkeypatch) as (app, pilot, header, heading, layouts):
        width = header.content_region.width
        header.show(heading, Content("● " + "x" * (width - 4)))  # too long to follow the name, fits a line
        await settle(pilot)
        assert layouts and header.size.height == 2
        header.show(heading)
        await settle(pilot)
        assert header.size.height == 1
