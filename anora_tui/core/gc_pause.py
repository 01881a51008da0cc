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
