"""`anora-tui quotes`: grep-like output and exit status; JSON, JSON Lines, Markdown and CSL-JSON, each
parsed back; every format shows a quote's form."""

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
        "Ines Haldane · After the festival · “Nobody believes me when I say the ferry was real”",
    ]


def test_ranked_best_first(capsys, data):
    status, out, _ = run(capsys, "ferr", *data)
    # Both start a word with "ferr"; ties keep article order.
    assert [line.split(" · ")[0] for line in out.splitlines()] == ["Mara Quill", "Ines Haldane"]


def test_no_query_prints_every_quote(capsys, data, example_dataset):
    status, out, _ = run(capsys, *data)
    assert status == 0
    assert len(out.splitlines()) == len(example_dataset.quotes)


def test_nothing_found_exits_1_and_says_so_on_stderr(capsys, data):
    assert run(capsys, "zeppelin", *data) == (1, "", "anora-tui quotes: no quotes match 'zeppelin'\n")
    status, out, err = run(capsys, "ferry", "--speaker", "quill", *data)
    assert (status, out) == (1, "")
    assert err == "anora-tui quotes: no quotes match 'ferry' by 'quill'\n"


def test_text_shows_the_form_of_each_quote(capsys, data):
    _, out, _ = run(capsys, "@quill", *data)
    assert out.splitlines() == [
        "Mara Quill · A film about waiting · “I wanted to make a film where nothing arrives”",
        "Mara Quill · A film about waiting · “Waiting is the whole plot.”",
        "Mara Quill · A film about waiting · she stole his habit of holding a shot until the audience gives up on it"
        " (reported)",
        "Mara Quill · A film about waiting · I grew up counting ferries, and I still count them when I can’t sleep."
        " (retold in the first person)",
    ]


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
    assert run(capsys, "the ferry", "--format", "json", *data)[1] == out
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
        "form": "direct",
        "shown": "“Nobody believes me when I say the ferry was real”",
        "article_title": "Nothing Arrives: The Making of Salt Hour (an example)",
        "publication": "Example Quarterly",
        "date": "2023-01-15",
        "section_number": 3,
        "section_title": "After the festival",
        "section_title_by": "source",
        "citation": "Ines Haldane, quoted in “Nothing Arrives: The Making of Salt Hour (an example)”, "
        "Example Quarterly, 15 January 2023, §3 After the festival, ¶2",
        "editor_notes": [],
    }
    assert [quote["text"][s:e] for s, e in quote["spans"]] == ["the", "ferry"]


def test_json_names_reported_speech(capsys, data):
    _, out, _ = run(capsys, "habit", "--format", "json", *data)
    [quote] = json.loads(out)["quotes"]
    assert quote["form"] == "reported"
    assert quote["shown"] == "she stole his habit of holding a shot until the audience gives up on it (reported)"
    assert "reported (not a verbatim quote) in" in quote["citation"]


def test_json_lines_one_record_a_line(capsys, data, example_dataset):
    status, out, _ = run(capsys, "--format", "jsonl", *data)
    assert status == 0
    lines = out.splitlines()
    assert len(lines) == len(example_dataset.quotes)
    records = [json.loads(line) for line in lines]  # each line is a whole JSON value
    assert all(isinstance(r, dict) and {"id", "text", "form", "citation"} <= r.keys() for r in records)
    assert [r["id"] for r in records] == [q.id for q in example_dataset.quotes]
    _, speaker_out, _ = run(capsys, "--speaker", "wren", "--format", "jsonl", *data)
    assert {json.loads(line)["speaker_id"] for line in speaker_out.splitlines()} == {"ines-haldane"}


def test_json_lines_survive_head(example_data_dir):
    command = [sys.executable, "-m", "anora_tui", "quotes", "--format", "jsonl", "--data", str(example_data_dir)]
    first = subprocess.run(f"{' '.join(command)} | head -1", shell=True, capture_output=True, text=True)
    assert json.loads(first.stdout)["id"] == "nothing-arrives"
    assert "Traceback" not in first.stderr


def test_markdown_blockquotes_with_citations(capsys, data):
    status, out, _ = run(capsys, "ferr", "--format", "markdown", *data)
    assert status == 0
    blocks = out.strip("\n").split("\n\n")
    assert blocks == [
        "> I grew up counting ferries, and I still count them when I can’t sleep.\n"
        ">\n"
        "> — Mara Quill, retold by the article in the first person (not a verbatim quote) in “Nothing Arrives: "
        "The Making of Salt Hour (an example)”, Example Quarterly, 15 January 2023, §1 A film about waiting, ¶3",
        "> “Nobody believes me when I say the ferry was real”\n"
        ">\n"
        "> — Ines Haldane, quoted in “Nothing Arrives: The Making of Salt Hour (an example)”, Example Quarterly, "
        "15 January 2023, §3 After the festival, ¶2",
    ]


def test_markdown_escapes_the_data(capsys, make_data_dir):
    directory = make_data_dir(
        {
            "article.yaml": """\
                article:
                  title: "T *bold*"
                  publication: P
                  date: "2024"
                  sections:
                    - id: one
                      title: One
                      paragraphs: ["- [link](x) <b>_y_</b>"]
            """,
            "quotes.yaml": """\
                quotes:
                  - {id: q, speaker: mara-quill, section: one, paragraph: 1, text: "- [link](x) <b>_y_</b>", form: reported}
            """,
            "notes.yaml": None,
            "scenes.yaml": None,
            "events.yaml": None,
        }
    )
    _, out, _ = run(capsys, "--format", "markdown", "--data", str(directory))
    first = out.splitlines()[0]
    assert first == "> \\- \\[link\\](x) \\<b\\>\\_y\\_\\</b\\>"
    assert "“T \\*bold\\*”" in out


def test_csl_json_items(capsys, data, example_dataset):
    status, out, _ = run(capsys, "--format", "csl-json", *data)
    assert status == 0
    items = json.loads(out)
    assert isinstance(items, list) and len(items) == len(example_dataset.quotes)
    for item in items:
        # What CSL-JSON requires (id, type) and what a magazine article citation needs.
        assert isinstance(item["id"], str) and item["id"]
        assert item["type"] == "article-magazine"
        assert item["title"] == "Nothing Arrives: The Making of Salt Hour (an example)"
        assert item["container-title"] == "Example Quarterly"
        assert item["issued"] == {"date-parts": [[2023, 1, 15]]}
        assert item["section"].startswith("§")
    assert len({item["id"] for item in items}) == len(items)
    reported = next(item for item in items if item["id"] == "stole-his-habit")
    assert reported["note"].startswith("she stole his habit") and "(reported)" in reported["note"]
    _, speaker_out, _ = run(capsys, "--speaker", "haldane", "--format", "csl-json", *data)
    assert {item["id"] for item in json.loads(speaker_out)} == {"kept-talking", "ferry-was-real"}


def test_csl_json_and_json_with_nothing_found_are_still_valid(capsys, data):
    for output_format, empty in (("csl-json", []), ("json", None)):
        status, out, err = run(capsys, "zeppelin", "--format", output_format, *data)
        assert status == 1 and "no quotes match" in err
        parsed = json.loads(out)
        assert parsed == empty if empty is not None else parsed["quotes"] == []


def test_json_and_another_format_disagree(capsys, data):
    status, out, err = run(capsys, "--json", "--format", "markdown", *data)
    assert (status, out) == (2, "")
    assert "disagree" in err


def test_json_with_nothing_found(capsys, data):
    status, out, _ = run(capsys, "zeppelin", "--json", *data)
    assert status == 1
    assert json.loads(out)["quotes"] == []


@pytest.mark.parametrize("query", ["(", "[a-", "*", "\\", "[/bold]", "x" * 10_000])
def test_odd_queries_are_literal(capsys, data, query):
    status, _, err = run(capsys, query, *data)
    assert status in (0, 1) and (err == "") == (status == 0)


@pytest.mark.parametrize("query", ['"', '""', "@", "!", '!""', "@ !"])
def test_a_query_of_bare_operators_is_bad_input_not_every_quote(capsys, data, query):
    status, out, err = run(capsys, query, *data)
    assert (status, out) == (2, "")
    assert err.startswith(f"anora-tui quotes: bad query {query!r}: ")
    assert len(err.splitlines()) == 1


def test_an_unknown_at_name_is_bad_input_as_with_speaker(capsys, data):
    status, out, err = run(capsys, "ferry @nobodyatall", *data)
    assert (status, out) == (2, "")
    assert err.strip() == "anora-tui quotes: @nobodyatall: no such person or character"


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
    assert out == "Mara Quill · Two lines · “a b c”\n"


def test_a_closed_pipe_is_not_an_error(example_data_dir):
    command = [sys.executable, "-m", "anora_tui", "quotes", "--data", str(example_data_dir)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        process.stdout.readline()
        process.stdout.close()
        errors = process.stderr.read()
    assert b"Traceback" not in errors


def test_a_title_the_editor_gave_is_cited_in_square_brackets(capsys):
    """The shipped article has no headings of its own (`headings: editor`): its section titles are the
    editor's, and a citation said "§10 Shooting the home invasion" as if the magazine had it."""
    status, out, _ = run(capsys, "chaotic", "--format", "json")
    assert status == 0
    [quote] = json.loads(out)["quotes"]
    assert quote["section_title"] == "Shooting the home invasion" and quote["section_title_by"] == "editor"
    assert quote["citation"].endswith("§10 [Shooting the home invasion], ¶3"), quote["citation"]
    status, out, _ = run(capsys, "chaotic", "--format", "csl-json")
    assert json.loads(out)[0]["section"] == "§10 [Shooting the home invasion]"
