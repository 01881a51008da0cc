"""The installed command's output never tracebacks: a closed pipe ends it quietly, any other output
error is one line and exit 2, a non-UTF-8 stream gets replacements (JSON stays exact), every printed
line is cleaned like the data, and the reader refuses to start without a terminal.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from test_e2e_tmux import installed_command

COMMANDS = [["check"], ["quotes"], ["quotes", "Ani"], ["quotes", "--json"], ["--help"], ["quotes", "--help"],
            ["--version"], ["paths"], ["schema"], ["quotes", "--format", "markdown"]]
IDS = ["check", "quotes", "quotes-query", "quotes-json", "help", "quotes-help", "version", "paths", "schema",
       "quotes-markdown"]


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        **extra,
    }


def run(args: list[str], tmp_path: Path, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, **extra: str):
    return subprocess.run(
        [installed_command(), *args],
        stdin=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=environment(tmp_path, **extra),
        timeout=60,
    )


def assert_one_clean_line(stderr: bytes) -> str:
    text = stderr.decode("utf-8", errors="replace")
    assert "Traceback" not in text and "Exception ignored" not in text, text
    lines = text.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("anora-tui"), lines
    return lines[0]


def program(args: list[str]) -> str:
    """What the command's lines on standard error start with: the command as typed, as git's do."""
    return " ".join(["anora-tui", *args[:1]]) if args and not args[0].startswith("-") else "anora-tui"


@pytest.mark.parametrize("args", COMMANDS, ids=IDS)
def test_a_closed_pipe_ends_the_output_quietly(args, tmp_path):
    read_end, write_end = os.pipe()
    os.close(read_end)  # like `| true` having exited already: every write fails with EPIPE
    try:
        result = run(args, tmp_path, stdout=write_end)
    finally:
        os.close(write_end)
    assert result.stderr == b""
    assert result.returncode == 0


@pytest.mark.parametrize("args", COMMANDS, ids=IDS)
def test_a_full_disk_is_one_line_and_status_2(args, tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with open("/dev/full", "wb") as full:
        result = run(args, tmp_path, stdout=full)
    line = assert_one_clean_line(result.stderr)
    assert line == f"{program(args)}: cannot write the output: No space left on device"
    assert result.returncode == 2


@pytest.mark.parametrize("args", [["check"], ["quotes", "Ani"], ["quotes", "Ani", "--json"]])
def test_a_closed_standard_output_is_one_line_and_status_2(args, tmp_path):
    shell = shutil.which("sh")
    result = subprocess.run(
        [shell, "-c", 'exec "$@" >&-', "sh", installed_command(), *args],
        stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment(tmp_path), timeout=60,
    )
    line = assert_one_clean_line(result.stderr)
    assert line == f"{program(args)}: cannot write the output: standard output is closed"
    assert result.returncode == 2


ASCII_STREAMS = [
    {"PYTHONIOENCODING": "ascii"},
    {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0", "PYTHONIOENCODING": ""},
]


@pytest.mark.parametrize("encoding", ASCII_STREAMS, ids=["PYTHONIOENCODING=ascii", "C locale"])
def test_an_ascii_stream_gets_look_alikes_not_a_traceback(encoding, tmp_path):
    result = run(["quotes", "couldn"], tmp_path, **encoding)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    lines = result.stdout.decode("ascii").splitlines()  # plain ASCII: every line decodes
    assert lines and all("couldn't" in line for line in lines)  # the typographic apostrophe as '
    utf8 = run(["quotes", "couldn"], tmp_path, PYTHONIOENCODING="utf-8").stdout.decode("utf-8")
    assert utf8.count("?") == result.stdout.count(b"?")  # every character of these quotes has a look-alike


@pytest.mark.parametrize("output_format", ["text", "markdown"])
def test_every_character_of_every_quote_and_citation_has_a_look_alike(output_format, tmp_path):
    result = run(["quotes", "--format", output_format], tmp_path, PYTHONIOENCODING="ascii")
    utf8 = run(["quotes", "--format", output_format], tmp_path, PYTHONIOENCODING="utf-8").stdout.decode("utf-8")
    assert result.returncode == 0 and result.stderr == b""
    assert result.stdout.count(b"?") == utf8.count("?")  # none lost to a "?"
    if output_format == "markdown":  # "§10 [Shooting the home invasion], ¶6"
        assert b"sec. 10 \\[Shooting the home invasion\\], para. 6" in result.stdout


def test_look_alikes_for_what_an_ascii_stream_cannot_hold():
    from anora_tui.cli.output import LOOK_ALIKE_ERRORS

    text = "Alex Coco · Toros — “When we commenced…” Café, Brighton ✓ 東"
    assert text.encode("ascii", LOOK_ALIKE_ERRORS) == b'Alex Coco - Toros -- "When we commenced..." Cafe, Brighton ? ?'
    assert "Café ·".encode("latin-1", LOOK_ALIKE_ERRORS) == "Café ·".encode("latin-1")  # held: kept


@pytest.mark.parametrize("encoding", ASCII_STREAMS, ids=["PYTHONIOENCODING=ascii", "C locale"])
def test_json_to_an_ascii_stream_stays_exact(encoding, tmp_path):
    utf8 = json.loads(run(["quotes", "couldn", "--json"], tmp_path).stdout.decode("utf-8"))
    result = run(["quotes", "couldn", "--json"], tmp_path, **encoding)
    assert result.returncode == 0 and result.stderr == b""
    assert json.loads(result.stdout.decode("ascii")) == utf8
    assert any("\u2019" in quote["text"] for quote in utf8["quotes"])


def test_the_check_summary_is_one_clean_line_whatever_the_directory_name(example_data_dir, tmp_path):
    name = "data\x1b]0;PWNED\x07-\x1b[31mred\nsecond line"
    directory = tmp_path / name
    shutil.copytree(example_data_dir, directory)
    result = run(["check", "--data", str(directory)], tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert b"\x1b" not in result.stdout and b"\x07" not in result.stdout
    [line] = out.splitlines()
    assert "PWNED" in line and "second line" in line and line.endswith("2 notes")


def test_problem_lines_name_a_hostile_directory_cleanly(tmp_path):
    directory = tmp_path / "gone\x1b[2J\nline"
    result = run(["check", "--data", str(directory)], tmp_path)
    assert result.returncode == 2
    assert b"\x1b" not in result.stderr
    lines = result.stderr.decode("utf-8").splitlines()
    assert len(lines) == 1 and "data directory does not exist" in lines[0], lines  # one problem, one line


def test_an_argument_echoed_in_a_usage_error_is_cleaned(tmp_path):
    result = run(["no-such-command\x1b]0;PWNED\x07"], tmp_path)
    assert result.returncode == 2
    assert b"\x1b" not in result.stderr and b"\x07" not in result.stderr
    assert b"PWNED" in result.stderr and b"is not a command" in result.stderr


def test_json_escapes_control_characters_in_what_it_echoes(tmp_path):
    query = "a\x1b[31m\u009b\u202e"
    result = run(["quotes", query, "--json"], tmp_path)
    assert result.returncode == 1
    assert all(byte not in result.stdout for byte in (b"\x1b", "\u009b".encode(), "\u202e".encode()))
    assert json.loads(result.stdout)["query"] == query  # escaped, not lost


# --- the reader needs a terminal -------------------------------------------------------------------


def test_the_reader_refuses_to_start_without_a_terminal(tmp_path):
    result = run([], tmp_path, stdin=subprocess.DEVNULL)
    line = assert_one_clean_line(result.stderr)
    assert "the reader needs a terminal" in line and "standard input" in line
    assert "none of standard input, output and error is one" in line  # run with no terminal at all
    assert result.returncode == 2
    assert result.stdout == b""  # no escape sequences written into a file


def test_the_reader_refuses_a_redirected_input_even_in_a_terminal(tmp_path):
    from test_hostile_text import PseudoTerminal

    terminal = PseudoTerminal(
        ["sh", "-c", f'exec "{installed_command()}" < /dev/null'], (100, 30), environment(tmp_path, TERM="xterm-256color")
    )
    try:
        terminal.read_until(lambda text: False, timeout=20)
    finally:
        status = terminal.close()
    assert status == 2
    assert "\x1b[?1049h" not in terminal.text  # the screen was never taken over
    assert "anora-tui: the reader needs a terminal, and standard input is not one" in terminal.text


@pytest.mark.parametrize(
    ("columns", "lines", "expected"),
    [("100000", "5000", ("1000", "500")), ("120", "40", ("120", "40")), ("-3", "x", (None, None))],
)
def test_columns_and_lines_are_clamped_when_the_terminal_reports_no_size(monkeypatch, columns, lines, expected):
    from anora_tui.cli import terminal

    monkeypatch.setattr(terminal, "_terminal_size", lambda: None)
    environ = {"COLUMNS": columns, "LINES": lines}
    terminal.use_real_size(environ)
    assert (environ.get("COLUMNS"), environ.get("LINES")) == expected


def test_columns_and_lines_give_way_to_the_real_size(monkeypatch):
    from anora_tui.cli import terminal

    monkeypatch.setattr(terminal, "_terminal_size", lambda: os.terminal_size((100, 30)))
    environ = {"COLUMNS": "100000", "LINES": "100000", "TERM": "xterm"}
    terminal.use_real_size(environ)
    assert environ == {"TERM": "xterm"}


def test_ctrl_c_while_loading_is_status_130_without_a_traceback(monkeypatch, capsys):
    from anora_tui.cli import main as main_module
    from anora_tui.core.loading import cache

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cache, "load_cached", interrupted)  # imported by `main` when it loads
    assert main_module.main(["check"]) == 130
    assert capsys.readouterr().err == ""
