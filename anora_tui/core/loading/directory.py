"""Which files a dataset directory is read from, and how big each may be."""

from __future__ import annotations

import os
import re
from pathlib import Path

from .problems import shown

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


def max_file_bytes() -> int:
    """The most bytes one dataset file may have; raises ValueError saying why the setting is bad."""
    setting = os.environ.get(MAX_FILE_BYTES_VARIABLE, "").strip()
    if not setting:
        return DEFAULT_MAX_FILE_BYTES
    if BYTE_COUNT.match(setting):
        return int(setting)
    raise ValueError(f"{MAX_FILE_BYTES_VARIABLE}={shown(setting)} is not a whole number of bytes")


