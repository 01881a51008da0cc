"""A text box whose typing repaints it without laying out the screen again."""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


class TypingBox(Input):
    """An `Input` whose letters cost a repaint, not a layout.

    `Input` keeps the width of what is typed as its virtual size, a reactive that lays out the whole
    screen again when it changes: on every letter. A box's place and size never depend on it (its
    width is its container's, its height fixed), so a repaint is all a letter needs; the horizontal
    scrolling that follows the cursor reads the value as it is."""

    virtual_size = Reactive(Size(0, 0), layout=False)
