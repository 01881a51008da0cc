"""`--speaker` takes a name of several words as typed, unquoted (`--speaker sean baker` read `baker` as
a word of the query): the longest run of words after it that names someone is the name, any words
after that are searched for; a name that is no one is one line and exit 2; `@mara quill`, which asks
for Mara's quotes holding "quill", says how to ask for Mara Quill's when it finds none."""

from __future__ import annotations

import json

import pytest
from test_quotes_cli import run


@pytest.fixture
def data(example_data_dir) -> list[str]:
    return ["--data", str(example_data_dir)]


def test_a_name_of_two_words_needs_no_quotes(capsys, data):
    quoted = run(capsys, "--speaker", "Ines Haldane", *data)
    assert quoted[0] == 0 and quoted[1]
    assert run(capsys, "--speaker", "Ines", "Haldane", *data) == quoted
    assert run(capsys, *data, "--speaker", "ines", "haldane") == quoted  # last on the line too


def test_words_after_the_name_are_searched_for(capsys, data):
    ferry = run(capsys, "ferry", "--speaker", "haldane", *data)
    assert ferry[0] == 0 and len(ferry[1].splitlines()) == 1
    assert run(capsys, "--speaker", "haldane", "ferry", *data) == ferry
    assert run(capsys, "--speaker", "ines", "haldane", "ferry", *data) == ferry


def test_the_json_says_which_words_were_the_name(capsys, data):
    status, out, _ = run(capsys, "--speaker", "ines", "haldane", "ferry", "--json", *data)
    document = json.loads(out)
    assert status == 0 and (document["speaker"], document["query"]) == ("ines haldane", "ferry")


def test_a_name_of_several_words_that_is_no_one_is_one_line(capsys, data):
    status, out, err = run(capsys, "--speaker", "nobody", "at", "all", *data)
    assert (status, out) == (2, "")
    assert err == "anora-tui quotes: --speaker 'nobody at all': no such person or character\n"


def test_the_usage_line_names_one_name(capsys, data):
    status, out, _ = run(capsys, "--help")
    assert status == 0
    assert out.splitlines()[0] == "usage: anora-tui quotes [-h] [--data DIR] [--speaker NAME] [--format FORMAT] [--json] [QUERY ...]"


def test_an_at_name_split_by_a_space_says_how_to_join_it(capsys, data):
    status, out, err = run(capsys, "@mara", "quill", *data)
    assert (status, out) == (1, "")
    assert err == ("anora-tui quotes: no quotes match '@mara quill'; for quotes by 'mara quill', "
                   "join the name's words with a hyphen: @mara-quill\n")
    assert run(capsys, "@mara-quill", *data)[0] == 0
    assert run(capsys, "@mara", "zeppelin", *data)[2] == "anora-tui quotes: no quotes match '@mara zeppelin'\n"



def test_the_search_screen_says_the_same_of_an_at_name_split_by_a_space(example_dataset):
    """Its hint for a query that finds nothing (`suggest_loosening`) asks for the joined name."""
    from anora_tui.core.search import QuoteIndex, parse_query, suggest_loosening

    index = QuoteIndex(example_dataset)
    query = parse_query("@mara quill")
    assert index.search(query).count == 0
    assert suggest_loosening(index, query) == "Looking for Mara Quill? @mara-quill finds 4 quotes."
    assert suggest_loosening(index, query, names_at_hand=False) != suggest_loosening(index, query)
