"""Back and Forward are dimmed in the key bar when there is nowhere to go, as a browser greys its arrows."""

from __future__ import annotations

import pytest
from ui_harness import NARROW, notices, open_person_from_reading, quick_person, settle

from anora_tui.ui.app import AnoraApp
from anora_tui.ui.widgets.key_bar import KeyBar

pytestmark = pytest.mark.usefixtures("quick_pilot")


def back_state(app: AnoraApp) -> tuple[object, object]:
    return app.check_action("back", ()), app.check_action("forward", ())


async def test_back_and_forward_are_enabled_only_where_they_lead(shipped_dataset, tmp_path):
    app = AnoraApp(shipped_dataset, state_path=tmp_path / "state.json")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert back_state(app) == (None, None)  # a first start: nowhere to go back to
        bar = app.screen.query_one(KeyBar)
        assert "Back" in str(bar.render())  # still listed, drawn dim
        await open_person_from_reading(pilot, app, quick_person(shipped_dataset))
        assert back_state(app) == (True, None)
        await pilot.press("b")
        await settle(pilot)
        assert back_state(app) == (None, True)
        await pilot.press("f")
        await settle(pilot)
        assert back_state(app) == (True, None)


async def test_back_and_forward_with_nowhere_to_go_say_so(shipped_dataset, tmp_path):
    app = AnoraApp(shipped_dataset, state_path=tmp_path / "state.json")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert notices(app)[-1].startswith("Nothing to go back to")
        await pilot.press("f")
        await settle(pilot)
        assert notices(app)[-1].startswith("Nothing to go forward to")
        await open_person_from_reading(pilot, app, quick_person(shipped_dataset))
        await pilot.press("b")  # now it goes back, silently
        await settle(pilot)
        assert back_state(app) == (None, True)
        assert not any(notice.startswith("Nothing to go back") for notice in notices(app))
