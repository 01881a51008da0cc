"""`]` and `[` step through the names the reader can see: a paragraph partly scrolled off the top has
names above the screen, and the first press must not scroll back up to them."""

from __future__ import annotations

from anora_tui.core.navigation import Location
from screen_reading import THREE_SIZES
from ui_harness import open_reader, settle


def _line_of(app, link) -> int:
    return app.reading._link_line(link)


def _top_paragraph_with_a_name_above(app) -> int | None:
    """A scroll position whose top paragraph starts above the screen and has a name there."""
    reading = app.reading
    for link in reading.links:
        line = _line_of(app, link)
        first = next(first for block, (first, _last) in zip(reading.blocks, reading._block_lines)
                     if block.kind == "paragraph" and block.paragraph == link.paragraph)
        later = [other for other in reading.links
                 if other.paragraph == link.paragraph and _line_of(app, other) > line]
        if first <= line and later:
            return line + 1  # this name just above the top line, a later one of its paragraph below
    return None


@THREE_SIZES
async def test_next_name_picks_one_on_screen_not_above_it(shipped_dataset, size):
    section = max(shipped_dataset.sections, key=lambda s: sum(map(len, s.paragraphs)))
    async with open_reader(shipped_dataset, size, Location("section", section.id)) as (app, pilot):
        reading = app.reading
        top = _top_paragraph_with_a_name_above(app)
        assert top is not None
        reading.scroll_to(y=top, animate=False, immediate=True)
        await settle(pilot)
        assert round(reading.scroll_y) == top
        await pilot.press("right_square_bracket")
        await settle(pilot)
        height = reading.scrollable_content_region.height
        assert reading.selected is not None
        assert round(reading.scroll_y) >= top  # never scrolled back up
        line = _line_of(app, reading.selected)
        assert round(reading.scroll_y) <= line < round(reading.scroll_y) + height
        on_screen_before = [link for link in reading.links if top <= _line_of(app, link) < top + height]
        assert reading.selected == on_screen_before[0]


async def test_with_no_name_on_screen_the_steps_go_to_the_nearest_below_and_above(shipped_dataset):
    section = max(shipped_dataset.sections, key=lambda s: sum(map(len, s.paragraphs)))
    async with open_reader(shipped_dataset, (80, 24), Location("section", section.id)) as (app, pilot):
        reading = app.reading
        height = reading.scrollable_content_region.height
        lines = sorted(_line_of(app, link) for link in reading.links)
        gaps = [(a, b) for a, b in zip(lines, lines[1:]) if b - a > height]
        assert gaps, "at 80x24 this section has a screenful without a name"
        above, below = gaps[0]
        reading.scroll_to(y=above + 1, animate=False, immediate=True)
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert _line_of(app, reading.selected) == below
        reading.selected = None
        reading.scroll_to(y=above + 1, animate=False, immediate=True)
        await settle(pilot)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert _line_of(app, reading.selected) == above
