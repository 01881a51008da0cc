"""The load cache's key: a digest of the program and of each YAML file's name, size and content, with
each file's stat signature recorded so an unchanged file need not be read again (the racy rule: see
`cache`'s docstring)."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import sys
import time
from pathlib import Path
from typing import Any, Mapping

from ... import __version__
from ..files import FileTooBig
from .cache_file import CACHE_FORMAT, Unusable, is_cache_file_name, read_header
from .directory import check_inside, dataset_files, read_dataset_file

RACY_NS = 2_000_000_000  # see the module docstring
# The modules that decide what a loaded dataset is: a change to any of them is a new key. (Listed and
# read with `os`, not `pathlib`'s glob: this runs on every start.)
_PACKAGE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # anora_tui/
_DEFINING_MODULES = tuple(
    sorted(
        f"{folder}/{name}"
        for folder in ("core/loading", "core/search")
        for name in os.listdir(os.path.join(_PACKAGE, folder))
        if name.endswith(".py")
    )
    + ["core/mentions.py", "core/model.py", "core/reading_time.py", "core/text.py"]
)


class FileRecord:
    """One YAML file as it was hashed: its signature then (None if it changed while being read).
    (A plain class, not a dataclass: making one at import costs a millisecond of every start.)"""

    __slots__ = ("path", "size", "signature", "digest", "checked_ns")

    def __init__(
        self, path: Path, size: int, signature: tuple[int, ...] | None, digest: str, checked_ns: int
    ) -> None:
        self.path = path
        self.size = size
        self.signature = signature
        self.digest = digest
        self.checked_ns = checked_ns  # when the digest was taken (after reading)

    def plain(self) -> list[Any]:
        assert self.signature is not None
        return [self.path.name, *self.signature, self.digest, self.checked_ns]


def _signature(status: os.stat_result) -> tuple[int, ...]:
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev)


def _racy(signature: tuple[int, ...], checked_ns: int) -> bool:
    return max(signature[1], signature[2]) + RACY_NS >= checked_ns


def file_record(path: Path, limit: int, known: Mapping[tuple, tuple[str, int]]) -> FileRecord:
    check_inside(path)
    status = os.stat(path)
    if not stat.S_ISREG(status.st_mode):
        raise OSError(errno.EINVAL, "not a regular file")  # the loader says what it is
    if status.st_size > limit:
        raise FileTooBig(status.st_size, limit)
    signature = _signature(status)
    recorded = known.get((path.name, signature))
    if recorded is None:
        return hashed_record(path, limit)
    digest, checked_ns = recorded
    return FileRecord(path, status.st_size, signature, digest, checked_ns)


def hashed_record(path: Path, limit: int) -> FileRecord:
    before = os.stat(path)
    data = read_dataset_file(path, limit)
    checked_ns = time.time_ns()
    signature = _signature(before)
    if len(data) != before.st_size or _signature(os.stat(path)) != signature:
        signature = None
    return FileRecord(path, len(data), signature, hashlib.sha256(data).hexdigest(), checked_ns)


def key_of(records: list[FileRecord]) -> str:
    # The Python version too: the derived blocks are in `marshal`'s format, which is the interpreter's.
    digest = hashlib.sha256(f"anora-tui cache {CACHE_FORMAT} {__version__} {sys.version_info[:2]}\0".encode())
    for name in _DEFINING_MODULES:
        try:
            with open(os.path.join(_PACKAGE, name), "rb") as source:
                digest.update(source.read())
        except OSError:
            digest.update(b"?")
    for record in records:
        # fsencode: a name that is not valid UTF-8 (surrogate-escaped by Python) must not raise
        digest.update(b"\0" + os.fsencode(record.path.name) + f"\0{record.size}\0{record.digest}".encode())
    return digest.hexdigest()


def recorded_digests(directory: Path) -> dict[tuple, tuple[str, int]]:
    """(file name, signature) -> (digest, when taken), from the headers of the cache files there,
    leaving out records too close to the file's last change to be trusted."""
    known: dict[tuple, tuple[str, int]] = {}
    try:
        candidates = [entry for entry in os.scandir(directory) if is_cache_file_name(entry.name)]
    except OSError:
        return known
    for entry in candidates:
        try:
            header = read_header(entry.path)[1]
            for name, *signature, digest, checked_ns in header["files"]:
                if not _racy(signature, checked_ns):
                    known[(name, tuple(signature))] = (digest, checked_ns)
        except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError, Unusable):
            continue
    return known


def confirmed_records(records: list[FileRecord], data_dir: str | os.PathLike, limit: int) -> list[FileRecord] | None:
    """The records, if the files are still the ones hashed (so the dataset just loaded is theirs):
    racy ones are hashed again. None if any file changed, or the set of files did."""
    try:
        if [path.name for path in dataset_files(data_dir)] != [record.path.name for record in records]:
            return None
        confirmed = []
        for record in records:
            if record.signature is None or _signature(os.stat(record.path)) != record.signature:
                return None
            if _racy(record.signature, record.checked_ns):
                again = hashed_record(record.path, limit)
                if again.signature != record.signature or again.digest != record.digest:
                    return None
                record = again
            confirmed.append(record)
        return confirmed
    except OSError:
        return None
