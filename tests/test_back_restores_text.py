"""Back after a jump from a detail into the text brings back the text too: a person's quote opened
from their page moves the reading pane, and one Back returns to the page with the text as it was
beside it (Forward goes to the quote again). At 80×24, 120×40 and 200×50."""

from __future__ import annotations

import json

import pytest
from screen_reading import THREE_SIZES
from ui_harness import navigate, open_reader, settle

from anora_tui.core.navigation import History, Location, location_from_plain, location_to_plain

pytestmark = pytest.mark.usefixtures("quick_pilot", "place_saved_at_exit")

READING = Location("section", "brighton-beach", 2)
PERSON = Location("person", "drew-daniels")
QUOTE = Location("quote", "daniels-silent-observer")  # in "preparation", another section


@THREE_SIZES
async def test_one_back_returns_the_text_beside_the_page(shipped_dataset, size):
    async with open_reader(shipped_dataset, size, READING) as (app, pilot):
        before = app.reading.view_position()
        await navigate(pilot, app, PERSON)
        await navigate(pilot, app, QUOTE)
        assert app.reading.section_id == "preparation"

        await pilot.press("b")
        await settle(pilot)
        assert app.people.detail.person_id == "drew-daniels" and app.history.current == PERSON
        assert app.reading.section_id == "brighton-beach"
        assert app.reading.view_position() == before
        assert "Fifteen years of Brighton Beach" in str(app.reading.border_title)

        await pilot.press("f")
        await settle(pilot)
        assert app.reading.section_id == "preparation" and app.history.current.id == "preparation"


@THREE_SIZES
async def test_text_read_on_beside_a_page_is_where_back_returns(shipped_dataset, size):
    """What counts is where the text was when the reader left the page, not when they opened it."""
    async with open_reader(shipped_dataset, size, READING) as (app, pilot):
        await navigate(pilot, app, PERSON)
        app.reading.open_section("casting-the-men", mark=False)  # read on, as PgDn across sections does
        await settle(pilot)
        await navigate(pilot, app, QUOTE)
        await pilot.press("b")
        await settle(pilot)
        assert app.reading.section_id == "casting-the-men"


def test_the_text_beside_a_detail_is_kept_in_the_state_file():
    history = History()
    history.visit(READING)
    history.visit(Location("person", "drew-daniels", cursor=3, scroll=1, text=("brighton-beach", 2, 14)))
    history.visit(QUOTE)
    restored = History.restore(json.loads(json.dumps(history.snapshot())))
    assert restored.back() == PERSON
    assert restored.current.text == ("brighton-beach", 2, 14)
    assert location_from_plain(location_to_plain(READING)).text is None  # older files: none kept


@pytest.mark.parametrize("text", [["s", -1, 0], ["s", 1], [1, 1, 1], ["s", True, 0], "s"])
def test_a_malformed_text_position_is_refused(text):
    plain = location_to_plain(PERSON) | {"text": text}
    with pytest.raises((ValueError, TypeError)):
        location_from_plain(plain)


@THREE_SIZES
async def test_text_reached_by_a_pane_key_is_where_back_returns(shipped_dataset, isolated_state, size):
    """From a scene, `2` to the text, a page down and a name opened: Back went to the scene, then to
    the section's top, and the place read to was lost (the text reached by a pane key was never in
    the history). Back now returns to the text as it was left, then to the scene."""
    async with open_reader(shipped_dataset, size, Location("section", "shooting-the-invasion")) as (app, pilot):
        await navigate(pilot, app, Location("scene", "strip-club-opening"))
        await pilot.press("2")
        await settle(pilot)  # the text is laid out for the page down (at 80x24 it was hidden)
        await pilot.press("pagedown")
        await settle(pilot)
        read_to = app.reading.view_position()
        assert read_to is not None and read_to != (1, 0)
        assert app.check_action("back", ()) is True
        await navigate(pilot, app, PERSON)
        await pilot.press("b")
        await settle(pilot)
        assert app.active_pane == "reading" and app.reading.section_id == "shooting-the-invasion"
        assert app.reading.view_position() == read_to
        await pilot.press("b")
        await settle(pilot)
        assert app.history.current.id == "strip-club-opening" and app.active_pane == "timeline"
        await pilot.press("2", "b")  # Back from the text reached by `2` returns to the scene too
        await settle(pilot)
        assert app.history.current.id == "strip-club-opening" and app.active_pane == "timeline"
