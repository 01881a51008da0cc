"""How a `VirtualList`'s highlight is moved and a row chosen: the keys (a row, the first or last, a
page, Enter) and the mouse (a click chooses, the row under the pointer is drawn hovered). Disabled rows
(headings) are skipped by the cursor and cannot be chosen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events

from .before_layout import MovesWaitForLayout

if TYPE_CHECKING:
    from .virtual_list import VirtualList

    _ListBase = VirtualList
else:
    _ListBase = object


class RowCursor(MovesWaitForLayout, _ListBase):
    """Mixed into `VirtualList` (before its scroll view): its cursor actions and mouse handlers."""

    def _next_enabled(self, start: int, step: int) -> int | None:
        index = start
        while 0 <= index < len(self._labels):
            if not self._disabled[index]:
                return index
            index += step
        return None

    def action_cursor_down(self) -> None:
        if self.highlighted is None:
            self.action_first()
            return
        target = self._next_enabled(self.highlighted + 1, 1)
        if target is not None:
            self.highlighted = target

    def action_cursor_up(self) -> None:
        if self.highlighted is None:
            self.action_last()
            return
        target = self._next_enabled(self.highlighted - 1, -1)
        if target is not None:
            self.highlighted = target

    def action_first(self) -> None:
        target = self._next_enabled(0, 1)
        if target is not None:
            self.highlighted = target

    def action_last(self) -> None:
        target = self._next_enabled(len(self._labels) - 1, -1)
        if target is not None:
            self.highlighted = target

    def _move_page(self, direction: int) -> None:
        page = self.scrollable_content_region.height
        if not len(self._labels) or page <= 0 or not self._check_width():
            return
        current = self.highlighted if self.highlighted is not None else 0
        tops = self._row_tops()
        line = max(0, min(tops[-1] - 1, tops[current] + direction * page))
        index = self.row_at_line(line)
        if index is None:
            return
        target = self._next_enabled(index, direction)
        if target is None:
            target = self._next_enabled(index, -direction)
        if target is not None:
            self.highlighted = target

    def action_page_down(self) -> None:
        if not self.waits_for_layout(self.action_page_down):
            self._move_page(1)

    def action_page_up(self) -> None:
        if not self.waits_for_layout(self.action_page_up):
            self._move_page(-1)

    def action_select(self) -> None:
        index = self.highlighted
        if index is not None and not self._disabled[index]:
            self.post_message(self.Selected(self, index))

    # --- the mouse --------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        index = event.style.meta.get("option")
        if index is not None and 0 <= index < len(self._labels) and not self._disabled[index]:
            event.stop()
            self.highlighted = index
            self.action_select()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = event.style.meta.get("option")
        if index != self._hover:
            self._hover = index
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()
