"""A widget's component classes are styled again only when something their rules read has changed
(`KeptComponentStyles`): moving the focus into or out of the reading pane, or a side pane's border
class, no longer matches every component class against the stylesheet (15 of them for the reading
pane, about 2 ms of an open from one pane to another, and a node left as garbage for each); a class
their rules name, or a new theme, still restyles them."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from ui_harness import WIDE, navigate, open_reader, settle

from anora_tui.core.navigation import Location
from anora_tui.ui.textual_private import KeptComponentStyles


def styled_as(widget: Widget, component: str) -> object:
    """What a component class was last styled as (the node Textual made to match it)."""
    return widget.get_component_styles(component).node


async def test_the_focus_moving_in_and_out_of_the_reading_pane_keeps_its_component_styles(shipped_dataset):
    person = shipped_dataset.people[0]
    async with open_reader(shipped_dataset, WIDE) as (app, pilot):
        reading = app.reading
        await navigate(pilot, app, Location("person", person.id))  # the person's page is made: its CSS added
        await pilot.press("2")
        await settle(pilot)
        before = {component: styled_as(reading, component) for component in reading.COMPONENT_CLASSES}
        title = reading.get_component_rich_style("reading--title")
        await navigate(pilot, app, Location("person", person.id))
        assert not reading.has_focus
        await pilot.press("2")
        await settle(pilot)
        assert reading.has_focus
        assert {component: styled_as(reading, component) for component in reading.COMPONENT_CLASSES} == before
        assert reading.get_component_rich_style("reading--title") == title


class Part(KeptComponentStyles, Widget, can_focus=True):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"part--word"}


class PartApp(App):
    CSS = """
    Part { height: 1; }
    Part:focus { border: none; }
    Part > .part--word { color: $accent; }
    .loud > Part > .part--word { color: red; }
    """

    def compose(self) -> ComposeResult:
        with Vertical(id="holder"):
            yield Part()


async def test_a_class_their_rules_name_and_a_new_theme_still_restyle_the_component_classes():
    app = PartApp()
    async with app.run_test() as pilot:
        part = app.query_one(Part)
        first = styled_as(part, "part--word")
        part.focus()
        await pilot.pause()
        part.blur()
        await pilot.pause()
        assert styled_as(part, "part--word") is first  # :focus is read by no rule of the class

        app.query_one("#holder").add_class("loud")
        await pilot.pause()
        assert part.get_component_rich_style("part--word").color.get_truecolor().hex == "#ff0000"

        app.query_one("#holder").remove_class("loud")
        await pilot.pause()
        accent = part.get_component_rich_style("part--word").color
        app.theme = "nord"
        await pilot.pause()
        assert part.get_component_rich_style("part--word").color != accent
