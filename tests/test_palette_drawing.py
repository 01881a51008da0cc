"""The command palette draws a key's hits once: the list is not drawn again because the key changed
its height, and its rows keep their width whether the list shows a scrollbar or not (the width they
were drawn at), at every size a reader uses."""

from __future__ import annotations

import pytest
from textual.command import CommandList, CommandPalette
from textual.content import Content

from anora_tui.core.navigation import Location
from anora_tui.ui.screens.palette import PRIVATE_NAMES, ReaderPalette
from ui_harness import find_on_screen, open_reader, screen_text, settle, style_at, wait_for

pytestmark = pytest.mark.usefixtures("place_saved_at_exit")

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)], ids=["80x24", "120x40", "200x50"])
QUERY = "mikey madison"  # "m" brings more hits than any of these sizes shows; "mikey" one or two
TOP_HIT = "Person: Mikey Madison"


def top_hit_shown(app) -> bool:
    options = app.screen.query_one(CommandList)
    return options.option_count > 0 and str(options.get_option_at_index(0).prompt).startswith(TOP_HIT)


def highlight_end(app) -> int:
    """The column after the last cell of the list's first row (highlighted) in the highlight's colour."""
    region = app.screen.query_one(CommandList).content_region
    colour = style_at(app, region.x, region.y).bgcolor
    end = region.x
    while end < app.size.width and style_at(app, end, region.y).bgcolor == colour:
        end += 1
    return end


@SIZES
async def test_each_key_builds_the_rows_it_shows_once(shipped_dataset, isolated_state, size, monkeypatch):
    built: list[str] = []
    render_strips = Content.render_strips

    def counted(content, *args, **kwargs):
        built.append(content.plain)
        return render_strips(content, *args, **kwargs)

    monkeypatch.setattr(Content, "render_strips", counted)
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: app.screen.has_class("-ready"))
        await settle(pilot)
        hits = app.screen.query_one(CommandList)
        heights = {hits.size.height}
        for typed in range(1, len(QUERY) + 1):
            built.clear()
            await pilot.press(QUERY[typed - 1])
            await wait_for(pilot, lambda: hits.option_count and str(hits.get_option_at_index(0).prompt).startswith(
                ("Person: Mikey", "Search")))
            await settle(pilot)
            heights.add(hits.size.height)
            prompts = {str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)}
            rows = [row for row in built if row in prompts]
            assert rows, f"{QUERY[:typed]!r}: no row was drawn"
            assert len(rows) == len(set(rows)), f"{QUERY[:typed]!r}: rows built more than once: {sorted(rows)}"
        assert len(heights) > 2  # the keys changed the list's height
        assert top_hit_shown(app)


@SIZES
async def test_the_rows_keep_their_width_as_the_scrollbar_comes_and_goes(shipped_dataset, isolated_state, size):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await pilot.press("ctrl+p")  # lists every place: more than fit
        await wait_for(pilot, lambda: app.screen.has_class("-ready"))
        await settle(pilot)
        hits = app.screen.query_one(CommandList)
        assert hits.virtual_size.height > hits.scrollable_content_region.height
        with_scrollbar = highlight_end(app)
        await pilot.press(*"mikey")
        await wait_for(pilot, lambda: top_hit_shown(app) and hits.option_count <= 4)
        await settle(pilot)
        assert hits.virtual_size.height <= hits.scrollable_content_region.height
        assert TOP_HIT in screen_text(app)
        assert highlight_end(app) == with_scrollbar
        await pilot.press("enter")
        await settle(pilot)
        assert app.history.current == Location("person", "mikey-madison")


def test_the_private_names_the_palette_uses_are_still_there():
    palette = ReaderPalette()
    for owner, name in PRIVATE_NAMES:
        assert hasattr(palette if owner is CommandPalette else owner, name), f"Textual has no {owner.__name__}.{name}"


@SIZES
async def test_a_hit_is_highlighted_where_it_matches_and_opens_on_a_click(shipped_dataset, isolated_state, size):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert ReaderPalette.is_open(app)
        await pilot.press(*"yur")
        await wait_for(pilot, lambda: "Person: Yuri Borisov" in screen_text(app))
        await settle(pilot)
        x, y = find_on_screen(app, "Person: Yuri Borisov")
        name = x + len("Person: ")
        matched, rest = style_at(app, name, y), style_at(app, name + 3, y)  # "Yur", then "i"
        assert matched != rest and style_at(app, name + 2, y) == matched
        assert "Quote: " in screen_text(app)  # the quotes with the words are listed too
        await pilot.click(offset=(x + 2, y))
        await settle(pilot)
        assert not ReaderPalette.is_open(app)
        assert app.history.current == Location("person", "yuri-borisov")


@SIZES
async def test_textuals_commands_are_listed_and_escape_closes(shipped_dataset, isolated_state, size):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await pilot.press("ctrl+p", *"them")
        await wait_for(pilot, lambda: "Change the current theme" in screen_text(app))
        await pilot.press("escape")
        await settle(pilot)
        assert not ReaderPalette.is_open(app) and "Change the current theme" not in screen_text(app)
        await pilot.press("ctrl+p", *"theme")
        await wait_for(pilot, lambda: "Change the current theme" in screen_text(app))
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Search for themes" in screen_text(app))
        await pilot.press(*"nord", "enter")
        await settle(pilot)
        assert app.theme == "nord"


async def test_emptied_again_the_palette_lists_what_it_listed_when_opened(shipped_dataset, isolated_state):
    async with open_reader(shipped_dataset, (120, 40)) as (app, pilot):
        app.bookmarks = (Location("scene", "home-invasion"),)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: app.screen.has_class("-ready"))
        await settle(pilot)
        hits = app.screen.query_one(CommandList)
        opened = [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]
        assert opened[0].startswith("Bookmark: ") and any(line.startswith("Theme") for line in opened)
        await pilot.press("x", "backspace")
        await settle(pilot)
        assert [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)] == opened
        assert hits.highlighted == 0
