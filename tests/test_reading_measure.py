"""The text keeps a comfortable measure at every width where the panes share the screen: the side
column gives way (to 36 cells at 100 columns, 40 at 140 where the sections list appears) rather than
squeezing the text; and a side pane shown alone on a narrow terminal has the whole width."""

from __future__ import annotations

import pytest
from ui_harness import screen_lines, settle

from anora_tui.ui.app import AnoraApp
from anora_tui.ui.panes.reading_blocks import COLUMN_WIDTH

FIRST_PARAGRAPH_START = "As I delve into the"


@pytest.mark.parametrize(
    ("size", "narrowest"),
    [((100, 30), 55), ((110, 30), 60), ((139, 40), 70), ((140, 40), 60), ((150, 40), 60), ((160, 48), 70), ((200, 50), 74)],
)
async def test_the_text_column_keeps_a_comfortable_measure(shipped_dataset, size, narrowest) -> None:
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        lines = [line.strip("│▌ ").rstrip("▇▆▅▄▃▂▁█ ") for line in screen_lines(app, app.reading)]
        start = next(i for i, line in enumerate(lines) if line.startswith(FIRST_PARAGRAPH_START))
        paragraph = lines[start : lines.index("", start)]
        widest = max(len(line) for line in paragraph)
        assert narrowest <= widest <= COLUMN_WIDTH, paragraph
        if size[0] >= 140:
            assert app.contents.display and app.contents.region.width > 0


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (99, 30)])
@pytest.mark.parametrize("pane_key", ["3", "4"])
async def test_a_side_pane_shown_alone_has_the_whole_width(shipped_dataset, size, pane_key) -> None:
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press(pane_key)
        await settle(pilot)
        pane = app.people if pane_key == "3" else app.timeline
        assert pane.region.width == size[0]


@pytest.mark.parametrize("size", [(40, 12), (60, 20), (80, 24), (100, 30), (120, 40), (200, 50)])
async def test_the_progress_line_drops_whole_phrases_to_fit(shipped_dataset, size) -> None:
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        bottom = screen_lines(app, app.reading)[-1]
        assert "Section 1 of 13" in bottom and "…" not in bottom, bottom
        if "━" in bottom:
            assert "━" * 12 + " ─╯" in bottom  # the bar whole, its track in its own glyph to the corner
