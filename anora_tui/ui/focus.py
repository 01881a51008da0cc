"""Focus that is in place for the next key.

`Widget.focus` moves the focus later, in a callback queued behind what is queued already: the keys
of a burst that chose a pane (`1 j j`, `3 Down Enter`) went on to the widget focused before, and the
pane just shown took none of them. The panes take the focus at once instead; a widget that cannot
take it yet (not yet shown) gets it the deferred way.
"""

from __future__ import annotations

from textual.dom import NoScreen
from textual.widget import Widget


def focus_now(widget: Widget, scroll_visible: bool = True) -> None:
    try:
        screen = widget.screen
    except NoScreen:
        return
    screen.set_focus(widget, scroll_visible=scroll_visible)
    if screen.focused is not widget:
        widget.focus(scroll_visible)
