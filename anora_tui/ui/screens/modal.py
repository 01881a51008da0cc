"""What every modal screen of the reader is, besides its Textual base: it closes once (`ClosesOnce`)
and draws the reader dimmed behind it from lines it keeps (`DimmedBackdrop`), not blended anew on
each full redraw.

A plain class, listed before the Textual base (`ModalScreen`, `CommandPalette`): Textual takes a
screen's CSS and component classes from its first base that is a DOM node.
"""

from __future__ import annotations

from ..textual_private import DimmedBackdrop
from .closing import ClosesOnce


class ReaderModal(ClosesOnce, DimmedBackdrop):
    pass
