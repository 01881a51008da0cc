"""The "too small" notice that stands in for the panes fits whatever the terminal is: at every size from
1×1 up to the minimum, and short-and-wide or narrow-and-tall, every line of it is on screen, its first
words ("Terminal too small", "Too small") first, wrapped between words wherever a wording fits; it
says how to quit wherever that fits, with the key in force; and no notification covers it. At 10×3 it
ended "enlarge it", the key that quits cut off below; at 5×2 it read "Termi" / "nal"; a notification
shown as the terminal shrank covered its first words. Read from the screen."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.geometry import Size
from ui_harness import NARROW, reader_with_keymap, resize, screen_lines, settle

from anora_tui.ui.app import AnoraApp
from anora_tui.ui.layout import TINY_HEIGHT, TINY_WIDTH
from anora_tui.ui.widgets.too_small import WORDINGS, notice_lines

pytestmark = pytest.mark.usefixtures("quick_pilot")

MINIMUM = Size(TINY_WIDTH, TINY_HEIGHT)
TOO_SMALL = [Size(w, h) for h in range(1, 13) for w in range(1, 41) if w < TINY_WIDTH or h < TINY_HEIGHT]
SHORT_OR_NARROW = [Size(60, 5), Size(200, 1), Size(19, 40), Size(1, 60), Size(140, 3)]
FIRST_WORDS = ("Terminal too small", "Too small")


def shown(app) -> list[str]:
    """The screen's non-blank rows, stripped of the centring."""
    return [line.strip() for line in screen_lines(app) if line.strip()]


def wording_words() -> set[str]:
    """Every word any wording of the notice has (with each minimum it may name, and q to quit)."""
    needs = (f"{TINY_WIDTH}×{TINY_HEIGHT}", f"{TINY_WIDTH} columns", f"{TINY_HEIGHT} lines")
    return {word for wording in WORDINGS for need in needs
            for word in wording.format(need=need, quit="q").replace("\u00a0", " ").split()}


@pytest.mark.parametrize("size", TOO_SMALL + SHORT_OR_NARROW, ids=lambda size: f"{size.width}x{size.height}")
def test_the_notice_fits_its_room_first_words_first(size):
    lines = notice_lines(size, size, MINIMUM, "q")
    assert lines, size
    assert len(lines) <= size.height and all(cell_len(line) <= size.width for line in lines), lines
    squashed = "".join("".join(lines).split())
    assert any(first.startswith(squashed) or squashed.startswith(first) for first in ("Terminaltoosmall", "Toosmall")), lines
    if size.width >= len("small:") and size.height >= 2:  # room for a wording in whole words
        assert set(" ".join(lines).split()) <= wording_words(), f"a word cut in two: {lines}"
    if (size.width >= 9 and size.height >= 2) or (size.width >= 7 and size.height >= 3):
        assert "q quits" in " ".join(lines), lines


async def test_every_tiny_size_shows_the_whole_notice_and_its_first_line_on_top(shipped_dataset, tmp_path):
    app = AnoraApp(shipped_dataset, state_path=tmp_path / "state.json", config_path=tmp_path / "none.toml")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        for size in [*TOO_SMALL, *SHORT_OR_NARROW]:
            await resize(pilot, size.width, size.height)
            assert app.is_running and app.too_small, size
            rows = screen_lines(app)
            assert len(rows) == size.height and all(cell_len(row) == size.width for row in rows), size
            expected = notice_lines(size, size, MINIMUM, "q")
            assert shown(app) == expected, f"at {size.width}x{size.height}:\n" + "\n".join(rows)
        await resize(pilot, *NARROW)
        assert not app.too_small and app.reading.section_id is not None


async def test_a_notification_does_not_cover_the_notice(shipped_dataset, tmp_path):
    app = AnoraApp(shipped_dataset, state_path=tmp_path / "state.json", config_path=tmp_path / "none.toml")
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("B")  # "Bookmarked: …", shown as the terminal shrinks
        await settle(pilot)
        assert app.screen.query("Toast")
        for width, height in ((19, 5), (10, 3), (30, 4), (60, 5)):
            await resize(pilot, width, height)
            app.notify("A notice that comes while the terminal is too small, long enough to wrap.")
            await settle(pilot)
            expected = notice_lines(Size(width, height), Size(width, height), MINIMUM, "q")
            assert shown(app) == expected, "\n".join(screen_lines(app))


async def test_the_notice_names_the_quit_key_in_force(shipped_dataset, tmp_path):
    app = reader_with_keymap(shipped_dataset, tmp_path, {"app.quit": "x"})
    async with app.run_test(size=(19, 5)) as pilot:
        await settle(pilot)
        assert "(x quits)" in " ".join(shown(app)), screen_lines(app)
        await pilot.press("x")
        await settle(pilot)
        assert not app.is_running
