"""The title line: the film, the article's title and publication, centred, cut with an ellipsis when narrow."""

from __future__ import annotations

import pytest
from ui_harness import screen_lines, settle

from anora_tui.core.quoting import publication_line
from anora_tui.ui.app import AnoraApp

pytestmark = pytest.mark.usefixtures("quick_pilot")


def whole_title(dataset) -> str:
    article = dataset.article
    return f"{article.film_title} │ {article.title} — {publication_line(article)}"


async def title_line(dataset, width: int) -> str:
    app = AnoraApp(dataset)
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        return screen_lines(app)[0]


@pytest.mark.parametrize("spare", [0, 1, 80], ids=["exactly", "one-more", "wide"])
async def test_a_title_that_fits_is_centred_whole(shipped_dataset, spare) -> None:
    whole = whole_title(shipped_dataset)
    width = len(whole) + spare
    line = await title_line(shipped_dataset, width)
    assert line == " " * (spare // 2) + whole + " " * (spare - spare // 2)


@pytest.mark.parametrize("short", [1, 40], ids=["one-less", "narrow"])
async def test_a_title_that_does_not_fit_is_cut_with_an_ellipsis(shipped_dataset, short) -> None:
    whole = whole_title(shipped_dataset)
    width = max(20, len(whole) - short)
    line = await title_line(shipped_dataset, width)
    assert len(line) == width and line.endswith("…")
    assert whole.startswith(line[:-1])
