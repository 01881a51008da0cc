"""The smaller defects a new reader met: wording that is untrue at some sizes, keys the help screen
ignored, a focus race on Tab, keys named alike, symbols without a legend."""

from __future__ import annotations

import pytest
from screen_reading import THREE_SIZES, widget_words
from ui_harness import screen_text, settle

from anora_tui.core.navigation import Location
from anora_tui.ui.app import AnoraApp
from anora_tui.ui.messages import Navigate

pytestmark = pytest.mark.usefixtures("quick_pilot")


@THREE_SIZES
async def test_a_person_named_in_the_text_is_never_said_to_be_on_screen(shipped_dataset, size):
    """At 80 columns the reading pane is hidden while a person's page shows: "on screen" was untrue."""
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.post_message(Navigate(Location("person", "sean-baker")))  # named in the first section
        await settle(pilot)
        assert "on screen" not in screen_text(app)
        assert "● named where you read" in widget_words(app, app.query_one("#person-header"))
