"""Broken files: each gives one `FILE:LINE:COL: message` line from `anora-tui check` (the installed
command, run for real), exit status 2 and no traceback; none hangs, crashes or leaves data out quietly.

One directory holds every broken file at once (a file that cannot be read is reported on its own, so
they do not mask each other), checked in one run; the cases that need the pure-Python YAML loader or a
huge file are checked on their own.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
import yaml
from test_e2e_tmux import installed_command

from anora_tui.core import state
from anora_tui.core.loading.cache import load_cached
from anora_tui.core.loading.loader import (
    DEFAULT_MAX_FILE_BYTES,
    DataErrors,
    load_dataset,
)

# A problem as the loader words it, or as printed: after the command (`anora-tui check: `).
PROBLEM_LINE = re.compile(r"^(?:anora-tui(?: check)?: )?(?P<file>[^\n]+?):(?P<line>[1-9][0-9]*):(?P<column>[1-9][0-9]*): (?P<message>\S.*)$")
SIZE_LIMIT = 50_000  # for the oversize file; every other file here is far smaller


def person(**fields: str) -> str:
    values = {"id": "someone", "name": "Some One", "kind": "crew", "roles": "[editor]", "description": "Cuts."}
    values.update(fields)
    return "people:\n  - " + "\n    ".join(f"{key}: {value}" for key, value in values.items()) + "\n"


def alias_bomb() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):  # each level 9 times the last: 9**10 strings if expanded
        name, previous = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    return "\n".join(lines) + "\npeople: *j\n"


def merge_key_bomb() -> str:
    lines = ["a: &a {x: 1, y: 2}"]
    for level in range(1, 12):  # each mapping merges the last one 8 times over
        name, previous = f"m{level}", "a" if level == 1 else f"m{level - 1}"
        lines.append(f"{name}: &{name} {{<<: [{', '.join(['*' + previous] * 8)}], z{level}: 1}}")
    return "\n".join(lines) + "\npeople: [*m11]\n"


# file name -> (contents, expected "LINE:COL: message")
BROKEN_FILES: dict[str, tuple[bytes, str]] = {
    "tab-indented.yaml": (
        b"people:\n\t- id: x\n",
        "2:1: YAML syntax error: while scanning for the next token; found character that cannot start any "
        "token (a tab: YAML indents with spaces only)",
    ),
    "tab-after-spaces.yaml": (
        b"people:\n  - id: x\n\tname: y\n",
        "3:1: YAML syntax error: while scanning a plain scalar; found a tab character that violates "
        "indentation",
    ),
    "bom-inside.yaml": (
        b"people: []\n\xef\xbb\xbfnotes: []\n",
        "2:1: byte-order mark (U+FEFF) inside the file: delete it (editors hide it)",
    ),
    "utf16.yaml": (
        "people: []\n".encode("utf-16"),
        "1:1: the file is UTF-16 (it starts with its byte-order mark): save it as UTF-8",
    ),
    "utf16-no-mark.yaml": (
        "people: []\n".encode("utf-16-le"),
        "1:2: NUL byte: the file is UTF-16, UTF-32 or not text at all; save it as UTF-8",
    ),
    "utf32.yaml": (
        "people: []\n".encode("utf-32"),
        "1:1: the file is UTF-32 (it starts with its byte-order mark): save it as UTF-8",
    ),
    "latin1.yaml": (
        "people:\n  - name: Andrés\n".encode("latin-1"),
        "2:15: not UTF-8: byte 0xe9 at byte offset 22",
    ),
    "two-documents.yaml": (
        b"people: []\n---\nnotes: []\n",
        "2:1: YAML syntax error: expected a single document in the stream; but found another document",
    ),
    "deep.yaml": (
        ("people: " + "[" * 5000 + "]" * 5000 + "\n").encode(),
        "1:1008: YAML syntax error: while increasing flow level; exceeded maximum nesting depth",
    ),
    "alias-bomb.yaml": (alias_bomb().encode(), "1:4: anchors and aliases (&name, *name) are not allowed"),
    "merge-key-bomb.yaml": (merge_key_bomb().encode(), "1:4: anchors and aliases (&name, *name) are not allowed"),
    "lone-surrogate.yaml": (
        person(id="lone-surrogate", name='"\\ud800"').encode(),
        "3:14: YAML syntax error: while parsing a quoted scalar; found invalid Unicode character escape code",
    ),
    "oversize.yaml": (
        b"people: []\n" + b"#" * SIZE_LIMIT + b"\n",
        f"1:1: file is {SIZE_LIMIT + 12} bytes, over the {SIZE_LIMIT}-byte limit "
        "(raise it with the environment variable ANORA_TUI_MAX_FILE_BYTES)",
    ),
}
# YAML 1.1 reads these unquoted words as something other than text.
SURPRISES = {"no": "a boolean", "2024-01-01": "a date", "1.10": "a number", "~": "null", "42": "a number"}
for _value, _reading in SURPRISES.items():
    _name = f"surprise-{_value.strip('~').replace('.', '-') or 'tilde'}"
    BROKEN_FILES[f"{_name}.yaml"] = (
        person(id=_name, name=_value).encode(),
        f"3:11: 'name' must be a string; quote it (YAML reads '{_value}' as {_reading})",
    )


def make_broken_entries(directory: Path) -> dict[str, str]:
    """Every broken file and entry in `directory`; returns name -> expected "LINE:COL: message"."""
    expected = {}
    for name, (contents, problem) in BROKEN_FILES.items():
        (directory / name).write_bytes(contents)
        expected[name] = problem
    (directory / "a-directory.yaml").mkdir()
    expected["a-directory.yaml"] = "1:1: cannot read the file: it is a directory"
    (directory / "broken-link.yaml").symlink_to("nowhere.yaml")
    expected["broken-link.yaml"] = "1:1: cannot read the file: it is a broken symbolic link to 'nowhere.yaml'"
    os.mkfifo(directory / "fifo.yaml")  # reading it would wait for a writer forever
    expected["fifo.yaml"] = "1:1: cannot read the file: it is a FIFO, socket or device, not a regular file"
    return expected


def run_command(argv: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key != "ANORA_TUI_MAX_FILE_BYTES"}
    environment.update(XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_STATE_HOME=str(tmp_path / "state"), **env)
    return subprocess.run(argv, capture_output=True, text=True, env=environment, timeout=60)


def loading_problems(directory: Path, load=load_dataset) -> list[str]:
    with pytest.raises(DataErrors) as caught:
        load(directory)
    return [str(error) for error in caught.value.errors]


def reported(stderr: str) -> dict[str, str]:
    """name -> "LINE:COL: message" for each problem line; asserts the last line sums them up (only
    when there is more than one)."""
    problems = {}
    lines = stderr.splitlines()
    if len(lines) > 1:
        *lines, summary = lines
        assert re.fullmatch(rf"anora-tui( check)?: {len(lines)} problems in .+", summary), summary
    for line in lines:
        match = PROBLEM_LINE.match(line)
        assert match, f"not a FILE:LINE:COL line: {line!r}"
        name = Path(match["file"]).name
        assert name not in problems, f"{name} reported twice"
        problems[name] = f"{match['line']}:{match['column']}: {match['message']}"
    return problems


def test_check_reports_every_broken_file_in_one_line_each(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    expected = make_broken_entries(data)
    started = time.monotonic()
    result = run_command(
        [installed_command(), "check", "--data", str(data)], tmp_path, ANORA_TUI_MAX_FILE_BYTES=str(SIZE_LIMIT)
    )
    assert time.monotonic() - started < 30  # no bomb is expanded, no FIFO waited on
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert reported(result.stderr) == expected


@pytest.mark.parametrize("name", sorted(BROKEN_FILES))
def test_each_broken_file_alone(make_data_dir, monkeypatch, name):
    """The same files in the example dataset, one at a time: the only problem is the file's own."""
    monkeypatch.setenv("ANORA_TUI_MAX_FILE_BYTES", str(SIZE_LIMIT))
    contents, problem = BROKEN_FILES[name]
    directory = make_data_dir({name: contents})
    assert loading_problems(directory) == [f"{directory / name}:{problem}"]


def test_the_example_dataset_is_below_the_test_size_limit(example_data_dir):
    assert all(path.stat().st_size < SIZE_LIMIT for path in example_data_dir.iterdir())


def test_an_oversize_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    big = data / "big.yaml"
    with big.open("wb") as file:
        file.truncate(DEFAULT_MAX_FILE_BYTES + 1)  # sparse: costs no disk
    monkeypatch.setattr(yaml, "compose", lambda *args, **kwargs: pytest.fail("parsed an oversize file"))
    tracemalloc.start()
    try:
        with pytest.raises(DataErrors) as caught:
            load_cached(data)  # the cache key must not read it whole either
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024
    assert [str(error) for error in caught.value.errors] == [
        f"{big}:1:1: file is {DEFAULT_MAX_FILE_BYTES + 1} bytes, over the {DEFAULT_MAX_FILE_BYTES}-byte limit "
        "(raise it with the environment variable ANORA_TUI_MAX_FILE_BYTES)"
    ]


PERMISSION_DENIED = "cannot read the file: Permission denied"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode (see the FIFO case)")
def test_a_file_without_read_permission(make_data_dir):
    directory = make_data_dir({"locked.yaml": "notes: []\n"})
    (directory / "locked.yaml").chmod(0)
    assert loading_problems(directory) == [f"{directory / 'locked.yaml'}:1:1: {PERMISSION_DENIED}"]


def test_a_permission_error_is_reported_like_any_other(make_data_dir, monkeypatch):
    directory = make_data_dir({"locked.yaml": "notes: []\n"})
    real_open = os.open

    def refuse_locked(path, *args, **kwargs):
        if str(path).endswith("locked.yaml"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(state.os, "open", refuse_locked)
    assert loading_problems(directory, load_cached) == [f"{directory / 'locked.yaml'}:1:1: {PERMISSION_DENIED}"]


def test_a_hostile_file_name_is_printed_as_one_harmless_line(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "evil\x1b]52;c;SGVsbG8=\x07\nnext.yaml").write_bytes(b"people: [\n")
    (data / b"latin1-\xe9.yaml".decode(errors="surrogateescape")).write_bytes(b"notes: {\n")
    result = run_command([installed_command(), "check", "--data", str(data)], tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    problems = result.stderr.splitlines()[:-1]
    assert len(problems) == 2 and all(PROBLEM_LINE.match(line) for line in problems), problems
    assert "evil\ufffd]52;c;SGVsbG8=\ufffd\\nnext.yaml:2:1: YAML syntax error" in result.stderr


# The pure-Python YAML loader (used where libyaml is missing): recursion, and escapes libyaml refuses.
WITHOUT_LIBYAML = """
import sys
sys.modules["yaml._yaml"] = None  # as if PyYAML had been built without libyaml
import yaml
assert not yaml.__with_libyaml__
"""


def test_deep_nesting_in_the_pure_python_loader_is_reported(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "deep.yaml").write_text("people: " + "[" * 5000 + "]" * 5000 + "\n")
    program = WITHOUT_LIBYAML + "from anora_tui.cli.main import main\nsys.exit(main(sys.argv[1:]))\n"
    result = run_command([sys.executable, "-c", program, "check", "--data", str(data)], tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == f"anora-tui check: {data / 'deep.yaml'}:1:1: YAML nested too deeply"


def test_a_lone_surrogate_escape_in_the_pure_python_loader_is_a_problem(make_data_dir, tmp_path):
    text = person(name='"Un\\ud800paired"')
    directory = make_data_dir({"extra.yaml": text})
    program = WITHOUT_LIBYAML + "from anora_tui.cli.main import main\nsys.exit(main(sys.argv[1:]))\n"
    result = run_command([sys.executable, "-c", program, "check", "--data", str(directory)], tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    line = text[: text.index("\\ud800")].count("\n") + 1
    assert f"extra.yaml:{line}:" in result.stderr and "lone surrogates are not allowed in text: U+D800" in result.stderr
