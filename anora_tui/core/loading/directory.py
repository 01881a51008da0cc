"""Which files a dataset directory is read from, how big each may be, and where they may lead.

A `*.yaml` that is a symbolic link out of the data directory (after resolving every link: `x.yaml ->
/etc/passwd`, or a link to a credentials file) is refused unless ANORA_TUI_FOLLOW_OUTSIDE_LINKS=1:
a dataset checked in public CI must not be able to read a file of the machine into the log.
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

from ..files import read_regular_file

FOLLOW_OUTSIDE_LINKS_VARIABLE = "ANORA_TUI_FOLLOW_OUTSIDE_LINKS"
MAX_FILE_BYTES_VARIABLE = "ANORA_TUI_MAX_FILE_BYTES"
DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024
BYTE_COUNT = re.compile(r"[0-9]{1,18}\Z")

def dataset_files(directory: str | os.PathLike) -> list[Path]:
    """The files a dataset is read from: each `*.yaml` in the directory, by name, hidden ones skipped.

    Entries that are not regular files (a directory named `x.yaml`, a broken link, a FIFO) are
    included, so that reading them reports the problem instead of silently leaving data out.
    Raises OSError if the directory cannot be listed.
    """
    files = (p for p in Path(directory).iterdir() if p.suffix == ".yaml" and not p.name.startswith("."))
    return sorted(files, key=lambda p: p.name)


def check_inside(path: Path) -> None:
    """Raise OSError (its strerror says why) if the dataset file `path` leads out of its directory."""
    if not os.path.islink(path) or os.environ.get(FOLLOW_OUTSIDE_LINKS_VARIABLE, "").strip() == "1":
        return
    home = path.parent.resolve()
    target = path.resolve()
    if target == home or home in target.parents:
        return
    from .problems import shown  # only to word the problem: a start from the cache never needs it

    raise OSError(
        errno.EACCES,
        f"it is a symbolic link to {shown(str(target), 200)}, outside the data directory: refused "
        f"(copy the file into the directory, or set {FOLLOW_OUTSIDE_LINKS_VARIABLE}=1)",
    )


def read_dataset_file(path: Path, limit: int) -> bytes:
    """The bytes of a dataset file (see `files.read_regular_file`), if it is inside its directory."""
    check_inside(path)
    return read_regular_file(path, limit)


def max_file_bytes() -> int:
    """The most bytes one dataset file may have; raises ValueError saying why the setting is bad."""
    setting = os.environ.get(MAX_FILE_BYTES_VARIABLE, "").strip()
    if not setting:
        return DEFAULT_MAX_FILE_BYTES
    if BYTE_COUNT.match(setting):
        return int(setting)
    from .problems import shown

    raise ValueError(f"{MAX_FILE_BYTES_VARIABLE}={shown(setting)} is not a whole number of bytes")


