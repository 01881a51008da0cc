"""Every list and detail pane keeps its selected row in view across resizes (people, a person's page,
the sections, the timeline's list and a scene's page, the search results), through every size
change between 80×24, 120×40 and 200×50. Read back from the screen."""

from __future__ import annotations

import itertools

import pytest
from screen_reading import widget_lines, words
from ui_harness import displayed, open_reader, resize, settle, wait_for

from anora_tui.ui.screens.search import SearchScreen
from anora_tui.ui.widgets.result_list import ResultList

pytestmark = pytest.mark.usefixtures("quick_pilot")

SIZES = [(80, 24), (120, 40), (200, 50)]
# Every order of the three sizes, each run from its first: every size change is made at least once.
TOURS = pytest.mark.parametrize(
    "tour", list(itertools.permutations(SIZES)), ids=lambda tour: "-".join(f"{w}x{h}" for w, h in tour)
)

# How to put the cursor on a row far down each list, from a fresh start.
LISTS = {
    "people": ("3", "end"),
    "person": ("3", "enter", "m", "end"),
    "sections": ("1", "end"),
    "timeline": ("4", "end"),
    "scene": ("4", "end", "up", "up", "enter", "end"),
}


def row_words(text: str, count: int = 4) -> str:
    return " ".join(words(text).split()[:count])


def highlighted_row_shown(app) -> tuple[bool, str]:
    """Whether the focused list shows its highlighted row, with what the list shows."""
    links = app.focused
    assert links is not None and displayed(links)
    shown = widget_lines(app, links)
    label = links.get_option_at_index(links.highlighted).prompt
    start = row_words(getattr(label, "plain", None) or str(label))
    return start in words(" ".join(shown)), f"{start!r} not in:\n" + "\n".join(shown)


@TOURS
@pytest.mark.parametrize("name", LISTS)
async def test_the_selected_row_stays_in_view(shipped_dataset, name, tour):
    first, *others = tour
    async with open_reader(shipped_dataset, first) as (app, pilot):
        for key in LISTS[name]:
            await pilot.press(key)
            await settle(pilot)
        links = app.focused
        cursor = links.highlighted
        assert cursor is not None and cursor > 3
        shown, why = highlighted_row_shown(app)
        assert shown, why
        for size in others:
            await resize(pilot, *size)
            assert app.focused is links and links.highlighted == cursor
            shown, why = highlighted_row_shown(app)
            assert shown, f"after the resize to {size}: {why}"


async def test_the_reviewers_person_page(shipped_dataset):
    """120×40: `3`, Enter (Mikey Madison), `m`, End; then 80×24 and 200×50: the selected mention
    is on screen each time, not the top of the page."""
    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        for key in ("3", "enter", "m", "end"):
            await pilot.press(key)
            await settle(pilot)
        for size in ((80, 24), (200, 50)):
            await resize(pilot, *size)
            text = words(" ".join(widget_lines(app, app.focused)))
            assert "¶5 According to Madison, we attempted" in text, text


@TOURS
async def test_the_selected_search_result_stays_in_view(shipped_dataset, tour):
    first, *others = tour
    async with open_reader(shipped_dataset, first) as (app, pilot):
        await pilot.press("slash", *"the")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        results = screen.query_one(ResultList)
        await wait_for(pilot, lambda: results.count > 8)
        for _ in range(8):
            await pilot.press("down")
        await settle(pilot)
        cursor = results.cursor
        assert cursor == 8
        for size in others:
            await resize(pilot, *size)
            hit = results.highlighted
            shown = words(" ".join(widget_lines(app, results)))
            assert results.cursor == cursor
            assert row_words(hit.text, 3) in shown, f"after the resize to {size}: {hit.text!r} not in {shown}"
