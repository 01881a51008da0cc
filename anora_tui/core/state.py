"""The reader's saved state (open section, scroll position, theme, history) and its file, plus the two
file primitives the state, the load cache and the loader share. Pure Python.

The file is `$XDG_STATE_HOME/anora-tui/state.json` (default `~/.local/state`). Writes are atomic: a temp
file in the same directory, fsync, then `os.replace`. Reading never raises: a missing file gives the
default state, and an unreadable, corrupt or foreign-version file gives the default state plus a notice
(the next save writes a fresh file).
"""

from __future__ import annotations

import errno
import json
import os
import stat
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from ..paths import state_dir
from .text import clean_text

STATE_VERSION = 1
STATE_FILE_NAME = "state.json"
MAX_STATE_BYTES = 16 * 1024 * 1024  # a history of 500 places is well under 1 MiB
_TEMP_PREFIX = "."
_TEMP_SUFFIX = ".tmp"
STALE_TEMP_SECONDS = 60.0  # a write takes milliseconds; an older temp file was left by a crash


@dataclass(frozen=True)
class SavedState:
    section_id: str | None = None
    paragraph: int = 1  # 1-based paragraph at the top of the reading pane
    theme: str | None = None
    history: Mapping | None = None  # `History.snapshot()` output
    bookmarks: tuple[Mapping, ...] = ()  # `location_to_plain()` output, oldest first
    zen: bool = False  # the side panes hidden so the text gets the width
    searches: tuple[str, ...] = ()  # the last search queries, most recent first

    def to_plain(self) -> dict:
        return {
            "version": STATE_VERSION,
            "section": self.section_id,
            "paragraph": self.paragraph,
            "theme": self.theme,
            "history": self.history,
            "bookmarks": list(self.bookmarks),
            "zen": self.zen,
            "searches": list(self.searches),
        }

    @classmethod
    def from_plain(cls, data: object) -> "SavedState":
        """Raises ValueError with a short reason when `data` is not a state of this version."""
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        version = data.get("version")
        if version != STATE_VERSION:
            raise ValueError(f"saved by another version (format {version!r}, expected {STATE_VERSION})")
        section_id = data.get("section")
        paragraph = data.get("paragraph", 1)
        theme = data.get("theme")
        history = data.get("history")
        if section_id is not None and not isinstance(section_id, str):
            raise ValueError("'section' is not a string")
        if isinstance(paragraph, bool) or not isinstance(paragraph, int) or paragraph < 1:
            raise ValueError("'paragraph' is not a positive integer")
        if theme is not None and not isinstance(theme, str):
            raise ValueError("'theme' is not a string")
        if history is not None and not isinstance(history, dict):
            raise ValueError("'history' is not an object")
        bookmarks = data.get("bookmarks", [])  # absent from files written before there were bookmarks
        if not isinstance(bookmarks, list) or not all(isinstance(b, dict) for b in bookmarks):
            raise ValueError("'bookmarks' is not a list of objects")
        zen = data.get("zen", False)
        if not isinstance(zen, bool):
            raise ValueError("'zen' is not true or false")
        searches = data.get("searches", [])  # absent from files saved before searches were kept
        if not isinstance(searches, list) or not all(isinstance(query, str) for query in searches):
            raise ValueError("'searches' is not a list of strings")
        return cls(
            section_id,
            paragraph,
            theme,
            history,
            bookmarks=tuple(bookmarks),
            zen=zen,
            searches=tuple(clean_text(query) for query in searches),
        )


@dataclass(frozen=True)
class LoadedState:
    state: SavedState = field(default_factory=SavedState)
    notice: str | None = None  # why the file was ignored, for the user


def state_file(environ: Mapping[str, str] = os.environ) -> Path:
    return state_dir(environ) / STATE_FILE_NAME


def load_state(path: Path) -> LoadedState:
    try:
        raw = read_regular_file(path, MAX_STATE_BYTES)
    except OSError as error:
        if isinstance(error, FileNotFoundError) and not os.path.lexists(path):
            return LoadedState()  # never saved yet
        reason = f"cannot read it: {error.strerror or error}"
    else:
        try:
            return LoadedState(SavedState.from_plain(json.loads(raw.decode("utf-8"))))
        except (UnicodeDecodeError, json.JSONDecodeError):
            reason = "it is not valid JSON"
        except RecursionError:
            reason = "it is nested too deeply"
        except ValueError as error:
            reason = str(error)
    # The path comes from the environment: shown in the terminal, it must not carry control characters.
    return LoadedState(notice=clean_text(f"Ignored the saved state {path}: {reason}."))


def save_state(path: Path, state: SavedState) -> None:
    """Write atomically; raises OSError if the directory cannot be written.

    `ensure_ascii` escapes every non-ASCII character, so lone surrogates from odd file names or terminal
    input are stored as `\\udXXX` escapes instead of making the write fail.
    """
    write_atomically(path, json.dumps(state.to_plain(), ensure_ascii=True, indent=1).encode("ascii"))


# --- files: bounded reads that never block, atomic writes -------------------------------------


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


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a reader, or a crash at any moment, sees the old file or the
    whole new one: a temp file in the same directory, fsync, `os.replace`. Raises OSError."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    remove_stale_temp_files(path.parent)
    descriptor, temp_name = tempfile.mkstemp(prefix=f"{_TEMP_PREFIX}{path.name}.", suffix=_TEMP_SUFFIX,
                                             dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_name, path)
    except BaseException:
        _unlink_quietly(Path(temp_name))
        raise


def remove_stale_temp_files(directory: Path, now: float | None = None) -> None:
    """Delete temp files that an interrupted write left behind (recent ones may be another instance's)."""
    now = time.time() if now is None else now
    for temp in directory.glob(f"{_TEMP_PREFIX}*{_TEMP_SUFFIX}"):
        try:
            if now - temp.lstat().st_mtime > STALE_TEMP_SECONDS:
                temp.unlink()
        except OSError:
            pass


def _unlink_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
