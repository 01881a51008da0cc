"""A scrolling view's place, kept across resizes: what is at its top, in the view's own terms that do
not change with the width (a paragraph and characters into it; a row and lines into it), so that a
re-wrap can bring the same text back to the top.

The place follows the reader's scrolling and nothing else: not the view scrolling itself back to the
place, and not Textual pulling the scroll back when the view grows taller or its text shorter (that
can only move the scroll up, onto the last line it can reach). So in a list a resize that leaves no
room below the place shows the end instead, and the next resize brings the place back; the reading
pane scrolls on past its section's end over blank lines instead, so its place stays at the top.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Generic, Iterator, TypeVar

from textual import events

if TYPE_CHECKING:
    from textual.scroll_view import ScrollView

    from .virtual_list import VirtualList

    _Base = ScrollView
    _ListBase = VirtualList
else:
    _Base = _ListBase = type("_Base", (), {})  # a class of its own: `object` cannot come before Generic

P = TypeVar("P")


class KeptPlace(_Base, Generic[P]):
    """Mixed into a `ScrollView` (before it) that sets `_place` and implements `_place_at_line` and
    `_laid_out_for_size`, and calls `_scroll_keeping_place` to bring its place back."""

    _place: P
    _keeping_place = False

    def _place_at_line(self, line: int) -> P | None:
        """The place of the line at the top (None: none there)."""
        raise NotImplementedError

    def _laid_out_for_size(self) -> bool:
        """Whether the lines are laid out for the view's size now (not yet, in the middle of a resize)."""
        raise NotImplementedError

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        pulled_back = new_value < old_value and new_value == self.max_scroll_y
        if self._keeping_place or pulled_back or not self._laid_out_for_size():
            return
        place = self._place_at_line(round(new_value))
        if place is not None:
            self._place = place  # the reader scrolled

    @contextmanager
    def _keeping_place_as_it_is(self) -> Iterator[None]:
        """Scroll changes inside are the view's own: the place stays."""
        self._keeping_place = True
        try:
            yield
        finally:
            self._keeping_place = False

    def _scroll_keeping_place(self, line: int) -> None:
        """Scroll at once to the line (as near as the end allows), the place unchanged."""
        with self._keeping_place_as_it_is():
            self.scroll_to(y=max(0, line), animate=False, immediate=True, force=True)


RowPlace = tuple[int, int]  # a row, and how many of its lines are above the top


class KeptRowPlace(KeptPlace[RowPlace], _ListBase):
    """The place of a `VirtualList`: the row at its top. At a new size the rows are measured again,
    that row goes back to the top and the highlighted row is kept in view."""

    @property
    def top_row(self) -> int:
        """The row at the top of the list (as the reader left it, whatever a resize did since)."""
        return self._place[0]

    @property
    def top_place(self) -> RowPlace:
        """The row at the top and how many of its lines are above it (as the reader left them)."""
        return self._place

    def show_row_at_top(self, row: int, into: int = 0) -> None:
        """Scroll the row to the top, `into` lines into it (as near as the row's height and the end
        of the list allow), now or once the list has a width."""
        self._place = (row, max(0, into))
        self._show_place()

    def on_resize(self, event: events.Resize) -> None:
        if self._check_width():
            self._show_place()
            self.scroll_to_highlight()

    def _show_place(self) -> None:
        row, into = self._place
        if not 0 <= row < self.option_count or not self.is_mounted or not self._check_width():
            return
        self._measure(row)
        self._update_virtual_size()
        tops = self._row_tops()
        self._scroll_keeping_place(tops[row] + min(into, tops[row + 1] - tops[row] - 1))

    def _place_at_line(self, line: int) -> RowPlace | None:
        row = self.row_at_line(line)
        return None if row is None else (row, line - self._row_tops()[row])

    def _laid_out_for_size(self) -> bool:
        return self.scrollable_content_region.width == self._width
