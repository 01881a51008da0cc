"""Where the shipped dataset and stylesheets live: inside the installed package (a wheel carries
them as `anora_tui/data` and `anora_tui/styles`), or at the top of a source checkout."""

from __future__ import annotations

from pathlib import Path

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
