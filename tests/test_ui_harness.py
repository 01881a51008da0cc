"""The test harness itself, and above all the Textual private names it relies on (see ui_harness.py).

Each test here fails with the private name in its message when a Textual upgrade removes or changes
it, so the cause is found in one place rather than in odd failures all over the suite.
"""

from __future__ import annotations

import ast
from pathlib import Path

import textual._wait
from textual.app import App, ComposeResult
from textual.widgets import Static
from ui_harness import (
    frames_beside_textuals,
    frames_sent,
    poll_for_idle_quickly,
    resize,
    screen_compositor,
    screen_lines,
    screen_strips,
    screen_strips_as_textual_draws,
    screen_text,
    settle,
    style_at,
    toasts_text,
    notices,
    palette_search_done,
    wait_for,
)


class Hello(App):
    CSS = "#top { height: 1; color: red; } #bottom { dock: bottom; height: 1; } Screen.-narrow #top { display: none; }"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (30, "-wide")]

    def compose(self) -> ComposeResult:
        yield Static("hello [bold]", id="top", markup=False)
        yield Static("bottom", id="bottom", markup=False)


async def test_the_screen_reads_back_as_text_and_styles():
    """PRIVATE: Screen._compositor.render_strips()."""
    app = Hello()
    async with app.run_test(size=(40, 5)) as pilot:
        await settle(pilot)
        assert hasattr(app.screen, "_compositor"), "Textual renamed Screen._compositor"
        strips = screen_strips(app)
        assert len(strips) == 5 and all(strip.cell_length == 40 for strip in strips)
        lines = screen_lines(app)
        assert lines[0] == "hello [bold]".ljust(40) and lines[-1] == "bottom".ljust(40)
        assert screen_lines(app, app.query_one("#bottom")) == ["bottom".ljust(40)]
        assert screen_text(app).count("\n") == 4
        assert style_at(app, 0, 0).color.triplet == (255, 0, 0)


async def test_resize_waits_for_the_new_layout():
    app = Hello()
    async with app.run_test(size=(40, 5)) as pilot:
        await settle(pilot)
        for width, height in ((12, 3), (41, 7), (1, 1), (29, 2), (30, 2)):
            await resize(pilot, width, height)
            lines = screen_lines(app)
            assert len(lines) == height and {len(line) for line in lines} == {width}
            assert ("hello" in lines[0]) is (width >= 30 and height > 1)  # the breakpoint's class applied


def test_pilot_idle_polling_can_be_quickened(monkeypatch):
    """PRIVATE: textual._wait.SLEEP_GRANULARITY, read by Pilot's idle wait each time it sleeps."""
    assert "SLEEP_GRANULARITY" in textual._wait.wait_for_idle.__code__.co_names, (
        "textual._wait.wait_for_idle no longer reads SLEEP_GRANULARITY: the quick_pilot fixture does nothing"
    )
    poll_for_idle_quickly(monkeypatch)
    assert textual._wait.SLEEP_GRANULARITY == 0.002


async def test_the_palette_says_when_it_has_gathered_its_hits():
    """PRIVATE: CommandPalette._GATHER_COMMANDS_GROUP, the group of the worker that gathers its hits."""
    from textual.command import CommandPalette

    assert isinstance(getattr(CommandPalette, "_GATHER_COMMANDS_GROUP", None), str), (
        "Textual renamed CommandPalette._GATHER_COMMANDS_GROUP: palette_search_done cannot tell"
    )
    app = Hello()
    async with app.run_test(size=(60, 20)) as pilot:
        assert not palette_search_done(app)  # no palette in front
        await pilot.press("ctrl+p", *"quit")
        await wait_for(pilot, lambda: palette_search_done(app), message="the palette never finished")


def test_the_place_can_be_saved_only_at_exit(place_saved_at_exit):
    """conftest's `place_saved_at_exit` sets `place_keeper.SAVE_DELAY`: each reader's place keeper
    must still read it as it starts, or the fixture does nothing."""
    from anora_tui.ui import place_keeper

    assert "SAVE_DELAY" in place_keeper.PlaceKeeper.__init__.__code__.co_names, (
        "PlaceKeeper no longer reads place_keeper.SAVE_DELAY as it starts: place_saved_at_exit does nothing"
    )
    assert place_keeper.SAVE_DELAY == 3600.0


async def test_notifications_are_read_by_their_css_type():
    app = Hello()
    async with app.run_test(size=(40, 8), notifications=True) as pilot:
        app.notify("Saved your place", title="Note")
        await settle(pilot)
        assert "Saved your place" in toasts_text(app), "no widget of CSS type Toast shows the notification"
        assert notices(app) == ["Saved your place"], "App._notifications no longer lists what is shown"


async def test_notices_stay_until_the_app_withdraws_them():
    """The conftest's `notices_stay`: a notice whose time ran out long ago is still read, and shown; a
    newer one still replaces it (the App's own rule, `OneNoticeAtATimeApp`)."""
    from anora_tui.ui.app import AnoraApp
    from anora_tui.core.loading.loader import load_dataset
    from conftest import EXAMPLE_DATA_DIR

    app = Hello()
    async with app.run_test(size=(40, 8), notifications=True) as pilot:
        app.notify("Ran out an hour ago", timeout=-3600)
        await settle(pilot)
        assert notices(app) == ["Ran out an hour ago"] and "Ran out an hour ago" in toasts_text(app)
    reader = AnoraApp(load_dataset(EXAMPLE_DATA_DIR))
    async with reader.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader.notify("Match 1 of 2", timeout=-3600)
        await settle(pilot)
        reader.notify("Match 2 of 2", timeout=-3600)
        await settle(pilot)
        assert notices(reader) == ["Match 2 of 2"]


async def test_a_frame_can_be_compared_with_what_textuals_compositor_sends(monkeypatch):
    from textual._compositor import Compositor

    frames = frames_beside_textuals(monkeypatch, Compositor)
    app = Hello()
    async with app.run_test(size=(40, 8)) as pilot:
        await settle(pilot)
        frames.clear()
        app.query_one(Static).update("hello again")
        await settle(pilot)
        assert frames and all(ours == textuals for ours, textuals in frames)
        assert screen_strips_as_textual_draws(app) == screen_strips(app)
        assert isinstance(screen_compositor(app), Compositor)


# The harness, and the reader's own canary for the private names its UI code uses.
ALLOWED = {"ui_harness.py", "test_ui_harness.py", "test_textual_private.py"}


async def test_the_frames_a_screen_sends_are_read_as_they_go(monkeypatch):
    frames = frames_sent(monkeypatch)
    app = Hello()
    async with app.run_test(size=(40, 5)) as pilot:
        await settle(pilot)
        app.query_one("#top", Static).update("changed")
        await settle(pilot)
    assert frames and "hello [bold]" in frames[0] and "changed" in frames[-1]


async def test_no_other_test_module_reaches_into_textual_privates():
    """Outside the harness, no test imports a private Textual module (`textual._wait`,
    `textual.widgets._toast`) or reads a private attribute of Textual's objects (`_compositor`,
    `_wait_for_screen`, `_on_timer_update`, `_dispatch_action`...): they go through the harness."""
    app = Hello()
    async with app.run_test(size=(20, 5)) as pilot:
        objects = [app, app.screen, pilot, app.query_one(Static), app.animator]
        private = {name for thing in objects for name in (*dir(type(thing)), *vars(thing))}
    private = {name for name in private if name.startswith("_") and not name.startswith("__")}
    assert {"_compositor", "_wait_for_screen", "_on_timer_update", "_dispatch_action"} <= private
    offenders = []
    for path in sorted(Path(__file__).parent.glob("*.py")):
        if path.name in ALLOWED:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        own = {node.name for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
        # Modules other than Textual's (os, the reader's own) may have underscore names of their own.
        other_modules = {
            alias.asname or alias.name.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, (ast.Import, ast.ImportFrom))
            and not (getattr(node, "module", None) or node.names[0].name).startswith("textual")
            for alias in node.names
        }
        for node in ast.walk(tree):
            modules = []
            if isinstance(node, ast.ImportFrom) and node.module:
                modules = [node.module]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            for module in modules:
                parts = module.split(".")
                if parts[0] == "textual" and any(part.startswith("_") for part in parts):
                    offenders.append(f"{path.name}:{node.lineno}: imports {module}")
            if (
                isinstance(node, ast.Attribute)
                and node.attr in private
                and node.attr not in own
                and not (isinstance(node.value, ast.Name) and node.value.id in other_modules)
            ):
                offenders.append(f"{path.name}:{node.lineno}: .{node.attr}")
    assert not offenders, "Textual private names outside tests/ui_harness.py:\n" + "\n".join(offenders)


def test_bound_keys_merges_inherited_bindings():
    """PRIVATE: DOMNode._merge_bindings()."""
    from textual.widgets import OptionList

    from anora_tui.ui.widgets.link_list import LinkList

    from ui_harness import bound_keys

    assert hasattr(OptionList, "_merge_bindings"), "Textual renamed DOMNode._merge_bindings"
    assert {"enter", "j", "pageup", "down"} <= bound_keys(LinkList)
