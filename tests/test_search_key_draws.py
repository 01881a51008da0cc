"""A search key does what its results need and no more: the count line is drawn again only when it
says something new, and the list does not announce results the screen shows itself (its preview and
keys are brought up to date within the key)."""

from __future__ import annotations

import pytest
from test_search_screen import Host, count_line, preview
from test_shown_parts_compositor import without_idle_moves
from ui_harness import (
    frames_beside_textuals, open_reader, screen_compositor, screen_strips, screen_strips_as_textual_draws, settle,
)

from anora_tui.ui.screens.search import SearchScreen
from anora_tui.ui.textual_private import ShownPartsCompositor
from anora_tui.ui.widgets.result_list import ResultList

SIZES = [(80, 24), (120, 40), (200, 50)]


def same_count_extension(index) -> tuple[str, str]:
    """A query and a letter more that find the same number of quotes (and find some)."""
    for word in ("scream", "nightmare", "palace", "strip", "brighton", "russian"):
        for end in range(2, len(word)):
            before, after = index.search(word[:end]).count, index.search(word[: end + 1]).count
            if before and before == after:
                return word[:end], word[end]
    raise AssertionError("no query keeps its count for a letter")


@pytest.mark.parametrize("size", SIZES)
async def test_a_key_that_keeps_the_count_does_not_redraw_the_count_line(shipped_dataset, size):
    app = Host(shipped_dataset)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        query, letter = same_count_extension(screen._indexes.get("quotes"))
        await pilot.press(*query)
        await settle(pilot)
        said = count_line(app)
        count = screen.query_one("#search-count")
        updates = []
        real_update = count.update
        count.update = lambda *args, **kwargs: updates.append(args) or real_update(*args, **kwargs)
        await pilot.press(letter)
        await settle(pilot)
        assert screen.query_text == query + letter
        assert count_line(app) == said and updates == []
        await pilot.press("backspace", "backspace")  # fewer letters, more quotes: drawn again
        await settle(pilot)
        assert count_line(app) != said and len(updates) == 1


@pytest.mark.parametrize("size", SIZES)
async def test_results_a_key_shows_are_not_announced_again(shipped_dataset, size):
    app = Host(shipped_dataset)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        results = screen.query_one(ResultList)
        announced = []
        real_post = results.post_message
        results.post_message = lambda message: (announced.append(message)
                                                if isinstance(message, ResultList.Highlighted) else None) \
            or real_post(message)
        await pilot.press(*"scream")
        await settle(pilot)
        assert announced == []
        first = results.highlighted
        assert first is not None and " ".join(first.text.split()[:3]) in " ".join(preview(app).split())
        await pilot.press("down")  # the cursor moved: that is announced, and the preview follows
        await settle(pilot)
        assert len(announced) == 1 and results.cursor == 1
        assert " ".join(results.highlighted.text.split()[:3]) in " ".join(preview(app).split())


@pytest.mark.parametrize("size", SIZES)
async def test_search_keys_render_only_what_shows_and_send_what_textual_sends(shipped_dataset, monkeypatch, size):
    """A key redraws most of the list: the search screen renders only what shows of it (not the frame,
    the screen and the reader behind it, on every line the list changes), and what reaches the
    terminal is what Textual's own compositor sends, frame by frame."""
    frames = frames_beside_textuals(monkeypatch, ShownPartsCompositor)
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await pilot.press("slash")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert isinstance(screen_compositor(app), ShownPartsCompositor)
        frames.clear()
        for keys in (["a", "n", "i"], ["ctrl+u"], ["z", "q", "x"], ["backspace"] * 3, ["down"] * 3, ["tab"], ["o"]):
            await pilot.press(*keys)
            await settle(pilot)
            assert screen_strips(app) == screen_strips_as_textual_draws(app), keys
        assert frames
        for ours, textuals in frames:
            assert ours == without_idle_moves(textuals)
