"""The reader's screen renders only what shows of a change (`ShownPartsCompositor`): an open from one
pane to another renders nothing of the widgets it does not change, or that others cover, and what
reaches the terminal is what Textual's own compositor sends, byte for byte, frame by frame."""

from __future__ import annotations

import re

import pytest
from ui_harness import (
    frames_beside_textuals, navigate, open_reader, screen_compositor, screen_strips, screen_strips_as_textual_draws,
)

from anora_tui.core.navigation import Location
from anora_tui.ui.panes.sections import SectionsPane
from anora_tui.ui.textual_private import ShownPartsCompositor

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)], ids=["80x24", "120x40", "200x50"])


def pane_to_pane(dataset) -> list[Location]:
    """From the text to a person, back to the text, to a scene, and back, as a reader goes."""
    return [Location("person", dataset.people[0].id), Location("section", dataset.sections[1].id),
            Location("scene", dataset.scenes[0].id), Location("section", dataset.sections[2].id),
            Location("person", dataset.people[1].id), Location("scene", dataset.scenes[1].id)]


@SIZES
async def test_each_frame_sends_what_textuals_compositor_sends(shipped_dataset, monkeypatch, size):
    frames = frames_beside_textuals(monkeypatch, ShownPartsCompositor)
    async with open_reader(shipped_dataset, size) as (app, pilot):
        assert isinstance(screen_compositor(app), ShownPartsCompositor)
        frames.clear()
        for location in pane_to_pane(shipped_dataset):
            await navigate(pilot, app, location)
            assert screen_strips(app) == screen_strips_as_textual_draws(app)
        assert len(frames) >= len(pane_to_pane(shipped_dataset))
        for ours, textuals in frames:
            assert ours == without_idle_moves(textuals)


def without_idle_moves(sent: str) -> str:
    """The bytes less the cursor moves that write nothing: Textual's writes one for a piece that begins
    where a changed stretch of a line ends (`ChopsUpdate` tests `x > x2`, where `x >= x2` would do)."""
    return re.sub(r"\x1b\[\d+;\d+H(?=\x1b\[\d+;\d+H|\n|$)", "", sent)


@pytest.mark.parametrize("size", [(120, 40), (200, 50)], ids=["120x40", "200x50"])
async def test_an_open_from_the_text_renders_nothing_of_the_panes_it_leaves_as_they_were(
    shipped_dataset, monkeypatch, size
):
    """A person opened from the text changes the reading pane's border, the side column and the key bar
    across the bottom: the contents pane, beside them all, and the containers under the panes are not
    rendered (Textual's compositor rendered them in full, the change's rectangle being the screen)."""
    rendered: list[object] = []
    render_lines = SectionsPane.render_lines

    def recorded(widget, crop):
        rendered.append(widget)
        return render_lines(widget, crop)

    monkeypatch.setattr(SectionsPane, "render_lines", recorded)
    from textual.containers import Horizontal, Vertical

    containers: list[object] = []
    for container in (Horizontal, Vertical):
        def counted(widget, crop, _render=container.render_lines):
            containers.append(widget)
            return _render(widget, crop)

        monkeypatch.setattr(container, "render_lines", counted)
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await navigate(pilot, app, Location("section", shipped_dataset.sections[1].id))
        rendered.clear()
        containers.clear()
        await navigate(pilot, app, Location("person", shipped_dataset.people[0].id))
        assert app.active_pane == "people" and app.people.has_focus_within
        assert rendered == []
        assert [widget.id for widget in containers if widget.id in ("panes", "side")] == []
