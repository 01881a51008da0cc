"""The command palette (Ctrl+P): Textual's own, with PageUp/PageDown that cannot fail.

A key pressed right after Ctrl+P can reach the palette before its list has been laid out; Textual's
palette pages that list unguarded (see `widgets/paging.py`).
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.command import CommandList, CommandPalette

from ..widgets.paging import page


class ReaderPalette(CommandPalette):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "page(1)", "Next page", show=False, id="palette.page_down"),
        Binding("pageup", "page(-1)", "Previous page", show=False, id="palette.page_up"),
    ]

    def action_page(self, direction: int) -> None:
        page(self.query_one(CommandList), direction)
