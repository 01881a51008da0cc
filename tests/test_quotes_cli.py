"""`anora-tui quotes`: grep-like output and exit status, and one JSON document with --json."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from anora_tui.cli.main import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(["quotes", *args])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def data(example_data_dir) -> list[str]:
    return ["--data", str(example_data_dir)]


def test_one_greppable_line_per_match(capsys, data):
    status, out, err = run(capsys, "ferry", *data)
    assert status == 0 and err == ""
    assert out.splitlines() == [
        "Ines Haldane · After the festival · Nobody believes me when I say the ferry was real",
    ]


def test_ranked_best_first(capsys, data):
    status, out, _ = run(capsys, "ferr", *data)
    # Both start a word with "ferr"; ties keep article order.
    assert [line.split(" · ")[0] for line in out.splitlines()] == ["Mara Quill", "Ines Haldane"]


def test_no_query_prints_every_quote(capsys, data, example_dataset):
    status, out, _ = run(capsys, *data)
    assert status == 0
    assert len(out.splitlines()) == len(example_dataset.quotes)


def test_nothing_found_exits_1_quietly(capsys, data):
    assert run(capsys, "zeppelin", *data) == (1, "", "")


def test_speaker_option_by_name_or_character(capsys, data):
    status, out, _ = run(capsys, "--speaker", "wren", *data)
    assert status == 0
    assert {line.split(" · ")[0] for line in out.splitlines()} == {"Ines Haldane"}
    status, out, _ = run(capsys, "I", "--speaker", "Ines Haldane", *data)
    assert len(out.splitlines()) == 2


def test_speaker_option_combines_with_at_filters(capsys, data):
    assert run(capsys, "@quill", "--speaker", "haldane", *data)[0] == 1


def test_unknown_speaker_is_bad_input(capsys, data):
    status, out, err = run(capsys, "ferry", "--speaker", "Nobody Atall", *data)
    assert (status, out) == (2, "")
    assert err.strip() == "anora-tui quotes: --speaker 'Nobody Atall': no such person or character"
    assert len(err.splitlines()) == 1


def test_json_document(capsys, data):
    status, out, _ = run(capsys, "the ferry", "--json", *data)
    assert status == 0
    document = json.loads(out)
    assert document["query"] == "the ferry"
    assert document["count"] == 1 == len(document["quotes"])
    assert document["total"] == 7
    [quote] = document["quotes"]
    assert quote == {
        "id": "ferry-was-real",
        "speaker": "Ines Haldane",
        "speaker_id": "ines-haldane",
        "section": "After the festival",
        "section_id": "afterwards",
        "paragraph": 2,
        "text": "Nobody believes me when I say the ferry was real",
        "spans": [[30, 33], [34, 39]],
    }
    assert [quote["text"][s:e] for s, e in quote["spans"]] == ["the", "ferry"]


def test_json_with_nothing_found(capsys, data):
    status, out, _ = run(capsys, "zeppelin", "--json", *data)
    assert status == 1
    assert json.loads(out)["quotes"] == []


@pytest.mark.parametrize("query", ["(", "[a-", "*", "\\", '"', "@", "[/bold]", "x" * 10_000])
def test_odd_queries_are_literal(capsys, data, query):
    status, _, err = run(capsys, query, *data)
    assert status in (0, 1) and err == ""


def test_text_from_the_data_stays_on_one_line(capsys, make_data_dir):
    directory = make_data_dir(
        {
            "article.yaml": """\
                article:
                  title: T
                  publication: P
                  date: "2024"
                  sections:
                    - id: one
                      title: "Two\\nlines"
                      paragraphs: ["He said: a\\tb\\nc."]
            """,
            "quotes.yaml": """\
                quotes:
                  - {id: q, speaker: mara-quill, section: one, paragraph: 1, text: "a\\tb\\nc"}
            """,
            "notes.yaml": None,
            "scenes.yaml": None,
            "events.yaml": None,
        }
    )
    status, out, _ = run(capsys, "--data", str(directory))
    assert out == "Mara Quill · Two lines · a b c\n"


def test_a_closed_pipe_is_not_an_error(example_data_dir):
    command = [sys.executable, "-m", "anora_tui", "quotes", "--data", str(example_data_dir)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        process.stdout.readline()
        process.stdout.close()
        errors = process.stderr.read()
    assert b"Traceback" not in errors
