"""A YAML syntax error is reported where its cause is, not where PyYAML gave up: an unclosed `[` at
the line that opens it (PyYAML's context mark), an unclosed quote at the quote, a bad indent, a tab
or a duplicate key at their own line. And one problem is one line: the "N problems in DIR" summary
comes only when there are several."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import yaml
from test_broken_files import PROBLEM_LINE, WITHOUT_LIBYAML, run_command
from test_e2e_tmux import installed_command

from anora_tui.core.loading.yaml_nodes import syntax_error_at

DATA = Path(__file__).resolve().parents[1] / "data"
PEOPLE_LINE_10 = '    name: "Mikey Madison"'  # the shipped people.yaml, lines 10 and 11
PEOPLE_LINE_11 = "    kind: cast"

# (line changed, its new text, where the problem must be reported, words of the message)
CASES = {
    "unclosed bracket": (11, "    kind: [cast", "11:11", "flow sequence"),
    "unclosed brace": (11, "    kind: {cast", "11:11", "flow mapping"),
    "unclosed double quote": (10, '    name: "Mikey Madison', "10:11", "closing quote missing"),
    "unclosed single quote": (10, "    name: 'Mikey Madison", "10:11", "closing quote missing"),
    "indented too far": (11, "      kind: cast", "11:7", "expected key"),
    "indented too little": (11, "   kind: cast", "11:4", "'-' indicator"),
    "tab": (11, "\tkind: cast", "11:1", "tab"),
    "duplicate key": (11, "    name: cast", "11:5", "duplicate key 'name'"),
    "colon in a value": (11, "    kind: a: b", "11:12", "mapping values are not allowed"),
}


def broken_copy(tmp_path: Path, line: int, text: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    people = data / "people.yaml"
    lines = people.read_text(encoding="utf-8").split("\n")
    assert (lines[9], lines[10]) == (PEOPLE_LINE_10, PEOPLE_LINE_11)  # the lines the cases change
    lines[line - 1] = text
    people.write_text("\n".join(lines), encoding="utf-8")
    return data


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_points_at_the_cause(tmp_path, case):
    line, text, where, words = CASES[case]
    data = broken_copy(tmp_path, line, text)
    result = run_command([installed_command(), "check", "--data", str(data)], tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    problems = result.stderr.splitlines()
    if case == "duplicate key":  # also 'kind' missing from the record, so two problems and a summary
        assert problems[-1] == f"anora-tui check: 2 problems in {data}"
        problems = [line for line in problems[:-1] if "duplicate" in line]
    first = PROBLEM_LINE.match(problems[0])
    assert first and first["file"] == str(data / "people.yaml"), problems
    assert f"{first['line']}:{first['column']}" == where, problems
    assert words in first["message"], problems
    if case != "duplicate key":
        assert len(problems) == 1, problems  # one problem, one line: no summary


YAML_TEXTS = {
    "unclosed bracket": ("a:\n  b: [1, 2\n  c: 3\n", (2, 6)),
    "bracket closed on a later line, a comma missing": ('a: [1,\n  "2"\n  "3"]\n', (1, 4)),
    "bracket and problem on one line": ('a: ["x" "y"]\n', (1, 9)),
    "quote unclosed to the end": ('a:\n  b: "text\n', (2, 6)),
    "simple key without its colon": ("a: 1\nb\nc: 2\n", (2, 1)),
    "quoted string running across lines by design": ('a: "one\n  two"\n b: 1\n', (3, 2)),  # the indent
    "tab after a plain scalar": ("people:\n  - id: x\n\tname: y\n", (3, 1)),
}


@pytest.mark.parametrize("loader", [yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)],
                         ids=["python", "libyaml"])
@pytest.mark.parametrize("case", sorted(YAML_TEXTS))
def test_the_mark_that_points_at_the_cause(case, loader):
    text, expected = YAML_TEXTS[case]
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.compose(text, Loader=loader)
    line, column, message = syntax_error_at(caught.value, text)
    assert (line, column) == expected, message


def test_the_pure_python_loader_points_at_the_cause_too(tmp_path):
    data = broken_copy(tmp_path, 11, "    kind: [cast")
    program = WITHOUT_LIBYAML + "from anora_tui.cli.main import main\nsys.exit(main(sys.argv[1:]))\n"
    result = run_command([sys.executable, "-c", program, "check", "--data", str(data)], tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"anora-tui check: {data / 'people.yaml'}:11:11: YAML syntax error: while parsing a flow sequence; expected ',' or ']',"
        " but got ':' (reading gave up at line 12, column 10)"
    ]
