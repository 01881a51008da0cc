"""Bookmarks: a key keeps the paragraph the reader is at (or the selected quote or person), a
list opens and removes them, the palette lists them, and they survive a restart; a bookmark whose
place the data no longer has is dropped with a notice. At 80×24, 120×40 and 200×50."""

from __future__ import annotations

import json

import pytest
from screen_reading import THREE_SIZES, widget_words, words
from test_finding import palette_lines
from ui_harness import navigate, open_reader, palette, press_until, screen_lines, screen_text, settle, toasts_text, wait_for

from anora_tui.core.bookmarks import bookmark_place, bookmarks_from_plain, bookmarks_to_plain, describe
from anora_tui.core.navigation import Location
from anora_tui.core.state import load_state
from anora_tui.ui.app import AnoraApp
from anora_tui.ui.screens.bookmarks import BookmarksScreen

pytestmark = pytest.mark.usefixtures("quick_pilot")


@THREE_SIZES
async def test_b_bookmarks_the_paragraph_landed_on_and_the_list_opens_it(shipped_dataset, size, isolated_state):
    section = shipped_dataset.sections[3]
    async with open_reader(shipped_dataset, size, Location("section", section.id, 2), notifications=True) as (app, pilot):
        top = 2  # where the jump landed, marked: above it, the end of the first paragraph may show
        assert app.reading.landing == top
        await pilot.press("B")
        await wait_for(pilot, lambda: "Bookmarked:" in screen_text(app))
        assert app.bookmarks == (Location("section", section.id, top),)
        await pilot.press("B")  # the same place again
        await wait_for(pilot, lambda: "Already bookmarked" in screen_text(app))
        assert len(app.bookmarks) == 1

        await navigate(pilot, app, Location("section", shipped_dataset.sections[0].id))
        await pilot.press("apostrophe")
        await settle(pilot)
        assert isinstance(app.screen, BookmarksScreen)
        shown = widget_words(app, app.screen.query_one("#bookmarks-list"))
        assert f"§4 [{section.title}] ¶{top}" in shown  # the shipped titles are the editor's
        assert words(section.paragraphs[top - 1])[:40] in shown  # an excerpt of the paragraph
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, BookmarksScreen)
        assert app.reading.section_id == section.id and app.reading.top_paragraph == top
    saved = load_state(isolated_state).state
    assert bookmarks_from_plain(shipped_dataset, saved.bookmarks) == ((Location("section", section.id, top),), 0)


@THREE_SIZES
async def test_a_quote_selected_in_a_person_page_is_bookmarked_and_removed(shipped_dataset, size, isolated_state):
    async with open_reader(shipped_dataset, size, Location("person", "drew-daniels")) as (app, pilot):
        await pilot.press("quotation_mark")
        await settle(pilot)
        quote_id = app.focused.highlighted_location.id
        await pilot.press("B")
        await settle(pilot)
        assert app.bookmarks == (Location("quote", quote_id),)
        await pilot.press("escape")  # back to the people list: the person selected there
        await settle(pilot)
        await press_until(pilot, lambda: app.focused.highlighted_location == Location("person", "drew-daniels"), "up")
        await pilot.press("B")
        await settle(pilot)
        assert app.bookmarks == (Location("quote", quote_id), Location("person", "drew-daniels"))

        await pilot.press("apostrophe")
        await settle(pilot)
        listed = widget_words(app, app.screen.query_one("#bookmarks-list"))
        quote = shipped_dataset.quotes_by_id[quote_id]
        assert "Quote · Drew Daniels «" + words(quote.text)[:30] in listed
        assert "Person · Drew Daniels cinematographer —" in listed
        await pilot.press("d")  # removes the first (highlighted) one
        await settle(pilot)
        assert app.bookmarks == (Location("person", "drew-daniels"),)
        assert "Quote · Drew Daniels" not in widget_words(app, app.screen.query_one("#bookmarks-list"))
        await pilot.press("d")
        await settle(pilot)
        assert app.bookmarks == ()
        assert "No bookmarks yet" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, BookmarksScreen)
    assert load_state(isolated_state).state.bookmarks == ()


@THREE_SIZES
async def test_bookmarks_survive_a_restart_and_are_in_the_palette(shipped_dataset, size, isolated_state):
    async with open_reader(shipped_dataset, size, Location("scene", "home-invasion")) as (app, pilot):
        await pilot.press("B")
        await settle(pilot)
        await pilot.press("q")
    again = AnoraApp(shipped_dataset)
    async with again.run_test(size=size) as pilot:
        await settle(pilot)
        assert again.bookmarks == (Location("scene", "home-invasion"),)
        scene = shipped_dataset.scenes_by_id["home-invasion"]
        await palette(pilot, again, "invasion", f"Bookmark: Scene {scene.order + 1} · The home invasion")
        assert again.timeline.open == Location("scene", "home-invasion")


@THREE_SIZES
async def test_a_bookmark_whose_place_is_gone_is_dropped_with_a_notice(shipped_dataset, size, isolated_state):
    first = shipped_dataset.sections[0]
    isolated_state.parent.mkdir(parents=True, exist_ok=True)
    kept = Location("section", first.id, 2)
    isolated_state.write_text(json.dumps({
        "version": 1, "section": first.id, "paragraph": 1, "theme": None, "history": None,
        "bookmarks": [
            *bookmarks_to_plain([kept]),
            {"kind": "section", "id": first.id, "paragraph": 999, "span": None},
            {"kind": "person", "id": "nobody-at-all", "paragraph": None, "span": None},
            {"kind": "nonsense"},
        ],
    }))
    async with open_reader(shipped_dataset, size, notifications=True) as (app, pilot):
        assert app.bookmarks == (kept,)
        await wait_for(pilot, lambda: "3 bookmarks were dropped" in words(screen_text(app)))


def test_bookmark_places_and_their_descriptions(shipped_dataset):
    section = shipped_dataset.sections[1]
    assert bookmark_place(Location("section", section.id, 2, (3, 9), scroll=4)) == Location("section", section.id, 2)
    assert bookmark_place(Location("section", section.id)) == Location("section", section.id, 1)
    described = describe(shipped_dataset, Location("section", section.id, 2))
    assert described.where == f"§2 [{section.title}] ¶2"  # the shipped titles are the editor's
    assert described.text.endswith("…") and described.text[:-1].strip() in section.paragraphs[1]
    event = describe(shipped_dataset, Location("event", "scream-screening"))
    scream = shipped_dataset.events_by_id["scream-screening"]
    assert event.where == f"Event · 14 Jan 2022 · {scream.title}"
    assert event.text.endswith("…") and scream.summary.startswith(event.text[:-1])  # a long summary, cut
    places, dropped = bookmarks_from_plain(shipped_dataset, [{"kind": "quote", "id": "x"}, "junk"])
    assert places == () and dropped == 2


@THREE_SIZES
@pytest.mark.parametrize(("place", "named"), [
    (Location("person", "samantha-quan"), "Bookmarked: Person · Samantha Quan"),
    (Location("scene", "vegas-wedding"), "Bookmarked: Scene 4 · The wedding"),
    (Location("event", "scream-screening"), "Bookmarked: Event · 14 Jan 2022 · Baker sees Madison in Scream"),
])
async def test_the_message_and_the_list_name_what_was_bookmarked(shipped_dataset, size, place, named):
    """"Bookmarked: Person" and "Bookmarked: Scene 4" said nothing of what was kept."""
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        if place.kind == "person":  # selected in the People list
            await pilot.press("3")
            await settle(pilot)
            await press_until(pilot, lambda: app.focused.highlighted_location == place)
        else:  # open in the timeline
            await navigate(pilot, app, place)
        await pilot.press("B")
        await wait_for(pilot, lambda: "Bookmarked:" in toasts_text(app))
        assert app.bookmarks == (place,)
        assert named in words(toasts_text(app))  # the toast as drawn (a long one wraps)
        await pilot.press("apostrophe")
        await settle(pilot)
        assert named.removeprefix("Bookmarked: ") in widget_words(app, app.screen.query_one("#bookmarks-list"))


@THREE_SIZES
async def test_b_after_scrolling_bookmarks_the_first_paragraph_that_begins_on_screen(shipped_dataset, size, isolated_state):
    section = max(shipped_dataset.sections, key=lambda s: sum(map(len, s.paragraphs)))
    async with open_reader(shipped_dataset, size, Location("section", section.id)) as (app, pilot):
        reading = app.reading
        blocks = [(block.paragraph, first) for block, (first, _last) in zip(reading.blocks, reading._block_lines)
                  if block.kind == "paragraph"]
        (paragraph, first), (following, next_first) = blocks[1], blocks[2]
        reading.scroll_to(y=first + 1, animate=False, immediate=True)  # its first line just above the screen
        await settle(pilot)
        assert reading.top_paragraph == paragraph
        await pilot.press("B")
        await settle(pilot)
        expected = following if next_first < round(reading.scroll_y) + reading.scrollable_content_region.height else paragraph
        assert app.bookmarks == (Location("section", section.id, expected),)


async def test_bookmarks_typed_for_rank_after_the_places_and_bookmark_lists_them(shipped_dataset, isolated_state):
    casting = next(section for section in shipped_dataset.sections if "Mikey Madison" in section.title)
    scene = shipped_dataset.scenes[0]
    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        app.bookmarks = (Location("section", casting.id), Location("scene", scene.id))
        lines = await palette_lines(pilot, app, "mik mad", "Bookmark:")
        person = lines.index("Person: Mikey Madison — actor")
        bookmark = next(i for i, line in enumerate(lines) if line.startswith("Bookmark:"))
        assert person == 0 and bookmark > person, lines
        assert not any(line.startswith("Bookmark: Scene") for line in lines), lines  # it names no Mikey
        lines = await palette_lines(pilot, app, "bookm", "Bookmark:")
        assert sum(line.startswith("Bookmark:") for line in lines) == 2, lines
        lines = await palette_lines(pilot, app, "mark", "Person: Mark Eydelshteyn")
        assert not any(line.startswith("Bookmark:") for line in lines), lines  # words start with it, or none


@THREE_SIZES
async def test_the_empty_bookmarks_list_offers_only_the_key_that_works(shipped_dataset, isolated_state, size):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await pilot.press("apostrophe")
        await settle(pilot)
        shown = screen_text(app)
        assert "No bookmarks yet" in shown and "Enter opens" not in shown and "d removes" not in shown
        assert "the paragraph you are at" in shown
        bar = screen_lines(app)[-1]
        assert "esc Close" in bar and "Open" not in bar and "Remove" not in bar, bar  # the key bar agrees
