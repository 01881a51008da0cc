"""Work done ahead, on a background thread: what the reader's first frame does not need (every
person's mention counts, the quote index) is made after it, on a daemon thread, so quitting never
waits for it. What it makes must be safe to ask for from another thread meanwhile (made once, under a
lock: `Dataset.count_mentions`, `SearchIndexes.get`). Pure Python.
"""

from __future__ import annotations

import threading
from typing import Callable


def run_in_background(name: str, work: Callable[[], None]) -> threading.Thread:
    """Run `work` on a daemon thread (never waited for at exit); exceptions are the work's to handle."""
    thread = threading.Thread(target=work, name=name, daemon=True)
    thread.start()
    return thread
