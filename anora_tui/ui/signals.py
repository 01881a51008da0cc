"""SIGTERM, SIGHUP (the terminal window closed) and an outside SIGINT end the reader as `q` does: the
place is saved, the terminal is given back as it was (main screen, no mouse reporting, cursor shown),
and then the process dies of the same signal, so the shell sees the conventional status (128 + N).

The handler only asks the App's event loop to stop (`stop(signal)`); if the loop does not end within
GRACE_SECONDS, or a second signal comes, the process ends at once. A signal the reader was started
with set to be ignored (`nohup`, a background job) stays ignored.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
from contextlib import contextmanager
from typing import Callable, Iterator

SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
GRACE_SECONDS = 5.0


class Caught:
    signal: int | None = None


@contextmanager
def stopping_on_signals(stop: Callable[[int], None]) -> Iterator[Caught]:
    """While inside, SIGNALS call `stop(signum)` in the running event loop (see the module docstring)."""
    caught = Caught()

    def handle(signum: int, _frame) -> None:
        if caught.signal is not None:  # a second signal: stop waiting for a clean exit
            die_of(signum)
        caught.signal = signum
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # the App is not running (yet, or any more): nothing to stop
            return
        loop.call_soon_threadsafe(stop, signum)
        watchdog = threading.Timer(GRACE_SECONDS, os._exit, (128 + signum,))
        watchdog.daemon = True
        watchdog.start()

    previous = {}
    for signum in SIGNALS:
        if signal.getsignal(signum) is not signal.SIG_IGN:
            previous[signum] = signal.signal(signum, handle)
    try:
        yield caught
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def die_of(signum: int) -> int:
    """End the process by `signum` with its default action; returns 128 + N if that did not end it."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)
    return 128 + signum
