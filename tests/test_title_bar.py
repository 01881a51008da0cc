"""The title line: the film, the article's title and publication, centred, cut with an ellipsis when narrow."""

from __future__ import annotations

import pytest
from ui_harness import screen_lines, settle

from anora_tui.ui.app import AnoraApp

pytestmark = pytest.mark.usefixtures("quick_pilot")


@pytest.mark.parametrize("width", [30, 80, 120, 200])
async def test_title_line(shipped_dataset, width) -> None:
    article = shipped_dataset.article
    whole = f"{article.film_title} │ {article.title} — {article.publication}, {article.date}"
    app = AnoraApp(shipped_dataset)
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        line = screen_lines(app)[0]
        if len(whole) <= width:
            left = (width - len(whole)) // 2
            assert line.rstrip() == " " * left + whole
        else:
            assert line.endswith("…") and len(line) == width
            assert whole.startswith(line[:-1])
