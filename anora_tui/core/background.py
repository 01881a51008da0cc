"""Work done ahead, on a background thread, that a caller may also need before it is done.

The reader builds what its first frame does not need (the quote index, every person's mention
counts) after that frame, on a daemon thread: quitting never waits for it. A caller that cannot wait
(a test, `n` pressed before the index is ready) makes or waits for the same value; it is made once.
Pure Python.
"""

from __future__ import annotations

import threading
from typing import Callable, Generic, TypeVar

T = TypeVar("T")


class Prepared(Generic[T]):
    """A value made once, by `get()` or by the thread `start()` runs, whichever comes first."""

    def __init__(self, make: Callable[[], T]) -> None:
        self._make = make
        self._lock = threading.Lock()
        self._made = False
        self._value: T | None = None
        self._error: BaseException | None = None

    @property
    def ready(self) -> bool:
        """Whether `get()` would answer at once."""
        return self._made

    def get(self) -> T:
        """The value, made now (or waited for) if it is not ready; a failure to make it is raised
        here, to every caller."""
        if not self._made:
            with self._lock:
                if not self._made:
                    try:
                        self._value = self._make()
                    except Exception as error:  # kept, so the caller that needs the value sees it
                        self._error = error
                    self._made = True
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]


def run_in_background(name: str, work: Callable[[], None]) -> threading.Thread:
    """Run `work` on a daemon thread (never waited for at exit); exceptions are the work's to handle."""
    thread = threading.Thread(target=work, name=name, daemon=True)
    thread.start()
    return thread
