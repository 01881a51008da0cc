"""What the copy notice says about the clipboard, from what the environment says about the terminal:
inside tmux it depends on tmux's own `set-clipboard` option, read from the tmux server itself."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid

import pytest

from anora_tui.ui.clipboard import clipboard_caveat, tmux_set_clipboard

IN_TMUX = {"TMUX": "/tmp/tmux-0/default,1,0", "TERM": "tmux-256color", "TERM_PROGRAM": "tmux"}


@pytest.mark.parametrize(("option", "says_tmux"), [("on", False), ("external", True), ("off", True), (None, True)])
def test_in_tmux_the_caveat_follows_its_set_clipboard_option(option, says_tmux):
    caveat = clipboard_caveat(IN_TMUX, tmux_option=lambda: option)
    assert ("set-clipboard on" in caveat) is says_tmux
    assert "`" not in caveat  # a notice is plain text: markdown's backticks would show as they are


def test_outside_tmux_the_option_is_not_asked():
    def never() -> str:
        raise AssertionError("asked tmux outside tmux")

    assert clipboard_caveat({"TERM": "xterm-kitty"}, tmux_option=never) == ""
    assert "Terminal.app" in clipboard_caveat({"TERM_PROGRAM": "Apple_Terminal"}, tmux_option=never)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
@pytest.mark.parametrize("option", ["on", "off"])
def test_the_option_is_read_from_the_tmux_server_the_reader_runs_in(option, tmp_path, monkeypatch):
    socket = tmp_path / f"tmux-{uuid.uuid4().hex[:8]}"
    server = ["tmux", "-S", str(socket), "-f", os.devnull]
    subprocess.run([*server, "new-session", "-d", "-s", "c"], check=True, timeout=20)
    try:
        subprocess.run([*server, "set-option", "-g", "set-clipboard", option], check=True, timeout=20)
        monkeypatch.setenv("TMUX", f"{socket},1,0")
        assert tmux_set_clipboard() == option
    finally:
        subprocess.run([*server, "kill-server"], timeout=20)
