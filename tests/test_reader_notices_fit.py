"""Notices fit the screen, however many come at once and at any size from the smallest the reader
draws: at 80×24 a corrupt state file and a settings file with problems gave two notices taller than
the screen together, the first (the state's) not seen at all. A notice that fits is whole; one that
does not is cut to its share, ending with "…" and, for the settings, the palette command that lists
every problem; the same holds after a resize. Read from the toasts on screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Size
from ui_harness import resize, screen_lines, settle, wait_for

from anora_tui.ui.app import AnoraApp, SETTINGS_PROBLEMS
from anora_tui.ui.notice_fit import CUT, Notice, fit_notices, text_width, wrapped

pytestmark = pytest.mark.usefixtures("quick_pilot")

SIZES = [(40, 12), (80, 24), (120, 40), (200, 50)]


def broken_start(tmp_path: Path) -> tuple[Path, Path]:
    """A corrupt state file in a long directory, and a settings file with many problems."""
    state = tmp_path / "a-directory-with-a-rather-long-name-for-the-saved-state" / "state.json"
    state.parent.mkdir()
    state.write_text("{not json")
    config = tmp_path / "config.toml"
    config.write_text('theme = "no-such-theme"\n[keymap]\n' + "".join(f'"no.such.id{i}" = "x"\n' for i in range(9)))
    return state, config


def toasts(app) -> list:
    return list(app.screen.query("Toast"))


def shown_text(app, toast) -> str:
    """The toast's text (title and message) as the screen shows it, its wrapped lines joined."""
    return " ".join(toast_rows_on_screen(app, toast))


def toast_rows_on_screen(app, toast) -> list[str]:
    """The rows of the toast's text found on screen, in its columns, between the title line and the
    key bar; each row of its text must be there, in order (a row above the screen is not)."""
    region = toast.content_region
    rows = wrapped(toast.render().plain, region.width)  # its title over its message
    lines = [line[region.x : region.right].rstrip() for line in screen_lines(app)[1 : app.size.height - 1]]
    found, start = [], 0
    for row in rows:
        at = next((i for i in range(start, len(lines)) if lines[i] == row.rstrip()), None)
        assert at is not None, f"{row!r} of a notice is not on screen at {app.size}:\n" + "\n".join(lines)
        found.append(lines[at])
        start = at + 1
    return found


def assert_within_screen(app) -> None:
    shown = toasts(app)
    assert shown, "no notice on screen"
    for toast in shown:
        toast_rows_on_screen(app, toast)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_the_start_ups_notices_fit_the_screen_together(shipped_dataset, tmp_path, size):
    state, config = broken_start(tmp_path)
    app = AnoraApp(shipped_dataset, state_path=state, config_path=config)
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        await wait_for(pilot, lambda: len(toasts(app)) == 2 and all(t.region.height for t in toasts(app)))
        await settle(pilot)
        assert_within_screen(app)
        first, settings = (shown_text(app, toast) for toast in toasts(app))
        assert "Ignored the saved" in first  # the state's notice is seen (it was above the screen)
        assert "Settings" in settings
        if "more in the same file" not in settings:  # cut: where to see them all ends it, given 3 lines
            assert CUT in settings, settings
            assert f"“{SETTINGS_PROBLEMS}”" in settings or size[1] < 24, settings


async def test_where_one_notice_fits_the_newest_is_shown(shipped_dataset, tmp_path):
    state, config = broken_start(tmp_path)
    app = AnoraApp(shipped_dataset, state_path=state, config_path=config)
    async with app.run_test(size=(30, 10), notifications=True) as pilot:
        await settle(pilot)
        await wait_for(pilot, lambda: len(toasts(app)) == 1 and toasts(app)[0].region.height)
        assert_within_screen(app)
        assert "Settings" in shown_text(app, toasts(app)[0])


async def test_the_notices_fit_again_when_the_screen_shrinks(shipped_dataset, tmp_path):
    state, config = broken_start(tmp_path)
    app = AnoraApp(shipped_dataset, state_path=state, config_path=config)
    async with app.run_test(size=(200, 50), notifications=True) as pilot:
        await settle(pilot)
        await wait_for(pilot, lambda: len(toasts(app)) == 2)
        await resize(pilot, 80, 24)
        await wait_for(pilot, lambda: len(toasts(app)) == 2 and all(t.region.height for t in toasts(app)))
        await settle(pilot)
        assert_within_screen(app)
        await resize(pilot, 200, 50)  # and whole again, given the room
        await wait_for(pilot, lambda: "more in the same file" in shown_text(app, toasts(app)[-1]))  # whole


async def test_the_full_list_of_settings_problems_fits_too(shipped_dataset, tmp_path):
    state, config = broken_start(tmp_path)
    app = AnoraApp(shipped_dataset, state_path=state, config_path=config)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        app.show_settings_problems()
        await settle(pilot)
        await wait_for(pilot, lambda: any("taller terminal" in shown_text(app, t) for t in toasts(app)))
        assert_within_screen(app)


@pytest.mark.parametrize("count", [1, 2, 3, 5, 8])
@pytest.mark.parametrize("size", [(20, 6), (30, 10), (80, 24), (200, 50)])
def test_any_number_of_notices_takes_no_more_rows_than_the_screen_has(count, size):
    screen = Size(*size)
    notices = [Notice(f"Notice {i}", "word " * (40 * (i + 1)), "See the palette.") for i in range(count)]
    fitted = fit_notices(notices, screen)
    width = text_width(screen)
    shown = [(notice, message) for notice, message in zip(notices, fitted) if message is not None]
    assert shown and shown[-1][0] is notices[-1]  # the newest is always shown
    rows = sum(3 + len(wrapped(notice.title, width)) + len(wrapped(message, width)) for notice, message in shown)
    if len(shown) > 1 or rows <= size[1] - 2:
        assert rows <= size[1] - 2, (rows, fitted)
    for notice, message in shown:
        assert message == notice.message or CUT in message, message
