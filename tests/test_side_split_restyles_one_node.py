"""Opening a person, a scene or an event gives its side pane most of the column (-major / -minor on
the two side panes). Those classes, like -active and -yield, style only the node that carries them
(its display, width or height): changing them restyles that node alone, never the widgets inside the
panes (both side panes' subtrees, about a hundred widgets, were restyled on every first open). The
split and the panes shown are as before, at every size."""

from __future__ import annotations

import pytest
from textual.app import App
from screen_reading import THREE_SIZES
from ui_harness import displayed, navigate, open_reader

from anora_tui.core.navigation import Location



@pytest.fixture
def restyled_subtrees(monkeypatch) -> list[object]:
    """Every node whose subtree the App is asked to restyle (a class set with its update) from now on."""
    nodes: list[object] = []
    update_styles = App.update_styles

    def recorded(self, node, animate=True):
        nodes.append(node)
        return update_styles(self, node, animate)

    monkeypatch.setattr(App, "update_styles", recorded)
    return nodes


def inside(node, pane) -> bool:
    return pane in node.ancestors


@THREE_SIZES
async def test_opening_a_person_restyles_nothing_inside_the_timeline(shipped_dataset, restyled, size):
    person = shipped_dataset.people[0].id
    async with open_reader(shipped_dataset, size) as (app, pilot):
        restyled.clear()
        await navigate(pilot, app, Location("person", person))
        assert app.people.showing_detail and displayed(app.people.detail.links)
        assert [node for node in restyled if inside(node, app.timeline)] == []
        assert app.people.has_class("-major") and app.timeline.has_class("-minor")
        if size[0] >= 100:  # both side panes show: the person's gets most of the column
            assert app.people.region.height > 2 * app.timeline.region.height
        else:  # one pane at a time
            assert not displayed(app.timeline) and not displayed(app.reading)


@THREE_SIZES
async def test_opening_a_scene_then_a_person_moves_the_split_without_restyling_either_pane(
    shipped_dataset, restyled_subtrees, size
):
    async with open_reader(shipped_dataset, size, at=Location("scene", shipped_dataset.scenes[0].id)) as (app, pilot):
        assert app.timeline.has_class("-major") and app.people.has_class("-minor")
        restyled_subtrees.clear()
        await navigate(pilot, app, Location("person", shipped_dataset.people[1].id))
        # The focus moves from the timeline to the person (Textual restyles what it leaves and what
        # it reaches), but the split restyles neither pane whole.
        assert app.people not in restyled_subtrees and app.timeline not in restyled_subtrees
        assert app.people.has_class("-major") and not app.people.has_class("-minor")
        assert app.timeline.has_class("-minor") and not app.timeline.has_class("-major")
        if size[0] >= 100:
            assert app.people.region.height > 2 * app.timeline.region.height
        await pilot.press("b")  # back to the scene: the timeline has the column again
        await pilot.pause()
        restyled_subtrees.clear()
        await navigate(pilot, app, Location("scene", shipped_dataset.scenes[1].id))
        assert app.people not in restyled_subtrees and app.timeline not in restyled_subtrees
        assert app.timeline.has_class("-major")
        if size[0] >= 100:
            assert app.timeline.region.height > 2 * app.people.region.height
        else:
            assert displayed(app.timeline) and not displayed(app.people)


@THREE_SIZES
async def test_the_focus_entering_a_side_pane_restyles_the_pane_alone_and_its_border_shows_it(
    shipped_dataset, restyled, size
):
    """The side panes' focused border comes from a class the App sets (`-focus-within`), not from
    Textual's `:focus-within`, for which Textual restyled every widget in the pane the focus entered
    or left."""
    async with open_reader(shipped_dataset, size) as (app, pilot):
        restyled.clear()
        await navigate(pilot, app, Location("person", shipped_dataset.people[0].id))
        people, timeline = app.people, app.timeline
        assert people.has_focus_within and people.has_class("-focus-within")
        assert not timeline.has_class("-focus-within")
        focused = app.focused
        others = [node for node in restyled if inside(node, people) and node is not focused and not inside(node, focused)]
        assert others == []
        accent = people.styles.border_top[1]
        await navigate(pilot, app, Location("scene", shipped_dataset.scenes[0].id))
        assert timeline.has_class("-focus-within") and not people.has_class("-focus-within")
        assert timeline.styles.border_top[1] == accent
        if size[0] >= 100:  # both show: the pane left has its plain border again
            assert people.styles.border_top[1] != accent
