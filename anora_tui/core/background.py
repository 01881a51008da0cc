"""Work done ahead, on a background thread: what the reader's first frame does not need (every
person's mention counts, the quote index) is made after it, on a daemon thread, so quitting never
waits for it. What it makes must be safe to ask for from another thread meanwhile (made once, under a
lock: `Dataset.count_mentions`, `SearchIndexes.get`). Pure Python.
"""

from __future__ import annotations

import threading
import time
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")


def run_in_background(name: str, work: Callable[[], None]) -> threading.Thread:
    """Run `work` on a daemon thread (never waited for at exit); exceptions are the work's to handle."""
    thread = threading.Thread(target=work, name=name, daemon=True)
    thread.start()
    return thread


# Work made ahead shares the interpreter with the reader's thread, which takes and gives back the
# interpreter's lock on every turn of its event loop (each wait for input lets it go). A thread
# that never lets go itself keeps the reader waiting up to the switch interval (5 ms) each time
# it wants the lock back: a key handled in a few dozen turns then took several times its CPU time
# while the palette's places were being made at a million quotes. Letting go every few hundred
# items hands the lock over at once.
LET_GO_EVERY = 256


def letting_go(items: Iterable[T], every: int = LET_GO_EVERY) -> Iterator[T]:
    """The items, in order, with the interpreter's lock let go for other threads every `every` of
    them (`time.sleep(0)`): for loops over a large dataset run on a background thread."""
    for count, item in enumerate(items, 1):
        if not count % every:
            time.sleep(0)
        yield item
