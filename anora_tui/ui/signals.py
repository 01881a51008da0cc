"""SIGTERM, SIGHUP (the terminal window closed) and an outside SIGINT end the reader as `q` does: the
place is saved, the terminal is given back as it was (main screen, no mouse reporting, cursor shown),
and then the process dies of the same signal, so the shell sees the conventional status (128 + N).

The handler only asks the App's event loop to stop (`stop(signal)`); if the loop does not end within
GRACE_SECONDS, or a second signal comes, the process ends at once. A signal the reader was started
with set to be ignored (`nohup`, a background job) stays ignored.

Python runs a signal's handler in the main thread, but the kernel may deliver the signal to any
thread (Textual's input thread, a worker): the main thread, asleep in the event loop with nothing to
do, would not run the handler until the next key or timer, and the reader would seem to ignore the
signal. So every signal also writes a byte to a pipe (`signal.set_wakeup_fd`), and a small thread
reading it wakes the event loop (`wake_loop`), which runs the handler at once.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
from contextlib import contextmanager
from typing import Callable, Iterator

from textual.message import Message

SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
GRACE_SECONDS = 5.0


class SignalArrived(Message):
    """Posted to the App from the waker thread only to wake its event loop; nothing handles it."""


class Caught:
    signal: int | None = None


@contextmanager
def stopping_on_signals(stop: Callable[[int], None], wake_loop: Callable[[], object]) -> Iterator[Caught]:
    """While inside, SIGNALS call `stop(signum)` in the running event loop; `wake_loop` is called
    from another thread when one arrives and must wake the loop (see the module docstring)."""
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
        with _waking_on_signals(wake_loop):
            yield caught
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def _waking_on_signals(wake_loop: Callable[[], object]) -> Iterator[None]:
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)  # a signal handler must never block on a full pipe
    previous_fd = signal.set_wakeup_fd(write_end, warn_on_full_buffer=False)

    def wake_on_each_signal() -> None:
        while os.read(read_end, 64):  # empty: the write end closed, on the way out
            try:
                wake_loop()
            except Exception:  # the loop is not running (yet, or any more): nothing to wake
                pass

    waker = threading.Thread(target=wake_on_each_signal, name="signal-waker", daemon=True)
    waker.start()
    try:
        yield
    finally:
        signal.set_wakeup_fd(previous_fd)
        os.close(write_end)
        waker.join(timeout=1.0)
        os.close(read_end)


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
