"""The cyclic garbage collector held off while search keys come, and let go once they stop.

Each keystroke of a search makes thousands of short-lived objects (the hits, the rows' text, the
frame's strips), enough to start a dozen young-generation passes of the collector per key, and now
and then a pass over every object the reader keeps, which at 100,000 quotes held a key for up to
0.1-0.2 s. Objects without cycles are freed as they go whatever the collector does; what it finds
(cycles, about two thousand objects a key) can wait until the typing pauses, when one pass collects
it all out of the keys' way.
"""

from __future__ import annotations

import gc


class CollectorHold:
    """`hold()` on each key; `release()` once the keys stop (and always when the holder goes).

    Held by a threshold of 0 (no automatic collection), not by `gc.disable()`: a build on another
    thread pauses the collector with `gc_paused`, which freezes what it made only if it found the
    collector enabled, and a build's hundreds of thousands of objects left unfrozen would be walked by
    every full collection after it. The thresholds are put back as they were."""

    def __init__(self) -> None:
        self._thresholds: tuple[int, ...] | None = None  # as they were before the hold

    @property
    def holding(self) -> bool:
        return self._thresholds is not None

    def hold(self) -> None:
        if self._thresholds is None:
            self._thresholds = gc.get_threshold()
            gc.set_threshold(0, *self._thresholds[1:])

    def release(self) -> None:
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None
