"""A person's ", s and m bring the heading they jump to up to the top of the list, right under the
pinned name: the last line of the block before it (a note's tail) showed above the heading."""

from __future__ import annotations

from screen_reading import THREE_SIZES
from ui_harness import open_reader, screen_text, settle

from anora_tui.core.navigation import Location
from anora_tui.ui.widgets.link_list import LinkList


@THREE_SIZES
async def test_each_jump_shows_its_heading_as_the_first_line(shipped_dataset, isolated_state, size):
    async with open_reader(shipped_dataset, size, Location("person", "mikey-madison")) as (app, pilot):
        links = app.query_one("#person-links", LinkList)
        for key, heading in (("quotation_mark", "QUOTES ·"), ("s", "SCENES ·"), ("m", "MENTIONS")):
            await pilot.press(key)
            await settle(pilot)
            first_line = screen_text(app, links).splitlines()[0].strip()
            assert first_line.startswith(heading), screen_text(app, links)
