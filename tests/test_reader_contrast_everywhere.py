"""Every pane and every screen over the reader keeps its words legible in every theme: each letter
and digit at 4.5:1 or more against what it is drawn on (the WCAG's AA), as the reading pane's words
already were (ui/contrast.py). The contents, the people (the list and a person's page), the timeline
(the list and a scene's detail), the search (results and preview), the help, the bookmarks and the
palette are each checked in every theme Textual offers, the cursor on a row of each list. In
textual-light the lists' muted parts were 2.9:1, in solarized-light under 3:1.

Read from the screen. An ANSI theme's colours are the terminal's (unknown here: left out, as the
reading pane's test does not read them either); behind a screen over the reader, the reader is dimmed
on purpose and only the screen's own box is read."""

from __future__ import annotations

import pytest
from contrast import faint_text
from textual.theme import BUILTIN_THEMES
from ui_harness import navigate, open_reader, settle, wait_for, screen_text

from anora_tui.core.navigation import Location

LEGIBLE = 4.5
THEMES = sorted(name for name in BUILTIN_THEMES if not name.startswith("ansi"))


# A pane's view: how it is opened (a key, or a place to go to), the rows the cursor moves down, and
# the pane read.
PANE_VIEWS = {
    "contents": ("1", 2, "contents"),
    "people": ("3", 2, "people"),
    "person": (Location("person", "sean-baker"), 2, "people"),
    "timeline": ("4", 2, "timeline"),
    "scene": (Location("event", "wedding-videos"), 1, "timeline"),
}


async def faint_in(app, pilot, view: str):
    """Open `view`, and the text in it drawn below 4.5:1."""
    if view in PANE_VIEWS:
        opener, rows, pane = PANE_VIEWS[view]
        if isinstance(opener, Location):
            await navigate(pilot, app, opener)
        else:
            await pilot.press(opener)
            await settle(pilot)
        await pilot.press(*["down"] * rows)
        await settle(pilot)
        return faint_text(app, LEGIBLE, region=getattr(app, pane).region)
    if view == "reading":
        await navigate(pilot, app, Location("section", app.dataset.sections[8].id))
        return faint_text(app, LEGIBLE, region=app.reading.region)
    opener = {"search": ("slash", *"sean"), "help": ("f1",), "bookmarks": ("B", "apostrophe"), "palette": ("ctrl+p", *"mad")}
    await navigate(pilot, app, Location("section", app.dataset.sections[1].id))
    for key in opener[view]:
        await pilot.press(key)
    await settle(pilot)
    if view == "palette":
        await wait_for(pilot, lambda: "Madison" in screen_text(app))
        await pilot.press("down")
        await settle(pilot)
    box = app.screen.query_one({"search": "#search", "help": "#help-body", "bookmarks": "#bookmarks",
                                "palette": "CommandList"}[view])
    found = faint_text(app, LEGIBLE, region=box.region)
    await pilot.press("escape")
    await settle(pilot)
    return found


VIEWS = ["contents", "people", "person", "timeline", "scene", "reading", "search", "help", "bookmarks", "palette"]


@pytest.mark.parametrize("theme", THEMES)
async def test_every_pane_and_screen_is_legible_in_the_theme(shipped_dataset, theme):
    async with open_reader(shipped_dataset, (160, 48)) as (app, pilot):
        app.theme = theme
        await settle(pilot)
        faint = {}
        for view in VIEWS:
            if found := await faint_in(app, pilot, view):
                faint[view] = found[:3]
        assert faint == {}, faint
