"""The line at the top of a person's page says what they are: their group (cast, crew, cited in the
article), or for someone in none, their roles ("Bunsen · dog", where it said "Bunsen · other")."""

from __future__ import annotations

import pytest
from ui_harness import open_reader, screen_text

from anora_tui.core.navigation import Location


@pytest.mark.parametrize(("person_id", "heading"), [
    ("bunsen", "Bunsen · dog"),
    ("mikey-madison", "Mikey Madison · cast"),
    ("sean-baker", "Sean Baker · crew"),
])
async def test_the_heading_says_what_the_person_is(shipped_dataset, isolated_state, person_id, heading):
    async with open_reader(shipped_dataset, (120, 40), Location("person", person_id)) as (app, _pilot):
        assert heading in screen_text(app)
