"""Work made ahead on a background thread gives way while a search is being typed.

The people's names and the palette's places are read or made on a background thread after the
first frame (seconds of work at a million quotes). They waited for a quiet spell in the typing
before they began, but once begun they ran on through the keys of the next search: sharing the
interpreter with them, each key waited for its lock at every turn of the event loop (at a million
quotes a key of 8 ms of its own took 110 ms). Their loops now stop at each pause point while keys
are being typed, and go on once no key has come for `QUIET_SECONDS`. Only on a background thread:
the reader's own thread never waits here. Pure Python.
"""

from __future__ import annotations

import threading
import time
from typing import Iterable, Iterator, TypeVar

from .. import background

T = TypeVar("T")

QUIET_SECONDS = 1.0
_last_key = [float("-inf")]  # `time.monotonic()` of the last key typed into a search, in any screen


def note_typing() -> None:
    """A key was typed into a search."""
    _last_key[0] = time.monotonic()


def give_way(quiet: float = QUIET_SECONDS) -> None:
    """A pause point of work made ahead: on a background thread, wait until no key has been typed
    into a search for `quiet` seconds; then let other threads run (the interpreter's lock let go,
    as `background.letting_go` does). The reader's own thread only lets go, never waits."""
    if threading.current_thread() is not threading.main_thread():
        while (wait := _last_key[0] + quiet - time.monotonic()) > 0:
            time.sleep(wait)
    time.sleep(0)


def giving_way(items: Iterable[T], every: int | None = None) -> Iterator[T]:
    """The items, in order, with a pause point (`give_way`) every `every` of them (by default
    `background.LET_GO_EVERY`)."""
    every = every or background.LET_GO_EVERY
    for count, item in enumerate(items, 1):
        if not count % every:
            give_way()
        yield item
