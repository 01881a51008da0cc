"""Landing and history: after a jump the landing paragraph and the matched words are clearly marked
until the reader moves, and Back returns to the place and the scroll position the reader left. At
80×24, 120×40 and 200×50, read back from the screen."""

from __future__ import annotations

import pytest
from textual.color import Color
from screen_reading import THREE_SIZES, widget_lines
from ui_harness import open_reader, press_until, screen_lines, screen_strips, settle

from anora_tui.core.navigation import Location
from anora_tui.core.places import quote_location
from anora_tui.ui.panes.reading_blocks import LANDING_BAR

pytestmark = pytest.mark.usefixtures("quick_pilot")

BAR = LANDING_BAR.strip()


def reading_rows(app) -> list[str]:
    return widget_lines(app, app.reading)


def reversed_texts(app) -> list[str]:
    """The text drawn on the accent colour in the reading pane (the matched words of a landing)."""
    region = app.reading.content_region
    accent = Color.parse(app.current_theme.accent).rgb
    found = []
    for y, strip in enumerate(screen_strips(app)):
        if region.y <= y < region.bottom:
            found.extend(
                seg.text for seg in strip
                if seg.style is not None and seg.style.bgcolor is not None and seg.text.strip()
                and max(abs(a - b) for a, b in zip(seg.style.bgcolor.triplet, accent)) <= 2  # blending rounds
            )
    return found


def long_quote(dataset):
    """A quote of several words in a paragraph of several lines, past the first screen of its section."""
    return next(q for q in dataset.quotes if q.paragraph > 3 and len(q.text) > 60)


@THREE_SIZES
async def test_a_jump_marks_the_landing_paragraph_and_the_words_until_the_reader_moves(shipped_dataset, size):
    quote = long_quote(shipped_dataset)
    place = quote_location(shipped_dataset, quote.id)
    async with open_reader(shipped_dataset, size, Location("quote", quote.id)) as (app, pilot):
        rows = reading_rows(app)
        marked = [row for row in rows if row.lstrip().startswith(BAR)]
        paragraph = shipped_dataset.paragraph(place.id, place.paragraph)
        assert marked and marked[0].lstrip()[len(BAR):].strip() in paragraph, rows  # the bar beside it
        assert all(row.split(BAR, 1)[1].strip() in paragraph for row in marked)  # only beside it
        words = " ".join(reversed_texts(app))
        assert quote.text.split()[0] in words and quote.text.split()[-1].strip("”.,") in words

        await pilot.press("down")  # the reader moves on: the marks have done their job
        await settle(pilot)
        assert not any(row.lstrip().startswith(BAR) for row in reading_rows(app))
        assert reversed_texts(app) == []


@THREE_SIZES
async def test_a_mention_followed_from_a_person_lands_marked_too(shipped_dataset, size):
    async with open_reader(shipped_dataset, size, Location("person", "drew-daniels")) as (app, pilot):
        await pilot.press("m")
        await settle(pilot)
        mention = app.focused.highlighted_location
        assert mention.kind == "section" and mention.span is not None
        await pilot.press("enter")
        await settle(pilot)
        assert any(row.lstrip().startswith(BAR) for row in reading_rows(app))
        assert "Drew Daniels" in " ".join(reversed_texts(app)) or "Daniels" in " ".join(reversed_texts(app))


@THREE_SIZES
async def test_back_returns_to_the_scroll_position_in_the_text(shipped_dataset, size):
    section = max(shipped_dataset.sections, key=lambda s: sum(map(len, s.paragraphs)))  # taller than any screen
    async with open_reader(shipped_dataset, size, Location("section", section.id)) as (app, pilot):
        await pilot.press(*["down"] * 7, "right_square_bracket")  # down a little, then a name on screen
        await settle(pilot)
        left_at = app.reading.scroll_y
        assert left_at > 0
        screen_before = reading_rows(app)
        await pilot.press("enter")  # its person
        await settle(pilot)
        assert app.people.showing_detail
        await pilot.press("b")
        await settle(pilot)
        assert app.reading.section_id == section.id
        assert app.reading.scroll_y == left_at
        assert reading_rows(app) == screen_before


@THREE_SIZES
async def test_back_returns_to_where_the_reader_was_in_a_person_page(shipped_dataset, size):
    async with open_reader(shipped_dataset, size, Location("person", "sean-baker")) as (app, pilot):
        links = app.people.detail.links
        await pilot.press("m")  # far down the page: the mentions
        await pilot.press("down", "down", "down")
        await settle(pilot)
        cursor, scroll = links.highlighted, links.scroll_y
        assert scroll > 0
        chosen = links.highlighted_location
        rows_before = widget_lines(app, links)
        await pilot.press("enter")
        await settle(pilot)
        assert app.reading.section_id == chosen.id
        await pilot.press("b")
        await settle(pilot)
        assert app.people.showing_detail and app.focused is links
        assert (links.highlighted, links.scroll_y) == (cursor, scroll)
        assert widget_lines(app, links) == rows_before


@THREE_SIZES
async def test_back_returns_to_where_the_reader_was_in_a_scene(shipped_dataset, size):
    async with open_reader(shipped_dataset, size, Location("scene", "home-invasion")) as (app, pilot):
        links = app.timeline.detail.links
        await press_until(pilot, lambda: (links.highlighted_location or Location("scene", "")).kind == "section")
        cursor, scroll = links.highlighted, links.scroll_y
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert app.timeline.open == Location("scene", "home-invasion")
        assert (links.highlighted, links.scroll_y) == (cursor, scroll)
        assert screen_lines(app)  # drawn
