"""Every modal screen draws the reader dimmed behind it exactly as Textual's own `ModalScreen` does
(the same characters and colours in every cell it does not cover), at 80x24, 120x40 and 200x50; it
dims the reader once as it opens, not on every full redraw; and what it keeps follows a change behind
it (a theme, a resize, the reader moving on while it is open)."""

from __future__ import annotations

import pytest
from rich.style import Style
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import Screen
from textual.widgets import Input

from anora_tui.ui import dimming
from anora_tui.ui.textual_private import DimmedBackdrop, lines_of
from ui_harness import open_reader, resize, screen_strips, settle

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)], ids=["80x24", "120x40", "200x50"])
MODALS = ("help", "search", "text search", "bookmarks", "palette")
KEYS = {"help": "question_mark", "search": "slash", "bookmarks": "apostrophe", "palette": "ctrl+p"}

Cell = tuple[str, Style | None]


async def open_modal(pilot, name: str) -> None:
    if name == "text search":
        pilot.app.open_search("", "text")
    else:
        await pilot.press(KEYS[name])
    await settle(pilot)
    assert isinstance(pilot.app.screen, DimmedBackdrop)


def cells_of(strips) -> dict[tuple[int, int], Cell]:
    """Every cell of some lines: (x, y) to (character, style)."""
    cells: dict[tuple[int, int], Cell] = {}
    for y, strip in enumerate(strips):
        x = 0
        for text, style, _ in strip:
            for character in text:
                cells[x, y] = (character, style)
                x += 1
    return cells


def backdrop_cells(app) -> dict[tuple[int, int], Cell]:
    """The cells where the modal screen shows its own background (the reader, dimmed)."""
    screen = app.screen
    return {place: cell for place, cell in cells_of(screen_strips(app)).items() if screen.get_widget_at(*place)[0] is screen}


async def settled_backdrop_cells(pilot) -> dict[tuple[int, int], Cell]:
    """The backdrop's cells once the reader behind has finished what it was drawing (after a resize,
    on a loaded machine, it can still be laying out for the new size)."""
    cells = backdrop_cells(pilot.app)
    for _ in range(50):
        await settle(pilot)
        again = backdrop_cells(pilot.app)
        if again == cells:
            return cells
        cells = again
    return cells


async def textual_own_cells(pilot, monkeypatch) -> dict[tuple[int, int], Cell]:
    """The same cells drawn by Textual's own `Screen.render` (its `BackgroundScreen` blend)."""
    with monkeypatch.context() as patch:
        patch.setattr(DimmedBackdrop, "render", lambda screen: Screen.render(screen))
        pilot.app.screen.refresh()
        await settle(pilot)
        cells = backdrop_cells(pilot.app)
    pilot.app.screen.refresh()
    await settle(pilot)
    return cells


async def assert_drawn_as_textual_draws(pilot, monkeypatch, name: str) -> None:
    app = pilot.app
    ours = await settled_backdrop_cells(pilot)
    theirs = await textual_own_cells(pilot, monkeypatch)
    if name == "help" and app.size.width <= 80:
        assert not ours, "help is 80 columns wide: at 80 it takes the whole screen"  # no reader to compare
        return
    assert len(ours) > app.size.width, "the modal screen should leave some of the reader in view"
    different = [(place, ours[place], theirs.get(place)) for place in ours if ours[place] != theirs.get(place)]
    assert not different, f"{len(different)} cells differ from Textual's own blend, the first: {different[:3]}"
    assert backdrop_cells(app) == ours, "drawn again by the reader's way, the cells changed"


@SIZES
@pytest.mark.parametrize("name", MODALS)
async def test_each_modal_screen_draws_the_reader_dimmed_as_textual_does(shipped_dataset, monkeypatch, name, size):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await open_modal(pilot, name)
        reader_cells = cells_of(lines_of(app.screen_stack[-2]))  # the reader as it is behind, not dimmed
        await assert_drawn_as_textual_draws(pilot, monkeypatch, name)
        ours = backdrop_cells(app)
        assert ours or (name == "help" and size[0] <= 80)
        dimmed = [place for place in ours if ours[place][1] != reader_cells.get(place, (None, None))[1]]
        assert len(dimmed) == len(ours), "every cell of the reader behind should be drawn dimmed"
        assert all(ours[place][0] == reader_cells[place][0] for place in ours), "the reader's text shows through"


@pytest.mark.parametrize("name", MODALS)
async def test_the_reader_is_dimmed_once_as_a_modal_screen_opens(shipped_dataset, monkeypatch, name):
    """Textual blends every segment of the reader on each full redraw of the modal screen (two or three
    as it opens); here each segment is dimmed once, and a redraw asked from behind that changes
    nothing (Textual repaints the screen a modal covers as it opens), or a full redraw of the modal
    screen, dims nothing again."""
    blended: list[object] = []
    dimmed: list[object] = []
    monkeypatch.setattr(BackgroundScreen, "process_segments", classmethod(
        lambda cls, segments, color: blended.append(color) or list(segments)))
    real_dimmed_style = dimming.dimmed_style
    monkeypatch.setattr(dimming, "dimmed_style", lambda *a: dimmed.append(a) or real_dimmed_style(*a))
    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        await open_modal(pilot, name)
        assert not blended, "Textual's own blend should not run"
        segments_behind = sum(len(line) for line in lines_of(app.screen_stack[-2]))
        assert len(dimmed) == segments_behind, "each segment of the reader should be dimmed once as it opens"
        app.screen_stack[-2].refresh()  # the reader repainted with nothing changed
        app.screen.refresh()  # and the modal screen drawn in full again
        await settle(pilot)
        assert len(dimmed) == segments_behind


async def test_what_the_modal_screen_keeps_follows_a_change_behind_it(shipped_dataset, monkeypatch):
    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        await open_modal(pilot, "help")
        before = backdrop_cells(app)
        app.reading.open_section(app.dataset.sections[3].id)  # the reader moves on behind the help
        await settle(pilot)
        after = backdrop_cells(app)
        assert after != before, "the change behind should show"
        await assert_drawn_as_textual_draws(pilot, monkeypatch, "help")


async def test_what_the_modal_screen_keeps_follows_a_theme_change(shipped_dataset, monkeypatch):
    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        await open_modal(pilot, "search")
        before = backdrop_cells(app)
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await settle(pilot)
        assert backdrop_cells(app) != before
        await assert_drawn_as_textual_draws(pilot, monkeypatch, "search")


@pytest.mark.parametrize("name", ["help", "palette"])
async def test_what_the_modal_screen_keeps_follows_a_resize(shipped_dataset, monkeypatch, name):
    async with open_reader(shipped_dataset, (80, 24)) as (app, pilot):
        await open_modal(pilot, name)
        await resize(pilot, 200, 50)
        await assert_drawn_as_textual_draws(pilot, monkeypatch, name)
        await resize(pilot, 120, 40)
        await assert_drawn_as_textual_draws(pilot, monkeypatch, name)


@SIZES
@pytest.mark.parametrize("name", ["help", "search"])
async def test_a_modal_screen_opens_in_one_frame(shipped_dataset, monkeypatch, name, size):
    """Its body or list longer than the screen shows a scrollbar from the first layout, which Textual
    places in a second one: the first frame waits for it, not drawn twice. (The search box's cursor
    blinks every half second, a frame of its own on a loaded machine: it is kept still here.)"""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await open_modal(pilot, name)
        assert app.screen.frames_drawn == 1


async def test_the_palette_over_the_search_screen_dims_both_as_textual_does(shipped_dataset, monkeypatch):
    """Two translucent screens: the palette shows the search screen dimmed, and the reader under it
    dimmed twice, as Textual draws them (each takes the screen under it off the same list)."""
    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        await open_modal(pilot, "search")
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert len(app.screen_stack) == 3 and isinstance(app.screen, DimmedBackdrop)
        await assert_drawn_as_textual_draws(pilot, monkeypatch, "palette")


async def test_a_change_behind_two_modal_screens_shows_when_the_front_one_closes(shipped_dataset, monkeypatch):
    """Textual reports a change on the reader to the screen in front only: the search screen under
    the palette hears nothing of it, and shows it once the palette has closed (drawn in full again)."""
    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        await open_modal(pilot, "search")
        before = await settled_backdrop_cells(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        app.reading.open_section(app.dataset.sections[3].id)
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen_stack[-2] is not app.screen and len(app.screen_stack) == 2
        assert await settled_backdrop_cells(pilot) != before, "the change behind should show"
        await assert_drawn_as_textual_draws(pilot, monkeypatch, "search")


@pytest.mark.parametrize("key", ["slash", "question_mark", "apostrophe"])
async def test_a_screen_over_the_reader_is_drawn_in_full_after_a_suspension(shipped_dataset, isolated_state, key):
    """Ctrl+Z then fg over the search screen brought back only its text box (CI, under load): the
    reader behind redraws itself, which the kept backdrop rightly takes for no change, and nothing
    drew the screen in front in full on the blank terminal."""
    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        await pilot.press(key)
        await settle(pilot)
        screen = app.screen
        asked = []
        real_refresh = screen.refresh
        screen.refresh = lambda *regions, **options: asked.append(options) or real_refresh(*regions, **options)
        app.app_resume_signal.publish(app)
        await settle(pilot)
        assert {"layout": True, "repaint": True} in asked, asked
