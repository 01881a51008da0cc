"""A query of exclusions alone (`!ferry`) finds everything but what they leave out, as fzf's `!word`
does, in `anora-tui quotes` and on the search screen alike (the command refused it as bad input while
the screen listed everything but with the refusal on its status line); a suggestion for a query that
finds nothing is never one that only leaves out."""

from __future__ import annotations

import pytest
from test_quotes_cli import run
from test_search_screen import Host, count_line, empty_message, result_rows

from anora_tui.core.search import QuoteIndex, parse_query, suggest_loosening


@pytest.fixture
def data(example_data_dir) -> list[str]:
    return ["--data", str(example_data_dir)]


def test_quotes_lists_every_quote_but_those_left_out(capsys, data, example_dataset):
    status, out, err = run(capsys, "!ferry", *data)
    assert status == 0 and err == ""
    lines = out.splitlines()
    assert len(lines) == len(example_dataset.quotes) - 1
    assert not any("ferry" in line for line in lines)
    _, both, _ = run(capsys, "!ferry", "!plot", *data)
    assert len(both.splitlines()) == len(lines) - 1 and "Waiting is the whole plot" not in both


def test_a_lone_phrase_left_out(capsys, data, example_dataset):
    status, out, _ = run(capsys, '!"the ferry was real"', *data)
    assert status == 0 and len(out.splitlines()) == len(example_dataset.quotes) - 1


def test_leaving_out_every_quote_is_no_match_not_bad_input(capsys, data):
    status, out, err = run(capsys, "!a", "!e", "!i", "!o", "!u", *data)
    assert (status, out) == (1, "")
    assert err == "anora-tui quotes: no quotes match '!a !e !i !o !u'\n"


async def test_the_search_screen_counts_what_a_lone_exclusion_leaves(example_dataset):
    app = Host(example_dataset)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("exclamation_mark", *"ferry")
        assert count_line(app) == "6 of 7 quotes"
        assert not any("ferry was real" in row for row in result_rows(app))


def test_a_suggestion_never_only_leaves_out(example_dataset):
    index = QuoteIndex(example_dataset)
    query = parse_query("zeppelin !ferry")
    assert index.search(query).count == 0
    assert "!ferry finds" not in suggest_loosening(index, query)
