"""`anora-tui check`, run as a real command: a summary and exit 0, or one line per problem and exit 2."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBLEM_LINE = re.compile(r"^.+:\d+:\d+: \S.*$")


def run_check(data_dir: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "ANORA_TUI_MAX_FILE_BYTES"}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")  # never touch the real cache
    return subprocess.run(
        [sys.executable, "-m", "anora_tui", "check", "--data", str(data_dir)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )


def test_check_valid_dataset_prints_one_summary_line(example_data_dir, tmp_path):
    result = run_check(example_data_dir, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        f"{example_data_dir}: ok: 3 sections, 8 paragraphs, 5 people, 2 characters, 3 scenes, 5 events, "
        "7 quotes, 2 notes"
    ]


def test_check_bad_dataset_prints_each_problem_and_exits_2(example_data_dir, make_data_dir, tmp_path):
    quotes = (example_data_dir / "quotes.yaml").read_text(encoding="utf-8")
    quotes = quotes.replace("speaker: tomas-reyes", "speeker: tomas-reyes")
    directory = make_data_dir({"quotes.yaml": quotes, "extra.yaml": "people: [\n"})
    result = run_check(directory, tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    problems = [line for line in lines if PROBLEM_LINE.match(line)]
    assert len(problems) == 3, lines  # the syntax error, the missing 'speaker', the unknown 'speeker'
    assert problems[0].startswith(f"anora-tui check: {directory / 'extra.yaml'}:2:1: YAML syntax error")
    assert all(line.startswith(f"anora-tui check: {directory / 'quotes.yaml'}") for line in problems[1:])
    assert result.stdout == ""


def test_check_missing_directory(tmp_path):
    missing = tmp_path / "no-such-dataset"
    result = run_check(missing, tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"anora-tui check: {missing}: data directory does not exist" in result.stderr.splitlines()
