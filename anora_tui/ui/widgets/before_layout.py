"""Moves by a page (or to the end) that come before a pane's first layout wait for it.

A pane's key and a move typed in one burst (`2` then PageDown at 80×24, keys typed ahead or pasted):
the key shows a pane that was hidden, and the move reaches it before it is laid out, when a page is
no lines long, so the move was lost. It is done after the layout instead. A widget that stays unlaid
(a terminal too small to show it) is given up on after a few refreshes, and the move done as it is.
"""

from __future__ import annotations

from typing import Callable

LAYOUT_WAITS = 10  # refreshes a move waits for the widget's first layout


class MovesWaitForLayout:
    """Mixed into a scrolling widget: `waits_for_layout(action)` before a move that needs its size."""

    _layout_waits = 0

    def waits_for_layout(self, action: Callable[[], object]) -> bool:
        """True if the widget is not laid out yet and `action` will be done after its layout."""
        if self.scrollable_content_region.height > 0:  # type: ignore[attr-defined]
            self._layout_waits = 0
            return False
        if self._layout_waits >= LAYOUT_WAITS:
            return False
        self._layout_waits += 1
        self.call_after_refresh(action)  # type: ignore[attr-defined]
        return True
