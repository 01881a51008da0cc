"""What every modal screen of the reader is, besides its Textual base: it closes once (`ClosesOnce`)
and draws the reader dimmed behind it from lines it keeps (`DimmedBackdrop`), not blended anew on
each full redraw; its own words legible in every theme, only what shows rendered (`ShownParts`). One that draws a change in one frame (`OneFrameDrawing`) waits for its scrollbars
before its first frame too: a list or a body longer than the screen shows its scrollbar from the
first layout, which Textual places in a second layout, drawn again.

A plain class, listed before the Textual base (`ModalScreen`, `CommandPalette`): Textual takes a
screen's CSS and component classes from its first base that is a DOM node.
"""

from __future__ import annotations

from textual.app import App

from ..textual_private import DimmedBackdrop, ShownParts
from .closing import ClosesOnce


class ReaderModal(ClosesOnce, DimmedBackdrop, ShownParts):
    hold_first_frame = True

    def on_mount(self) -> None:
        self.app.app_resume_signal.subscribe(self, self.redraw_after_suspension)

    def redraw_after_suspension(self, _app: App) -> None:
        # Ctrl+Z then fg: the terminal is blank again. The reader behind redraws itself, but a redraw
        # from behind that leaves its lines as they were draws nothing here (`DimmedBackdrop`): the
        # screen in front must be drawn in full, or only its text box's blinking cursor comes back.
        if self.is_current:
            self.refresh(layout=True, repaint=True)
