"""What the command line says when it refuses: every line on standard error starts with the command
as typed, bad arguments are one line and exit status 2; a query's words need no quoting; the data
format's description travels with the package (`anora-tui format`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from anora_tui.cli.main import main
from anora_tui.paths import data_format_doc

ROOT = Path(__file__).resolve().parents[1]


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


# --- a query of several words --------------------------------------------------------------------


def test_unquoted_words_are_one_query(capsys, example_data_dir):
    data = ("--data", str(example_data_dir))
    quoted = run(capsys, "quotes", "ferry real", *data)
    assert quoted[0] == 0 and quoted[1]
    assert run(capsys, "quotes", "ferry", "real", *data) == quoted
    assert run(capsys, "quotes", "ferry", *data, "real") == quoted  # words on both sides of an option
    by_name = run(capsys, "quotes", "@quill waiting", *data)
    assert by_name[0] == 0 and run(capsys, "quotes", "@quill", "waiting", *data) == by_name


def test_unquoted_words_keep_the_json_query_as_typed(capsys, example_data_dir):
    import json

    status, out, _ = run(capsys, "quotes", "ferry", "real", "--format", "json", "--data", str(example_data_dir))
    assert status == 0 and json.loads(out)["query"] == "ferry real"


# --- every line on standard error names the command -------------------------------------------


def _bad_dataset(tmp_path: Path) -> Path:
    data = tmp_path / "bad"
    data.mkdir()
    (data / "a.yaml").write_text("people: [\n", encoding="utf-8")
    (data / "b.yaml").write_text("notes: {\n", encoding="utf-8")
    return data


REFUSALS = {
    # name: (arguments, the command as typed)
    "missing data directory": (["check", "--data", "{tmp}/nonexist"], "anora-tui check"),
    "data directory is a file": (["check", "--data", "{tmp}/film.txt"], "anora-tui check"),
    "problems in the data": (["check", "--data", "{bad}"], "anora-tui check"),
    "quotes from missing data": (["quotes", "x", "--data", "{tmp}/nonexist"], "anora-tui quotes"),
    "paths: unknown argument": (["paths", "extra"], "anora-tui paths"),
    "schema: unknown argument": (["schema", "extra"], "anora-tui schema"),
    "format: unknown argument": (["format", "extra"], "anora-tui format"),
    "quotes: unknown option": (["quotes", "--bogus"], "anora-tui quotes"),
    "quotes: bad choice": (["quotes", "--format", "yaml"], "anora-tui quotes"),
    "new: no DIR": (["new"], "anora-tui new"),
    "check: unknown option": (["check", "--bogus"], "anora-tui check"),
    "reader: unknown option": (["--bogus"], "anora-tui"),
    "no such command": (["nosuch"], "anora-tui"),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_every_refusal_line_starts_with_the_command(capsys, tmp_path, case):
    arguments, command = REFUSALS[case]
    (tmp_path / "film.txt").write_text("Title\n\nText.\n", encoding="utf-8")
    bad = _bad_dataset(tmp_path)
    arguments = [a.format(tmp=tmp_path, bad=bad) for a in arguments]
    status, out, err = run(capsys, *arguments)
    assert status == 2 and out == ""
    lines = err.splitlines()
    assert lines and all(line.startswith(f"{command}: ") for line in lines), lines


@pytest.mark.parametrize(
    ("arguments", "line"),
    [
        (["quotes", "--bogus"], "anora-tui quotes: unrecognized arguments: --bogus; see anora-tui quotes --help"),
        (["schema", "extra"], "anora-tui schema: unrecognized arguments: extra; see anora-tui schema --help"),
        (["--bogus"], "anora-tui: unrecognized arguments: --bogus; see anora-tui --help"),
        (["new"], "anora-tui new: the following arguments are required: [ARTICLE.txt] DIR; see anora-tui new --help"),
    ],
)
def test_a_usage_error_is_one_line(capsys, arguments, line):
    assert run(capsys, *arguments) == (2, "", line + "\n")


# --- `new`'s refusals ----------------------------------------------------------------------------


def test_a_text_that_is_not_utf8_is_placed_by_line_and_column(capsys, tmp_path):
    text = tmp_path / "latin1.txt"
    text.write_bytes("Title\n\nThe Palme d'Or went to Anora.\nIt was a surprise to S".encode() + b"\xe1" + b"nchez.\n")
    status, out, err = run(capsys, "new", str(text), str(tmp_path / "draft"))
    assert (status, out) == (2, "")
    assert err.startswith(f"anora-tui new: {text}:4:23: not UTF-8: byte 0xe1"), err
    assert not (tmp_path / "draft").exists()


def test_a_text_without_a_directory_says_the_directory_is_missing(capsys, tmp_path):
    text = tmp_path / "film.txt"
    text.write_text("Title\n\nText.\n", encoding="utf-8")
    status, out, err = run(capsys, "new", str(text))
    assert (status, out) == (2, "")
    [line] = err.splitlines()
    assert line.startswith(f"anora-tui new: DIR is missing: {text} is a file"), line
    assert "exists and is not a directory" not in line
    assert text.read_text(encoding="utf-8") == "Title\n\nText.\n"


# --- the data format, as installed ---------------------------------------------------------------


def test_format_prints_the_data_format_that_is_shipped(capsys):
    status, out, err = run(capsys, "format")
    assert (status, err) == (0, "")
    assert out == (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
    status, out, _ = run(capsys, "format", "--path")
    assert status == 0 and Path(out.strip()) == data_format_doc()


def test_the_pointers_to_the_format_name_the_command_not_a_repository_path(capsys, tmp_path):
    status, out, _ = run(capsys, "--help")
    assert status == 0 and "anora-tui format" in " ".join(out.split()) and "docs/" not in out
    assert run(capsys, "new", str(tmp_path / "draft"))[0] == 0
    for file in (tmp_path / "draft").iterdir():
        text = file.read_text(encoding="utf-8")
        assert "docs/data-format.md" not in text, file.name
        if file.suffix == ".yaml":
            assert "anora-tui format" in text, file.name
