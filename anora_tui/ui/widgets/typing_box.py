"""A text box whose typing repaints it without laying out the screen again, and holds the garbage
collector off while keys come."""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input

from ..collector_while_typing import CollectorWhileTyping


class TypingBox(Input):
    """An `Input` whose letters cost a repaint, not a layout, and no garbage collection.

    `Input` keeps the width of what is typed as its virtual size, a reactive that lays out the whole
    screen again when it changes: on every letter. A box's place and size never depend on it (its
    width is its container's, its height fixed), so a repaint is all a letter needs; the horizontal
    scrolling that follows the cursor reads the value as it is.

    The collector is held from the change on, within the key's own handling (before any message the
    change sends), until the typing pauses or the box goes (`CollectorWhileTyping`)."""

    virtual_size = Reactive(Size(0, 0), layout=False)
    _collector: CollectorWhileTyping | None = None  # made at the first change

    def watch_value(self, value: str) -> None:
        if self.is_mounted:
            if self._collector is None:
                self._collector = CollectorWhileTyping(self)
            self._collector.key_typed()

    def on_unmount(self) -> None:
        if self._collector is not None:
            self._collector.release()
