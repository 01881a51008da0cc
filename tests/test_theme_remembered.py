"""The theme: config.toml's applies unless the reader picked another in the palette, and only such a
pick is remembered in the state (it once kept whatever theme was in force, the default or the
settings' own, and held it over the settings for good). Picking the settings' own theme forgets the
pick. A state saved before picks were told apart does not hold its theme over the settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ui_harness import NARROW, settle

from anora_tui.core.state import SavedState, load_state, starting_theme, theme_picked
from anora_tui.ui.app import AnoraApp

pytestmark = pytest.mark.usefixtures("quick_pilot")

DEFAULT = "textual-dark"
KNOWN = ("textual-dark", "nord", "gruvbox", "dracula")


async def run_reader(dataset, tmp_path: Path, settings_theme: str | None, pick: str | None = None) -> str:
    """Start the reader (with `settings_theme` in config.toml), pick `pick` as the palette does,
    quit; the theme it started with."""
    config = tmp_path / "config.toml"
    config.write_text(f'theme = "{settings_theme}"\n' if settings_theme else "")
    app = AnoraApp(dataset, state_path=tmp_path / "state.json", config_path=config)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        started = app.theme
        if pick is not None:
            app.theme = pick  # what the palette's theme command does
            await settle(pilot)
        await pilot.press("q")
    return started


async def test_a_theme_written_in_the_settings_later_applies(shipped_dataset, tmp_path):
    assert await run_reader(shipped_dataset, tmp_path, None) == DEFAULT
    assert load_state(tmp_path / "state.json").state.theme is None  # nobody picked one
    assert await run_reader(shipped_dataset, tmp_path, "gruvbox") == "gruvbox"


async def test_a_change_to_the_settings_theme_applies(shipped_dataset, tmp_path):
    assert await run_reader(shipped_dataset, tmp_path, "gruvbox") == "gruvbox"
    assert await run_reader(shipped_dataset, tmp_path, "nord") == "nord"


async def test_a_theme_picked_in_the_palette_wins_until_the_settings_own_is_picked(shipped_dataset, tmp_path):
    await run_reader(shipped_dataset, tmp_path, "gruvbox", pick="nord")
    state = load_state(tmp_path / "state.json").state
    assert (state.theme, state.theme_picked) == ("nord", True)
    assert await run_reader(shipped_dataset, tmp_path, "gruvbox") == "nord"
    assert await run_reader(shipped_dataset, tmp_path, "dracula", pick="dracula") == "nord"  # picked the settings'
    assert load_state(tmp_path / "state.json").state.theme is None
    assert await run_reader(shipped_dataset, tmp_path, "gruvbox") == "gruvbox"


@pytest.mark.parametrize(
    "saved, settings, expected",
    [
        ("textual-dark", "gruvbox", "gruvbox"),  # saved by an old version: the default, nobody's pick
        ("gruvbox", "nord", "nord"),  # the old settings' theme, saved: the new settings' applies
        ("nord", None, "nord"),  # no settings: only the palette could have put it there
    ],
)
async def test_a_theme_saved_before_picks_were_told_apart(shipped_dataset, tmp_path, saved, settings, expected):
    state = tmp_path / "state.json"
    state.write_text(json.dumps({"version": 2, "theme": saved, "zen": False, "datasets": {}}))
    assert await run_reader(shipped_dataset, tmp_path, settings) == expected
    written = json.loads(state.read_text())
    assert (written["theme"], written["theme_picked"]) == ((saved, True) if settings is None else (None, False))
    assert await run_reader(shipped_dataset, tmp_path, settings) == expected


@pytest.mark.parametrize(
    "saved, settings, expected",
    [
        (SavedState(), None, (DEFAULT, None)),
        (SavedState(), "nord", ("nord", None)),
        (SavedState(theme="nord", theme_picked=True), "gruvbox", ("nord", "nord")),
        (SavedState(theme="nord", theme_picked=True), "nord", ("nord", None)),
        (SavedState(theme="gone", theme_picked=True), "gruvbox", ("gruvbox", None)),
        (SavedState(theme="nord"), "gruvbox", ("gruvbox", None)),
        (SavedState(theme="nord"), None, ("nord", "nord")),
        (SavedState(theme=DEFAULT), None, (DEFAULT, None)),
    ],
)
def test_the_starting_theme(saved, settings, expected):
    assert tuple(starting_theme(saved, settings, DEFAULT, KNOWN)) == expected


def test_a_pick_of_what_applies_anyway_is_not_remembered():
    assert theme_picked("nord", "nord", DEFAULT) is None
    assert theme_picked(DEFAULT, None, DEFAULT) is None
    assert theme_picked(DEFAULT, "nord", DEFAULT) == DEFAULT
    assert theme_picked("gruvbox", None, DEFAULT) == "gruvbox"
