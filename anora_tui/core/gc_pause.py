"""Building a dataset or an index makes millions of objects that all live on: the cyclic garbage
collector would scan them again and again and free nothing, so it is paused while they are made, and
they are then frozen out of its reach (otherwise the first collection after resuming walks them all)."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def gc_paused() -> Iterator[None]:
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.freeze()
            gc.enable()


# The command's start: importing the reader and building its first frame make tens of thousands of
# objects that live as long as it does (modules, classes, styles, widgets) and free almost nothing,
# and the collector's passes over them cost about a tenth of the start. The collector is paused from
# the start of `main` until the first frame is drawn (the reader) or the command is chosen (the
# others), then what was made is frozen out of its reach, as above. The few garbage cycles the start
# leaves (about 1,500 objects of 74,000 on the shipped article) are frozen with the rest: a one-off,
# where a full collection would hold the interpreter for milliseconds just as the first frame is written.
_paused_for_start = False

# The oldest generation's threshold, set as the collector resumes after the start: a full pass after
# every 100 passes of the middle generation, not 10. The reader makes its full passes in idle time
# (`collect_while_idle`); the collector's own count brought one every sixth to eighth open made back
# to back (8-30 ms added to that open), and now comes only after some seventy opens without a pause.
# What waits for it meanwhile is small: the lines an open draws are freed without the collector.
FULL_PASS_AFTER = 100


def pause_for_start() -> None:
    global _paused_for_start
    if gc.isenabled():
        gc.disable()
        _paused_for_start = True


def resume_after_start() -> None:
    """End `pause_for_start`'s pause (at once if there was none); safe to call more than once."""
    global _paused_for_start
    if _paused_for_start:
        _paused_for_start = False
        gc.freeze()
        young, middle, oldest = gc.get_threshold()
        gc.set_threshold(young, middle, max(oldest, FULL_PASS_AFTER))
        gc.enable()


def collect_while_idle() -> None:
    """A full collection, made while the reader is idle rather than when the collector's own count
    comes due. Each open leaves a few thousand objects in the oldest generation (the lines drawn, kept
    by the panes' caches: about 55,000 objects there after a few dozen opens of the shipped article),
    and every fourth or fifth open the collector walked them all, 20-40 ms added to that open. Made
    in a pause after an open, the pass starts the collector's count again, and the next full pass
    falls in the next pause, not in an open. Only in a process that froze what its start made (the
    command does, `pause_for_start`: an App run by a test is soon garbage), only if a young pass has
    promoted anything since the last full one, and never while the collector is paused or held (a
    build on another thread, `gc_paused`: the pass would walk all it has made so far; a search being
    typed, `CollectorHold`)."""
    if gc.get_freeze_count() and gc.isenabled() and gc.get_threshold()[0] and gc.get_count()[2]:
        gc.collect()
