"""The stylesheets of the screens over the reader (help, bookmarks, the palette's list, search) are not
parsed before the first frame: they are read once it is drawn, or when the first such screen opens if
that comes sooner, and that screen is styled by them all the same."""

from __future__ import annotations

import os

import pytest
from ui_harness import WIDE, settle

from anora_tui.paths import styles_dir
from anora_tui.ui.app import LATER_STYLESHEETS, AnoraApp


def later_sources(app: AnoraApp) -> set[str]:
    return {name for name in LATER_STYLESHEETS if app.stylesheet.has_source(os.path.abspath(styles_dir() / name), "")}


def test_the_first_frame_does_not_read_the_screens_stylesheets(shipped_dataset, tmp_path):
    app = AnoraApp(shipped_dataset, state_path=tmp_path / "state.json")
    read_at_start = {path.name for path in app.css_path}
    assert read_at_start and read_at_start.isdisjoint(LATER_STYLESHEETS)
    assert {path.name for path in styles_dir().glob("*.tcss")} >= set(LATER_STYLESHEETS)


async def test_they_are_read_once_the_first_frame_is_drawn(shipped_dataset, tmp_path):
    app = AnoraApp(shipped_dataset, state_path=tmp_path / "state.json")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert later_sources(app) == set(LATER_STYLESHEETS)


@pytest.mark.parametrize(("key", "selector"), [("question_mark", "#help-body"), ("slash", "#search")])
async def test_a_screen_opened_before_they_are_read_is_styled_by_them(
    shipped_dataset, tmp_path, monkeypatch, key, selector
):
    # As if the key came before the reader got to read them after its first frame.
    monkeypatch.setattr(AnoraApp, "read_later_stylesheets_after_start", lambda self: None)
    app = AnoraApp(shipped_dataset, state_path=tmp_path / "state.json")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert later_sources(app) == set()
        await pilot.press(key)
        await settle(pilot)
        assert later_sources(app) == set(LATER_STYLESHEETS)
        box = app.screen.query_one(selector)
        assert box.styles.border.top[0] == "round"  # from screens.tcss or search.tcss
        assert box.region.width < WIDE[0]  # its width rule: the box is not the whole screen


async def test_the_palette_opened_before_they_are_read_keeps_room_for_its_scrollbar(shipped_dataset, tmp_path, monkeypatch):
    from anora_tui.ui.screens.palette import PaletteList

    monkeypatch.setattr(AnoraApp, "read_later_stylesheets_after_start", lambda self: None)
    app = AnoraApp(shipped_dataset, state_path=tmp_path / "state.json")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert app.screen.query_one(PaletteList).styles.scrollbar_gutter == "stable"  # palette.tcss
