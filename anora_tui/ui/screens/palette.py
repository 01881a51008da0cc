"""The command palette (Ctrl+P): Textual's own, drawn once per key, with PageUp/PageDown that cannot fail.

Textual's palette refills its list on every key; the list's height follows the hits, and Textual's
`OptionList` throws away every row it has drawn whenever its size changes, so each key drew the list
twice (once as refilled, once more after the layout gave it its new height): `PaletteList` keeps
them when only the height changed. The palette draws a key's changes in one frame (`OneFrameDrawing`)
rather than one for the text box and more as the list is refilled, laid out and given scrollbars.

A key pressed right after Ctrl+P can reach the palette before its list has been laid out; Textual's
palette pages that list unguarded (see `widgets/paging.py`).
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import CommandInput, CommandList, CommandPalette, SearchIcon
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, LoadingIndicator

from ..textual_private import OneFrameDrawing
from ..widgets.key_bar import KeyHint
from ..widgets.paging import page
from .modal import ReaderModal


class PaletteList(CommandList):
    """The palette's list, its drawn rows kept while only its height changes (they depend on the width)."""

    drawn_width: int | None = None

    def on_resize(self, event: events.Resize) -> None:
        width = self.scrollable_content_region.width
        if width == self.drawn_width:
            event.prevent_default()  # OptionList's own handler would throw every drawn row away
        self.drawn_width = width


class ReaderPalette(ReaderModal, CommandPalette, OneFrameDrawing):
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

    def compose(self) -> ComposeResult:
        # Textual's own, with `PaletteList` for its `CommandList` (found by type, so it serves as one).
        with Vertical(id="--container"):
            with Horizontal(id="--input"):
                yield SearchIcon()
                yield CommandInput(placeholder=self._placeholder, select_on_focus=False)
                if not self.run_on_select:
                    yield Button("\u25b6")
            with Vertical(id="--results"):
                yield PaletteList()
                yield LoadingIndicator()

    def action_page(self, direction: int) -> None:
        page(self.query_one(CommandList), direction)
