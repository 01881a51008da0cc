"""Every list takes every key in every state: PageUp/PageDown before a list's first layout or while it
is hidden never reach Textual's unguarded line lookup, and the panes the "terminal too small" notice
hides take no key at all (only quitting works) until the terminal is large enough again.
"""

from __future__ import annotations

import pytest
from textual import events
from textual.command import CommandList
from textual.widgets import OptionList
from ui_harness import NARROW, WIDE, displayed, open_reader, resize, screen_text, settle, wait_for

from anora_tui.ui.app import AnoraApp
from anora_tui.ui.screens.palette import ReaderPalette
from anora_tui.ui.widgets.link_list import LinkList
from anora_tui.ui.widgets.paging import has_page, page

pytestmark = pytest.mark.usefixtures("quick_pilot")
PAGING_KEYS = ("pageup", "pagedown", "home", "end", "up", "down", "enter")


def burst(app: AnoraApp, *keys: str) -> None:
    """Keys as a fast typist or a key repeat sends them: all queued before any is handled."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def test_keys_in_a_tiny_terminal_reach_no_hidden_pane(shipped_dataset):
    async with open_reader(shipped_dataset, WIDE) as (app, pilot):
        focused_before = app.focused
        track_before = app.timeline.track
        await resize(pilot, 2, 2)
        assert app.too_small and app.focused is None
        await pilot.press("4", "t", "pageup", "pagedown", "tab", "1", "slash", "ctrl+p", "question_mark")
        await settle(pilot)
        assert app.is_running and app.screen is app.screen_stack[0]  # no palette, search or help opened
        assert app.focused is None and app.timeline.track == track_before
        await resize(pilot, *WIDE)
        assert not app.too_small
        assert app.focused is focused_before and app.active_pane == "reading"
        await pilot.press("4", "t")
        await settle(pilot)
        assert app.timeline.track != track_before  # the keys work again


async def test_quitting_works_while_too_small(shipped_dataset):
    async with open_reader(shipped_dataset, WIDE) as (app, pilot):
        await resize(pilot, 10, 3)
        assert "small" in screen_text(app) or app.size.width < 19
        await pilot.press("q")
    assert app.return_code == 0


async def test_a_reader_started_in_a_tiny_terminal_focuses_the_reading_when_it_grows(shipped_dataset):
    async with open_reader(shipped_dataset, (12, 4)) as (app, pilot):
        assert app.too_small and app.focused is None
        await pilot.press("pagedown", "4", "enter")
        await resize(pilot, *NARROW)
        assert app.focused is not None and displayed(app.focused) and app.active_pane == "reading"


@pytest.mark.parametrize("then", [(), ("pageup",), ("pagedown", "pageup"), ("end", "pagedown")])
async def test_page_keys_at_once_after_opening_the_palette(shipped_dataset, then):
    async with open_reader(shipped_dataset, WIDE) as (app, pilot):
        for _ in range(5):
            burst(app, "ctrl+p", "pageup", "pagedown", *then)
            await settle(pilot)
            assert app.is_running and isinstance(app.screen, ReaderPalette)
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("ctrl+p", *"mik")
        await wait_for(pilot, lambda: "Mikey" in screen_text(app))
        await pilot.press("pagedown", "pageup")
        assert app.screen.query_one(CommandList).highlighted is not None


async def every_list(app: AnoraApp, pilot) -> list[OptionList]:
    """Each kind of list the reader shows, opened once so it exists: sections, people, a person's
    links, the timeline's scenes and events, a scene's links."""
    await pilot.press("4", "enter")  # a scene's detail
    await settle(pilot)
    await pilot.press("3", "enter")  # a person's detail
    await settle(pilot)
    lists = list(app.query(LinkList))
    ids = {option_list.id for option_list in lists}
    assert {"contents", "people-list", "person-links", "timeline-list", "timeline-detail-links"} <= ids, ids
    return lists


async def test_every_list_pages_safely_while_hidden(shipped_dataset):
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=NARROW) as pilot:  # at 80×24 only one pane shows: the rest are hidden
        await settle(pilot)
        lists = await every_list(app, pilot)
        hidden = [option_list for option_list in lists if not has_page(option_list)]
        assert hidden, "some list should be hidden at 80x24"
        for option_list in lists:
            for action in ("action_page_up", "action_page_down", "action_first", "action_last",
                           "action_cursor_down", "action_cursor_up"):
                getattr(option_list, action)()
        await settle(pilot)
        assert app.is_running


async def test_a_list_laid_out_still_pages(shipped_dataset):
    async with open_reader(shipped_dataset, WIDE) as (app, pilot):
        await pilot.press("1")
        await settle(pilot)
        contents = app.contents
        assert has_page(contents)
        contents.highlighted = 0
        page(contents, 1)
        assert contents.highlighted > 0
        page(contents, -1)
        assert contents.highlighted == 0


async def test_a_list_not_yet_laid_out_ignores_paging():
    """The Textual behaviour the guard is for: without it, paging a list with no size raises."""
    from textual.app import App

    class Lists(App):
        def compose(self):
            yield OptionList(*map(str, range(30)), id="plain")
            yield LinkList(id="ours")

    app = Lists()
    async with app.run_test(size=(40, 10)) as pilot:
        plain = app.query_one("#plain", OptionList)
        plain.display = False
        await pilot.pause()
        plain.highlighted = 3
        with pytest.raises(KeyError):  # if Textual fixes this, the guard can go
            OptionList.action_page_down(plain)
        page(plain, 1)
        assert plain.highlighted == 3


async def test_keys_typed_right_after_q_open_nothing_as_the_reader_closes(shipped_dataset):
    async with open_reader(shipped_dataset, WIDE) as (app, pilot):
        burst(app, "q", "slash", "W", "question_mark", "4")
        await settle(pilot)
    assert app.return_code == 0 and not app.crash_summary
