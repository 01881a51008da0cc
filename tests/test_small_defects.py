"""The smaller defects a new reader met: wording that is untrue at some sizes, keys the help screen
ignored, a focus race on Tab, keys named alike, symbols without a legend."""

from __future__ import annotations

import asyncio
import re

import pytest
from screen_reading import THREE_SIZES, widget_lines, widget_words
from textual import events
from ui_harness import focused_pane, navigate, open_reader, screen_lines, screen_text, settle

from anora_tui.core.navigation import Location

pytestmark = pytest.mark.usefixtures("quick_pilot")


@THREE_SIZES
async def test_a_person_named_in_the_text_is_never_said_to_be_on_screen(shipped_dataset, size):
    """At 80 columns the reading pane is hidden while a person's page shows: "on screen" was untrue."""
    sean_baker = Location("person", "sean-baker")  # named in the first section
    async with open_reader(shipped_dataset, size, sean_baker) as (app, pilot):
        assert "on screen" not in screen_text(app)
        assert "● named where you read" in widget_words(app, app.query_one("#person-header"))


@THREE_SIZES
async def test_the_help_screen_takes_page_keys_and_a_burst_of_arrows(shipped_dataset, size):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await pilot.press("question_mark")
        await settle(pilot)
        body = app.screen.query_one("#help-body")
        assert body.max_scroll_y > 20
        await pilot.press(*["down"] * 20)  # a held-down arrow: every press moves a line
        assert body.scroll_y == 20
        page = body.scrollable_content_region.height - 1  # a line of the last page stays in view
        await pilot.press("pagedown")
        down = min(body.max_scroll_y, 20 + page)
        assert body.scroll_y == down
        await pilot.press("pageup")
        assert body.scroll_y == max(0, down - page)
        await pilot.press("end")
        assert body.scroll_y == body.max_scroll_y
        await settle(pilot)
        assert "Words quoted from the source" in screen_text(app)  # the legend, last
        await pilot.press("home")
        assert body.scroll_y == 0


@THREE_SIZES
async def test_the_help_screen_explains_every_symbol(shipped_dataset, size):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await pilot.press("question_mark")
        await settle(pilot)
        legend = str(app.screen.query_one("#help-symbols").render())
        for symbol in ("●", "▸", "▌", "┃", "━", "█", "▒", "░", "─", "╌", "«…»"):
            assert any(symbol in line.split("  ")[0] for line in legend.splitlines()), symbol
        assert "Mentions map" in legend and "Film strip" in legend and "the track shown" in legend


@THREE_SIZES
async def test_three_quick_tabs_reach_the_sections(shipped_dataset, size):
    """Keys 1 ms apart: each Tab moves on from the pane the one before chose, though its focus has
    not arrived yet."""
    async with open_reader(shipped_dataset, size) as (app, pilot):
        for _ in range(3):
            app.post_message(events.Key("tab", None))
            await asyncio.sleep(0.001)
        await settle(pilot)
        assert app.active_pane == "contents" and focused_pane(app) == "contents"
        for _ in range(4):
            app.post_message(events.Key("shift+tab", None))
        await settle(pilot)
        assert app.active_pane == "contents" and focused_pane(app) == "contents"


@THREE_SIZES
async def test_esc_and_b_are_named_apart_in_the_key_bar(shipped_dataset, size):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        for location in (Location("person", "sean-baker"), Location("scene", "home-invasion")):
            await navigate(pilot, app, location)
            bar = screen_lines(app)[-1]
            assert "esc Close" in bar and "esc Back" not in bar
            assert "b Back" in bar or size[0] < 100  # at 80 columns the key bar runs out of room first
            await pilot.press("escape")
            await settle(pilot)


@THREE_SIZES
async def test_the_shown_track_can_be_told_without_colour(shipped_dataset, size):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await pilot.press("4")
        await settle(pilot)
        switch = widget_lines(app, app.timeline.query_one("#timeline-tracks"))[0]
        assert "▸ Story" in switch and "▸ Production" not in switch
        await pilot.press("t")
        await settle(pilot)
        switch = widget_lines(app, app.timeline.query_one("#timeline-tracks"))[0]
        assert "▸ Production" in switch and "▸ Story" not in switch


@pytest.mark.parametrize("size", [(40, 12), (60, 20), (80, 24)], ids=["40x12", "60x20", "80x24"])
async def test_the_help_screen_never_cuts_a_word_in_two(shipped_dataset, size):
    """At 40 columns the keys' column left the descriptions so little room that a binding id
    (`reading.previous-name`) wrapped mid-word: there the descriptions go under their keys."""
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await pilot.press("question_mark")
        await settle(pilot)
        body = app.screen.query_one("#help-body")
        seen: list[str] = []
        while True:
            seen.extend(widget_lines(app, body))
            if body.scroll_y >= body.max_scroll_y:
                break
            await pilot.press("pagedown")
            await settle(pilot)
        def words_of(text: str) -> set[str]:
            return set(re.sub(r"[(),;]", " ", text).split())

        shown_words = words_of(" ".join(seen))
        wanted = words_of(" ".join(str(static.render()) for static in app.screen.query(".help-keys")))
        assert "reading.previous-name" in wanted
        assert sorted(wanted - shown_words) == []


async def test_the_help_screen_lists_each_key_once(shipped_dataset):
    """Back and Forward were listed twice: once as themselves, once as what they do with nowhere to go."""
    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        await pilot.press("question_mark")
        await settle(pilot)
        shown = " ".join(str(table.render()) for table in app.screen.query(".help-keys"))
        assert "(app.back)" in shown and "(app.forward)" in shown
        assert "app.no-back" not in shown and "app.no-forward" not in shown
        assert shown.count("b / alt+← / ⌫") == 1
