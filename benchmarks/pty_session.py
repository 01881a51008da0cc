"""A program run in a real pseudo-terminal, as a user meets it: started with `exec`, its output read
as the terminal would receive it, keys typed into it, its memory read from /proc.

Used by `startup.py` and `reader_scale.py`; run by hand, never by the tests. Linux only (pty, /proc).
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from dataclasses import dataclass, field


class Timeout(Exception):
    """The awaited output did not come in time."""


@dataclass
class PtySession:
    """One child process on a pseudo-terminal of `size` (columns, rows).

    Times are `time.perf_counter()` seconds; `started` is taken just before the fork, so a time
    measured from it includes the fork and `exec` of the program."""

    argv: list[str]
    env: dict[str, str]
    size: tuple[int, int] = (160, 45)
    pid: int = 0
    fd: int = -1
    started: float = 0.0
    output: bytearray = field(default_factory=bytearray)
    _live: set[str] = field(default_factory=set)  # the threads `cpu_seconds` last found
    _ended_seconds: float = 0.0  # the CPU time of the threads that had ended by then

    def start(self) -> "PtySession":
        columns, rows = self.size
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal, then become the program
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
                os.execve(self.argv[0], self.argv, self.env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        return self

    def _read_some(self, until: float) -> bool:
        """Read what is there (waiting until `until` at most); False once the child has gone."""
        ready, _, _ = select.select([self.fd], [], [], max(0.0, until - time.perf_counter()))
        if not ready:
            return True
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:  # EIO: the child closed the terminal
            return False
        if not data:
            return False
        self.output += data
        return True

    def wait_for(self, pattern: bytes | re.Pattern[bytes], *, after: int = 0, timeout: float = 120.0) -> float:
        """Wait until the output from byte `after` on contains `pattern`; the time it arrived."""
        regex = pattern if isinstance(pattern, re.Pattern) else re.compile(re.escape(pattern))
        deadline = time.perf_counter() + timeout
        while True:
            if regex.search(self.output, after):
                return time.perf_counter()
            if time.perf_counter() >= deadline:
                raise Timeout(f"{pattern!r} not seen within {timeout} s in {' '.join(self.argv)}")
            if not self._read_some(deadline):
                raise Timeout(f"{' '.join(self.argv)} ended before {pattern!r} was seen")

    def drain(self, seconds: float) -> None:
        """Keep reading (so the child never blocks on a full terminal) for `seconds`."""
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline and self._read_some(deadline):
            pass

    def type(self, keys: str | bytes) -> float:
        """Send keys as a terminal would; the time they were sent."""
        data = keys.encode() if isinstance(keys, str) else keys
        os.write(self.fd, data)
        return time.perf_counter()

    def rss_mib(self) -> float:
        """The child's resident set size now."""
        return _status_kib(self.pid, "VmRSS") / 1024

    def peak_rss_mib(self) -> float:
        """The child's largest resident set size so far."""
        return _status_kib(self.pid, "VmHWM") / 1024

    def cpu_seconds(self) -> float:
        """The CPU time the child has had so far: its live threads' own scheduler count (in
        nanoseconds: unlike the wall clock, it hardly grows when other programs share the cores),
        plus what its ended threads had, which only the process's tick count keeps (a thread that
        ended dropped out of a sum over the live ones, and the figure could go down).

        The ended threads' share is worked out again only when a thread has ended since the last
        call: the process's ticks and the sum of its threads' ticks are rounded apart (by up to a
        tick, 10 ms, a thread), and taking their difference on every call made the CPU time of a key
        swing by ±10 ms, or go below zero."""
        live: dict[str, tuple[int, int]] = {}
        for task in os.listdir(f"/proc/{self.pid}/task"):
            try:
                with open(f"/proc/{self.pid}/task/{task}/schedstat") as schedstat:
                    ns = int(schedstat.read().split()[0])
                live[task] = ns, _cpu_ticks(f"/proc/{self.pid}/task/{task}/stat")
            except FileNotFoundError:  # a thread that has just ended
                continue
        if not self._live or not self._live <= live.keys():
            live_ticks = sum(ticks for _, ticks in live.values())
            ended = max(0, _cpu_ticks(f"/proc/{self.pid}/stat") - live_ticks) / os.sysconf("SC_CLK_TCK")
            self._ended_seconds = max(self._ended_seconds, ended)
        self._live = set(live)
        return sum(ns for ns, _ in live.values()) / 1e9 + self._ended_seconds

    def stop(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def _cpu_ticks(stat_path: str) -> int:
    """utime + stime of a /proc stat file, in clock ticks (for a process: its ended threads too)."""
    with open(stat_path) as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def _status_kib(pid: int, name: str) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(name + ":"):
                return int(line.split()[1])
    raise ValueError(f"no {name} for process {pid}")
