"""Whether a dataset directory's files have changed, by polling: cheap enough to ask a few times a
second (one directory listing and one `stat` per file, nothing read). Pure Python."""

from __future__ import annotations

import os

from .loading.loader import dataset_files

Signature = tuple


def dataset_signature(directory: str | os.PathLike) -> Signature:
    """What changes when a file of the dataset is added, removed, renamed, replaced or written to:
    each `*.yaml` entry's name and its status (following links), or why it has none."""
    try:
        files = dataset_files(directory)
    except OSError as error:
        return (("listing", error.errno),)
    entries = []
    for path in files:
        try:
            status = path.stat()
        except OSError as error:
            entries.append((path.name, "error", error.errno))
            continue
        entries.append(
            (path.name, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_mode)
        )
    return tuple(entries)


class ChangeDebouncer:
    """Says when to reload: once a changed signature has held still for `settle_polls` polls (an
    editor's save can be several writes, a rename or a truncate then a write)."""

    def __init__(self, signature: Signature, settle_polls: int = 2) -> None:
        self.loaded = signature  # the files as last loaded
        self.latest = signature
        self.steady = 0  # polls the latest signature has held
        self.settle_polls = settle_polls

    def poll(self, signature: Signature) -> bool:
        """Take the files' signature now; True when they changed and have settled (reload now)."""
        if signature != self.latest:
            self.latest, self.steady = signature, 0
            return False
        self.steady += 1
        if signature != self.loaded and self.steady >= self.settle_polls:
            self.loaded = signature
            return True
        return False
