"""What every modal screen of the reader is, besides its Textual base: it closes once (`ClosesOnce`)
and draws the reader dimmed behind it from lines it keeps (`DimmedBackdrop`), not blended anew on
each full redraw. One that draws a change in one frame (`OneFrameDrawing`) waits for its scrollbars
before its first frame too: a list or a body longer than the screen shows its scrollbar from the
first layout, which Textual places in a second layout, drawn again.

A plain class, listed before the Textual base (`ModalScreen`, `CommandPalette`): Textual takes a
screen's CSS and component classes from its first base that is a DOM node.
"""

from __future__ import annotations

from ..textual_private import DimmedBackdrop
from .closing import ClosesOnce


class ReaderModal(ClosesOnce, DimmedBackdrop):
    hold_first_frame = True
