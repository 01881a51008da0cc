"""Keys pressed in one burst (a held-down key, a quick hand) each count: a key that moves to another
section posts a message that opens it, and the keys behind it, handled before that message, moved
from the section still open: three `l` went one section on."""

from __future__ import annotations

import pytest

from screen_reading import THREE_SIZES
from ui_harness import burst, css_bases, open_reader, settle, wait_for

from anora_tui.core.navigation import Location


@THREE_SIZES
async def test_a_burst_of_section_keys_moves_a_section_each(shipped_dataset, size):
    first = shipped_dataset.sections[0]
    async with open_reader(shipped_dataset, size, Location("section", first.id)) as (app, pilot):
        app.reading.focus()
        await settle(pilot)
        burst(app, "l", "l", "right")
        await settle(pilot)
        assert app.reading.section_id == shipped_dataset.sections[3].id
        burst(app, "h", "left")
        await settle(pilot)
        assert app.reading.section_id == shipped_dataset.sections[1].id


@THREE_SIZES
async def test_page_keys_in_a_burst_across_a_section_end_page_on_in_the_next(shipped_dataset, size):
    sections = shipped_dataset.sections
    second = max(sections[1:], key=lambda s: sum(map(len, s.paragraphs)))  # taller than any screen
    first = sections[second.index - 1]
    async with open_reader(shipped_dataset, size, Location("section", first.id)) as (app, pilot):
        reading = app.reading
        reading.focus()
        await pilot.press("end")
        await settle(pilot)
        burst(app, "pagedown", "pagedown")
        await settle(pilot)
        assert reading.section_id == second.id
        # The page on is made once the next section is laid out, and scrolls smoothly: on a loaded
        # machine it may begin after `settle` has waited for the animations it saw.
        paged = min(reading.max_scroll_y, reading.scrollable_content_region.height)
        await wait_for(pilot, lambda: reading.scroll_y == paged, message=lambda: f"scroll_y {reading.scroll_y}")
        # and back: a burst of PgUp from there goes to the top, then into the first section's end
        assert reading.scroll_y > 0
        burst(app, "pageup", "pageup")
        await settle(pilot)
        assert reading.section_id == first.id
        await wait_for(pilot, lambda: reading.scroll_y == reading.max_scroll_y,
                       message=lambda: f"scroll_y {reading.scroll_y} of {reading.max_scroll_y}")


async def test_a_section_opened_from_elsewhere_ends_the_keys_journey(shipped_dataset):
    sections = shipped_dataset.sections
    async with open_reader(shipped_dataset, (120, 40), Location("section", sections[0].id)) as (app, pilot):
        app.reading.focus()
        await settle(pilot)
        burst(app, "l", "l")
        await settle(pilot)
        assert app.reading.section_id == sections[2].id
        await pilot.press("b")  # Back: the keys' way is over; the next l moves from where Back went
        await settle(pilot)
        back_at = app.reading.section.index
        burst(app, "l")
        await settle(pilot)
        assert app.reading.section.index == back_at + 1


@THREE_SIZES
async def test_back_in_a_burst_comes_after_the_section_keys_before_it(shipped_dataset, size):
    """`l l l b` went back before the last l had opened its section: it ended a section too far, and
    a section visited was lost from the history."""
    sections = shipped_dataset.sections
    async with open_reader(shipped_dataset, size, Location("section", sections[5].id)) as (app, pilot):
        app.reading.focus()
        await settle(pilot)
        burst(app, "l", "l", "l", "b")
        await settle(pilot)
        assert app.reading.section_id == sections[7].id
        await pilot.press("b")
        await settle(pilot)
        assert app.reading.section_id == sections[6].id
        await pilot.press("f", "f")
        await settle(pilot)
        assert app.reading.section_id == sections[8].id


async def test_back_in_a_burst_from_the_first_place_goes_back(shipped_dataset):
    sections = shipped_dataset.sections
    async with open_reader(shipped_dataset, (120, 40), Location("section", sections[0].id)) as (app, pilot):
        app.reading.focus()
        await settle(pilot)
        burst(app, "l", "b")
        await settle(pilot)
        assert app.reading.section_id == sections[0].id


@pytest.mark.parametrize(("opening", "closing"), [
    (("B", "apostrophe"), ("enter", "apostrophe")),  # a bookmark chosen, and the list closed at once
    (("slash", "s", "e", "a", "n"), ("enter", "escape")),  # a result chosen, and the search left
])
async def test_a_screen_asked_to_close_twice_in_a_burst_closes_once(shipped_dataset, opening, closing):
    """The choice is a message handled after the key that closes the screen: it closed the screen
    again, popping one that was not there (the fuzzer: "Can't pop screen")."""
    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        await pilot.press(*opening)
        await settle(pilot)
        assert type(app.screen).__name__ != "ReaderScreen"
        burst(app, *closing)
        await settle(pilot)
        assert type(app.screen).__name__ == "ReaderScreen" and app.is_running
        assert not app.crash_summary


@pytest.mark.parametrize("closing", [("enter", "enter"), ("enter", "enter", "escape")])
async def test_a_palette_place_chosen_twice_in_a_burst_opens_once(shipped_dataset, isolated_state, closing):
    """Textual's palette selects again on a second Enter that comes before the first choice is
    handled, and dismissed itself twice: the reader's own screen was popped and Escape crashed it."""
    from textual.command import CommandList

    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        start = app.history.current
        await pilot.press("ctrl+p", *"mikey madison")
        await wait_for(pilot, lambda: app.screen.query(CommandList) and app.screen.query_one(CommandList).option_count)
        burst(app, *closing)
        await settle(pilot)
        assert type(app.screen).__name__ == "ReaderScreen" and app.is_running
        assert not app.crash_summary
        assert len(app.screen_stack) == 1
        if closing[-1] == "escape":  # the palette is closed before its choice is handled: no crash
            return
        assert app.history.current.kind == "person"
        assert app.history.back() == start  # one visit, not two


def test_the_screens_that_close_once_keep_their_textual_styles():
    """Textual takes a screen's CSS and component classes from its first base that is a DOM node: the
    close-once mixin must not stand in front of ModalScreen or CommandPalette there."""
    from textual.command import CommandPalette
    from textual.screen import ModalScreen

    from anora_tui.ui.screens.bookmarks import BookmarksScreen
    from anora_tui.ui.screens.help import HelpScreen
    from anora_tui.ui.screens.palette import ReaderPalette
    from anora_tui.ui.screens.search import SearchScreen

    for screen, textual_base in ((SearchScreen, ModalScreen), (HelpScreen, ModalScreen),
                                 (BookmarksScreen, ModalScreen), (ReaderPalette, CommandPalette)):
        assert textual_base in css_bases(screen), screen


@THREE_SIZES
@pytest.mark.parametrize(("keys", "kind"), [
    (("1", "home", "down", "down", "enter"), "section"),
    (("3", "down", "enter"), "person"),
    (("4", "down", "enter"), None),  # a scene or an event
])
async def test_keys_typed_after_choosing_a_pane_go_to_that_pane(shipped_dataset, isolated_state, size, keys, kind):
    """The pane chosen took the focus later than the keys after it came: they went to the text."""
    sections = shipped_dataset.sections
    async with open_reader(shipped_dataset, size, Location("section", sections[5].id)) as (app, pilot):
        app.reading.focus()
        await settle(pilot)
        burst(app, *keys)
        await settle(pilot)
        current = app.history.current
        if kind == "section":
            assert current == Location("section", sections[2].id) or app.reading.section_id == sections[2].id
        elif kind == "person":
            assert current.kind == "person"
        else:
            assert current.kind in ("scene", "event")
