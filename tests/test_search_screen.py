"""The quote search screen, driven by real key presses in a tiny host App."""

from __future__ import annotations

import pytest
from test_search import dataset_of
from textual.app import App
from textual.widgets import Input, Static
from ui_harness import resize

from anora_tui.core.model import Dataset
from anora_tui.core.search import QuoteIndex
from anora_tui.paths import styles_dir
from anora_tui.ui.screens.quote_search import (
    ROW_HEIGHT,
    QuoteResultList,
    QuoteSearchScreen,
)

SIZES = [(80, 24), (160, 50)]


class Host(App):
    CSS_PATH = [styles_dir() / "search.tcss"]

    def __init__(self, dataset: Dataset, query: str = "") -> None:
        super().__init__()
        self.dataset = dataset
        self.initial_query = query
        self.dismissed: list[str | None] = []

    def on_mount(self) -> None:
        screen = QuoteSearchScreen(self.dataset, QuoteIndex(self.dataset), query=self.initial_query)
        self.push_screen(screen, self.dismissed.append)


def shown(widget: Static) -> str:
    return str(widget.content)


def count_line(app: App) -> str:
    return shown(app.screen.query_one("#quote-search-count", Static))


def empty_message(app: App) -> str:
    empty = app.screen.query_one("#quote-search-empty", Static)
    return shown(empty) if empty.display else ""


def result_rows(app: App) -> list[str]:
    """The visible rows of the result list, as text, one string per quote."""
    results = app.screen.query_one(QuoteResultList)
    if not results.display:
        return []
    lines = [results.render_line(y).text.rstrip() for y in range(results.size.height)]
    rows = [" ".join(line.strip() for line in lines[i : i + ROW_HEIGHT]) for i in range(0, len(lines), ROW_HEIGHT)]
    return [" ".join(row.split()) for row in rows if row.strip()]


def highlighted(app: App) -> list[str]:
    """Text drawn in the match style (bold underline) in the visible rows."""
    results = app.screen.query_one(QuoteResultList)
    return [
        segment.text
        for y in range(results.size.height)
        for segment in results.render_line(y)
        if segment.style and segment.style.underline
    ]


@pytest.mark.parametrize("size", SIZES)
async def test_typing_narrows_the_list_and_counts(example_dataset, size):
    app = Host(example_dataset)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert count_line(app) == "7 of 7 quotes"
        await pilot.press(*"ferr")
        assert count_line(app) == "2 of 7 quotes"
        rows = result_rows(app)
        assert len(rows) == 2
        assert rows[0].startswith("▌ I grew up counting ferries")
        assert rows[0].endswith("— Mara Quill · A film about waiting")
        assert "— Ines Haldane · After the festival" in rows[1]
        assert highlighted(app) == ["ferr", "ferr"]
        await pilot.press(*"y was")
        assert count_line(app) == "1 of 7 quotes"
        assert highlighted(app) == ["ferry", "was"]


@pytest.mark.parametrize("size", SIZES)
async def test_enter_returns_the_highlighted_quote(example_dataset, size):
    app = Host(example_dataset)
    async with app.run_test(size=size) as pilot:
        await pilot.press(*"ferr", "down", "enter")
        await pilot.pause()
        assert app.dismissed == ["ferry-was-real"]


async def test_up_and_down_stop_at_the_ends(example_dataset):
    app = Host(example_dataset)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"ferr", "up", "down", "down", "down", "up", "enter")
        await pilot.pause()
        assert app.dismissed == ["counting-ferries"]


async def test_escape_returns_nothing(example_dataset):
    app = Host(example_dataset)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"ferr", "escape")
        await pilot.pause()
        assert app.dismissed == [None]


async def test_enter_with_no_results_does_nothing(example_dataset):
    app = Host(example_dataset)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"zeppelin", "enter")
        await pilot.pause()
        assert app.dismissed == []


async def test_a_click_opens_a_quote(example_dataset):
    app = Host(example_dataset, query="ferr")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.click(QuoteResultList, offset=(5, ROW_HEIGHT + 1))
        await pilot.pause()
        assert app.dismissed == ["ferry-was-real"]


async def test_initial_query_is_searched_at_once(example_dataset):
    app = Host(example_dataset, query="@haldane")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(Input).value == "@haldane"
        assert count_line(app) == "2 of 7 quotes"
        assert app.screen.result.count == 2


async def test_a_dataset_without_quotes_says_so(example_dataset):
    no_quotes = Dataset.build(
        example_dataset.article, example_dataset.people, example_dataset.characters, (), (), (), ()
    )
    app = Host(no_quotes)
    async with app.run_test(size=SIZES[0]) as pilot:
        await pilot.pause()
        assert (count_line(app), empty_message(app), result_rows(app)) == ("0 of 0 quotes", "This dataset has no quotes.", [])
        await pilot.press(*"ferry", "enter")
        await pilot.pause()
        assert empty_message(app) == "This dataset has no quotes." and app.dismissed == []


@pytest.mark.parametrize("size", SIZES)
async def test_empty_result_suggests_loosening(example_dataset, size):
    app = Host(example_dataset)
    async with app.run_test(size=size) as pilot:
        await pilot.press(*"ferry @quill")
        assert count_line(app) == "0 of 7 quotes"
        assert result_rows(app) == []
        assert empty_message(app) == (
            "No quote matches “ferry @quill”. Drop the speaker filter @quill: 1 quote match without it."
        )
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
        assert empty_message(app) == ""
        assert count_line(app) == "1 of 7 quotes"


@pytest.mark.parametrize("query", ["[/bold]", "[@click=app.quit]", "[b]ferr[/b]"])
async def test_queries_that_look_like_markup_are_shown_literally(example_dataset, query):
    app = Host(example_dataset)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*query)
        await pilot.pause()
        assert app.is_running
        assert app.screen.query_one(Input).value == query
        assert f"“{query}”" in empty_message(app)


@pytest.mark.parametrize("size", SIZES)
async def test_quote_text_that_looks_like_markup_is_shown_literally(size):
    dataset = dataset_of(
        ("sean-baker", "She said [/i] and left."),
        ("mikey-madison", "Press [@click=app.quit]x[/] to [bold]quit[/bold]."),
    )
    app = Host(dataset)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        rows = result_rows(app)
        assert rows[0].startswith("▌ She said [/i] and left.")
        assert rows[1].startswith("Press [@click=app.quit]x[/] to [bold]quit[/bold].")
        await pilot.press(*"[/")
        assert highlighted(app) == ["[/", "[/", "[/"]
        await pilot.click(QuoteResultList, offset=(10, 0))
        await pilot.pause()
        assert app.dismissed == ["q0"]


async def test_control_characters_in_the_data_never_reach_the_terminal():
    dataset = dataset_of(("sean-baker", "Bell\x07 escape\x1b[31m red\nnext line\ttab"))
    app = Host(dataset)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        [row] = result_rows(app)
        assert row.startswith("▌ Bell\ufffd escape\ufffd[31m red next line tab")
        assert not any(ord(c) < 32 for c in row)


async def test_long_quotes_show_their_first_match():
    words = " ".join(f"word{n}" for n in range(200))
    dataset = dataset_of(("sean-baker", f"{words} needle {words}"))
    app = Host(dataset, query="needle")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        [row] = result_rows(app)
        assert row.startswith("▌ …")
        assert highlighted(app) == ["needle"]


async def test_the_list_is_virtual():
    dataset = dataset_of(*[("sean-baker", f"Quote number {n} about the film.") for n in range(3000)])
    app = Host(dataset)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"the film")
        results = app.screen.query_one(QuoteResultList)
        assert count_line(app) == "3,000 of 3,000 quotes"
        assert list(results.children) == []
        # Only the rows drawn so far have been built from the (lazy) hit list.
        assert len(app.screen.result.hits._ranked) <= results.rows_per_page + 1
        await pilot.press("pagedown", "pagedown")
        cursor = results.cursor
        assert cursor == 2 * results.rows_per_page
        assert results.scroll_offset.y <= cursor * ROW_HEIGHT < results.scroll_offset.y + results.size.height
        await pilot.press("enter")
        await pilot.pause()
        assert app.dismissed == [f"q{cursor}"]


@pytest.mark.parametrize("size", [(1, 1), (4, 3), (6, 4), (12, 6), (20, 8)])
async def test_tiny_terminals_do_not_crash(example_dataset, size):
    app = Host(example_dataset)
    async with app.run_test(size=size) as pilot:
        await pilot.press(*"ferr", "down", "pagedown")
        await pilot.pause()
        assert app.is_running
        await pilot.press("enter")
        await pilot.pause()
        assert app.dismissed == ["ferry-was-real"]


async def test_resizing_redraws_the_rows(example_dataset):
    app = Host(example_dataset, query="ferr")
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        wide = result_rows(app)
        await resize(pilot, 50, 20)
        narrow = result_rows(app)
        assert narrow != wide
        assert narrow[0].replace("…", "").startswith("▌ I grew up counting ferries")
