"""The sections list gets wider on a very wide screen, so that its titles need not wrap while the
text, which keeps its measure, has room to spare: at 250x60 it stayed 28 columns inside and wrapped
nine of the thirteen titles, with 46 blank columns either side of the text."""

from __future__ import annotations

import re

import pytest

from anora_tui.ui.panes.reading_blocks import COLUMN_WIDTH
from ui_harness import open_reader, screen_lines


def contents_rows(app) -> list[str]:
    return [line.strip("│ ") for line in screen_lines(app, app.contents)[1:-1] if line.strip("│ ")]


async def test_the_titles_unwrapped_at_a_very_wide_size(shipped_dataset):
    async with open_reader(shipped_dataset, (250, 60)) as (app, pilot):
        rows = contents_rows(app)
        assert all(re.match(r"\S?\s*\d+ ", row) for row in rows), "a title wrapped: " + repr(rows)
        assert len(rows) == len(shipped_dataset.sections)
        lines = [line.strip("│▌ ").rstrip("▇▆▅▄▃▂▁█ ") for line in screen_lines(app, app.reading)]
        assert max(len(line) for line in lines) >= COLUMN_WIDTH - 4, "the text keeps its measure"


@pytest.mark.parametrize(("size", "widths"), [((140, 40), (30, 30)), ((200, 50), (31, 44)), ((250, 60), (40, 44))],
                         ids=["140x40", "200x50", "250x60"])
async def test_the_contents_take_a_share_of_a_wide_screen(shipped_dataset, size, widths):
    async with open_reader(shipped_dataset, size) as (app, pilot):
        narrowest, widest = widths
        assert narrowest <= app.contents.region.width <= widest
        if size[0] >= 200:
            assert app.reading.region.width >= COLUMN_WIDTH + 6, "the text keeps its full measure"
