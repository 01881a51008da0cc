"""The search screen (quotes and the article's text), driven by real key presses in a tiny host App."""

from __future__ import annotations

import pytest
from test_search import dataset_of
from textual.app import App
from textual.widgets import Input, Static
from ui_harness import notices, resize, wait_for

from anora_tui.core.model import Dataset
from anora_tui.core.search import SearchIndexes
from anora_tui.paths import styles_dir
from anora_tui.ui.screens.search import SearchScreen
from anora_tui.ui.widgets.result_list import ResultList
from anora_tui.ui.widgets.text_pane import TextPane

SIZES = [(80, 24), (160, 50)]


class Host(App):
    CSS_PATH = [styles_dir() / "search.tcss"]

    def __init__(self, dataset: Dataset, query: str = "", scope: str = "quotes", history=()) -> None:
        super().__init__()
        self.dataset = dataset
        self.initial_query = query
        self.scope = scope
        self.history = history
        self.outcomes = []
        self.dismissed: list[str | None] = []  # the chosen quote's id (a paragraph's "section:n"), or None

    def on_mount(self) -> None:
        screen = SearchScreen(self.dataset, SearchIndexes(self.dataset), query=self.initial_query,
                              scope=self.scope, history=self.history)
        self.push_screen(screen, self.record)

    def record(self, outcome) -> None:
        self.outcomes.append(outcome)
        hit = outcome.hit
        if hit is None:
            self.dismissed.append(None)
        elif hit.quote is not None:
            self.dismissed.append(hit.quote.id)
        else:
            self.dismissed.append(f"{hit.section}:{hit.paragraph}")


def shown(widget: Static) -> str:
    return str(widget.content)


def count_line(app: App) -> str:
    return shown(app.screen.query_one("#search-count", Static))


def empty_message(app: App) -> str:
    empty = app.screen.query_one("#search-empty", Static)
    return shown(empty) if empty.display else ""


def preview(app: App) -> str:
    pane = app.screen.query_one("#search-preview", TextPane)
    return str(pane.content) if pane.display else ""


def result_lines(app: App) -> list[str]:
    results = app.screen.query_one(ResultList)
    if not results.display:
        return []
    return [results.render_line(y).text.rstrip() for y in range(results.size.height)]


def result_rows(app: App) -> list[str]:
    """The visible rows of the result list, as text, one string per hit (the list's own row starts
    say where each begins)."""
    results = app.screen.query_one(ResultList)
    if not results.display:
        return []
    top = results.scroll_offset.y
    lines = result_lines(app)
    rows = []
    for first, end in zip(results._starts, results._starts[1:]):
        shown = lines[max(0, first - top) : max(0, end - top)]
        if shown:
            rows.append(" ".join(" ".join(line.strip() for line in shown).split()))
    return rows


def highlighted(app: App) -> list[str]:
    """Text drawn in the match style (bold underline) in the visible rows."""
    results = app.screen.query_one(ResultList)
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
        assert rows[0].startswith("▌ I grew up counting ferries")  # retold: no quotation marks
        assert "— Mara Quill (retold in the first person) · §1 A film about wa" in rows[0]
        assert rows[1].startswith("“Nobody believes me")
        assert rows[1].endswith("— Ines Haldane · §3 After the festival ¶2")
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
        first_row_lines = app.screen.query_one(ResultList)._starts[1]
        await pilot.click(ResultList, offset=(5, first_row_lines))
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
        await pilot.press(*"believes @quill")
        assert count_line(app) == "0 of 7 quotes"
        assert result_rows(app) == []
        assert empty_message(app) == (
            "No quote matches “believes @quill”. Drop @quill: 1 quote matches without it."
        )
        for _ in range(7):
            await pilot.press("backspace")
        assert empty_message(app) == ""
        assert count_line(app) == "1 of 7 quotes"


@pytest.mark.parametrize("size", SIZES)
async def test_a_word_only_in_the_text_points_to_the_text_scope(example_dataset, size):
    app = Host(example_dataset)
    async with app.run_test(size=size) as pilot:
        await pilot.press(*"island")
        assert empty_message(app) == (
            "No quote matches “island”. 1 paragraph of the text does: press Tab to search the text."
        )
        assert "Try fewer or shorter words" not in empty_message(app)
        await pilot.press("tab")
        await pilot.pause()
        assert app.screen.scope == "text"
        assert app.screen.query_one(Input).value == "island"  # the query is kept
        assert count_line(app) == "1 of 8 paragraphs"
        [row] = result_rows(app)
        assert "island" in row and row.endswith("§1 A film about waiting ¶1")
        assert highlighted(app) == ["island"]
        await pilot.press("enter")
        await pilot.pause()
        assert app.dismissed == ["origins:1"]
        [outcome] = app.outcomes
        hit = outcome.hit
        assert outcome.scope == "text" and outcome.query == "island"
        assert [hit.text[s:e] for s, e in hit.spans] == ["island"]


async def test_tab_switches_back_and_the_key_bar_says_where_it_goes(example_dataset):
    app = Host(example_dataset, query="ferry")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        key_bar = app.screen.query_one("KeyBar")
        assert any(h.display == "tab" and h.description == "Text" for h in key_bar.hints)
        await pilot.press("tab")
        await pilot.pause()
        assert count_line(app) == "2 of 8 paragraphs"
        assert any(h.display == "tab" and h.description == "Quotes" for h in key_bar.hints)
        await pilot.press("shift+tab")
        await pilot.pause()
        assert app.screen.scope == "quotes" and count_line(app) == "1 of 7 quotes"


async def test_the_text_scope_filters_by_who_is_named(example_dataset):
    app = Host(example_dataset, query="@haldane", scope="text")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        rows = result_rows(app)
        assert rows and all("¶" in row for row in rows)
        assert app.screen.result.count == len(rows)


@pytest.mark.parametrize("size", SIZES)
async def test_short_results_show_whole_quotes_and_no_blank_lines(example_dataset, size):
    app = Host(example_dataset, query="@quill")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        results = app.screen.query_one(ResultList)
        assert results.whole
        lines = [line for line in result_lines(app)[: results._starts[-1]]]
        assert all(line.strip() for line in lines)  # every row as tall as it needs, no blank line
        joined = " ".join(" ".join(line.strip() for line in lines).split())
        assert "she stole his habit of holding a shot until the audience gives up on it" in joined  # whole
        # One-line quotes take two lines (the quote, then who and where); the selection bar too.
        assert results._starts[1] - results._starts[0] == 2
        assert all(line.startswith("▌") for line in lines[: results._starts[1]])


async def test_long_lists_cut_quotes_at_a_word_with_an_ellipsis(shipped_dataset):
    app = Host(shipped_dataset, query="the")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        results = app.screen.query_one(ResultList)
        assert not results.whole
        for first, end in zip(results._starts, results._starts[1:]):
            assert end - first <= 3
        texts = [line.rstrip() for line in result_lines(app) if "…" in line and "—" not in line]
        assert texts
        for line in texts:
            before = line[: line.rindex("…")].rstrip("”")
            assert before == before.rstrip() or before.endswith((" ", ",", ".", ";", ":")) or before[-1].isalnum()
            # the cut is at a word: what precedes the ellipsis is a whole word of the text
            last_word = before.split()[-1].strip("“”‘’,.;:!?()") if before.split() else ""
            if last_word:
                assert any(last_word in q.text.split() or last_word in q.text for q in shipped_dataset.quotes)


async def test_the_preview_shows_the_selected_quote_whole(shipped_dataset):
    app = Host(shipped_dataset, query="the")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        hit = app.screen.query_one(ResultList).highlighted
        text = " ".join(preview(app).split())
        assert " ".join(hit.text.split()) in text
        await pilot.press("down")
        await pilot.pause()
        second = app.screen.query_one(ResultList).highlighted
        assert " ".join(second.text.split()) in " ".join(preview(app).split())


async def test_reported_speech_is_labelled_and_not_in_quotation_marks(shipped_dataset):
    app = Host(shipped_dataset, query="it becomes chaotic")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        [row] = result_rows(app)
        assert row.startswith("▌ It becomes chaotic ▌ — Drew Daniels (reported) ·")
        assert "“It becomes" not in row
        assert preview(app).startswith("It becomes chaotic\n— Drew Daniels (reported)")


async def test_up_in_an_empty_box_brings_back_earlier_searches(example_dataset):
    app = Host(example_dataset, history=["ferry", "@quill", "pier"])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        key_bar = app.screen.query_one("KeyBar")
        assert any(h.display == "↑" and h.description == "Recent" for h in key_bar.hints)
        await pilot.press("up")
        assert app.screen.query_one(Input).value == "ferry"
        await pilot.press("up")
        assert app.screen.query_one(Input).value == "@quill"
        await pilot.press("down")  # into the results: Up moves the cursor again
        assert app.screen.query_one(ResultList).cursor == 1
        await pilot.press("up")
        assert app.screen.query_one(Input).value == "@quill"
        assert app.screen.query_one(ResultList).cursor == 0
        await pilot.press("backspace", "escape")
        await pilot.pause()
        assert app.outcomes[0].query == "@quil" and app.outcomes[0].hit is None


async def test_copy_the_selected_quote_with_its_citation(example_dataset, monkeypatch):
    monkeypatch.setenv("TERM_PROGRAM", "WezTerm")
    monkeypatch.delenv("TMUX", raising=False)
    app = Host(example_dataset, query="ferry was")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert app.clipboard == (
            "“Nobody believes me when I say the ferry was real”\n"
            "— Ines Haldane, quoted in “Nothing Arrives: The Making of Salt Hour (an example)”, "
            "Example Quarterly, 15 January 2023, §3 After the festival, ¶2"
        )
        [notice] = notices(app)
        assert notice.startswith("Copied “Nobody believes me")
        assert "(§3 After the festival, ¶2)" in notice
        assert "OSC 52" not in notice


async def test_copy_says_when_the_terminal_may_not_support_it(example_dataset, monkeypatch):
    monkeypatch.setenv("TERM_PROGRAM", "Apple_Terminal")
    app = Host(example_dataset, query="ferry was")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+y")
        await pilot.pause()
        [notice] = notices(app)
        assert "Terminal.app does not let programs set the clipboard" in notice


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
        assert rows[0].startswith("▌ “She said [/i] and left.”")
        assert rows[1].startswith("“Press [@click=app.quit]x[/] to [bold]quit[/bold].”")
        await pilot.press(*"[/")
        assert highlighted(app) == ["[/", "[/", "[/"]
        await pilot.click(ResultList, offset=(10, 0))
        await pilot.pause()
        assert app.dismissed == ["q0"]


async def test_control_characters_in_the_data_never_reach_the_terminal():
    dataset = dataset_of(("sean-baker", "Bell\x07 escape\x1b[31m red\nnext line\ttab"))
    app = Host(dataset)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        [row] = result_rows(app)
        assert row.startswith("▌ “Bell\ufffd escape\ufffd[31m red next line tab")
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
        results = app.screen.query_one(ResultList)
        assert count_line(app) == "3,000 of 3,000 quotes"
        assert list(results.children) == []
        # Only the rows drawn so far have been built from the (lazy) hit list.
        assert len(app.screen.result.hits._ranked) <= results.size.height + 2
        await pilot.press("pagedown", "pagedown")
        cursor = results.cursor
        assert cursor == 2 * results.rows_per_page
        first_line = results._starts[cursor]
        assert results.scroll_offset.y <= first_line < results.scroll_offset.y + results.size.height
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


async def test_a_big_index_is_built_in_the_background_while_typing(example_dataset, monkeypatch):
    from anora_tui.core.search import indexes as indexes_module

    monkeypatch.setattr(indexes_module, "SMALL", 0)  # every index counts as big: built in a worker
    app = Host(example_dataset)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.press(*"ferr")
        # Built in a worker thread: as long as a loaded machine takes, within WAIT_SECONDS.
        await wait_for(pilot, lambda: "of 7 quotes" in count_line(app), message=lambda: f"the count line says {count_line(app)!r}")
        assert count_line(app) == "2 of 7 quotes"  # the typing made meanwhile is searched
        assert screen._building == set()
        await pilot.press("tab")
        assert count_line(app).startswith("Indexing the text") or count_line(app) == "3 of 8 paragraphs"
        await wait_for(pilot, lambda: "paragraphs" in count_line(app), message=lambda: f"the count line says {count_line(app)!r}")
        assert count_line(app) == "3 of 8 paragraphs"
