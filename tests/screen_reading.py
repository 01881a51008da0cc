"""Helpers for reading what the reader shows, at the three sizes a reader checks it at (80×24, the
README's 120×40, 200×50): the text inside one widget, and that text as one run of words."""

from __future__ import annotations

import re

import pytest
from ui_harness import screen_lines

THREE_SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)], ids=["80x24", "120x40", "200x50"])


def widget_lines(app, widget, region=None) -> list[str]:
    """The screen rows inside a region of the widget: by default where it draws its content (its
    border, padding and scrollbars left out)."""
    region = region or getattr(widget, "scrollable_content_region", widget.content_region)
    return [line[region.x : region.right] for line in screen_lines(app)[region.y : region.bottom]]


def words(text: str) -> str:
    """Text with every run of whitespace (line breaks from wrapping included) made one space."""
    return re.sub(r"\s+", " ", text).strip()


def widget_words(app, widget) -> str:
    """What the widget shows, its wrapped lines joined back into one run of words."""
    return words(" ".join(widget_lines(app, widget)))
