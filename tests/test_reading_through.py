"""Reading straight through, as in epy or less: the page keys go on across sections, the ends say so,
the time left is shown, the table of contents is a key away and the side panes can be put away.
At 80×24, 120×40 and 200×50, read back from the screen."""

from __future__ import annotations

import re

import pytest
from screen_reading import THREE_SIZES, widget_words
from ui_harness import displayed, navigate, open_reader, resize, screen_lines, screen_text, settle, wait_for

from anora_tui.core.navigation import Location
from anora_tui.core.reading_time import WORDS_PER_MINUTE, ReadingTime, time_phrase
from anora_tui.core.state import load_state
from anora_tui.ui.app import AnoraApp

pytestmark = pytest.mark.usefixtures("quick_pilot")


def key_bar(app) -> str:
    return screen_lines(app)[-1]


async def page_until_section_changes(pilot, app, key: str, limit: int = 40) -> None:
    section = app.reading.section_id
    for _ in range(limit):
        await pilot.press(key)
        await settle(pilot)
        if app.reading.section_id != section:
            return
    raise AssertionError(f"{key} never left the section {section}")


@THREE_SIZES
@pytest.mark.parametrize("key", ["pagedown", "space"])
async def test_page_down_at_the_end_of_a_section_goes_on_into_the_next(shipped_dataset, size, key):
    first, second = shipped_dataset.sections[:2]
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await page_until_section_changes(pilot, app, key)
        assert app.reading.section_id == second.id
        assert app.reading.scroll_y == 0  # the next section from its start
        assert f"Reading · [{second.title}]" in screen_text(app)  # the editor's title, in brackets
        assert second.title in widget_words(app, app.reading)


@THREE_SIZES
async def test_page_up_at_the_top_of_a_section_goes_back_to_the_end_of_the_previous(shipped_dataset, size):
    first, second = shipped_dataset.sections[:2]
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await pilot.press("right")
        await settle(pilot)
        assert app.reading.section_id == second.id
        await pilot.press("pageup")
        await settle(pilot)
        assert app.reading.section_id == first.id
        assert app.reading.scroll_y == app.reading.max_scroll_y  # at its end, where reading left off
        assert len(first.paragraphs) in app.reading.in_view


@THREE_SIZES
async def test_the_first_and_last_sections_say_so(shipped_dataset, size):
    sections = shipped_dataset.sections
    async with open_reader(shipped_dataset, size, notifications=True) as (app, pilot):
        await pilot.press("left")
        await wait_for(pilot, lambda: "This is the first section." in screen_text(app))
        await pilot.press("pageup")
        await wait_for(pilot, lambda: "The start of the article." in screen_text(app))
        await navigate(pilot, app, Location("section", sections[-1].id))
        await pilot.press("right")
        await wait_for(pilot, lambda: "This is the last section." in screen_text(app))
        await pilot.press("end")
        await settle(pilot)
        await pilot.press("pagedown")
        await wait_for(pilot, lambda: "The end of the article." in screen_text(app))
        assert app.reading.section_id == sections[-1].id


@THREE_SIZES
async def test_progress_says_how_long_the_rest_takes_at_a_stated_rate(shipped_dataset, size):
    timing = ReadingTime(shipped_dataset)
    async with open_reader(shipped_dataset, size) as (app, pilot):
        reading = app.reading
        minutes = timing.minutes_left(reading.section_id, reading.in_view[-1])
        assert minutes > 1
        subtitle = reading.border_subtitle
        assert f"{time_phrase(minutes)} left at {WORDS_PER_MINUTE} wpm" in subtitle
        assert f"Section 1 of {len(shipped_dataset.sections)}" in screen_text(app)
        bottom = screen_lines(app)[reading.region.bottom - 1]
        assert re.search(r"\d+ (min|h) left", bottom), bottom  # drawn, not only set
        await navigate(pilot, app, Location("section", shipped_dataset.sections[-1].id))
        await pilot.press("end")
        await settle(pilot)
        assert "the end" in reading.border_subtitle


def test_reading_time_counts_the_words_left():
    from anora_tui.core.model import Article, Dataset, Section

    article = Article("t", "p", "2020", (Section("a", "A", ("one two three", "four five"), 0),
                                          Section("b", "B", ("six",), 1)))
    timing = ReadingTime(Dataset.build(article, [], [], [], [], [], []), words_per_minute=2)
    assert timing.total_words == 6
    assert [timing.words_left("a", p) for p in (0, 1, 2)] == [6, 3, 1]
    assert timing.words_left("b", 1) == 0
    assert [timing.minutes_left("a", p) for p in (0, 1, 2)] == [3, 2, 1]  # rounded up


@THREE_SIZES
async def test_the_key_bar_says_how_to_reach_the_contents(shipped_dataset, size):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        assert "1 Contents" in key_bar(app)
        hidden = not displayed(app.contents)
        assert hidden == (size[0] < 140)
        await pilot.press("1")
        await settle(pilot)
        assert displayed(app.contents) and app.focused is app.contents


@THREE_SIZES
async def test_zen_gives_the_text_the_width_and_is_remembered(shipped_dataset, size, isolated_state):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        panes_width = app.query_one("#panes").size.width
        await pilot.press("z")
        await settle(pilot)
        assert app.reading.outer_size.width == panes_width
        assert not displayed(app.people) and not displayed(app.timeline) and not displayed(app.contents)
        await pilot.press("3")  # a side pane still comes when asked for
        await settle(pilot)
        assert displayed(app.people)
        await pilot.press("2")
        await settle(pilot)
        assert not displayed(app.people)
        assert load_state(isolated_state).state.zen is True
    again = AnoraApp(shipped_dataset)
    async with again.run_test(size=size) as pilot:
        await settle(pilot)
        assert again.zen and again.reading.outer_size.width == again.query_one("#panes").size.width
        await pilot.press("z")
        await settle(pilot)
        if size[0] >= 100:  # the side column is back beside the text
            assert displayed(again.people) and again.reading.outer_size.width < again.query_one("#panes").size.width
        assert load_state(isolated_state).state.zen is False


@THREE_SIZES
async def test_zen_pressed_in_a_side_pane_hides_it_and_goes_to_the_text(shipped_dataset, size, isolated_state):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await pilot.press("3")  # the People pane, in use
        await settle(pilot)
        assert app.focused is not app.reading
        await pilot.press("z")
        await settle(pilot)
        assert app.zen and app.focused is app.reading
        assert not displayed(app.people) and not displayed(app.timeline) and not displayed(app.contents)
        assert app.reading.outer_size.width == app.query_one("#panes").size.width


async def test_zen_survives_a_resize_across_the_breakpoints(shipped_dataset):
    async with open_reader(shipped_dataset, (200, 50)) as (app, pilot):
        await pilot.press("z")
        for width, height in ((80, 24), (120, 40), (200, 50)):
            await resize(pilot, width, height)
            assert app.reading.outer_size.width == app.query_one("#panes").size.width


def test_time_left_reads_as_hours_and_minutes_from_an_hour_on():
    assert [time_phrase(m) for m in (1, 59, 60, 61, 125, 2505, 60 * 1234)] == [
        "1 min", "59 min", "1 h", "1 h 1 min", "2 h 5 min", "41 h 45 min", "1,234 h"]
