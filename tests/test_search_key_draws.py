"""A search key does what its results need and no more: the count line is drawn again only when it
says something new, and the list does not announce results the screen shows itself (its preview and
keys are brought up to date within the key)."""

from __future__ import annotations

import pytest
from test_search_screen import Host, count_line, preview
from ui_harness import settle

from anora_tui.ui.widgets.result_list import ResultList

SIZES = [(80, 24), (120, 40), (200, 50)]


def same_count_extension(index) -> tuple[str, str]:
    """A query and a letter more that find the same number of quotes (and find some)."""
    for word in ("scream", "nightmare", "palace", "strip", "brighton", "russian"):
        for end in range(2, len(word)):
            before, after = index.search(word[:end]).count, index.search(word[: end + 1]).count
            if before and before == after:
                return word[:end], word[end]
    raise AssertionError("no query keeps its count for a letter")


@pytest.mark.parametrize("size", SIZES)
async def test_a_key_that_keeps_the_count_does_not_redraw_the_count_line(shipped_dataset, size):
    app = Host(shipped_dataset)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        query, letter = same_count_extension(screen._indexes.get("quotes"))
        await pilot.press(*query)
        await settle(pilot)
        said = count_line(app)
        count = screen.query_one("#search-count")
        updates = []
        real_update = count.update
        count.update = lambda *args, **kwargs: updates.append(args) or real_update(*args, **kwargs)
        await pilot.press(letter)
        await settle(pilot)
        assert screen.query_text == query + letter
        assert count_line(app) == said and updates == []
        await pilot.press("backspace", "backspace")  # fewer letters, more quotes: drawn again
        await settle(pilot)
        assert count_line(app) != said and len(updates) == 1


@pytest.mark.parametrize("size", SIZES)
async def test_results_a_key_shows_are_not_announced_again(shipped_dataset, size):
    app = Host(shipped_dataset)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        results = screen.query_one(ResultList)
        announced = []
        real_post = results.post_message
        results.post_message = lambda message: (announced.append(message)
                                                if isinstance(message, ResultList.Highlighted) else None) \
            or real_post(message)
        await pilot.press(*"scream")
        await settle(pilot)
        assert announced == []
        first = results.highlighted
        assert first is not None and " ".join(first.text.split()[:3]) in " ".join(preview(app).split())
        await pilot.press("down")  # the cursor moved: that is announced, and the preview follows
        await settle(pilot)
        assert len(announced) == 1 and results.cursor == 1
        assert " ".join(results.highlighted.text.split()[:3]) in " ".join(preview(app).split())
