"""The command palette opened empty lists the article's places first (the reader's bookmarks before
them), and Textual's own commands (Keys, Quit, Theme…) after them, still there to scroll or type to."""

from __future__ import annotations

from ui_harness import open_reader, palette, screen_text, settle, wait_for
from textual.command import CommandList, CommandPalette

from anora_tui.core.navigation import Location
from anora_tui.ui.screens.help import HelpScreen

PLACE_KINDS = ("Person: ", "Character: ", "Section ", "Scene ", "Event: ")
TEXTUAL_COMMANDS = ("Quit", "Keys", "Theme")


def listed(app) -> list[str]:
    options = app.screen.query_one(CommandList)
    return [str(options.get_option_at_index(i).prompt).split("\n")[0] for i in range(options.option_count)]


async def empty_palette(pilot, app) -> list[str]:
    await pilot.press("ctrl+p")
    await settle(pilot)
    await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette) and app.screen.has_class("-ready"))
    await settle(pilot)
    return listed(app)


def first_textual_command(lines: list[str]) -> int:
    return min(i for i, line in enumerate(lines) if line.split(" ")[0] in TEXTUAL_COMMANDS)


async def test_the_empty_palette_lists_places_before_textuals_commands(shipped_dataset, isolated_state):
    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        lines = await empty_palette(pilot, app)
        places = [i for i, line in enumerate(lines) if line.startswith(PLACE_KINDS)]
        assert places and places[0] == 0, lines[:5]
        textual = first_textual_command(lines)
        assert textual > places[-1], lines
        assert {line.split(" ")[0] for line in lines[textual:]} >= set(TEXTUAL_COMMANDS), lines[textual:]


async def test_the_empty_palette_lists_bookmarks_first(shipped_dataset, isolated_state):
    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        app.bookmarks = (Location("scene", "home-invasion"), Location("section", shipped_dataset.sections[1].id))
        lines = await empty_palette(pilot, app)
        assert [line.split(":")[0] for line in lines[:3]] == ["Bookmark", "Bookmark", lines[2].split(":")[0]], lines[:3]
        assert lines[0].startswith("Bookmark: Scene") and lines[2].startswith(PLACE_KINDS), lines[:3]
        assert first_textual_command(lines) > 2


async def test_keys_in_the_palette_opens_the_readers_help_which_escape_closes(shipped_dataset, isolated_state):
    """Textual's Keys opened its key panel beside the reader: Escape left it there, and it listed keys
    the reader does not have. The palette's Keys is the reader's help screen."""
    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert "A person, section, scene, event, quote or command…" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        await palette(pilot, app, "Keys", "Every key of the reader")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert not app.screen.query("HelpPanel") and not app.screen_stack[0].query("HelpPanel")
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, (HelpScreen, CommandPalette))
        assert not app.screen.query("HelpPanel")
