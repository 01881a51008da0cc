"""A search keystroke redraws what changed and nothing more: no layout of the screen for a letter
(the box, the list's new length and the preview's new text are redrawn in place), the scrollbar kept
true to the list, and no garbage collection while keys come (nor while the palette's come)."""

from __future__ import annotations

import gc

import pytest
from test_search_screen import Host, count_line, empty_message, preview
from ui_harness import open_reader, screen_strips, settle, wait_for

from anora_tui.ui import collector_while_typing
from anora_tui.ui.screens.palette import ReaderPalette
from anora_tui.ui.widgets.result_list import ResultList
from anora_tui.ui.widgets.text_pane import TextPane

SIZES = [(80, 24), (120, 40), (200, 50)]


def laid_out(app) -> list[object]:
    """Every layout of the search screen from now on (Textual tells this signal after each)."""
    layouts: list[object] = []
    app.screen.screen_layout_refresh_signal.subscribe(app.screen, layouts.append)
    return layouts


def scrollbar_matches_the_list(results) -> bool:
    if not results.show_vertical_scrollbar:
        return results.virtual_size.height <= results.container_size.height
    bar = results.vertical_scrollbar
    return bar.window_virtual_size == results.virtual_size.height and bar.display


# At 80x24 the preview has four lines, and a quote that needs more brings its scrollbar: a layout.
@pytest.mark.parametrize("size", [(120, 40), (200, 50)])
async def test_letters_that_keep_the_scrollbar_lay_nothing_out(shipped_dataset, size):
    app = Host(shipped_dataset)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        results = app.screen.query_one(ResultList)
        assert results.show_vertical_scrollbar  # every quote listed
        layouts = laid_out(app)
        counts = []
        for letter in "th":  # "t", then "th": fewer quotes each time, still more than a screenful
            await pilot.press(letter)
            await settle(pilot)
            counts.append(results.count)
            assert count_line(app) == f"{results.count} of {len(shipped_dataset.quotes)} quotes"
            assert results.show_vertical_scrollbar and scrollbar_matches_the_list(results)
        assert counts[0] > counts[1] and layouts == []


@pytest.mark.parametrize("size", SIZES)
async def test_the_scrollbar_comes_and_goes_with_the_list(shipped_dataset, size):
    app = Host(shipped_dataset)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        results = app.screen.query_one(ResultList)
        await pilot.press(*"scream")  # two quotes: no scrollbar
        await settle(pilot)
        assert results.count == 2 and not results.show_vertical_scrollbar
        assert scrollbar_matches_the_list(results)
        for _ in "scream":
            await pilot.press("backspace")
        await settle(pilot)
        assert results.count == len(shipped_dataset.quotes) and results.show_vertical_scrollbar
        assert scrollbar_matches_the_list(results)
        await pilot.press("end")  # the list scrolls to its last line, as far as it is long
        await pilot.press("pagedown", "pagedown", "pagedown")
        await settle(pilot)
        assert results.scroll_y <= results.max_scroll_y


@pytest.mark.parametrize("size", SIZES)
async def test_the_preview_takes_each_texts_own_height(shipped_dataset, size):
    """The preview is laid out again only when its text takes another number of lines: each letter's
    first hit is shown whole, not cut to the last one's height or padded with its blank lines."""
    app = Host(shipped_dataset)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        pane = app.screen.query_one("#search-preview", TextPane)
        heights = set()
        for letter in "thing":
            await pilot.press(letter)
            await settle(pilot)
            if not preview(app):
                continue
            lines = pane.content.wrap(app.console, pane.scrollable_content_region.width, overflow="fold")
            assert pane.virtual_size.height == len(lines)
            assert scrollbar_matches_the_list(pane)
            hit = app.screen.query_one(ResultList).highlighted
            assert " ".join(hit.text.split()) in " ".join(preview(app).split())
            heights.add(len(lines))
        if size[1] >= 40:
            assert len(heights) > 1  # the test saw heights change


def collecting() -> bool:
    """Whether the collector runs by itself (a first threshold of 0 holds it)."""
    return gc.isenabled() and gc.get_threshold()[0] > 0


def pause_after_typing(monkeypatch, seconds: float) -> None:
    """How long a pause in the typing lets the collector go, from the next key on: long, so that the
    holds asserted do not depend on how quickly a loaded machine runs the test; short, to see it go."""
    monkeypatch.setattr(collector_while_typing, "TYPING_PAUSE_SECONDS", seconds)


async def typed_with_the_collector_held(pilot, monkeypatch, closed) -> None:
    """Keys hold the collector from the key on; a pause lets it go; closing the screen while held
    lets it go at once (`closed()` says the screen has gone)."""
    thresholds = gc.get_threshold()
    assert collecting()
    pause_after_typing(monkeypatch, 60.0)
    await pilot.press("m")
    assert not collecting()  # held from the key on
    await pilot.press("i")
    assert not collecting()
    pause_after_typing(monkeypatch, 0.01)
    await pilot.press("k")
    await wait_for(pilot, collecting, message="the collector was not let go after the typing paused")
    assert gc.get_threshold() == thresholds
    pause_after_typing(monkeypatch, 60.0)
    await pilot.press("e")
    assert not collecting()
    await pilot.press("escape")  # closed while held: let go at once
    await settle(pilot)
    assert closed()
    assert collecting()
    assert gc.get_threshold() == thresholds


async def test_no_garbage_collection_while_keys_come(shipped_dataset, monkeypatch):
    thresholds = gc.get_threshold()
    app = Host(shipped_dataset)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await typed_with_the_collector_held(pilot, monkeypatch, lambda: app.dismissed == [None])
    assert gc.get_threshold() == thresholds


async def test_no_garbage_collection_while_palette_keys_come(shipped_dataset, isolated_state, monkeypatch):
    thresholds = gc.get_threshold()
    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: app.screen.has_class("-ready"))
        await settle(pilot)
        await typed_with_the_collector_held(pilot, monkeypatch, lambda: not isinstance(app.screen, ReaderPalette))
    assert gc.get_threshold() == thresholds


async def test_a_pause_made_elsewhere_ends_as_it_ends(shipped_dataset):
    """A build on another thread pauses the collector with `gc.disable()` and freezes what it made
    when it turns it on again: a key typed meanwhile neither turns it on nor stops that."""
    app = Host(shipped_dataset)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        gc.disable()  # as a build on another thread does
        try:
            await pilot.press("t")
            assert not gc.isenabled()
            await pilot.press("escape")
            await settle(pilot)
            assert not gc.isenabled()
        finally:
            gc.enable()
        assert collecting()


def drawn(app, widget) -> list:
    """The widget's part of the screen as the terminal has it (styles included), line by line."""
    region = widget.region
    return [strip.crop(region.x, region.right) for strip in screen_strips(app)[region.y : region.bottom]]


async def as_opened_with(dataset, size, query: str, downs: int) -> tuple[list, list]:
    """The list and the preview of a search screen opened afresh with `query`, `downs` rows down."""
    app = Host(dataset, query=query)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for _ in range(downs):
            await pilot.press("down")
        await settle(pilot)
        screen = app.screen
        return drawn(app, screen.query_one(ResultList)), drawn(app, screen.query_one("#search-preview"))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_lines_drawn_again_only_where_they_changed_leave_nothing_stale(shipped_dataset, size):
    """Each key redraws only the lines of the list and the preview that show something new (Textual
    keeps the others as drawn): after every key, both look exactly as on a screen opened afresh."""
    app = Host(shipped_dataset)
    steps = [("t", 0), ("h", 0), ("down", 1), ("down", 2), ("e", 0), ("backspace", 0), ("i", 0),
             ("backspace", 0), ("backspace", 0), ("s", 0), ("c", 0), ("down", 1), ("up", 0),
             ("q", 0), ("backspace", 0), ("down", 1)]  # "scq" finds nothing: the list goes and comes back
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        for key, downs in steps:
            await pilot.press(key)
            await settle(pilot)
            query = screen.query_text
            expected = await as_opened_with(shipped_dataset, size, query, downs)
            shown = drawn(app, screen.query_one(ResultList)), drawn(app, screen.query_one("#search-preview"))
            assert shown == expected, f"after {key!r} ({query!r})"


async def test_a_letter_redraws_only_the_lines_it_changes(shipped_dataset):
    """A letter that keeps the same quotes in the same places redraws their matched words' lines,
    not the lines saying who and where (each line drawn costs the screen's compositor and the
    terminal): the list's lines were all drawn again on every key."""
    app = Host(shipped_dataset)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"screa")
        await settle(pilot)
        results = app.screen.query_one(ResultList)
        rows = [results.highlighted]
        assert results.count == 2
        lines_drawn = []
        draw_line = results.render_line

        def counted(y):
            lines_drawn.append(y)
            return draw_line(y)

        results.render_line = counted
        await pilot.press("m")
        await settle(pilot)
        assert results.count == 2 and results.highlighted.quote == rows[0].quote
        assert f"2 of {len(shipped_dataset.quotes)} quotes" in count_line(app)
        assert 0 < len(lines_drawn) < 4  # two rows of at least two lines each: the matched lines only


async def test_letters_that_still_find_nothing_lay_nothing_out(shipped_dataset):
    """The message for no match changes with every letter, in the place it has: drawn, not laid out."""
    app = Host(shipped_dataset)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"qx")
        await settle(pilot)
        assert count_line(app).startswith(f"0 of {len(shipped_dataset.quotes)} ")
        layouts = laid_out(app)
        await pilot.press("z")
        await settle(pilot)
        assert "“qxz”" in empty_message(app)
        assert layouts == []
