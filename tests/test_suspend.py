"""Ctrl+Z suspends the reader as any terminal program: the shell gets the terminal back and says the
job stopped; `fg` brings the reader back, redrawn, and it goes on taking keys. Through the installed
command, run from a shell in tmux."""

from __future__ import annotations

from test_e2e_tmux import TMUX, Terminal, installed_command
import pytest

from anora_tui.core.loading.loader import load_dataset
from anora_tui.paths import default_data_dir

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")
PROMPT = "shell$"


def test_ctrl_z_suspends_to_the_shell_and_fg_brings_the_reader_back(tmp_path):
    terminal = Terminal(tmp_path, ["env", f"PS1={PROMPT} ", "bash", "--norc", "--noprofile", "-i"])
    try:
        first, second = load_dataset(default_data_dir()).sections[:2]
        terminal.wait_for(PROMPT)
        terminal.type(f"'{installed_command()}'")
        terminal.press("Enter")
        terminal.wait_for(first.title, "? Help")
        terminal.press("C-z")
        terminal.wait_for("Stopped", absent=("? Help",))
        terminal.type("fg")
        terminal.press("Enter")
        terminal.wait_for(first.title, "? Help")
        terminal.press("l")  # keys still reach it
        terminal.wait_for(second.title)
        terminal.type("q")
        terminal.wait_for(PROMPT, absent=("? Help",))
        terminal.type("echo status=$?")
        terminal.press("Enter")
        terminal.wait_for("status=0")
    finally:
        terminal.close()


def test_ctrl_z_suspends_from_the_search_box_too(tmp_path):
    """A text box's own Ctrl+Z (undo) took the key: the reader stayed, and `fg` typed into the box."""
    terminal = Terminal(tmp_path, ["env", f"PS1={PROMPT} ", "bash", "--norc", "--noprofile", "-i"])
    try:
        shipped = load_dataset(default_data_dir())
        first, counted_quotes = shipped.sections[0], f" of {len(shipped.quotes)} quotes"
        terminal.wait_for(PROMPT)
        terminal.type(f"'{installed_command()}'")
        terminal.press("Enter")
        terminal.wait_for(first.title, "? Help")
        terminal.press("/")
        terminal.wait_for("Search quotes")
        terminal.type("coco")
        terminal.wait_for(counted_quotes)
        terminal.press("C-z")
        terminal.wait_for("Stopped", absent=("Search quotes",))
        terminal.type("fg")
        terminal.press("Enter")
        screen = terminal.wait_for(counted_quotes)
        assert "cocofg" not in screen
    finally:
        terminal.close()
