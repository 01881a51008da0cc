"""What the reader needs from the terminal it runs in, checked before it starts.

- A terminal on standard input, output and error: Textual reads keys from the first, asks the size
  of the second and draws on the third. Without one the reader would draw escape sequences into a
  file or pipe and read no keys (it could not even be quit), so it refuses to start, in one line.
- The real size: `COLUMNS` and `LINES` would win over what the terminal says (Textual asks
  `shutil.get_terminal_size`), and a stale or huge value (100,000) makes the reader lay out a screen
  that never fits, or never draws. When the terminal reports its size they are dropped (so a resize
  is followed too); otherwise they are kept only within `MAX_COLUMNS` × `MAX_LINES`.
"""

from __future__ import annotations

import os
from typing import MutableMapping

MAX_COLUMNS = 1000
MAX_LINES = 500
STREAMS = ((0, "standard input"), (1, "standard output"), (2, "standard error"))


class TerminalMissing(Exception):
    """The reader cannot run here; the message says why, in one line."""


def prepare_terminal(environ: MutableMapping[str, str] = os.environ) -> None:
    """Raise TerminalMissing unless the standard streams are a terminal; then trust its real size."""
    not_terminals = [name for descriptor, name in STREAMS if not _is_terminal(descriptor)]
    if not_terminals:
        which = (
            "none of standard input, output and error is one" if len(not_terminals) == len(STREAMS)
            else f"{_listed(not_terminals)} {'is' if len(not_terminals) == 1 else 'are'} not one"
        )
        raise TerminalMissing(
            f"the reader needs a terminal, and {which}; "
            "in scripts and pipes use `anora-tui check` or `anora-tui quotes`"
        )
    use_real_size(environ)


def use_real_size(environ: MutableMapping[str, str]) -> None:
    size = _terminal_size()
    if size is not None:
        environ.pop("COLUMNS", None)
        environ.pop("LINES", None)
        return
    for name, limit in (("COLUMNS", MAX_COLUMNS), ("LINES", MAX_LINES)):
        value = environ.get(name, "")
        if value.isdigit() and int(value) > 0:
            environ[name] = str(min(int(value), limit))
        else:
            environ.pop(name, None)


def _terminal_size() -> os.terminal_size | None:
    """The size the terminal on standard output reports, or None if it reports none (0×0)."""
    try:
        size = os.get_terminal_size(1)
    except OSError:
        return None
    return size if size.columns > 0 and size.lines > 0 else None


def _is_terminal(descriptor: int) -> bool:
    try:
        return os.isatty(descriptor)
    except OSError:
        return False


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
