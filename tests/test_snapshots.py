"""Snapshots of the main views at 80×24 and 160×48 (update with `pytest --snapshot-update`).

They use the small example dataset (tests/data/example), so they change only when the reader's look
does, not whenever the shipped article's data is edited. State lives in a fresh tmp dir and nothing
shows a clock, so the pictures are the same on every run.
"""

from __future__ import annotations

import pytest
from ui_harness import (
    NARROW,
    WIDE,
)

from anora_tui.ui.app import AnoraApp

VIEWS = {
    "main": [],
    "person": ["right_square_bracket", "enter"],
    "timeline": ["4"],
    "search": ["slash", *"ferry"],
}


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "160x48"])
@pytest.mark.parametrize("view", list(VIEWS))
def test_view(snap_compare, example_dataset, view: str, size: tuple[int, int]) -> None:
    app = AnoraApp(example_dataset)
    assert snap_compare(app, press=VIEWS[view], terminal_size=size)
