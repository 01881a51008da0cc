"""The load cache's file: a fixed-width prefix, a header (the files' records and each block's offset,
length and CRC-32), then the blocks; opened and checked, and read lazily by `CachedParts`."""

from __future__ import annotations

import json
import os
import re
import threading
import zlib
from dataclasses import fields
from pathlib import Path
from typing import Any, Callable

from ..gc_pause import gc_paused
from ..model import Dataset
from ..files import open_regular_file, read_regular_file
from ..text import clean_text
from .cache_blocks import BLOCKS, DERIVED, LAZY, MAKERS, PARAGRAPHS, QUOTE_TEXTS, source_of
from .cache_paragraphs import ParagraphSource

CACHE_FORMAT = 4  # 4: the quotes' texts in a block of their own
PREFIX = '{"format":%d,"key":"%s","header_end":%-12d,"header":'
PREFIX_LENGTH = len(PREFIX % (CACHE_FORMAT, "0" * 64, 0))
_PREFIX_PATTERN = re.compile(rb'\{"format":(\d+),"key":"([0-9a-f]{64})","header_end":(\d+) *,"header":')
_FIRST_READ = 16 * 1024  # the prefix and the header of a dataset of up to about 80 files
_MAX_HEADER = 64 * 1024 * 1024
# A cache file's name: its key and ".json". The cache touches (reads, prunes) nothing else in its
# directory, which may be shared with the state (XDG_CACHE_HOME = XDG_STATE_HOME) or anything else.
CACHE_FILE_NAME = re.compile(r"[0-9a-f]{64}\.json")


def is_cache_file_name(name: str) -> bool:
    return CACHE_FILE_NAME.fullmatch(name) is not None


class Unusable(Exception):
    """Why a cache file cannot be used, in words for the notice."""


_DAMAGED = "it is damaged"
_FOREIGN = "it is from another version of the program"
_NOT_THIS_FORMAT = "it does not start as a cache file of this format does"  # never shown: looked into


class _Opened:
    """A cache file opened for reading: its descriptor and its header."""

    __slots__ = ("path", "descriptor", "header", "header_end")

    def __init__(self, path: Path, descriptor: int, header: dict[str, Any], header_end: int) -> None:
        self.path = path
        self.descriptor = descriptor
        self.header = header
        self.header_end = header_end


def _read_at(descriptor: int, length: int, offset: int) -> bytes:
    """`length` bytes at `offset`, or fewer only at the end of the file."""
    parts = []
    while length > 0:
        part = os.pread(descriptor, length, offset)
        if not part:
            break
        parts.append(part)
        length -= len(part)
        offset += len(part)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _header_of(descriptor: int) -> tuple[str, dict[str, Any], int]:
    """(key, header, header_end) of an open cache file; Unusable if it is not one of this format."""
    start = _read_at(descriptor, _FIRST_READ, 0)
    match = _PREFIX_PATTERN.match(start)
    if match is None:
        raise Unusable(_NOT_THIS_FORMAT)
    if int(match[1]) != CACHE_FORMAT:
        raise Unusable(_FOREIGN)
    if match.end() != PREFIX_LENGTH:
        raise Unusable(_DAMAGED)
    header_end = int(match[3])
    if not PREFIX_LENGTH < header_end <= _MAX_HEADER:
        raise Unusable(_DAMAGED)
    if header_end > len(start):
        start += _read_at(descriptor, header_end - len(start), len(start))
    try:
        header = json.loads(start[PREFIX_LENGTH:header_end])
    except (ValueError, RecursionError):
        raise Unusable(_DAMAGED) from None
    if type(header) is not dict:
        raise Unusable(_DAMAGED)
    return match[2].decode("ascii"), header, header_end


def read_header(path: str | os.PathLike) -> tuple[str, dict[str, Any], int]:
    descriptor = open_regular_file(path)
    try:
        return _header_of(descriptor)
    finally:
        os.close(descriptor)


def open_cache(path: Path, key: str) -> tuple[_Opened | None, str | None]:
    """The cache file opened, its header checked, or None and why it cannot be used (no reason if there
    is no file)."""
    try:
        descriptor = open_regular_file(path)
    except OSError as error:
        if isinstance(error, FileNotFoundError) and not os.path.lexists(path):
            return None, None
        return None, f"cannot read it: {error.strerror or error}"
    try:
        found_key, header, header_end = _header_of(descriptor)
        if found_key != key:
            raise Unusable(_FOREIGN)
        _check_header(header, os.fstat(descriptor).st_size - header_end)
    except OSError as error:
        os.close(descriptor)
        return None, f"cannot read it: {error.strerror or error}"
    except Unusable as unusable:
        os.close(descriptor)
        return None, _why_unusable(path) if str(unusable) == _NOT_THIS_FORMAT else str(unusable)
    return _Opened(path, descriptor, header, header_end), None


def _check_header(header: dict[str, Any], tail: int) -> None:
    blocks = header.get("blocks")
    if header.get("tail") != tail or type(blocks) is not dict or not _REQUIRED <= set(blocks) <= _ALL_BLOCKS:
        raise Unusable(_DAMAGED)
    for place in blocks.values():
        if type(place) is not list or len(place) != 3 or not all(type(n) is int and n >= 0 for n in place):
            raise Unusable(_DAMAGED)
        if place[0] + place[1] > tail:
            raise Unusable(_DAMAGED)


_READ_AT_ONCE = (*BLOCKS, QUOTE_TEXTS)  # read and checked at the first read of any field
_REQUIRED = {*_READ_AT_ONCE, PARAGRAPHS}
_ALL_BLOCKS = {*_REQUIRED, *DERIVED}  # the dataset's blocks, and the derived ones a cache may hold


def _why_unusable(path: Path) -> str:
    """Why a file that does not start as a cache file of this format does is not one: it is from another
    version if it is a JSON object with another "format" (the older layout), else it is damaged."""
    try:
        document = json.loads(read_regular_file(path))
    except (OSError, ValueError, RecursionError):
        return _DAMAGED
    if type(document) is dict and "format" in document and document["format"] != CACHE_FORMAT:
        return _FOREIGN
    return _DAMAGED


_FIELD_INDEX = {record_type: {f.name: i for i, f in enumerate(fields(record_type))} for record_type in LAZY.values()}


class CachedParts:
    """Makes the fields of a dataset from an open cache file (see the module docstring)."""

    def __init__(
        self,
        opened: _Opened,
        data_dir: str | os.PathLike,
        notify: Callable[[str], None] | None,
        load_fresh: Callable[[str | os.PathLike], Dataset],
    ):
        self._opened: _Opened | None = opened
        self._load_fresh = load_fresh  # loads (and caches anew) from the YAML, for a damaged file
        status = os.fstat(opened.descriptor)
        self._identity = (status.st_dev, status.st_ino)
        self._path = opened.path
        self._data_dir = data_dir
        self._notify = notify
        self._blocks: dict[str, bytes] | None = None  # read and checked, not parsed yet
        self.sources: dict[str, Any] = {}  # the LAZY collections' RecordSources (cache_blocks.source_of)
        self._lock = threading.RLock()
        # The paragraphs and the derived blocks are read when asked for: the file stays open for them.
        self._derived = {name for name in opened.header["blocks"] if name in DERIVED}
        self._fresh: Dataset | None = None  # loaded from the YAML, once the file is found damaged
        self._pieces: _PiecesFile | None = None
        self.paragraph_source = ParagraphSource(
            self._read_open, opened.header_end + opened.header["blocks"][PARAGRAPHS][0], self._fresh_dataset
        )

    def __del__(self) -> None:
        try:
            self._close()
        except Exception:  # at interpreter exit `os` may be gone already
            pass

    def provide(self, dataset: Dataset, name: str) -> Any:
        with self._lock:
            if name in dataset.__dict__:
                return dataset.__dict__[name]
            try:
                if self._blocks is None:
                    self._blocks = self._read_blocks()
                with gc_paused():
                    value = MAKERS[name](self, dataset)
            except Unusable as unusable:
                problem = str(unusable)
            except OSError as error:
                problem = f"cannot read it: {error.strerror or error}"
            except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
                problem = _DAMAGED
            else:
                return dataset.__dict__.setdefault(name, value)
            if name not in dataset.__dict__:  # else a field this one needed fell back already
                self._fall_back(dataset, problem)
            return dataset.__dict__[name]

    def block(self, name: str) -> Any:
        assert self._blocks is not None
        return json.loads(self._blocks.pop(name))

    def raw(self, name: str) -> bytes:
        assert self._blocks is not None
        return self._blocks.pop(name)

    def record_at(self, dataset: Dataset, name: str, position: int) -> Any:
        """The record at `position` of a LAZY collection not made yet, made alone; None if it cannot
        be (the caller then reads the field, which falls back to the YAML as any field does)."""
        source = self._source(name)
        return None if source is None else source[position]

    def values_of(self, dataset: Dataset, name: str, field_name: str) -> Any:
        source = self._source(name)
        return None if source is None else source.column(_FIELD_INDEX[LAZY[name]][field_name])

    def count_of(self, dataset: Dataset, name: str) -> int | None:
        source = self._source(name)
        return None if source is None else len(source)

    def _source(self, name: str) -> Any:
        if name not in LAZY:
            return None
        made = self.sources.get(name)
        if made is not None:  # without the lock, which a derived block's decoding may hold a while
            return made
        with self._lock:
            if self._fresh is not None:
                return None
            try:
                if self._blocks is None:
                    self._blocks = self._read_blocks()
                with gc_paused():
                    return source_of(self, name)
            except (Unusable, OSError, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
                return None

    def holds(self, name: str) -> bool:
        """Whether the file holds the derived block `name`, not read yet."""
        return name in self._derived

    def stored(self, name: str, pause: Callable[[], None] | None = None, lazily: bool = False) -> Any:
        """A derived block's value (see `cache_derived`), read and decoded now (each is asked for
        once); None if the file holds none, or one that cannot be read (the caller computes it).
        With `pause`, decoded a piece at a time, `pause()` after each, and out of the file's lock
        (another thread may read a field meanwhile), with the collector on: decoding makes few
        objects, and the collector paused for as long as the pauses last would freeze what every
        other thread made meanwhile. `lazily`: only its skeleton is read now, its lists of raw pieces
        (chunks, bitsets) are `StoredPieces` read from the file when asked for (DamagedPiece if one
        cannot be read then)."""
        from .cache_derived import decode, decode_skeleton, skeleton_end

        with self._lock:
            opened = self._opened
            if opened is None or name not in self._derived:
                return None
            self._derived.discard(name)
            try:
                offset, length, crc = opened.header["blocks"][name]
                start = opened.header_end + offset
                if lazily:
                    data = _read_at(opened.descriptor, min(length, _FIRST_READ), start)
                    end = skeleton_end(data)
                    if end > len(data) and end <= length:
                        data += _read_at(opened.descriptor, end - len(data), start + len(data))
                    pieces = self._pieces_file().reader(start + end)
                else:
                    data = _read_at(opened.descriptor, length, start)
                    end = skeleton_end(data)
            except (OSError, ValueError, TypeError):
                return None
        if len(data) < end or zlib.crc32(data[:end]) != crc or not lazily and len(data) != length:
            return None
        try:
            if lazily:
                return decode_skeleton(data[:end], pieces, length - end, pause)
            if pause is not None:
                return decode(data, pause)
            with gc_paused():
                return decode(data)
        except (ValueError, TypeError, EOFError):
            return None

    def _pieces_file(self) -> _PiecesFile:
        """The file, for the raw pieces of derived blocks read lazily: a descriptor of its own, open
        as long as one of them is kept (the file's own is closed if it is found damaged)."""
        made = self._pieces
        if made is None:
            assert self._opened is not None
            made = self._pieces = _PiecesFile(os.dup(self._opened.descriptor))
        return made

    def _read_blocks(self) -> dict[str, bytes]:
        opened = self._opened
        if opened is None:
            raise Unusable(_DAMAGED)
        try:
            if os.fstat(opened.descriptor).st_size != opened.header_end + opened.header["tail"]:
                raise Unusable(_DAMAGED)
            blocks = {}
            for name in _READ_AT_ONCE:
                offset, length, crc = opened.header["blocks"][name]
                data = _read_at(opened.descriptor, length, opened.header_end + offset)
                if len(data) != length or zlib.crc32(data) != crc:
                    raise Unusable(_DAMAGED)
                blocks[name] = data
            return blocks
        except BaseException:
            self._close()
            raise

    def _read_open(self, length: int, offset: int) -> bytes:
        opened = self._opened
        if opened is None:
            raise OSError("the cache file is closed")
        return _read_at(opened.descriptor, length, offset)

    def _close(self) -> None:
        opened, self._opened = getattr(self, "_opened", None), None
        if opened is not None:
            os.close(opened.descriptor)

    def _fall_back(self, dataset: Dataset, problem: str) -> None:
        """Take the fields not made yet from the YAML; remove the cache file and write it again."""
        for name, source in self.sources.items():  # its records may be in lookups made already
            dataset.__dict__.setdefault(name, source.all())
        fresh = self._fresh_dataset(problem)
        for f in fields(Dataset):
            dataset.__dict__.setdefault(f.name, getattr(fresh, f.name))


    def _fresh_dataset(self, problem: str = _DAMAGED) -> Dataset:
        """The dataset loaded from the YAML (once); the cache file is removed, to be written again."""
        with self._lock:
            if self._fresh is None:
                self._close()
                self._blocks = {}
                self._derived = set()
                if self._notify:
                    self._notify(clean_text(f"Rebuilt the load cache {self._path}: {problem}."))
                try:
                    status = os.stat(self._path)
                    if (status.st_dev, status.st_ino) == self._identity:  # not already replaced by another start
                        os.unlink(self._path)
                except OSError:
                    pass
                self._fresh = self._load_fresh(self._data_dir)
            return self._fresh


class _PiecesFile:
    """A descriptor of a cache file, closed once no one reads from it any more."""

    def __init__(self, descriptor: int) -> None:
        self._descriptor = descriptor

    def reader(self, start: int) -> Callable[[int, int], bytes]:
        """Reads `length` bytes at `offset` from `start` (keeping this, and the descriptor, open)."""
        return lambda length, offset: _read_at(self._descriptor, length, start + offset)

    def __del__(self) -> None:
        try:
            os.close(self._descriptor)
        except Exception:  # at interpreter exit `os` may be gone already
            pass


class PlainParts:
    """The same fields, from `dataset_to_plain` output."""

    def __init__(self, plain: dict[str, Any]) -> None:
        self._plain = plain
        self.sources: dict[str, Any] = {}

    def provide(self, dataset: Dataset, name: str) -> Any:
        return dataset.__dict__.setdefault(name, MAKERS[name](self, dataset))

    def block(self, name: str) -> Any:
        return self._plain[name]
