"""A list's rows are drawn in fewer steps than Textual's own chain (the label's visual, padded, extended
to the row's width, given the row's index as meta), with the same segments: every row of the People
list, of a person's page and of a scene's page, at every size, as the chain draws it with its text
wrapped again line by line."""

from __future__ import annotations

import pytest
from textual.visual import Padding, Visual
from ui_harness import navigate, open_reader

from anora_tui.core.navigation import Location
from anora_tui.ui.widgets import row_lines
from anora_tui.ui.widgets.virtual_list import HIGHLIGHTED, VirtualList


def chain_drawn(lst: VirtualList, index: int) -> list[list[object]]:
    """The row as Textual's chain draws it (`Padding`, `Visual.to_strips`, `extend_cell_length`,
    `apply_meta`), its text wrapped line by line as Textual wraps it."""
    component = lst._row_component(index)
    style = lst._row_style(component)
    padding = lst._padding()
    lst.styles.text_wrap = "wrap"
    try:
        strips = [
            strip.extend_cell_length(lst._width, style.rich_style).apply_meta({"option": index})
            for strip in Visual.to_strips(lst, Padding(lst._visual(index), padding), lst._width, None, style)
        ]
    finally:
        lst.styles.clear_rule("text_wrap")
    if component == HIGHLIGHTED:
        strips = [row_lines.in_one_colour(strip, style) for strip in strips]
    return [[(text, style) for text, style, _ in strip] for strip in strips]


def drawn(lst: VirtualList, index: int) -> list[list[object]]:
    lst._strips.clear()
    lst._drawn.clear()
    return [[(text, style) for text, style, _ in strip] for strip in lst._row_strips(index)]


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)], ids=["80x24", "120x40", "200x50"])
async def test_rows_are_drawn_as_textuals_chain_draws_them(shipped_dataset, size):
    person = max(shipped_dataset.people, key=lambda p: len(shipped_dataset.quotes_by(p.id)))
    async with open_reader(shipped_dataset, size) as (app, pilot):
        await pilot.press("3")  # the People pane (shown alone at 80x24)
        lists = [app.people._people_list]
        await navigate(pilot, app, Location("person", person.id))
        lists.append(app.people.detail.links)
        await navigate(pilot, app, Location("scene", shipped_dataset.scenes[0].id))
        lists.append(app.timeline.detail.links)
        for lst in lists:
            assert lst._width > 0
            assert lst.styles.text_wrap == "nowrap"  # the label wraps itself: each line drawn as it is
            for index in range(lst.option_count):
                assert drawn(lst, index) == chain_drawn(lst, index), (lst.id, index)
