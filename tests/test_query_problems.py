"""A query that breaks the syntax (an operator with nothing after it, a quote left open, an empty
phrase, a person left out) is bad input: `anora-tui quotes` says what is wrong in
one line and exits 2; the search screen says it on its status line (in place of the count), and still
searches what it can."""

from __future__ import annotations

import pytest
from test_quotes_cli import run
from test_search_screen import Host, count_line, result_rows

from anora_tui.core.search import parse_query

BAD = {
    "!": "'!' at character 1 needs a word to leave out",
    "ferry !": "'!' at character 7 needs a word to leave out",
    "ferry ! real": "'!' at character 7 needs a word to leave out",
    "@": "'@' at character 1 needs a name, such as @baker",
    "ferry @": "'@' at character 7 needs a name, such as @baker",
    "ferry @!!": "'@' at character 7 needs a name, such as @baker",
    '""': "the phrase at character 1 is empty",
    'ferry ""': "the phrase at character 7 is empty",
    'ferry !""': "the phrase at character 8 is empty",
    '"the ferry': "the quote at character 1 is not closed",
    'ferry "was real': "the quote at character 7 is not closed",
    "ferry !@ines": "'!@ines' at character 7: a person cannot be left out",
    "@ !": "'@' at character 1 needs a name, such as @baker",
}
GOOD = ["ferry", "ferry !nobody", "!ferry", '!"two words"', "!a !b", '"the ferry was real"', "ferry @ines", '!nobody "ferry"', "@ines !nobody",
        'a"b', "(", "don't", "“home invasion”"]


@pytest.mark.parametrize(("query", "problem"), BAD.items(), ids=list(BAD))
def test_each_syntax_problem_is_named(query, problem):
    assert parse_query(query).problem == problem


@pytest.mark.parametrize("query", GOOD)
def test_good_queries_have_no_problem(query):
    assert parse_query(query).problem == ""


@pytest.mark.parametrize(("query", "problem"), BAD.items(), ids=list(BAD))
def test_quotes_refuses_a_bad_query_in_one_line_with_status_2(capsys, example_data_dir, query, problem):
    status, out, err = run(capsys, query, "--data", str(example_data_dir))
    assert (status, out) == (2, "")
    assert err == f"anora-tui quotes: bad query {query!r}: {problem}\n"


def test_quotes_still_leaves_out_beside_a_word(capsys, example_data_dir):
    status, out, _ = run(capsys, "ferr !believes", "--data", str(example_data_dir))
    assert status == 0 and len(out.splitlines()) == 1 and "counting ferries" in out


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_the_search_screen_says_what_is_wrong_with_the_query(example_dataset, size):
    app = Host(example_dataset)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press(*"ferry", "space", "exclamation_mark")
        assert count_line(app) == "'!' at character 7 needs a word to leave out"
        await pilot.press("ctrl+u", "quotation_mark", *"ferr")
        assert count_line(app) == "The quote at character 1 is not closed"
        assert "Nobody believes me" in " ".join(result_rows(app))  # searched all the same
        await pilot.press("quotation_mark")
        assert count_line(app) == "2 of 7 quotes"
