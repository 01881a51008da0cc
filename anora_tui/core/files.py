"""File primitives the state, the load cache and the loader share: bounded reads that never block,
and atomic writes whose leftovers are recognised by an exact name. Pure Python.

A temp file is named `.<final name>.<8 random characters>.tmp` (what `tempfile.mkstemp` makes with
that prefix and suffix), in the final file's directory. Stale-temp cleanup removes only names of
exactly that shape, for final names the caller owns: the state and cache directories may be one and
the same (`XDG_STATE_HOME` = `XDG_CACHE_HOME`), or hold a user's own `.notes.tmp`.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import time
from pathlib import Path

TEMP_SUFFIX = ".tmp"
_TEMP_RANDOM = r"[a-z0-9_]{8}"  # tempfile's name sequence: 8 characters from this alphabet
STALE_TEMP_SECONDS = 60.0  # a write takes milliseconds; an older temp file was left by a crash


class FileTooBig(OSError):
    def __init__(self, size: int, limit: int) -> None:
        super().__init__(errno.EFBIG, f"file is {size} bytes, over the {limit}-byte limit")
        self.size = size
        self.limit = limit


def open_regular_file(path: str | os.PathLike) -> int:
    """A descriptor for reading a regular file; OSError (with a strerror saying why) for anything else.

    Never blocks: a FIFO, socket or device is refused instead of opened for reading (reading a FIFO
    would wait for a writer forever).
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError as error:
        if os.path.islink(path):
            target = os.readlink(path)
            raise FileNotFoundError(errno.ENOENT, f"it is a broken symbolic link to {target!r}") from error
        raise
    mode = os.fstat(descriptor).st_mode
    if stat.S_ISREG(mode):
        return descriptor
    os.close(descriptor)
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "it is a directory")
    raise OSError(errno.EINVAL, "it is a FIFO, socket or device, not a regular file")


def read_regular_file(path: str | os.PathLike, limit: int | None = None) -> bytes:
    """The bytes of a regular file (of at most `limit` bytes); raises OSError (FileTooBig, or one whose
    strerror says why) for anything else (see `open_regular_file`). The size is checked before
    reading, and again after in case the file grew meanwhile.
    """
    descriptor = open_regular_file(path)
    try:
        size = os.fstat(descriptor).st_size
        if limit is not None and size > limit:
            raise FileTooBig(size, limit)
    except BaseException:
        os.close(descriptor)
        raise
    with open(descriptor, "rb") as file:
        data = file.read()
    if limit is not None and len(data) > limit:
        raise FileTooBig(len(data), limit)
    return data


def write_atomically(path: Path, data: bytes, owned: re.Pattern[str] | None = None) -> None:
    """Replace `path` with `data` so that a reader, or a crash at any moment, sees the old file or the
    whole new one: a temp file in the same directory, fsync, `os.replace`. Raises OSError.

    Stale temp files of earlier, interrupted writes are removed first: those of `path` itself, or of
    every final name `owned` matches (a directory of several files written this way)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    remove_stale_temp_files(path.parent, owned or re.compile(re.escape(path.name)))
    descriptor, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_name, path)
    except BaseException:
        _unlink_quietly(Path(temp_name))
        raise


def temp_file_pattern(owned: re.Pattern[str]) -> re.Pattern[str]:
    """The names `write_atomically` gives the temp files of the final names `owned` matches."""
    return re.compile(rf"\.(?:{owned.pattern})\.{_TEMP_RANDOM}{re.escape(TEMP_SUFFIX)}")


def remove_stale_temp_files(directory: Path, owned: re.Pattern[str], now: float | None = None) -> None:
    """Delete temp files an interrupted write of a file `owned` matches left behind in `directory`,
    once older than STALE_TEMP_SECONDS (a recent one may be another instance's write in progress).
    Nothing else is touched, whatever its name."""
    now = time.time() if now is None else now
    pattern = temp_file_pattern(owned)
    try:
        names = os.listdir(directory)
    except OSError:
        return
    for name in names:
        if not pattern.fullmatch(name):
            continue
        temp = directory / name
        try:
            status = temp.lstat()
            mine = stat.S_ISREG(status.st_mode) and status.st_uid == os.getuid()
            if mine and now - status.st_mtime > STALE_TEMP_SECONDS:
                temp.unlink()
        except OSError:
            pass


def _unlink_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
