"""Each of the timeline's tracks keeps what it showed while the other is in front: the open scene or
event at the same row, or the list where it was; Back and Forward return to the page as it was left,
whichever track is in front. At 80×24, 120×40 and 200×50, read back from the screen."""

from __future__ import annotations

import pytest
from screen_reading import THREE_SIZES, widget_lines, words
from ui_harness import find_on_screen, open_reader, settle

from anora_tui.core.navigation import Location

pytestmark = pytest.mark.usefixtures("quick_pilot")

HOME_INVASION = Location("scene", "home-invasion")
MIKEY = Location("person", "mikey-madison")


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def open_the_home_invasion_on_mikey(pilot, app) -> None:
    """The reviewer's keys: `4`, End, Up Up (on "6. The home invasion"), Enter, then Down to the row
    "Mikey Madison — actor"."""
    await press(pilot, "4", "end", "up", "up")
    assert "6. The home invasion" in shown_words(app)
    await press(pilot, "enter")
    assert app.timeline.open == HOME_INVASION
    for _ in range(40):
        if app.focused.highlighted_location == MIKEY:
            break
        await press(pilot, "down")
    assert app.focused.highlighted_location == MIKEY


def shown_words(app) -> str:
    return words(" ".join(widget_lines(app, app.focused)))


def on_mikey(app) -> None:
    assert app.timeline.open == HOME_INVASION
    links = app.focused
    assert links is app.timeline.detail.links
    assert links.highlighted_location == MIKEY
    assert "Mikey Madison — actor" in shown_words(app)


@THREE_SIZES
async def test_switching_the_track_twice_comes_back_to_the_open_scene_on_the_same_row(shipped_dataset, size):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await open_the_home_invasion_on_mikey(pilot, app)
        await press(pilot, "t")
        assert app.timeline.track == "production" and app.timeline.open is None
        assert "▸ Production" in words(" ".join(widget_lines(app, app.timeline)))
        await press(pilot, "t")
        on_mikey(app)
        await press(pilot, "b")  # Back to the reading pane, then Forward to the scene as it was left
        assert app.active_pane == "reading"
        await press(pilot, "f")
        on_mikey(app)


@THREE_SIZES
async def test_back_and_forward_with_the_other_track_in_front(shipped_dataset, size):
    """Back with the production track in front still remembers the scene's page as it was left."""
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await open_the_home_invasion_on_mikey(pilot, app)
        await press(pilot, "t", "b")
        assert app.active_pane == "reading"
        await press(pilot, "f")
        on_mikey(app)


@THREE_SIZES
async def test_each_track_keeps_its_open_event_or_its_list_cursor(shipped_dataset, size):
    events = shipped_dataset.events
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await press(pilot, "4", "t", "down", "down", "down", "enter")  # the fourth event
        opened = app.timeline.open
        assert opened == Location("event", events[3].id)
        await press(pilot, "down", "down")
        row = app.focused.highlighted
        await press(pilot, "t")  # the story list, where it was: on its first scene
        assert app.timeline.open is None and app.focused.highlighted_location == Location(
            "scene", shipped_dataset.scenes[0].id
        )
        await press(pilot, "end", "up")  # the story list's cursor, kept while the event is in front
        story_row = app.focused.highlighted
        await press(pilot, "t")
        assert app.timeline.open == opened and app.focused.highlighted == row
        assert events[3].title in words(" ".join(widget_lines(app, app.timeline)))
        await press(pilot, "escape", "t")
        assert app.timeline.open is None and app.focused.highlighted == story_row
        assert shipped_dataset.scenes[-2].title in shown_words(app)


async def test_clicking_the_other_track_keeps_the_open_scene(shipped_dataset):
    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        await open_the_home_invasion_on_mikey(pilot, app)
        await pilot.click(offset=find_on_screen(app, "Production"))
        await settle(pilot)
        assert app.timeline.track == "production"
        await pilot.click(offset=find_on_screen(app, "Story"))
        await settle(pilot)
        assert app.timeline.open == HOME_INVASION
        links = app.timeline.detail.links
        assert links.highlighted_location == MIKEY
        assert "Mikey Madison — actor" in words(" ".join(widget_lines(app, links)))
