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
    Only a collector this hold turned off is turned on again: a pause made elsewhere (a build on
    another thread, the start-up's) is left to end as it ends."""

    def __init__(self) -> None:
        self.holding = False

    def hold(self) -> None:
        if not self.holding and gc.isenabled():
            gc.disable()
            self.holding = True

    def release(self) -> None:
        if self.holding:
            self.holding = False
            gc.enable()
