"""The harness the App and pane tests share: terminal sizes, reading the screen, settling, stepping."""

from __future__ import annotations

import pytest

from anora_tui.core.model import Dataset
from anora_tui.core.navigation import Location
from anora_tui.ui.app import AnoraApp
from anora_tui.ui.widgets.link_list import LinkList

WIDE = (160, 48)
NARROW = (80, 24)
SIZES = pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "160x48"])


def screen_lines(app) -> list[str]:
    """The screen as the user sees it, one string per row."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def screen_text(app) -> str:
    return "\n".join(screen_lines(app))


def find_on_screen(app, needle: str) -> tuple[int, int]:
    """The (x, y) of the first place `needle` is on screen."""
    for y, line in enumerate(screen_lines(app)):
        if needle in line:
            return line.index(needle), y
    raise AssertionError(f"{needle!r} is not on screen:\n{screen_text(app)}")


async def settle(pilot) -> None:
    """Let every pending message, refresh, call_after_refresh callback and scroll animation run:
    rounds of "process all queued messages, then refresh the screen"."""
    for _ in range(3):
        await pilot._wait_for_screen()
        pilot.app.screen._on_timer_update()
    await pilot.app.animator.wait_until_complete()
    await pilot._wait_for_screen()


async def resize(pilot, width: int, height: int) -> None:
    """Resize the terminal and wait out the App's resize debounce (a 1/120 s timer) before settling."""
    await pilot.resize_terminal(width, height)
    await pilot.pause(0.03)
    await settle(pilot)


def focused_pane(app: AnoraApp) -> str | None:
    for node in app.focused.ancestors_with_self if app.focused else ():
        if node.id in ("contents", "reading", "people", "timeline"):
            return node.id
    return None


def displayed(widget) -> bool:
    """Really on screen: it and all its ancestors are displayed, and it has a size."""
    return widget.display and all(a.display for a in widget.ancestors) and widget.region.area > 0


async def wait_for(pilot, predicate, timeout: float = 3.0) -> None:
    """Pause until `predicate()` holds (for work done in workers, like the palette's search)."""
    for _ in range(int(timeout / 0.02)):
        if predicate():
            return
        await pilot.pause(0.02)
    assert predicate(), "timed out waiting"


async def press_until(pilot, predicate, key: str = "down", limit: int = 60) -> None:
    """Press `key` until `predicate()` holds (bounded), e.g. to reach a row of a list."""
    for _ in range(limit):
        if predicate():
            return
        await pilot.press(key)
    assert predicate(), f"pressed {key!r} {limit} times without reaching the target"


def highlighted(app: AnoraApp) -> Location | None:
    focused = app.focused
    return focused.highlighted_location if isinstance(focused, LinkList) else None


async def open_person_from_reading(pilot, app: AnoraApp, person_id: str) -> None:
    """In the reading pane, step through the names with ] until the person's, then Enter."""
    await pilot.press("2")
    await settle(pilot)
    await press_until(
        pilot,
        lambda: app.reading.selected is not None and app.reading.selected.person_id == person_id,
        "right_square_bracket",
    )
    await pilot.press("enter")
    await settle(pilot)


def quick_person(dataset: Dataset) -> str:
    """Someone named in the first section with a scene and a quote, and the fewest rows to step through."""
    first = dataset.sections[0]
    named = {p for n in range(1, len(first.paragraphs) + 1) for p in dataset.people_named_in(first.id, n)}
    candidates = [p for p in named if dataset.scenes_with(p) and dataset.quotes_by(p)]
    return min(candidates, key=lambda p: (len(dataset.quotes_by(p)), p))


async def palette(pilot, app: AnoraApp, query: str, expect: str) -> None:
    """Open the command palette, type the query, wait for the `expect`ed hit and choose it."""
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*query)
    await wait_for(pilot, lambda: expect in screen_text(app))
    await pilot.press("enter")
    await settle(pilot)
