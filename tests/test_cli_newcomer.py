"""The command as a newcomer meets it: each command's help says what it does (and shows examples);
`anora-tui help [COMMAND]` works; a mistyped command or option is answered with the one likeliest
meant, and an unknown option before the command is what is said to be wrong (`--datas x` said
`invalid choice: 'x'`); `paths` takes `--data` as `check` and `quotes` do; `check` names a file that
looks like data but is not read (`notes.yml`), which it passed as ok; and every broken file in a copy
of data/ is one line naming file, line and problem, and exit status 2."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from test_cli_paths import refused, run

ROOT = Path(__file__).resolve().parents[1]
PROBLEM_LINE = re.compile(r"^anora-tui check: .+\.ya?ml:\d+:\d+: \S.*$")


@pytest.mark.parametrize(
    ("command", "says"),
    [
        ("check", "FILE:LINE:COL: problem, and exit status 2"),
        ("paths", "where the settings file, the saved place and the load cache live"),
        ("quotes", "Exit status as grep's"),
        ("new", "With DIR alone, a commented template"),
        ("schema", "for an editor's YAML support"),
        ("format", "description of the dataset format"),
    ],
)
def test_each_command_says_what_it_does(capsys, command, says):
    status, out, err = run(capsys, command, "--help")
    assert (status, err) == (0, "")
    assert says in " ".join(out.split())


def test_the_commands_that_write_show_examples(capsys):
    for command in ("quotes", "new", "check"):
        out = run(capsys, command, "--help")[1]
        assert "\nexamples:\n  anora-tui " + command in out


@pytest.mark.parametrize("args", [["help"], ["help", "quotes"]])
def test_help_as_a_command(capsys, args):
    status, out, err = run(capsys, *args)
    assert (status, err) == (0, "")
    assert out == run(capsys, *args[1:], "--help")[1]


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["chek"], "anora-tui: 'chek' is not a command (did you mean check?); see anora-tui --help"),
        (["xyzzy"], "anora-tui: 'xyzzy' is not a command (check, paths, quotes, new, schema, format); "
                    "see anora-tui --help"),
        (["--datas", "x"], "anora-tui: unrecognized arguments: --datas (did you mean --data?); see anora-tui --help"),
        (["quotes", "--speakr", "baker"], "anora-tui quotes: unrecognized arguments: --speakr (did you mean "
                                          "--speaker?); see anora-tui quotes --help"),
        (["check", "--dta", "x"], "anora-tui check: unrecognized arguments: --dta x (did you mean --data?); "
                                  "see anora-tui check --help"),
        (["--watch", "check"], "anora-tui check: --watch is for the reader, not for check; see anora-tui check --help"),
        (["--watch", "quotes", "money"], "anora-tui quotes: --watch is for the reader, not for quotes; "
                                         "see anora-tui quotes --help"),
    ],
)
def test_a_mistyped_command_or_option_names_the_likeliest_one(capsys, args, line):
    assert refused(capsys, *args) == line


def test_paths_takes_data_as_check_does(capsys, tmp_path):
    status, out, err = run(capsys, "paths", "--data", str(tmp_path))
    assert (status, err) == (0, "")
    assert out.splitlines()[-1] == f"data: {tmp_path}"


@pytest.fixture
def data_copy(tmp_path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    return copy


def test_check_names_a_data_file_that_is_not_read(capsys, data_copy):
    (data_copy / "notes.yaml").rename(data_copy / "notes.yml")
    assert refused(capsys, "check", "--data", str(data_copy)) == (
        f"anora-tui check: {data_copy}/notes.yml:1:1: not read: a dataset's files end in .yaml; rename it notes.yaml"
    )


def test_an_unread_file_is_counted_among_the_other_problems(capsys, data_copy):
    (data_copy / "extra.YAML").write_text("notes: []\n")
    (data_copy / "broken.yaml").write_text("people: [\n")
    status, out, err = run(capsys, "check", "--data", str(data_copy))
    assert (status, out) == (2, "")
    assert err.splitlines() == [
        f"anora-tui check: {data_copy}/broken.yaml:2:1: YAML syntax error: while parsing a flow node; "
        "did not find expected node content",
        f"anora-tui check: {data_copy}/extra.YAML:1:1: not read: a dataset's files end in .yaml; rename it extra.yaml",
        f"anora-tui check: 2 problems in {data_copy}",
    ]


BREAKAGES = {
    "unclosed-list": ("events.yaml", lambda text: text.replace("precision: year", "precision: [year", 1)),
    "bad-indent": ("events.yaml", lambda text: text.replace("  - id:", " - id:", 1)),
    "tab": ("people.yaml", lambda text: text + "\t"),
    "unknown-key": ("people.yaml", lambda text: text + "foo: bar\n"),
    "empty": ("people.yaml", lambda text: ""),
    "unquoted-date": ("events.yaml", lambda text: text.replace('date: "2000"', "date: 2000-13-45", 1)),
    "bad-id": ("events.yaml", lambda text: text.replace("four-letter-words", "Four Letter", 1)),
    "latin-1": ("quotes.yaml", lambda text: text.replace("’", "\udce9", 1)),
}


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_one_broken_file_in_a_copy_of_data_is_one_line_and_status_2(capsys, data_copy, breakage):
    name, break_it = BREAKAGES[breakage]
    path = data_copy / name
    path.write_bytes(break_it(path.read_text(encoding="utf-8")).encode("utf-8", "surrogateescape"))
    line = refused(capsys, "check", "--data", str(data_copy))
    assert PROBLEM_LINE.match(line) and f"{data_copy}/{name}:" in line, line


def test_a_dataset_directory_given_without_data_says_how_to_give_it(capsys, example_data_dir):
    data = str(example_data_dir)
    assert refused(capsys, "check", data) == (
        f"anora-tui check: unrecognized arguments: {data} (to check the dataset in it: --data {data}); "
        "see anora-tui check --help"
    )
    assert refused(capsys, data) == (
        f"anora-tui: '{data}' is not a command; to read the dataset in it: anora-tui --data {data}; see anora-tui --help"
    )
