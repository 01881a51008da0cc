"""Where things live: the shipped dataset, stylesheets and description of the data format, and the user's state, cache and config
directories. The one place that knows either.

The shipped files are inside the installed package (a wheel carries them as `anora_tui/data`,
`anora_tui/styles` and `anora_tui/docs`), or at the top of a source checkout. The user's directories follow the XDG Base
Directory spec: `$XDG_STATE_HOME/anora-tui` (default `~/.local/state/anora-tui`), `$XDG_CACHE_HOME/…`
(`~/.cache/…`) and `$XDG_CONFIG_HOME/…` (`~/.config/…`); an empty or relative setting is ignored, as
the spec says.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping

APP_DIR_NAME = "anora-tui"

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / name


def default_data_dir() -> Path:
    return _shipped("data")


def styles_dir() -> Path:
    return _shipped("styles")


def data_format_doc() -> Path:
    """The description of the dataset format (a wheel carries the repository's docs/data-format.md
    as `anora_tui/docs/data-format.md`): what `anora-tui format` prints."""
    return _shipped("docs") / "data-format.md"


def _user_dir(variable: str, default: tuple[str, ...], environ: Mapping[str, str]) -> Path:
    base = environ.get(variable, "")
    if not os.path.isabs(base):
        base = os.path.join(environ.get("HOME") or os.path.expanduser("~"), *default)
    return Path(base) / APP_DIR_NAME


def state_dir(environ: Mapping[str, str] = os.environ) -> Path:
    return _user_dir("XDG_STATE_HOME", (".local", "state"), environ)


def cache_dir(environ: Mapping[str, str] = os.environ) -> Path:
    return _user_dir("XDG_CACHE_HOME", (".cache",), environ)


def config_dir(environ: Mapping[str, str] = os.environ) -> Path:
    return _user_dir("XDG_CONFIG_HOME", (".config",), environ)


def config_file(environ: Mapping[str, str] = os.environ) -> Path:
    """The user's settings file (`core/config.py` says what it holds)."""
    return config_dir(environ) / "config.toml"
