"""A call made once a while has passed with nothing new: each `start` begins the wait again (or
begins it), each `put_off` begins again a wait already under way. The saved place (after the reader
stops moving) and the collector's idle pass (after the reader stops pressing keys) wait so."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer


class AfterQuiet:
    def __init__(self, app: "App", seconds: float, callback: Callable[[], object], name: str) -> None:
        self._app = app
        self._seconds = seconds
        self._callback = callback
        self._name = name
        self._timer: Timer | None = None

    def start(self) -> None:
        if self._timer is None:
            self._timer = self._app.set_timer(self._seconds, self._call, name=self._name)
        else:
            self._timer.reset()

    def put_off(self) -> None:
        if self._timer is not None:
            self._timer.reset()

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _call(self) -> None:
        self._timer = None
        self._callback()
