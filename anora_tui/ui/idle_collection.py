"""The collector's full passes kept out of the reader's opens: one is made once the reader has been
idle for a moment after an open (`core.gc_pause.collect_while_idle`), each key or open meanwhile
putting it off again, so that it neither delays a key nor falls on the next open."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.gc_pause import collect_while_idle
from .after_quiet import AfterQuiet

if TYPE_CHECKING:
    from textual.app import App

IDLE_SECONDS = 0.3  # no key nor open for this long after an open: the reader is reading it


class IdleCollection:
    def __init__(self, app: "App") -> None:
        self._collecting = AfterQuiet(app, IDLE_SECONDS, collect_while_idle, name="idle-collection")

    def opened(self) -> None:
        """Something was opened: collect once the reader has been idle for `IDLE_SECONDS`."""
        self._collecting.start()

    def key_pressed(self) -> None:
        """A key: a collection to come waits until the keys stop."""
        self._collecting.put_off()
