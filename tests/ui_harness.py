"""The harness the App and pane tests share: terminal sizes, reading the screen, settling, resizing,
stepping.

Textual's private names: this is the ONE module of the tests that uses them, each where Textual 8 has
no public way to do the same, each with a comment saying why. tests/test_ui_harness.py exercises every
one of them, so a Textual upgrade that renames one fails there, loudly, with the name, rather than as
odd failures all over the suite.
"""

from __future__ import annotations

import asyncio
import time
from contextlib import asynccontextmanager
from typing import AsyncIterator, Callable, Iterable

import pytest
import textual._wait
from textual import events
from rich.style import Style
from textual.app import App
from textual.geometry import Size
from textual.pilot import Pilot
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

from anora_tui.core.model import Dataset
from anora_tui.core.navigation import Location
from anora_tui.ui.app import AnoraApp
from anora_tui.ui.messages import Navigate
from anora_tui.ui.widgets.link_list import LinkList

WIDE = (160, 48)
NARROW = (80, 24)
SIZES = pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "160x48"])
WAIT_SECONDS = 10.0  # how long a wait may take before it is a failure: generous, for a loaded machine


# --- reading the screen -----------------------------------------------------------------------


def bound_keys(node_class: type) -> set[str]:
    """Every key a widget or screen class binds, its inherited bindings included.

    PRIVATE: `DOMNode._merge_bindings()`. Textual
    has no public way to merge a class's bindings without an instance."""
    return set(node_class._merge_bindings().key_to_bindings)


def screen_strips(app: App) -> list[Strip]:
    """The screen as the user sees it: one Strip (styled segments) per row.

    PRIVATE: `Screen._compositor.render_strips()`. Textual 8 has no public way to read back what a
    screen shows as text (`export_screenshot` gives SVG); the compositor is what the driver draws."""
    return app.screen._compositor.render_strips()


def screen_compositor(app: App):
    """The compositor of the screen in front.

    PRIVATE: `Screen._compositor`. What draws the screen; the reader's screen has its own kind."""
    return app.screen._compositor


def screen_strips_as_textual_draws(app: App) -> list[Strip]:
    """The screen as Textual's own compositor draws it, whatever kind the screen has.

    PRIVATE: `textual._compositor.Compositor._render_chops`, what `render_strips` draws the lines with."""
    from textual._compositor import Compositor

    compositor = app.screen._compositor
    chops = Compositor._render_chops(compositor, compositor.size.region, lambda y: True)
    return [Strip.join(chop.values()) for chop in chops]


def frames_beside_textuals(monkeypatch: pytest.MonkeyPatch, compositor_class: type) -> list[tuple[str, str]]:
    """From now on, for each change a screen of `compositor_class` draws, the bytes it sends to the
    terminal and those Textual's own compositor sends for the same change. Drawing a widget may change
    another (the reading pane shown at a new width wraps its lines as it is drawn, which moves its
    scrollbar): Textual's draws first, then each draws what that left.

    PRIVATE: `textual._compositor.Compositor.render_partial_update` and `_dirty_regions`: where a
    frame's change is drawn, and the regions it is drawn from."""
    from rich.console import Console
    from textual._compositor import Compositor

    frames: list[tuple[str, str]] = []
    own, textual_draw = compositor_class.render_partial_update, Compositor.render_partial_update
    console = Console(color_system="truecolor", force_terminal=True)

    def both(compositor):
        dirty = set(compositor._dirty_regions)
        textual_draw(compositor)
        compositor._dirty_regions.update(dirty)
        sent = own(compositor)
        compositor._dirty_regions.update(dirty)
        textuals = textual_draw(compositor)
        if sent is not None or textuals is not None:
            frames.append((sent.render_segments(console), textuals.render_segments(console)))
        return sent

    monkeypatch.setattr(compositor_class, "render_partial_update", both)
    return frames


def screen_layouts_counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """From now on, one item for each time a screen lays itself out again.

    PRIVATE: `Screen._refresh_layout`, the one place every layout of a screen goes through."""
    from textual.screen import Screen

    layouts: list[int] = []
    refresh_layout = Screen._refresh_layout

    def counted(self, *args, **kwargs):
        layouts.append(1)
        return refresh_layout(self, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", counted)
    return layouts


def frames_sent(monkeypatch: pytest.MonkeyPatch, screen_type: type = Screen) -> list[str]:
    """From now on, the text of each frame a screen of `screen_type` sends to the terminal.

    PRIVATE: `App._display`, where every frame of a screen goes to the driver. Textual 8 has no public
    hook on a frame being sent (a screen's `compose`/`refresh` say what will be drawn, not when)."""
    frames: list[str] = []
    display = App._display

    def shown(app, screen, renderable) -> None:
        if isinstance(screen, screen_type) and renderable is not None:
            frames.append(screen_text(app))
        display(app, screen, renderable)

    monkeypatch.setattr(App, "_display", shown)
    return frames


def screen_lines(app: App, widget: Widget | None = None) -> list[str]:
    """The screen as the user sees it, one string per row; or only the rows and columns of `widget`."""
    lines = [strip.text for strip in screen_strips(app)]
    if widget is None:
        return lines
    region = widget.region
    return [line[region.x : region.right] for line in lines[region.y : region.bottom]]


def screen_text(app: App, widget: Widget | None = None) -> str:
    return "\n".join(screen_lines(app, widget))


def widget_words(app: App, widget: Widget) -> str:
    """What a widget shows inside its padding and border, with line breaks and runs of spaces made one
    space (so text wrapped over lines reads as it was written)."""
    region = widget.content_region
    strips = screen_strips(app)[region.y : region.bottom]
    return " ".join(" ".join(strip.crop(region.x, region.right).text for strip in strips).split())


def style_at(app: App, x: int, y: int) -> Style:
    return app.screen.get_style_at(x, y)


def toasts_text(app: App) -> str:
    """The text of every notification on screen. `Toast` is the notification's CSS type (Textual's
    docs style it by that name); its class lives in a private module, so it is found by the name."""
    return " ".join(str(toast.render()) for toast in app.screen.query("Toast"))


def notices(app: App) -> list[str]:
    """The messages of the notifications the App is showing, drawn or not.

    PRIVATE: `App._notifications`. Textual 8 has no public way to list them; `toasts_text` reads them
    from the screen, but only under `run_test(notifications=True)`."""
    return [notification.message for notification in app._notifications]


def notices_kept_until_withdrawn(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on a notification never runs out (its toast included): it stays until the App
    withdraws it (a newer one replaces it, or it is cleared). A notice lasts 2.5 to 12 s of wall
    clock, and `App._notifications` drops it once that has passed: on a loaded machine a key and the
    settling after it took longer than the "Match 2 of 4" notice lasts, and the test read nothing, or
    an older notice, instead of what the key said. What a key says is what the tests check, not for
    how long.

    `Notification.has_expired` and `time_left` are public; `App._notifications` and the toasts ask them."""
    from textual.notifications import Notification

    assert isinstance(Notification.__dict__.get("has_expired"), property), "Notification.has_expired is gone"
    assert isinstance(Notification.__dict__.get("time_left"), property), "Notification.time_left is gone"
    monkeypatch.setattr(Notification, "has_expired", property(lambda self: False))
    monkeypatch.setattr(Notification, "time_left", property(lambda self: NOTICE_SHOWN_FOR_TESTS))


NOTICE_SHOWN_FOR_TESTS = 3600.0  # seconds: longer than any test


def find_on_screen(app: App, needle: str) -> tuple[int, int]:
    """The (x, y) of the first place `needle` is on screen."""
    for y, line in enumerate(screen_lines(app)):
        if needle in line:
            return line.index(needle), y
    raise AssertionError(f"{needle!r} is not on screen:\n{screen_text(app)}")


# --- waiting ----------------------------------------------------------------------------------


def poll_for_idle_quickly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pilot waits after every key until the CPU looks idle, polling every 20 ms; poll every 2 ms.
    Nothing depends on that wait: the tests `settle` (process every queued message) before looking.

    PRIVATE: `textual._wait.SLEEP_GRANULARITY`. Pilot's idle wait has no public setting."""
    assert isinstance(textual._wait.SLEEP_GRANULARITY, float)
    monkeypatch.setattr(textual._wait, "SLEEP_GRANULARITY", 0.002)


async def settle(pilot) -> None:
    """Let every pending message, refresh, call_after_refresh callback and scroll animation run:
    rounds of "process every message queued so far, then refresh the screen" (`pause(0)` does both,
    without waiting for the CPU to look idle)."""
    for _ in range(3):
        await pilot.pause(0)
    await pilot.app.animator.wait_until_complete()
    await pilot.pause(0)


async def wait_for(
    pilot,
    predicate,
    timeout: float = WAIT_SECONDS,
    message: str | Callable[[], str] = "timed out waiting",
    poll: float = 0.02,
) -> None:
    """Pause until `predicate()` holds (for work done in workers, like the palette's search), for at
    most `timeout` seconds: a bound for a loaded machine, never a measure of speed. `message` (or what
    it returns, worked out when the wait fails) says what never happened."""
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, message() if callable(message) else message
        await pilot.pause(poll)


def palette_search_done(app: App) -> bool:
    """The command palette in front has gathered every hit for what is typed: no worker of its
    gathering is waiting or running (its hits come in batches while one is).

    PRIVATE: `CommandPalette._GATHER_COMMANDS_GROUP`, the group of that worker. Textual 8 has no
    public way to ask whether the palette is still searching (its busy indicator shows only after a
    countdown)."""
    from textual.command import CommandPalette
    from textual.worker import WorkerState

    group = CommandPalette._GATHER_COMMANDS_GROUP
    return isinstance(app.screen, CommandPalette) and not any(
        worker.group == group and worker.state in (WorkerState.PENDING, WorkerState.RUNNING) for worker in app.workers
    )


def burst(app: App, *keys: str) -> None:
    """Queue the keys at once, as a terminal delivers a burst: none is handled before the next is in
    (`Pilot.press` waits for each key's work to be done before the next)."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def resize(pilot, width: int, height: int, *, then_settle: bool = True) -> None:
    """Resize the terminal and wait until the screen is laid out at the new size, then settle.

    The App answers a resize after a debounce (a 1/120 s timer): until it has, the screen keeps the
    old layout. Only the new layout has the new size, so that is what is waited for, not a time. The
    screen takes its size classes (breakpoints) as it takes the size; one more round applies the
    layout they call for. Without `then_settle`, that is all: widgets may still be redrawing their
    contents for their new sizes."""
    await pilot.resize_terminal(width, height)
    size = Size(width, height)

    def laid_out() -> bool:
        return pilot.app.screen.region.size == size

    def what_happened() -> str:
        app, screen = pilot.app, pilot.app.screen
        stalled = (
            " (the App took the size but never passed it on to the screen: its resize debounce, a"
            " 1/120 s one-shot timer, has not fired; seen only on a heavily loaded machine, cause not"
            " yet pinned down)"
            if app.size == size and app.is_running
            else ""
        )
        return (
            f"the screen never took the size {width}x{height}: the App's size is {app.size}, the screen is"
            f" laid out at {screen.region.size}, running: {app.is_running}{stalled}"
        )

    deadline = time.monotonic() + WAIT_SECONDS
    while not laid_out():
        assert time.monotonic() < deadline, what_happened()
        await asyncio.sleep(0.001)  # lets the debounce timer and the screen's handler run; draws nothing
    if then_settle:
        await settle(pilot)
    else:
        await pilot.pause(0)


# --- the reader ---------------------------------------------------------------------------------


@asynccontextmanager
async def open_reader(
    dataset: Dataset, size: tuple[int, int], at: Location | None = None, *, notifications: bool = False
) -> AsyncIterator[tuple[AnoraApp, Pilot]]:
    """The reader on `dataset` in a terminal of `size`, settled; opened at `at` if given (as a pane's
    Navigate opens it); with `notifications`, its toasts are shown. The setup most App tests repeat
    at each size they check."""
    app = AnoraApp(dataset)
    async with app.run_test(size=size, notifications=notifications) as pilot:
        await settle(pilot)
        if at is not None:
            await navigate(pilot, app, at)
        yield app, pilot


async def navigate(pilot, app: AnoraApp, location: Location) -> None:
    """Go to `location` as a pane does (a recorded Navigate), and settle."""
    app.post_message(Navigate(location))
    await settle(pilot)


def focused_pane(app: AnoraApp) -> str | None:
    for node in app.focused.ancestors_with_self if app.focused else ():
        if node.id in ("contents", "reading", "people", "timeline"):
            return node.id
    return None


def displayed(widget) -> bool:
    """Really on screen: it and all its ancestors are displayed, and it has a size."""
    return widget.display and all(a.display for a in widget.ancestors) and widget.region.area > 0


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


def css_bases(node_class: type) -> list[type]:
    """The classes whose CSS and component classes a DOM node class takes (its first DOM-node base,
    that one's, and so on).

    PRIVATE: `DOMNode._css_bases`. Textual 8 has no public way to ask which classes a widget's
    styles come from."""
    return list(node_class._css_bases(node_class))


def wrappings_counted(monkeypatch: pytest.MonkeyPatch, labels: Iterable[object]) -> list[int]:
    """From now on, each width one of `labels` is wrapped at anew (not one its `Hanging` keeps
    wrapped already): empty if they are drawn from wrapping made before.

    PRIVATE: `Hanging._wrapped` and `_wrapped_before`, the widths it keeps lines for."""
    from anora_tui.ui.hanging import Hanging

    wrapped: list[int] = []
    lines = Hanging.lines
    ids = {id(label) for label in labels}

    def counted(self, width):
        kept = [known[0] for known in (self._wrapped, self._wrapped_before) if known is not None]
        if id(self.content) in ids and width not in kept:
            wrapped.append(width)
        return lines(self, width)

    monkeypatch.setattr(Hanging, "lines", counted)
    return wrapped


def reader_with_keymap(dataset: Dataset, tmp_path, keymap: dict[str, str]) -> AnoraApp:
    """The reader with these keys moved by a `[keymap]` in its config file (binding id -> keys)."""
    config = tmp_path / "config.toml"
    config.write_text("[keymap]\n" + "".join(f'"{binding}" = "{keys}"\n' for binding, keys in keymap.items()),
                      encoding="utf-8")
    return AnoraApp(dataset, state_path=tmp_path / "state.json", config_path=config)
