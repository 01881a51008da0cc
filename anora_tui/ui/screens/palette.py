"""The command palette (Ctrl+P): Textual's own, with PageUp/PageDown that cannot fail.

A key pressed right after Ctrl+P can reach the palette before its list has been laid out; Textual's
palette pages that list unguarded (see `widgets/paging.py`).
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.command import CommandList, CommandPalette

from ..widgets.key_bar import KeyHint
from ..widgets.paging import page
from .modal import ReaderModal


class ReaderPalette(ReaderModal, CommandPalette):
    # Its keys for the key bar: Up, Down and Enter are taken by its text box, not bindings to show.
    KEY_BAR_HINTS: ClassVar[tuple[KeyHint, ...]] = (
        KeyHint("down", "↑↓", "Move", True, "Move through the list"),
        KeyHint("enter", "⏎", "Run", True, "Run the highlighted command, or open the highlighted place"),
        KeyHint("escape", "esc", "Close", True, "Close the palette"),
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "page(1)", "Next page", show=False, id="palette.page_down"),
        Binding("pageup", "page(-1)", "Previous page", show=False, id="palette.page_up"),
    ]

    def action_page(self, direction: int) -> None:
        page(self.query_one(CommandList), direction)
