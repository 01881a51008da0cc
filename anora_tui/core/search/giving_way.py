"""Work made ahead on a background thread gives way while a search is being typed.

The people's names and the palette's places are read or made on a background thread after the
first frame (seconds of work at a million quotes). They waited for a quiet spell in the typing
before they began, but once begun they ran on through the keys of the next search: sharing the
interpreter with them, each key waited for its lock at every turn of the event loop (at a million
quotes a key of 8 ms of its own took 110 ms). Work done `giving_way_to_typing` now stops at each of
its pause points while keys are being typed, and goes on once no key has come for `QUIET_SECONDS`,
or at once when the reader's thread needs what it makes (`wanted_now`). Work no one has asked to
give way (the quote index a search waits for, the places the open palette waits for) never waits.
Pure Python.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from typing import Iterable, Iterator, TypeVar

from .. import background

T = TypeVar("T")

QUIET_SECONDS = 1.0
CHECK_SECONDS = 0.05  # while waiting, how often a call for the work (`wanted_now`) is looked for
_last_key = [float("-inf")]  # `time.monotonic()` of the last key typed into a search, in any screen
_this_thread = threading.local()  # .wanted: this thread's work gives way until this Event is set
# What each thread's work giving way makes (None: whatever it is), and its Event, by thread: a call
# for one thing never ends another's giving way, whichever started last (an App's work ahead may
# still be ending while the next App's begins).
_giving_way: dict[int, tuple[str | None, threading.Event]] = {}
_giving_way_lock = threading.Lock()


def note_typing() -> None:
    """A key was typed into a search."""
    _last_key[0] = time.monotonic()


def wait_for_quiet(quiet: float = QUIET_SECONDS) -> None:
    """Return once no key has been typed into a search for `quiet` seconds (at once if none has), or
    once what this thread's work giving way makes is `wanted_now`."""
    wanted = getattr(_this_thread, "wanted", None)
    while not (wanted is not None and wanted.is_set()) and (wait := _last_key[0] + quiet - time.monotonic()) > 0:
        time.sleep(min(wait, CHECK_SECONDS))


@contextmanager
def giving_way_to_typing(making: str | None = None) -> Iterator[None]:
    """The work done within gives way to a search being typed, at its pause points; `making` names
    what it makes, so that only a call for that (`wanted_now(making)`) ends its giving way (without
    it, any call does)."""
    wanted = threading.Event()
    thread = threading.get_ident()
    with _giving_way_lock:
        _giving_way[thread] = (making, wanted)
    _this_thread.wanted = wanted
    try:
        yield
    finally:
        _this_thread.wanted = None
        with _giving_way_lock:
            _giving_way.pop(thread, None)


def wanted_now(what: str | None = None) -> None:
    """What work giving way makes is waited for now: it waits no more. With `what`, only the work
    making that (the text's index asked for on Tab must not end the giving way of the people's names
    being read ahead: at 100,000 quotes every text key after it took twice as long)."""
    if getattr(_this_thread, "wanted", None) is not None:
        return  # work giving way never ends another's
    with _giving_way_lock:
        for making, wanted in _giving_way.values():
            if what is None or making in (None, what):
                wanted.set()


def give_way(quiet: float = QUIET_SECONDS) -> None:
    """A pause point: in work giving way, wait until no key has been typed into a search for `quiet`
    seconds (unless it is `wanted_now`); then, in any work, let other threads run (the interpreter's
    lock let go, as `background.letting_go` does)."""
    if getattr(_this_thread, "wanted", None) is not None:
        wait_for_quiet(quiet)
    time.sleep(0)


def giving_way(items: Iterable[T], every: int | None = None) -> Iterator[T]:
    """The items, in order, with a pause point (`give_way`) every `every` of them (by default
    `background.LET_GO_EVERY`)."""
    every = every or background.LET_GO_EVERY
    for count, item in enumerate(items, 1):
        if not count % every:
            give_way()
        yield item
