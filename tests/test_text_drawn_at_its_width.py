"""The text is never drawn at a width it was not wrapped for: choosing a section in the contents
closes them and widens or narrows the text, and for a frame its lines were cut at the pane's edge
(or left short) until the pane heard of its new size and wrapped them again."""

from __future__ import annotations

from screen_reading import THREE_SIZES
from ui_harness import open_reader, settle


@THREE_SIZES
async def test_a_section_chosen_in_the_contents_is_drawn_wrapped_to_the_pane(shipped_dataset, isolated_state, size):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        reading = app.reading
        drawn_unwrapped: list[tuple[int, int]] = []
        draw_line = reading.render_line

        def watched(y: int):
            width = reading.scrollable_content_region.width
            if width != reading._layout_width:
                drawn_unwrapped.append((width, reading._layout_width))
            return draw_line(y)

        reading.render_line = watched
        for _ in range(2):
            await pilot.press("1")
            await settle(pilot)
            await pilot.press("down", "down", "enter")
            await settle(pilot)
        assert app.reading.section_id == shipped_dataset.sections[4].id
        assert drawn_unwrapped == []
