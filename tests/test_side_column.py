"""The side column reads whole: a detail never hides its own text, the pane in use gets most of the
column, and wrapped rows keep a hanging indent clear of the scrollbar. At 80×24, 120×40 and 200×50,
read back from the screen."""

from __future__ import annotations

import pytest
from screen_reading import THREE_SIZES, widget_lines, widget_words, words
from ui_harness import displayed, navigate, open_reader, press_until, settle

from anora_tui.core.navigation import Location
from anora_tui.ui.app import AnoraApp

pytestmark = pytest.mark.usefixtures("quick_pilot")

async def open_home_invasion_from_mikey_madison(pilot, app: AnoraApp) -> None:
    """As the issue's reader did it: Mikey Madison → s → the scene."""
    await navigate(pilot, app, Location("person", "mikey-madison"))
    await pilot.press("s")
    await press_until(pilot, lambda: app.focused.highlighted_location == Location("scene", "home-invasion"))
    await pilot.press("enter")
    await settle(pilot)


@THREE_SIZES
async def test_a_scene_detail_shows_its_summary_whole_then_when_then_how_it_was_shot(shipped_dataset, size):
    scene = shipped_dataset.scenes_by_id["home-invasion"]
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await open_home_invasion_from_mikey_madison(pilot, app)
        links = app.timeline.detail.links
        assert displayed(links) and app.focused is links
        shown = widget_words(app, links)
        summary = words(scene.summary)
        assert shown.startswith(f"{scene.title} {summary} Scene 6 of 8"), shown  # nothing cut, nothing between
        await pilot.press("end")  # the whole view scrolls as one: the last link comes into view
        await settle(pilot)
        last_row = words(links.get_option_at_index(links.option_count - 1).prompt.plain)
        assert widget_words(app, links).endswith(last_row)
        await pilot.press("home")
        await settle(pilot)
        assert widget_words(app, links).startswith(f"{scene.title} {summary}")


@THREE_SIZES
async def test_an_event_detail_puts_what_happened_before_the_date_note(shipped_dataset, size):
    event = shipped_dataset.events_by_id["gangster-screenplay"]
    async with open_reader(shipped_dataset, size, Location("event", event.id)) as (app, pilot):
        shown = widget_words(app, app.timeline.detail.links)
        assert shown.startswith(f"{event.title} {words(event.summary)} c. 2008 (approximate)"), shown
        assert words(event.date_note)[:60] in shown


@pytest.mark.parametrize("size", [(120, 40), (200, 50)], ids=["120x40", "200x50"])
async def test_the_side_pane_in_use_or_with_a_detail_gets_most_of_the_column(shipped_dataset, size):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        people, timeline = app.people, app.timeline
        assert people.outer_size.height == pytest.approx(timeline.outer_size.height, abs=1)  # nothing open

        await navigate(pilot, app, Location("scene", "home-invasion"))
        assert timeline.outer_size.height >= 2 * people.outer_size.height  # in use, with a detail

        await pilot.press("2")  # back to the reading pane: the open detail keeps the room
        await settle(pilot)
        assert timeline.outer_size.height >= 2 * people.outer_size.height

        await pilot.press("3")  # the people pane in use
        await settle(pilot)
        assert people.outer_size.height >= 2 * timeline.outer_size.height


async def test_at_80_columns_a_side_pane_has_the_whole_height(shipped_dataset):
    async with open_reader(shipped_dataset, (80, 24), Location("scene", "home-invasion")) as (app, pilot):
        assert app.timeline.outer_size.height == app.query_one("#panes").size.height
        assert not displayed(app.people)


@THREE_SIZES
async def test_wrapped_rows_keep_a_hanging_indent_and_never_touch_the_scrollbar(shipped_dataset, size):
    person = shipped_dataset.people_by_id["mikey-madison"]
    async with open_reader(shipped_dataset, size, Location("person", person.id)) as (app, pilot):
        links = app.people.query_one("#person-links")
        lines = widget_lines(app, links, links.content_region)  # the scrollbar included
        first = next(i for i, line in enumerate(lines) if person.description[:24] in line)
        lead = len(lines[first]) - len(lines[first].lstrip())
        continued = lines[first + 1]
        assert continued.startswith(" " * (lead + 2)) and not continued.startswith(" " * (lead + 3)), lines
        assert words(f"{lines[first]} {continued}") in words(person.description)

        scrollbar_x = links.scrollable_content_region.right - links.content_region.x
        for line in lines:  # the cell before the scrollbar is always blank
            assert line[scrollbar_x - 1] == " ", line
        assert links.show_vertical_scrollbar and links.max_scroll_y > 0  # a scrollbar to keep clear of


@pytest.mark.parametrize("size", [(120, 40), (200, 50)], ids=["120x40", "200x50"])
async def test_timeline_rows_wrap_under_themselves(shipped_dataset, size):
    """At 80 columns the timeline has the whole width and the row fits; in the side column it wraps."""
    scene = shipped_dataset.scenes_by_id["whirlwind-romance"]
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await pilot.press("4")
        await settle(pilot)
        lines = widget_lines(app, app.timeline.track_list)
        first = next(i for i, line in enumerate(lines) if line.lstrip().startswith(scene.position.description[:20]))
        lead = len(lines[first]) - len(lines[first].lstrip())
        assert lead == 3
        assert lines[first + 1].startswith(" " * 5) and lines[first + 1][5] != " ", lines


@THREE_SIZES
async def test_the_reading_text_never_touches_its_scrollbar(shipped_dataset, size):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        longest = max(shipped_dataset.sections, key=lambda s: sum(map(len, s.paragraphs)))
        await navigate(pilot, app, Location("section", longest.id))
        reading = app.reading
        assert reading.max_scroll_y > 0  # a scrollbar is there
        lines = widget_lines(app, reading)  # the text area, scrollbar left out
        assert all(line.endswith(" ") for line in lines), [line for line in lines if not line.endswith(" ")]
