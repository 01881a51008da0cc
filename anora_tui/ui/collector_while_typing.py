"""The cyclic garbage collector held off while a screen's keys come, and let go once the typing pauses
for `TYPING_PAUSE_SECONDS` or the screen goes (see `core/search/collector_hold.py`): the search
screen's keys and the command palette's."""

from __future__ import annotations

from textual.message_pump import MessagePump
from textual.timer import Timer

from ..core.search.collector_hold import CollectorHold

TYPING_PAUSE_SECONDS = 0.25  # no key for this long: the garbage collector may run


class CollectorWhileTyping:
    """`key_typed()` on each key; `release()` when the screen goes."""

    def __init__(self, owner: MessagePump) -> None:
        self._owner = owner
        self._hold = CollectorHold()
        self._typing_paused: Timer | None = None  # lets the collector go when it fires

    def key_typed(self) -> None:
        self._hold.hold()
        if self._typing_paused is not None:
            self._typing_paused.stop()
        self._typing_paused = self._owner.set_timer(TYPING_PAUSE_SECONDS, self._hold.release, name="typing paused")

    def release(self) -> None:
        self._hold.release()
