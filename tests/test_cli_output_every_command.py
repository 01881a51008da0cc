"""Every subcommand, run as the installed command, with its output going nowhere it can be written: a
closed pipe (`| head -1` gone already) ends it quietly with its own exit status; a full disk
(/dev/full) and a closed standard output are one line and exit 2; an ASCII stream (PYTHONIOENCODING,
the C locale) gets look-alikes, on standard error too (a refusal printed `\\u2026` and `\\xf3`). A
refusal keeps its exit status whatever becomes of the line that says it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from test_cli_output import ASCII_STREAMS, assert_one_clean_line, environment, run
from test_e2e_tmux import installed_command

ROOT = Path(__file__).resolve().parents[1]
# Each subcommand that writes to standard output; `{tmp}` is the test's own directory.
EVERY_COMMAND = {
    "check": ["check"],
    "paths": ["paths"],
    "quotes": ["quotes", "Ani"],
    "new": ["new", "{tmp}/draft"],
    "new-from-text": ["new", "{tmp}/article.txt", "{tmp}/draft"],
    "schema": ["schema"],
    "format": ["format"],
    "format-path": ["format", "--path"],
    "help": ["--help"],
    "check-help": ["check", "--help"],
    "paths-help": ["paths", "--help"],
    "new-help": ["new", "--help"],
    "schema-help": ["schema", "--help"],
    "format-help": ["format", "--help"],
    "version": ["--version"],
}
# Each subcommand refusing, with a line on standard error holding characters ASCII has not.
REFUSALS = {
    "check": (["check", "--data", "{tmp}/dataset"], "{tmp}/dataset/extra.yaml:1:1: unknown collection 'evenements'"),
    "quotes": (["quotes", "“zeppelin”"], "no quotes match '\"zeppelin\"'"),
    "new": (["new", "{tmp}/full"], "the directory is not empty (it has x.txt...)"),
    "new-speaks-of-a-file": (["new", "{tmp}/cafés.txt"], ".txt: no such file"),
    "usage": (["quotes", "--format", "“json”"], "invalid choice: '\"json\"'"),
}


def prepared(args: list[str], tmp_path: Path) -> list[str]:
    (tmp_path / "article.txt").write_text("Title\n\nMara Quill said “hello,” Quill said.\n", encoding="utf-8")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.txt").write_text("mine")
    shutil.copytree(ROOT / "data", tmp_path / "dataset")
    (tmp_path / "dataset" / "extra.yaml").write_text("événements: []\n", encoding="utf-8")
    return [arg.replace("{tmp}", str(tmp_path)) for arg in args]


@pytest.mark.parametrize("name", EVERY_COMMAND)
def test_a_closed_pipe_ends_every_command_quietly(name, tmp_path):
    args = prepared(EVERY_COMMAND[name], tmp_path)
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = run(args, tmp_path, stdout=write_end)
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (0, b"")
    if args[0] == "new" and "--help" not in args:
        assert (tmp_path / "draft" / "article.yaml").is_file()  # its work done, only its report lost


@pytest.mark.parametrize("name", EVERY_COMMAND)
def test_a_full_disk_is_one_line_and_status_2_for_every_command(name, tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    args = prepared(EVERY_COMMAND[name], tmp_path)
    with open("/dev/full", "wb") as full:
        result = run(args, tmp_path, stdout=full)
    assert assert_one_clean_line(result.stderr).endswith(output_failed(args, "No space left on device"))
    assert result.returncode == 2


def output_failed(args: list[str], why: str) -> str:
    """How the line saying the output failed ends: `new` has written its draft, and says so."""
    if args[0] == "new" and "--help" not in args:
        assert Path(args[-1], "article.yaml").is_file()
        return f": cannot write the output: {why} (the draft in {args[-1]} is written)"
    return f": cannot write the output: {why}"


@pytest.mark.parametrize("name", EVERY_COMMAND)
def test_a_closed_standard_output_is_one_line_and_status_2_for_every_command(name, tmp_path):
    args = prepared(EVERY_COMMAND[name], tmp_path)
    result = subprocess.run(
        [shutil.which("sh"), "-c", 'exec "$@" >&-', "sh", installed_command(), *args],
        stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment(tmp_path), timeout=60,
    )
    assert assert_one_clean_line(result.stderr).endswith(output_failed(args, "standard output is closed"))
    assert result.returncode == 2


@pytest.mark.parametrize("encoding", ASCII_STREAMS, ids=["PYTHONIOENCODING=ascii", "C locale"])
@pytest.mark.parametrize("name", EVERY_COMMAND)
def test_every_command_writes_plain_ascii_to_an_ascii_stream(name, encoding, tmp_path):
    args = prepared(EVERY_COMMAND[name], tmp_path)
    result = run(args, tmp_path, **encoding)
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout and (result.stdout.isascii() or name == "schema")  # JSON Schema: UTF-8 always


@pytest.mark.parametrize("encoding", ASCII_STREAMS, ids=["PYTHONIOENCODING=ascii", "C locale"])
@pytest.mark.parametrize("name", REFUSALS)
def test_a_refusal_on_an_ascii_stream_is_one_line_of_look_alikes(name, encoding, tmp_path):
    args, says = REFUSALS[name]
    args = prepared(args, tmp_path)
    result = run(args, tmp_path, **encoding)
    assert result.returncode == (1 if name == "quotes" else 2)
    line = assert_one_clean_line(result.stderr)
    assert result.stderr.isascii() and "\\u" not in line and "\\x" not in line, line
    assert says.replace("{tmp}", str(tmp_path)) in line


@pytest.mark.parametrize("name", REFUSALS)
def test_a_refusal_keeps_its_status_when_its_line_cannot_be_written(name, tmp_path):
    args = prepared(REFUSALS[name][0], tmp_path)
    expected = 1 if name == "quotes" else 2
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        broken = run_with_stderr(args, tmp_path, write_end)
    finally:
        os.close(write_end)
    assert broken.returncode == expected
    if os.path.exists("/dev/full"):
        with open("/dev/full", "wb") as full:
            assert run_with_stderr(args, tmp_path, full).returncode == expected


def run_with_stderr(args: list[str], tmp_path: Path, stderr) -> subprocess.CompletedProcess:
    return subprocess.run([installed_command(), *args], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=stderr, env=environment(tmp_path), timeout=60)


def test_a_query_typed_in_a_locale_python_cannot_decode_is_searched_as_typed(tmp_path):
    """In the C locale without UTF-8 mode the query's bytes arrived as surrogate escapes, which matched
    nothing ("wasn’t" found no quote there, two in a UTF-8 locale)."""
    typed = run(["quotes", "wasn’t"], tmp_path, **ASCII_STREAMS[1])
    utf8 = run(["quotes", "wasn’t"], tmp_path)
    assert typed.returncode == utf8.returncode == 0, typed.stderr
    assert len(typed.stdout.splitlines()) == len(utf8.stdout.splitlines()) == 2


@pytest.mark.parametrize("name", ["quotes", "schema", "format", "help", "new-from-text"])
def test_a_reader_that_leaves_after_one_line_ends_every_command_quietly(name, tmp_path):
    """`anora-tui format | head -1`: the pipe closes while the command is still writing."""
    args = prepared(EVERY_COMMAND[name], tmp_path)
    if name == "quotes":
        args = ["quotes", "--format", "markdown"]  # every quote: more than a pipe holds
    process = subprocess.Popen([installed_command(), *args], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=environment(tmp_path))
    assert process.stdout.readline()
    process.stdout.close()  # as head does once it has its line
    stderr = process.stderr.read()
    assert (process.wait(timeout=60), stderr) == (0, b"")
