"""A resize reaches the reader as SIGWINCH, which the kernel may hand to any of its threads: the idle
reader must still redraw at the new size at once (the wakeup pipe of `anora_tui.ui.signals`)."""

from __future__ import annotations

import fcntl
import os
import signal
import struct
import termios
import time

from test_e2e_tmux import installed_command
from test_hostile_text import PseudoTerminal
from test_place_survives import FIRST_TITLE, environment, other_threads


def test_a_resize_signal_on_another_thread_is_drawn_at_once(example_data_dir, tmp_path):
    terminal = PseudoTerminal([installed_command(), "--data", str(example_data_dir)], (100, 30), environment(tmp_path))
    try:
        assert terminal.read_until(lambda text: FIRST_TITLE in text, timeout=30), terminal.text[-1500:]
        time.sleep(1.5)  # idle: nothing pending that would wake the event loop anyway
        fcntl.ioctl(terminal.master, termios.TIOCSWINSZ, struct.pack("HHHH", 44, 140, 0, 0))
        before = len(terminal.output)
        os.kill(other_threads(terminal.process.pid)[0], signal.SIGWINCH)
        drawn_at_new_size = terminal.read_until(lambda _text: b"\x1b[44;1H" in terminal.output[before:], timeout=4)
        assert drawn_at_new_size, "the reader did not redraw at 140x44 within 4 s of the resize"
        terminal.send(b"q")
        terminal.read_until(lambda text: False, timeout=10)
    finally:
        status = terminal.close()
    assert status == 0
