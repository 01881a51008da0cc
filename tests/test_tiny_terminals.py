"""Tiny terminals: every size from 1×1 to 40×12, and jumps between tiny and wide, never crash the reader
(the full App, on the shipped article), in any view; below the minimum size the "too small" notice
stands in for the panes, and above it the panes come back.
"""

from __future__ import annotations

from typing import Iterable

import pytest
from rich.cells import cell_len
from ui_harness import (
    NARROW,
    displayed,
    open_person_from_reading,
    quick_person,
    resize,
    screen_lines,
    settle,
    wait_for,
)

from anora_tui.ui.app import AnoraApp
from anora_tui.ui.layout import TINY_HEIGHT, TINY_WIDTH

pytestmark = pytest.mark.usefixtures("quick_pilot")  # the App tests poll for idle every 2 ms
EVERY_SMALL_SIZE = [(width, height) for height in range(1, 13) for width in range(1, 41)]
# Around each threshold (Textual's OptionList fails at widths of about 4 or less), then sparser.
SOME_SMALL_SIZES = [(width, height) for height in (1, 2, 3, 6, 12) for width in (1, 2, 3, 4, 5, 6, 8, 19, 20, 40)]
TINY_AND_WIDE = [(1, 1), (200, 60), (3, 2), (160, 48), (19, 5), (140, 40), (4, 12), (80, 24), (1, 40), (300, 1)]
TINY = [(1, 1), (3, 2), (19, 5), (4, 12)]


async def resize_and_look(pilot, app: AnoraApp, size: tuple[int, int]) -> list[str]:
    """Resize, wait for the screen's layout at the new size, and check the frame is whole at that size;
    return its rows."""
    await resize(pilot, *size, then_settle=False)
    assert app.is_running, f"the App stopped at {size}"
    lines = screen_lines(app)
    width, height = size
    assert len(lines) == height and all(cell_len(line) == width for line in lines), size
    return lines


def is_tiny(size: tuple[int, int]) -> bool:
    return size[0] < TINY_WIDTH or size[1] < TINY_HEIGHT


def reader_laid_out(app: AnoraApp, size: tuple[int, int]) -> bool:
    """Below the minimum size the notice stands in for the panes; above it the panes are back (under a
    modal screen too, which itself has no minimum size)."""
    reader = app.screen_stack[0]
    tiny = is_tiny(size)
    return displayed(reader.query_one("#too-small")) is tiny and displayed(app.pane(app.active_pane)) is not tiny


async def assert_reader_layout(pilot, app: AnoraApp, size: tuple[int, int]) -> None:
    """The reader is laid out for `size`. Under a modal screen the reader is laid out after the screen
    in front (which `resize` waits for), so that is waited for too: on a loaded machine it came a few
    milliseconds later."""
    await wait_for(pilot, lambda: reader_laid_out(app, size), message=f"the reader was not laid out for {size}")


async def sweep(pilot, app: AnoraApp, sizes: Iterable[tuple[int, int]]) -> None:
    """Every size in turn: the screen that was open stays open, and the reader lays itself out."""
    view = app.screen
    for size in sizes:
        await resize_and_look(pilot, app, size)
        assert app.screen is view, size
        await assert_reader_layout(pilot, app, size)


async def test_every_size_up_to_40_by_12(shipped_dataset, tmp_path):
    app = AnoraApp(shipped_dataset, state_path=tmp_path / "state.json")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await sweep(pilot, app, [*EVERY_SMALL_SIZE, NARROW])
        assert displayed(app.reading)


async def open_person(pilot, app: AnoraApp) -> None:
    await open_person_from_reading(pilot, app, quick_person(app.dataset))


async def open_scene(pilot, app: AnoraApp) -> None:
    await pilot.press("4", "enter")
    await settle(pilot)


async def open_contents(pilot, app: AnoraApp) -> None:
    await pilot.press("1")
    await settle(pilot)


async def open_search(pilot, app: AnoraApp) -> None:
    await pilot.press("slash", *"ani")
    await settle(pilot)


async def open_help(pilot, app: AnoraApp) -> None:
    await pilot.press("question_mark")
    await settle(pilot)


async def open_palette(pilot, app: AnoraApp) -> None:
    await pilot.press("ctrl+p", *"mik")
    await wait_for(pilot, lambda: "Mikey" in "\n".join(screen_lines(app)))


VIEWS = [
    open_person,
    open_scene,
    open_contents,
    open_search,
    open_help,
    open_palette,
]


@pytest.mark.parametrize("open_view", VIEWS, ids=lambda view: getattr(view, "__name__", None))
async def test_small_sizes_and_jumps_in_every_view(shipped_dataset, tmp_path, open_view):
    app = AnoraApp(shipped_dataset, state_path=tmp_path / "state.json")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await open_view(pilot, app)
        await sweep(pilot, app, SOME_SMALL_SIZES + TINY_AND_WIDE)
        # Keys pressed while tiny do no harm, and work: Escape (or Enter) closes a modal screen.
        for size in TINY:
            await resize_and_look(pilot, app, size)
            await pilot.press("down", "j", "tab", "enter", "escape")
            await settle(pilot)
            assert app.is_running, size
            assert app.screen is app.screen_stack[0], size
            await assert_reader_layout(pilot, app, size)
        await resize_and_look(pilot, app, NARROW)
        await assert_reader_layout(pilot, app, NARROW)
