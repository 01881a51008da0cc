"""A person's ", s and m jump to their quotes, scenes and mentions; for a person who has none, the key
said nothing at all (Back, Forward and n say why they do nothing): it now says so, with a bell."""

from __future__ import annotations

import pytest
from ui_harness import notices, open_reader, settle, wait_for

from anora_tui.core.navigation import Location


@pytest.mark.parametrize(("key", "says"), [
    ("quotation_mark", "No quotes from Alfred Hitchcock in the article."),
    ("s", "Alfred Hitchcock is in none of the film's scenes on the timeline."),
])
async def test_a_jump_to_what_a_person_lacks_says_so(shipped_dataset, isolated_state, key, says):
    hitchcock = shipped_dataset.people_by_id["alfred-hitchcock"]
    assert not shipped_dataset.quotes_by(hitchcock.id) and not shipped_dataset.scenes_with(hitchcock.id)
    async with open_reader(shipped_dataset, (120, 40), Location("person", hitchcock.id)) as (app, pilot):
        # On a loaded machine the page may not have the focus yet when the reader is first drawn.
        await wait_for(pilot, lambda: app.focused is app.query_one("#person-links"),
                       message=lambda: f"focus on {app.focused!r}")
        await pilot.press(key)
        # Said once the key's jump has found nothing: on a loaded machine, after a few more turns.
        await wait_for(pilot, lambda: says in notices(app), message=lambda: f"said only {notices(app)}")


async def test_a_jump_to_what_a_person_has_says_nothing(shipped_dataset, isolated_state):
    async with open_reader(shipped_dataset, (120, 40), Location("person", "mikey-madison")) as (app, pilot):
        await pilot.press("s", "quotation_mark", "m")
        await settle(pilot)
        assert not notices(app)
