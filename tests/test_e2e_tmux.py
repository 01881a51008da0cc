"""End to end: the INSTALLED `anora-tui` command in a real terminal (tmux, 120×40), driven by keys,
checked by reading the screen as a person would see it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from anora_tui.core.loading.loader import load_dataset
from anora_tui.core.places import section_links
from anora_tui.core.search import QuoteIndex
from anora_tui.core.state import load_state
from anora_tui.paths import default_data_dir

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")
WAIT_SECONDS = 20.0


def installed_command() -> str:
    beside_python = Path(sys.executable).parent / "anora-tui"
    # The command installed with the Python running the tests, not whatever else is on PATH.
    found = str(beside_python) if beside_python.exists() else shutil.which("anora-tui")
    if found is None:
        pytest.fail("the anora-tui command is not installed (pip install -e . in this environment)")
    return found


class Terminal:
    """One tmux session on a private server, running one command."""

    def __init__(self, tmp_path: Path, command: list[str]) -> None:
        self.socket = f"anora-e2e-{uuid.uuid4().hex[:8]}"
        self.name = "reader"
        self.xdg = {name: tmp_path / name.lower() for name in ("XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")}
        environment = [f"-e{name}={path}" for name, path in self.xdg.items()]
        # tmux may hand the command COLUMNS/LINES of its default 80×24, which would win over the
        # real size of the terminal: drop them so the reader asks the terminal.
        self.tmux(
            "new-session", "-d", "-x", "120", "-y", "40", "-s", self.name,
            "-eTERM=xterm-256color", *environment, "env", "-u", "COLUMNS", "-u", "LINES", *command,
        )

    def tmux(self, *arguments: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            [TMUX, "-L", self.socket, "-f", os.devnull, *arguments],
            capture_output=True, text=True, check=check, timeout=WAIT_SECONDS,
        )

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name).stdout

    def wait_for(self, *texts: str | re.Pattern, absent: tuple[str, ...] = ()) -> str:
        """Poll the screen until every text (or pattern) is on it and none of `absent` is (bounded);
        return the screen."""
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            screen = self.screen()
            shown = all(text.search(screen) if isinstance(text, re.Pattern) else text in screen for text in texts)
            if shown and not any(text in screen for text in absent):
                return screen
            if time.monotonic() > deadline:
                pytest.fail(f"never saw {texts!r} without {absent!r}; the screen was:\n{screen}")
            time.sleep(0.1)

    def press(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.name, *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.name, "-l", text)

    def running(self) -> bool:
        return self.tmux("has-session", "-t", self.name, check=False).returncode == 0

    def close(self) -> None:
        self.tmux("kill-server", check=False)


@pytest.fixture
def terminal(tmp_path: Path):
    session = Terminal(tmp_path, [installed_command()])
    try:
        yield session
    finally:
        session.close()


def test_read_follow_a_name_search_and_quit(terminal: Terminal) -> None:
    dataset = load_dataset(default_data_dir())
    first = dataset.sections[0]
    terminal.wait_for(first.title, f"Section 1 of {len(dataset.sections)}", "? Help")

    person = dataset.people_by_id[section_links(dataset, first)[0].person_id]
    terminal.press("]", "Enter")
    screen = terminal.wait_for(person.name, person.description[:30])
    assert first.title in screen  # the reading pane is still beside the person

    quote = next(q for q in dataset.quotes if "blood-curdling" in q.text)
    section = dataset.sections_by_id[quote.section]
    terminal.press("/")
    terminal.wait_for("Search quotes")
    terminal.type("blood-curdling")
    # The count line as it reads for this query, and only then: before typing it counts every quote.
    found = QuoteIndex(dataset).search("blood-curdling")
    assert found.count == 1 and found.total > 1
    terminal.wait_for(re.compile(rf"(?<![\d,])1 of {found.total:,} quotes"))
    assert section.index > 0  # so the reader's move to the quote's section shows
    terminal.press("Enter")
    terminal.wait_for(section.title, f"Section {section.index + 1} of", "blood-curdling", absent=("Search quotes",))

    terminal.press("q")
    deadline = time.monotonic() + WAIT_SECONDS
    while terminal.running() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not terminal.running(), "q did not end the reader"
    state_file = terminal.xdg["XDG_STATE_HOME"] / "anora-tui" / "state.json"
    assert load_state(state_file).state.section_id == section.id
