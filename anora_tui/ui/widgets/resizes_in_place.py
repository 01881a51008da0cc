"""A scroll view whose content may grow or shrink without the screen being laid out again.

Textual's `virtual_size` (a scroll view's content size) is a reactive that lays out the whole screen
whenever it changes, then draws the scrollbar a second time in a frame of its own. A list whose length
changes on every keystroke paid for both on every key. Here a new height that leaves the vertical
scrollbar as it is (shown, or not) is taken in place: the scrollbar is redrawn in the same frame, and
nothing else moves; the view redraws what its new content changes itself (often a few lines, not the
whole view). A height that makes the scrollbar come or go is laid out as before.
"""

from __future__ import annotations

from math import ceil

from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar, ScrollBarRender


class ResizesInPlace(ScrollView):
    """A scroll view (overflow-y auto) whose `set_virtual_height` lays nothing out when it can."""

    def set_virtual_height(self, height: int) -> None:
        if self.virtual_size.height != height and not self._resize_in_place(height):
            self.virtual_size = Size(0, height)

    def _resize_in_place(self, height: int) -> bool:
        view = self.container_size
        if not self.is_mounted or not view.height or self.styles.overflow_y != "auto":
            return False
        shown = self.show_vertical_scrollbar
        if shown != (height > view.height):
            return False  # the scrollbar comes or goes: a layout
        self.set_reactive(ScrollView.virtual_size, Size(0, height))
        if shown:
            bar = self.vertical_scrollbar
            if drawn_alike(bar, bar.window_virtual_size, height):
                # A list of thousands of lines has a one-cell thumb at the top whatever its length:
                # the bar learns the length (dragging it needs it) but is not drawn again.
                bar.set_reactive(ScrollBar.window_virtual_size, height)
            else:
                bar.window_virtual_size = height  # which redraws it
        self.scroll_y = self.validate_scroll_y(self.scroll_y)  # a scroll redraws the view
        return True


def drawn_alike(bar: ScrollBar, virtual: int, other: int) -> bool:
    """Whether `bar` draws its thumb the same for either content length (as `ScrollBar` draws it)."""
    length, window, position = bar.size.height, bar.window_size, bar.position

    def thumb(virtual_size: int) -> list[object]:
        shown_window = window if window < virtual_size else 0
        bar_segments = ScrollBarRender.render_bar(size=length, virtual_size=ceil(virtual_size),
                                                  window_size=ceil(shown_window), position=position)
        return list(bar_segments.segments)

    return bool(length) and thumb(virtual) == thumb(other)
