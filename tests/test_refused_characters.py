"""Control characters and invisible formatting characters in a dataset's text are problems, at the
position the file has them (as they are, or as a double-quoted YAML escape), in every text field of
every collection, on both ways a file is read (the quick read of the common layout and YAML) and on a
`--watch` reload; tab and newline stay allowed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from test_hostile_text import CONTROL_CASES
from test_loader import EXAMPLE, problems
from ui_harness import settle, wait_for

from anora_tui.core.loading.file_reader import read_file
from anora_tui.core.loading.loader import load_dataset
from anora_tui.ui.app import AnoraApp
from anora_tui.ui.widgets.problems_panel import ProblemsPanel

# (as written in a double-quoted YAML string, the code point reported)
ESCAPES = [
    ("\\e[31m", "U+001B"),
    ("\\x1b", "U+001B"),
    ("\\u001B", "U+001B"),
    ("\\0", "U+0000"),
    ("\\a", "U+0007"),
    ("\\u0007", "U+0007"),
    ("\\r", "U+000D"),
    ("\\x7f", "U+007F"),
    ("\\x9b", "U+009B"),
    ("\\N", "U+0085"),
    ("\\u202e", "U+202E"),
    ("\\u202A", "U+202A"),
    ("\\u2066", "U+2066"),
    ("\\u2069", "U+2069"),
    ("\\u200f", "U+200F"),
    ("\\u061c", "U+061C"),
    ("\\L", "U+2028"),
    ("\\P", "U+2029"),
    ("\\ufeff", "U+FEFF"),
    ("\\ufff9", "U+FFF9"),
]


def position(text: str, needle: str) -> tuple[int, int]:
    offset = text.index(needle)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def write(make_data_dir, name: str, old: str, new: str) -> tuple[Path, str]:
    text = (EXAMPLE / name).read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    text = text.replace(old, new)
    return make_data_dir({name: text}), text


@pytest.mark.parametrize(("escape", "code"), ESCAPES, ids=[escape for escape, _ in ESCAPES])
def test_an_escaped_control_or_formatting_character_is_a_problem_at_the_escape(make_data_dir, escape, code):
    new = f'description: "Plays Pell, {escape}the ticket clerk."'
    directory, text = write(make_data_dir, "people.yaml", "description: Plays Pell, the ticket clerk.", new)
    line, column = position(text, escape)
    [problem] = problems(directory)
    assert problem.startswith(f"{directory / 'people.yaml'}:{line}:{column}: ")
    assert f"are not allowed in text: {code}" in problem
    assert f"written as the escape {escape[:2]}" in problem and "in 'description'; delete it" in problem


def test_an_escaped_backslash_is_not_an_escape(make_data_dir):
    directory, text = write(make_data_dir, "people.yaml", "description: Plays Pell, the ticket clerk.",
                            'description: "a \\\\e and \\e"')
    line, column = position(text, " \\e\"")  # the second \e, not the \\e
    [problem] = problems(directory)
    assert problem.startswith(f"{directory / 'people.yaml'}:{line}:{column + 1}: "), problem


@pytest.mark.parametrize("character", ["\u202e", "\u2066", "\u200e", "\u061c", "\ufff9"])
@pytest.mark.parametrize("style", ["plain", "quoted", "single"])
def test_a_raw_invisible_formatting_character_is_a_problem_where_it_is(make_data_dir, character, style):
    value = f"Plays Pell, the {character}ticket clerk."
    written = {"plain": value, "quoted": f'"{value}"', "single": f"'{value}'"}[style]
    directory, text = write(make_data_dir, "people.yaml", "description: Plays Pell, the ticket clerk.",
                            f"description: {written}")
    line, column = position(text, character)
    [problem] = problems(directory)
    assert problem.startswith(f"{directory / 'people.yaml'}:{line}:{column}: ")
    assert f"U+{ord(character):04X}" in problem and "written as" not in problem


def test_a_raw_control_character_is_refused_in_the_words_an_escaped_one_is(make_data_dir):
    directory, text = write(make_data_dir, "people.yaml", "description: Plays Pell, the ticket clerk.",
                            'description: "Plays Pell, \x1b[31mthe ticket clerk."')
    line, column = position(text, "\x1b")
    [problem] = problems(directory)
    assert problem == (f"{directory / 'people.yaml'}:{line}:{column}: "
                       "control characters are not allowed in text: U+001B ESCAPE; delete it")


@pytest.mark.parametrize("key", ['"na\\u202eme"', "na\u202eme", '"na\\eme"'])
def test_a_key_with_such_a_character_says_so_rather_than_look_known(make_data_dir, key):
    directory, text = write(make_data_dir, "people.yaml", "name: Tomás Reyes", f"{key}: Tomás Reyes")
    line, column = position(text, key)
    found = problems(directory)  # and the person, without its name, misses it
    [problem] = [problem for problem in found if f"people.yaml:{line}:" in problem]
    assert "are not allowed in text: U+" in problem and "in the key 'na" in problem and "did you mean" not in problem


def test_tab_and_newline_stay_allowed(make_data_dir):
    directory, _ = write(make_data_dir, "people.yaml", "description: Plays Pell, the ticket clerk.",
                         'description: "Plays Pell,\\tthe ticket\\nclerk \\u200d zero-width joiner."')
    person = load_dataset(directory).people_by_id["tomas-reyes"]
    assert person.description == "Plays Pell,\tthe ticket\nclerk \u200d zero-width joiner."


def _string_values(node: yaml.Node):
    """Every string scalar that is a value (not a key) in a composed file."""
    if isinstance(node, yaml.MappingNode):
        for _key, value in node.value:
            yield from _string_values(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _string_values(item)
    elif isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str" and node.value:
        yield node


def _every_text_field() -> list[tuple[str, int, int, str]]:
    """(file, line, column, value) of every string value in the example dataset (ids, references,
    choices, dates, names, text: every field a string is read into)."""
    found = []
    for path in sorted(EXAMPLE.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        for node in _string_values(yaml.compose(text, Loader=yaml.SafeLoader)):
            mark, end = node.start_mark, node.end_mark
            if mark.line == end.line:
                found.append((path.name, mark.line, mark.column, end.column))
    return found


TEXT_FIELDS = _every_text_field()


@pytest.mark.parametrize(("name", "line", "column", "end"), TEXT_FIELDS,
                         ids=[f"{name}:{line + 1}:{column + 1}" for name, line, column, _ in TEXT_FIELDS])
def test_every_string_field_of_every_collection_refuses_an_escaped_control(make_data_dir, name, line, column, end):
    text = (EXAMPLE / name).read_text(encoding="utf-8")
    lines = text.split("\n")
    row = lines[line]
    value = yaml.safe_load(f"v: {row[column:end]}")["v"]
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    lines[line] = f'{row[:column]}"{escaped}\\e[2J"{row[end:]}'
    directory = make_data_dir({name: "\n".join(lines)})
    at = f"{directory / name}:{line + 1}:{column + 2 + len(escaped)}: "
    found = problems(directory)
    assert any(problem.startswith(at) and "U+001B ESCAPE" in problem for problem in found), found


# --- the quick read of the common layout ---------------------------------------------------------


def _quotes_file(texts: list[str]) -> str:
    lines = ["quotes:"]
    for number, text in enumerate(texts, start=1):
        lines += [f"  - id: q{number}", "    speaker: mara-quill", f'    text: "{text}"',
                  "    section: the-shoot", "    paragraph: 1"]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("character", ["\u202e", "\u2069", "\u200f", "\ufff9"])
def test_the_quick_read_refuses_what_yaml_refuses(tmp_path, character):
    # Records after the first are read by the quick reader's plan, without YAML nodes.
    path = tmp_path / "quotes.yaml"
    path.write_text(_quotes_file(["The cold", "The cold", f"The {character}cold", "The cold"]), encoding="utf-8")
    quick, slow = read_file(path, 1 << 20), read_file(path, 1 << 20, quick=False)
    assert quick.errors == slow.errors
    [(line, column, message)] = quick.errors
    assert (line, column) == (14, 16) and f"U+{ord(character):04X}" in message


# --- the command line and --watch ------------------------------------------------------------------


@pytest.mark.parametrize("case", CONTROL_CASES, ids=[case.name for case in CONTROL_CASES])
def test_check_refuses_each_hostile_control_case_with_one_line_and_status_2(make_data_dir, case):
    escaped = case.raw.encode("unicode_escape").decode("ascii").replace('"', '\\"')
    directory, text = write(make_data_dir, "people.yaml", "description: Plays Pell, the ticket clerk.",
                            f'description: "{escaped}"')
    run = subprocess.run([sys.executable, "-m", "anora_tui", "check", "--data", str(directory)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    line, _column = position(text, escaped)
    [problem] = [row for row in run.stdout.splitlines() + run.stderr.splitlines() if "people.yaml" in row]
    assert f"people.yaml:{line}:" in problem and "are not allowed in text" in problem
    assert "Traceback" not in run.stderr


async def test_a_watch_reload_shows_an_escaped_control_as_a_problem(make_data_dir):
    directory = make_data_dir()
    app = AnoraApp(load_dataset(directory), data_dir=directory, watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        people = directory / "people.yaml"
        text = people.read_text()
        people.write_text(text.replace("name: Tomás Reyes", 'name: "Tomás \\u202eReyes"'))
        panel = app.query_one(ProblemsPanel)
        await wait_for(pilot, lambda: panel.display, timeout=10)
        [problem] = panel.problems
        assert f"{people}:" in problem and "U+202E RIGHT-TO-LEFT OVERRIDE" in problem
        assert app.dataset.people_by_id["tomas-reyes"].name == "Tomás Reyes"  # the last good data stays
