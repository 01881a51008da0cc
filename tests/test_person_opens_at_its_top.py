"""A person opened from a scene (or the list) showed their page scrolled past its top: the list kept
its first link in view while the pane was still small, and did not come back up as it grew; Home and
Up never showed the Roles heading above the first row that can be chosen."""

from __future__ import annotations

from screen_reading import THREE_SIZES, widget_lines
from ui_harness import navigate, open_reader, settle

from anora_tui.core.navigation import Location


def person_page(app) -> list[str]:
    return widget_lines(app, app.people.detail)


@THREE_SIZES
async def test_a_person_opened_from_a_scene_shows_the_top_of_their_page(shipped_dataset, isolated_state, size):
    scene = shipped_dataset.scenes[0]
    async with open_reader(shipped_dataset, size, Location("person", "sean-baker")) as (app, pilot):
        app.people.focus_default()
        await settle(pilot)
        await pilot.press(*["down"] * 5)  # down their page, then on to a scene
        await navigate(pilot, app, Location("scene", scene.id))
        links = app.timeline.detail.links
        links.highlighted = next(i for i in range(links.option_count)
                                 if links.location_at(i) == Location("person", "sean-baker"))
        app.timeline.focus_default()
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.history.current.id == "sean-baker"
        assert app.people.detail.links.scroll_y == 0
        assert any("ROLES" in line for line in person_page(app)), person_page(app)


@THREE_SIZES
async def test_home_shows_the_heading_above_the_first_row(shipped_dataset, isolated_state, size):
    async with open_reader(shipped_dataset, size, Location("person", "samantha-quan")) as (app, pilot):
        app.people.focus_default()
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        await pilot.press("home")
        await settle(pilot)
        assert app.people.detail.links.scroll_y == 0
        assert any("ROLES" in line for line in person_page(app)), person_page(app)
