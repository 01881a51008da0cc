"""Back into a detail page shows its list exactly as the reader left it: the same row highlighted and
the same lines on screen, even when the row at the top was partly scrolled past (a quote several
lines tall), at 80×24, 120×40 and 200×50, read back from the screen."""

from __future__ import annotations

import json

import pytest
from screen_reading import THREE_SIZES, widget_lines
from ui_harness import open_reader, press_until, screen_lines, settle

from anora_tui.core.navigation import History, Location

pytestmark = pytest.mark.usefixtures("quick_pilot")

PERSON = "mikey-madison"  # many quotes, each several lines tall, and many mentions


async def open_person_from_the_people_pane(pilot, app, person_id: str) -> None:
    await pilot.press("3")
    await settle(pilot)
    people = app.people._people_list
    target = people.index_of(Location("person", person_id))
    await press_until(pilot, lambda: people.highlighted == target, "down", limit=80)
    await pilot.press("enter")
    await settle(pilot)


def top_row_partly_above(links) -> bool:
    """The row at the list's top line began on a line above it."""
    y = round(links.scroll_y)
    return y > 0 and links.row_at_line(y - 1) == links.row_at_line(y)


async def leave_a_row_partly_scrolled_past(pilot, links) -> None:
    """Move down until the row at the top is partly above it, then up to the row just below that
    top row: the highlight is near the top, nothing pins the scroll to it."""
    await press_until(pilot, lambda: top_row_partly_above(links)
                      and links.highlighted > links.row_at_line(round(links.scroll_y)) + 1, "down", limit=80)
    top = links.row_at_line(round(links.scroll_y))

    def row_above(row: int) -> int:
        return next(i for i in range(row - 1, -1, -1) if not links.row_disabled(i))

    while row_above(links.highlighted) > top:  # never onto the top row: that would scroll it whole
        await pilot.press("up")
    await settle(pilot)
    assert top_row_partly_above(links) and links.row_at_line(round(links.scroll_y)) == top


@THREE_SIZES
async def test_back_into_a_persons_page_shows_it_as_it_was_left(shipped_dataset, size):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await open_person_from_the_people_pane(pilot, app, PERSON)
        links = app.people.detail.links
        await pilot.press("quotation_mark")  # to their quotes, each several lines tall
        await leave_a_row_partly_scrolled_past(pilot, links)
        left = (links.highlighted, links.scroll_y, widget_lines(app, links))
        followed = links.highlighted_location
        assert followed is not None and followed.kind in ("quote", "section")

        await pilot.press("enter")  # into the text
        await settle(pilot)
        assert app.reading.section_id is not None and app.history.current.kind != "person"
        await pilot.press("b")
        await settle(pilot)

        assert app.people.detail.person_id == PERSON and app.people.showing_detail
        assert (links.highlighted, links.scroll_y, widget_lines(app, links)) == left


@THREE_SIZES
async def test_back_and_forward_through_mentions_keep_the_place_too(shipped_dataset, size):
    """The mentions (one or two lines each) after the quotes, followed from the `m` jump."""
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await open_person_from_the_people_pane(pilot, app, PERSON)
        await pilot.press("m")
        await settle(pilot)
        links = app.people.detail.links
        for _ in range(5):
            await pilot.press("down")
        await pilot.press("up")
        await settle(pilot)
        left = (links.highlighted, links.scroll_y, widget_lines(app, links))
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert (links.highlighted, links.scroll_y, widget_lines(app, links)) == left
        await pilot.press("f")  # to the mention again, then back once more
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert (links.highlighted, links.scroll_y, widget_lines(app, links)) == left


@THREE_SIZES
async def test_back_into_a_scene_page_shows_it_as_it_was_left(shipped_dataset, size):
    scene = max(shipped_dataset.scenes, key=lambda s: len(s.summary))  # the tallest summary row
    async with open_reader(shipped_dataset, size, Location("scene", scene.id)) as (app, pilot):
        links = app.timeline.detail.links
        await press_until(pilot, lambda: links.scroll_y > 0, "down", limit=40)
        await press_until(pilot, lambda: links.highlighted_location is not None, "down", limit=40)
        left = (links.highlighted, links.scroll_y, widget_lines(app, links))
        followed = links.highlighted_location
        await pilot.press("enter")
        await settle(pilot)
        assert app.history.current.kind == followed.kind
        await pilot.press("b")
        await settle(pilot)
        assert app.timeline.open == Location("scene", scene.id)
        assert (links.highlighted, links.scroll_y, widget_lines(app, links)) == left


def test_the_lines_into_the_top_row_are_kept_in_the_state_file():
    history = History()
    history.visit(Location("person", PERSON, cursor=23, scroll=20, into=3))
    restored = History.restore(json.loads(json.dumps(history.snapshot())))
    assert restored.current.into == 3 and restored.current.scroll == 20 and restored.current.cursor == 23
    older = history.snapshot()
    del older["current"]["into"]  # a state file from before it was kept
    assert History.restore(older).current.into is None


@THREE_SIZES
async def test_the_first_person_opened_from_the_people_pane_takes_the_keys(shipped_dataset, size):
    """Enter on the first person opened: the focus is in their page (Down moves its highlight, not
    the hidden People list's) and the key bar offers the page's jumps."""
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await open_person_from_the_people_pane(pilot, app, PERSON)
        links = app.people.detail.links
        assert app.focused is links
        key_bar = screen_lines(app)[-1]
        assert "Quotes" in key_bar and "Mentions" in key_bar, key_bar
        people_list = app.people._people_list
        before = people_list.highlighted
        await pilot.press("down")
        await settle(pilot)
        assert people_list.highlighted == before
