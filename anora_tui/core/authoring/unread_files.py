"""Files in a dataset's directory that look like its data but that the loader does not read: a
`people.yml` or `quotes.YAML` (only `*.yaml` is read), left out without a word while `check` said ok.
`check` names each as a problem, with the name to give it."""

from __future__ import annotations

import os
from pathlib import Path

from ..text import one_line

READ_SUFFIX = ".yaml"
LOOK_ALIKE_SUFFIXES = (".yml", ".yaml")  # compared without case: `.YAML`, `.Yml`


def unread_files(directory: str | os.PathLike) -> list[str]:
    """One `FILE:1:1: problem` line for each file that looks like the dataset's but is not read, by
    name (none if the directory cannot be listed: the loader says so)."""
    try:
        entries = sorted(Path(directory).iterdir(), key=lambda path: path.name)
    except OSError:
        return []
    return [
        f"{one_line(str(path))}:1:1: not read: a dataset's files end in {READ_SUFFIX}; "
        f"rename it {one_line(path.stem + READ_SUFFIX)}"
        for path in entries
        if not path.name.startswith(".")
        and path.suffix.lower() in LOOK_ALIKE_SUFFIXES
        and path.suffix != READ_SUFFIX
    ]
