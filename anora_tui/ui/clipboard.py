"""Copying a quote (or a paragraph) with its citation, through the terminal (OSC 52, Textual's
`copy_to_clipboard`: the App's own escape sequence; the data is only its base64 payload)."""

from __future__ import annotations

import os
import subprocess
from typing import Callable, Mapping
from weakref import WeakKeyDictionary

from textual.app import App

from ..core.quoting import Citation, plain_citation
from ..core.text import excerpt

# Terminals known to let programs set the clipboard with OSC 52 (by $TERM_PROGRAM or $TERM).
SUPPORTING = ("iterm", "wezterm", "kitty", "alacritty", "foot", "ghostty", "contour", "vscode", "tabby", "rio",
              "warp")
NOTICE_CHARS = 60


def tmux_set_clipboard() -> str | None:
    """tmux's `set-clipboard` option as the tmux server running the reader has it; None if unknown."""
    try:
        shown = subprocess.run(["tmux", "show-options", "-gv", "set-clipboard"], capture_output=True,
                               text=True, timeout=1.0, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return shown.stdout.strip() or None


def clipboard_caveat(environ: Mapping[str, str] = os.environ,
                     tmux_option: Callable[[], str | None] = tmux_set_clipboard) -> str:
    """What to tell the reader about whether the copy can have worked, from what the environment
    says about the terminal ("" when it is known to work)."""
    program = environ.get("TERM_PROGRAM", "").lower()
    term = environ.get("TERM", "").lower()
    if program == "apple_terminal":
        return "Terminal.app does not let programs set the clipboard: select the text with the mouse instead."
    if environ.get("TMUX"):
        if tmux_option() == "on":  # tmux keeps it as a buffer (prefix ] pastes it) and passes it on
            return ""
        return "In tmux this needs “set -g set-clipboard on” in its configuration (and a terminal that supports OSC 52)."
    if environ.get("STY") or term.startswith("screen"):
        return "GNU screen may not pass this on to your terminal."
    if term == "linux":
        return "The Linux console has no clipboard for programs to set."
    if environ.get("WT_SESSION") or any(name in program or name in term for name in SUPPORTING):
        return ""
    return "If nothing pastes, your terminal does not let programs set the clipboard (OSC 52)."


def copy_citation(app: App, citation: Citation) -> str:
    """Copy the citation as plain text; say in a notification what was copied (and whether the
    terminal may have ignored it). Returns what was copied."""
    text = plain_citation(citation)
    app.copy_to_clipboard(text)
    shown = citation.shown
    _, start, rest = excerpt(shown.text, (0, 0), NOTICE_CHARS)
    what = f"{shown.opening}{start}{rest}{shown.closing}"
    who = f" — {citation.speaker}" if citation.speaker else ""
    message = f"Copied {what}{who}, with its citation ({citation.place})."
    caveat = _caveat_for(app)
    app.notify(f"{message} {caveat}".strip(), title="Copied", markup=False, timeout=6 if caveat else 3,
               severity="warning" if caveat.startswith(CANNOT) else "information")
    return text


CANNOT = ("Terminal.app", "The Linux")  # caveats saying the copy cannot have worked: said every time
_caveats: WeakKeyDictionary[App, str] = WeakKeyDictionary()  # each App's caveat still to say with a copy


def _caveat_for(app: App) -> str:
    """The caveat to add to this copy's notice: worked out once a session (inside tmux that asks the
    tmux server, up to a second), and a "may not work" said with the first copy only."""
    caveat = _caveats.get(app)
    if caveat is None:
        caveat = clipboard_caveat()
    _caveats[app] = caveat if caveat.startswith(CANNOT) else ""
    return caveat
