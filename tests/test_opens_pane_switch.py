"""Switching panes on a wide terminal restyles only what changes look: the -active and -yield classes
style nothing there (every pane shows), so they are set without restyling every widget in the panes;
where they do style (narrower terminals, zen) they take effect as before, including when the
terminal is resized or zen toggled after the switch."""

from __future__ import annotations

import pytest
from textual.css.stylesheet import Stylesheet
from ui_harness import WIDE, displayed, navigate, open_reader, resize, settle

from anora_tui.core.navigation import Location


async def test_moving_to_the_contents_on_a_wide_terminal_restyles_nothing_in_the_side_column(shipped_dataset, restyled):
    async with open_reader(shipped_dataset, WIDE) as (app, pilot):
        side = app.query_one("#side")
        restyled.clear()
        await pilot.press("1")
        await settle(pilot)
        assert app.active_pane == "contents" and app.contents.has_focus
        assert side.has_class("-yield") and app.contents.has_class("-active") and not app.reading.has_class("-active")
        assert [node for node in restyled if node is side or side in node.ancestors] == []


@pytest.mark.parametrize("then", ["medium", "zen"])
async def test_the_pane_chosen_on_a_wide_terminal_shows_when_the_classes_come_to_style(shipped_dataset, then):
    async with open_reader(shipped_dataset, WIDE) as (app, pilot):
        await pilot.press("1")
        await settle(pilot)
        if then == "medium":
            await resize(pilot, 120, 40)  # the contents take the side column's place while active
            assert displayed(app.contents) and not displayed(app.query_one("#side"))
            await pilot.press("3")
            await settle(pilot)
            assert displayed(app.people) and not displayed(app.contents)
        else:
            await pilot.press("3")
            await settle(pilot)
            await pilot.press("z")  # zen: the text in use, the side column hidden
            await settle(pilot)
            assert displayed(app.reading) and not displayed(app.query_one("#side")) and not displayed(app.contents)
            await pilot.press("3")  # shown while in use
            await settle(pilot)
            assert displayed(app.people) and not displayed(app.contents)


@pytest.mark.parametrize("size", [(120, 40), (200, 50)], ids=["120x40", "200x50"])
async def test_a_person_opened_from_the_text_restyles_the_reading_pane_for_its_focus_and_people_once(
    shipped_dataset, restyled, monkeypatch, size
):
    """At medium width -active styles only the contents and the side column: the reading pane, giving
    up its place as active pane, is restyled for the focus it loses (its border), not again for the
    class (with its 15 component classes, each a style pass). The People pane is restyled once for
    the classes it takes (-major, -focus-within), not once for each."""
    applied: list[object] = []
    apply = Stylesheet.apply

    def recorded(self, node, **kwargs):
        applied.append(node)
        return apply(self, node, **kwargs)

    monkeypatch.setattr(Stylesheet, "apply", recorded)
    person = shipped_dataset.people[0]
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await settle(pilot)
        applied.clear()
        restyled.clear()
        await navigate(pilot, app, Location("person", person.id))
        assert app.active_pane == "people" and displayed(app.people) and displayed(app.reading)
        assert not app.reading.has_class("-active") and app.people.has_class("-active")
        assert applied.count(app.reading) == restyled.count(app.reading) == 1
        # The People pane, given most of the side column and the focus, is restyled once for both.
        assert app.people.has_class("-major") and app.people.has_class("-focus-within")
        assert applied.count(app.people) == 1
