"""A cache of loaded datasets, so a second start skips parsing and checking the YAML, and reads from
the cache only what is used.

Pure Python (no Textual, no Rich). Plain data only, never pickle: reading a cache file must not be able
to run code.

**Where and which.** One file per dataset in `$XDG_CACHE_HOME/anora-tui/` (default `~/.cache/anora-tui/`),
named by a key: a digest of the program's version, the source of the modules that decide what a dataset
is, and each `*.yaml` file's name, size and SHA-256. A different key is a different file, so a stale
cache is never read. The KEEP most recently written files are kept.

**Not reading the YAML to find the key.** Each cache file records, for each YAML file, its stat
signature (size, mtime, ctime, inode, device), its digest, and when the digest was taken. A file whose
signature matches a record in any cache file is not read again: its recorded digest is used. As in git's
index, a record is only trusted if the file's last change (mtime or ctime) is RACY_NS older than when
its digest was taken: a file changed again within the same timestamp tick keeps its signature, and only
that margin (which also covers file systems with one- or two-second timestamps) tells the two apart.
Such a "racily clean" file is read and hashed every time. Like git, this assumes the file system's
clock is the machine's (a network file system whose server lags by more than the margin is not covered). The key is always content-based; the
signatures only save reading unchanged files. A cache is only written if no file changed while the
dataset was loaded (same signature after loading; racy files are hashed again then).

**Layout.** The file is one JSON object whose members are laid out so that parts of it can be read
alone: a fixed-width prefix (`{"format":2,"key":"…","header_end":N   ,"header":`), a small header (the
files' records, and the byte offset, length and CRC-32 of each block), then one block per collection
and per lookup, each a JSON value holding what `Dataset.build` computed: the records column by column
(quotes already in article order, people with their characters, scenes and events in order), and each
lookup as lists of positions into its collection. Ids lookups are not stored: they are made from the
records on first use.

**Laziness.** `load_cached` only reads the header (a few kilobytes) and returns `Dataset.lazily(...)`:
each field is made when first read. The first read of any field reads every block and checks its CRC
(and the file's size) before anything is made from it; each block is then parsed when first needed and
dropped. If that first read finds the file damaged (or it cannot be read), nothing has been made from
the cache yet: the dataset is loaded from the YAML instead, the cache is rebuilt, and `notify` is told,
as at start. A block that passed its CRC but cannot be decoded (only a bug could do that) is handled the
same way: the fields not made yet are taken from the YAML. (If the YAML cannot be loaded either, the
loader's `DataErrors` is raised where the field was read.)

A file that is unreadable, corrupt or in another format is noticed at start (with a notice, if the caller
asks for one) and rewritten. Writes are atomic, like the state's.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import stat
import threading
import time
import zlib
from dataclasses import dataclass, fields
from itertools import accumulate
from operator import attrgetter
from pathlib import Path
from typing import Any, Callable, Mapping

from ... import __version__
from ...paths import cache_dir
from ..gc_pause import gc_paused
from ..model import (
    Article,
    Character,
    Dataset,
    Event,
    Note,
    Person,
    Production,
    Quote,
    Scene,
    Section,
    StoryPosition,
    frozen_mapping,
    record_factory,
    records_by_id,
)
from ..state import FileTooBig, open_regular_file, read_regular_file, write_atomically
from ..text import clean_text
from .loader import dataset_files, load_dataset, max_file_bytes

CACHE_FORMAT = 2
KEEP = 8  # cache files kept: the newest, one per recently read dataset
RACY_NS = 2_000_000_000  # see the module docstring
_PACKAGE = Path(__file__).resolve().parents[2]  # anora_tui/
_DEFINING_MODULES = (
    "core/loading/cache.py",
    "core/loading/loader.py",
    "core/loading/parallel_read.py",
    "core/model.py",
    "core/text.py",
)
_PREFIX = '{"format":%d,"key":"%s","header_end":%-12d,"header":'
_PREFIX_LENGTH = len(_PREFIX % (CACHE_FORMAT, "0" * 64, 0))
_PREFIX_PATTERN = re.compile(rb'\{"format":(\d+),"key":"([0-9a-f]{64})","header_end":(\d+) *,"header":')
_FIRST_READ = 16 * 1024  # the prefix and the header of a dataset of up to about 80 files
_MAX_HEADER = 64 * 1024 * 1024


def cache_key(data_dir: str | os.PathLike) -> str:
    """A digest of what the loaded dataset depends on: the YAML files and the program. Reads and hashes
    every file (`load_cached` skips the unchanged ones).

    Raises OSError when a file cannot be read whole (not a regular file, over the size limit: the loader
    says what is wrong), ValueError when the size limit setting is bad.
    """
    limit = max_file_bytes()
    return _key([_hashed(path, limit) for path in dataset_files(data_dir)])


def load_cached(data_dir: str | os.PathLike, notify: Callable[[str], None] | None = None) -> Dataset:
    """The dataset in `data_dir`, from the cache when it holds exactly these files, else loaded
    (and checked: `DataErrors` propagates) from the YAML and then cached. A cache file that is there
    but cannot be used is rebuilt, and `notify` (if given) is told so in one line."""
    try:
        records, limit = _identify(data_dir)
    except (OSError, ValueError):
        return load_dataset(data_dir)  # the loader says what is wrong with the directory
    key = _key(records)
    path = cache_dir() / f"{key}.json"
    opened, problem = _open(path, key)
    if opened is not None:
        return Dataset.lazily(_CachedParts(opened, data_dir, notify))
    if problem and notify:
        notify(clean_text(f"Rebuilt the load cache {path}: {problem}."))
    return _load_and_cache(data_dir, path, key, records, limit)


def dataset_to_plain(dataset: Dataset) -> dict[str, Any]:
    """Every block of a cache file, as plain data (lists, strings, numbers)."""
    plain: dict[str, Any] = {"article": _columns([dataset.article], Article)}
    for name, record_type in _COLLECTIONS.items():
        plain[name] = _columns(getattr(dataset, name), record_type)
    for name, (collection, pairs) in _GROUPINGS.items():
        plain[name] = _grouping(getattr(dataset, name), getattr(dataset, collection), pairs)
    return plain


def dataset_from_plain(plain: dict[str, Any]) -> Dataset:
    """The dataset `dataset_to_plain` was given, made at once; raises ValueError, TypeError, KeyError or
    IndexError on anything else."""
    dataset = Dataset.lazily(_PlainParts(plain))
    for f in fields(Dataset):
        getattr(dataset, f.name)
    del dataset.__dict__["_parts"]  # it holds `plain`
    return dataset


# --- the key ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _FileRecord:
    """One YAML file as it was hashed: its signature then (None if it changed while being read)."""

    path: Path
    size: int
    signature: tuple[int, ...] | None
    digest: str
    checked_ns: int  # when the digest was taken (after reading)

    def plain(self) -> list[Any]:
        assert self.signature is not None
        return [self.path.name, *self.signature, self.digest, self.checked_ns]


def _signature(status: os.stat_result) -> tuple[int, ...]:
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev)


def _racy(signature: tuple[int, ...], checked_ns: int) -> bool:
    return max(signature[1], signature[2]) + RACY_NS >= checked_ns


def _record(path: Path, limit: int, known: Mapping[tuple, tuple[str, int]]) -> _FileRecord:
    status = os.stat(path)
    if not stat.S_ISREG(status.st_mode):
        raise OSError(errno.EINVAL, "not a regular file")  # the loader says what it is
    if status.st_size > limit:
        raise FileTooBig(status.st_size, limit)
    signature = _signature(status)
    recorded = known.get((path.name, signature))
    if recorded is None:
        return _hashed(path, limit)
    digest, checked_ns = recorded
    return _FileRecord(path, status.st_size, signature, digest, checked_ns)


def _hashed(path: Path, limit: int) -> _FileRecord:
    before = os.stat(path)
    data = read_regular_file(path, limit)
    checked_ns = time.time_ns()
    signature = _signature(before)
    if len(data) != before.st_size or _signature(os.stat(path)) != signature:
        signature = None
    return _FileRecord(path, len(data), signature, hashlib.sha256(data).hexdigest(), checked_ns)


def _key(records: list[_FileRecord]) -> str:
    digest = hashlib.sha256(f"anora-tui cache {CACHE_FORMAT} {__version__}\0".encode())
    for name in _DEFINING_MODULES:
        try:
            digest.update((_PACKAGE / name).read_bytes())
        except OSError:
            digest.update(b"?")
    for record in records:
        # fsencode: a name that is not valid UTF-8 (surrogate-escaped by Python) must not raise
        digest.update(b"\0" + os.fsencode(record.path.name) + f"\0{record.size}\0{record.digest}".encode())
    return digest.hexdigest()


def _recorded_digests(directory: Path) -> dict[tuple, tuple[str, int]]:
    """(file name, signature) -> (digest, when taken), from the headers of the cache files there,
    leaving out records too close to the file's last change to be trusted."""
    known: dict[tuple, tuple[str, int]] = {}
    try:
        candidates = [entry for entry in os.scandir(directory) if entry.name.endswith(".json")]
    except OSError:
        return known
    for entry in candidates:
        try:
            header = _read_header(entry.path)[1]
            for name, *signature, digest, checked_ns in header["files"]:
                if not _racy(signature, checked_ns):
                    known[(name, tuple(signature))] = (digest, checked_ns)
        except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError, _Unusable):
            continue
    return known


def _confirmed(records: list[_FileRecord], data_dir: str | os.PathLike, limit: int) -> list[_FileRecord] | None:
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
                again = _hashed(record.path, limit)
                if again.signature != record.signature or again.digest != record.digest:
                    return None
                record = again
            confirmed.append(record)
        return confirmed
    except OSError:
        return None


# --- reading ----------------------------------------------------------------------------------------


class _Unusable(Exception):
    """Why a cache file cannot be used, in words for the notice."""


_DAMAGED = "it is damaged"
_FOREIGN = "it is from another version of the program"
_NOT_THIS_FORMAT = "it does not start as a cache file of this format does"  # never shown: looked into


@dataclass
class _Opened:
    path: Path
    descriptor: int
    header: dict[str, Any]
    header_end: int


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
    """(key, header, header_end) of an open cache file; _Unusable if it is not one of this format."""
    start = _read_at(descriptor, _FIRST_READ, 0)
    match = _PREFIX_PATTERN.match(start)
    if match is None:
        raise _Unusable(_NOT_THIS_FORMAT)
    if int(match[1]) != CACHE_FORMAT:
        raise _Unusable(_FOREIGN)
    if match.end() != _PREFIX_LENGTH:
        raise _Unusable(_DAMAGED)
    header_end = int(match[3])
    if not _PREFIX_LENGTH < header_end <= _MAX_HEADER:
        raise _Unusable(_DAMAGED)
    if header_end > len(start):
        start += _read_at(descriptor, header_end - len(start), len(start))
    try:
        header = json.loads(start[_PREFIX_LENGTH:header_end])
    except (ValueError, RecursionError):
        raise _Unusable(_DAMAGED) from None
    if type(header) is not dict:
        raise _Unusable(_DAMAGED)
    return match[2].decode("ascii"), header, header_end


def _read_header(path: str | os.PathLike) -> tuple[str, dict[str, Any], int]:
    descriptor = open_regular_file(path)
    try:
        return _header_of(descriptor)
    finally:
        os.close(descriptor)


def _open(path: Path, key: str) -> tuple[_Opened | None, str | None]:
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
            raise _Unusable(_FOREIGN)
        _check_header(header, os.fstat(descriptor).st_size - header_end)
    except OSError as error:
        os.close(descriptor)
        return None, f"cannot read it: {error.strerror or error}"
    except _Unusable as unusable:
        os.close(descriptor)
        return None, _why_unusable(path) if str(unusable) == _NOT_THIS_FORMAT else str(unusable)
    return _Opened(path, descriptor, header, header_end), None


def _check_header(header: dict[str, Any], tail: int) -> None:
    blocks = header.get("blocks")
    if header.get("tail") != tail or type(blocks) is not dict or set(blocks) != set(_BLOCKS):
        raise _Unusable(_DAMAGED)
    for place in blocks.values():
        if type(place) is not list or len(place) != 3 or not all(type(n) is int and n >= 0 for n in place):
            raise _Unusable(_DAMAGED)
        if place[0] + place[1] > tail:
            raise _Unusable(_DAMAGED)


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


class _CachedParts:
    """Makes the fields of a dataset from an open cache file (see the module docstring)."""

    def __init__(self, opened: _Opened, data_dir: str | os.PathLike, notify: Callable[[str], None] | None):
        self._opened: _Opened | None = opened
        status = os.fstat(opened.descriptor)
        self._identity = (status.st_dev, status.st_ino)
        self._path = opened.path
        self._data_dir = data_dir
        self._notify = notify
        self._blocks: dict[str, bytes] | None = None  # read and checked, not parsed yet
        self._lock = threading.RLock()

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
                    value = _MAKERS[name](self, dataset)
            except _Unusable as unusable:
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

    def _read_blocks(self) -> dict[str, bytes]:
        opened = self._opened
        if opened is None:
            raise _Unusable(_DAMAGED)
        try:
            if os.fstat(opened.descriptor).st_size != opened.header_end + opened.header["tail"]:
                raise _Unusable(_DAMAGED)
            blocks = {}
            for name, (offset, length, crc) in opened.header["blocks"].items():
                data = _read_at(opened.descriptor, length, opened.header_end + offset)
                if len(data) != length or zlib.crc32(data) != crc:
                    raise _Unusable(_DAMAGED)
                blocks[name] = data
            return blocks
        finally:
            self._close()

    def _close(self) -> None:
        opened, self._opened = getattr(self, "_opened", None), None
        if opened is not None:
            os.close(opened.descriptor)

    def _fall_back(self, dataset: Dataset, problem: str) -> None:
        """Take the fields not made yet from the YAML; remove the cache file and write it again."""
        self._close()
        self._blocks = {}
        if self._notify:
            self._notify(clean_text(f"Rebuilt the load cache {self._path}: {problem}."))
        try:
            status = os.stat(self._path)
            if (status.st_dev, status.st_ino) == self._identity:  # not already replaced by another start
                os.unlink(self._path)
        except OSError:
            pass
        fresh = _load_fresh(self._data_dir)
        for f in fields(Dataset):
            dataset.__dict__.setdefault(f.name, getattr(fresh, f.name))


class _PlainParts:
    """The same fields, from `dataset_to_plain` output."""

    def __init__(self, plain: dict[str, Any]) -> None:
        self._plain = plain

    def provide(self, dataset: Dataset, name: str) -> Any:
        return dataset.__dict__.setdefault(name, _MAKERS[name](self, dataset))

    def block(self, name: str) -> Any:
        return self._plain[name]


# --- loading and writing ------------------------------------------------------------------------------


def _identify(data_dir: str | os.PathLike) -> tuple[list[_FileRecord], int]:
    """The records of the dataset's files, reading only those the cache has no trusted record of.
    OSError or ValueError if the loader would refuse the directory or a file."""
    limit = max_file_bytes()
    paths = dataset_files(data_dir)
    known = _recorded_digests(cache_dir())
    return [_record(path, limit, known) for path in paths], limit


def _load_fresh(data_dir: str | os.PathLike) -> Dataset:
    """Loaded from the YAML, and cached."""
    try:
        records, limit = _identify(data_dir)
    except (OSError, ValueError):
        return load_dataset(data_dir)
    key = _key(records)
    return _load_and_cache(data_dir, cache_dir() / f"{key}.json", key, records, limit)


def _load_and_cache(
    data_dir: str | os.PathLike, path: Path, key: str, records: list[_FileRecord], limit: int
) -> Dataset:
    dataset = load_dataset(data_dir)
    confirmed = _confirmed(records, data_dir, limit)
    if confirmed is not None:  # else a file changed while loading: what was loaded may not be `key`'s
        _write(path, key, dataset, confirmed)
    return dataset


def _write(path: Path, key: str, dataset: Dataset, records: list[_FileRecord]) -> None:
    """Write atomically (a reader sees the old file or the whole new one); failing is harmless.

    ASCII only: `json.loads` decodes UTF-8 to text before parsing it, and for text that is not all
    ASCII that costs more than parsing the escapes does. Lone surrogates (only in a dataset built in
    code, or a file name) are escaped like any other character, so they never make the write fail."""
    try:
        plain = dataset_to_plain(dataset)
    except KeyError:  # a lookup holding a record its collection does not: not a dataset build() made
        return
    encode = json.JSONEncoder(check_circular=False, separators=(",", ":")).encode
    tail: list[bytes] = []
    places: dict[str, list[int]] = {}
    offset = 0
    for name in _BLOCKS:
        data = encode(plain[name]).encode("ascii")
        lead = f',"{name}":'.encode("ascii")
        places[name] = [offset + len(lead), len(data), zlib.crc32(data)]
        tail += (lead, data)
        offset += len(lead) + len(data)
    tail.append(b"}")
    header = {
        "version": __version__,
        "tail": offset + 1,
        "files": [record.plain() for record in records],
        "blocks": places,
    }
    header_bytes = encode(header).encode("ascii")
    prefix = (_PREFIX % (CACHE_FORMAT, key, _PREFIX_LENGTH + len(header_bytes))).encode("ascii")
    try:
        write_atomically(path, b"".join([prefix, header_bytes, *tail]))
        _prune(path.parent)
    except OSError:
        pass


def _prune(directory: Path) -> None:
    caches = sorted(directory.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in caches[KEEP:]:
        old.unlink(missing_ok=True)


# --- records <-> blocks -------------------------------------------------------------------------------

_COLLECTIONS: dict[str, type] = {
    "people": Person,
    "characters": Character,
    "scenes": Scene,
    "events": Event,
    "quotes": Quote,
    "notes": Note,
}
# Lookup field -> (the collection its groups are made of, whether its keys are (section, paragraph)).
_GROUPINGS: dict[str, tuple[str, bool]] = {
    "_quotes_by_speaker": ("quotes", False),
    "_quotes_by_paragraph": ("quotes", True),
    "_notes_by_paragraph": ("notes", True),
    "_scenes_by_person": ("scenes", False),
    "_events_by_person": ("events", False),
    "_scenes_by_section": ("scenes", False),
}
_BLOCKS = ("article", *_COLLECTIONS, *_GROUPINGS)
# Nested records: field -> (record type, whether the field holds a tuple of them).
_NESTED: dict[tuple[type, str], tuple[type, bool]] = {
    (Article, "sections"): (Section, True),
    (Article, "film_production"): (Production, False),
    (Scene, "position"): (StoryPosition, False),
    (Scene, "production"): (Production, False),
}
# Fields that Dataset.build sets to each record's position in its collection.
_POSITIONS = {(Quote, "order"), (Scene, "order"), (Section, "index")}


def _columns(records: tuple | list, record_type: type) -> list[Any]:
    """The records as one list per field (tuples become JSON arrays as they are); a field that holds each
    record's position (a quote's order, a section's index) is stored as null."""
    columns: list[Any] = []
    for f in fields(record_type):
        values = list(map(attrgetter(f.name), records))
        nested = _NESTED.get((record_type, f.name))
        if nested and nested[1]:
            values = [_columns(value, nested[0]) for value in values]
        elif nested:
            values = _columns(values, nested[0])
        elif (record_type, f.name) in _POSITIONS and values == list(range(len(values))):
            values = None
        columns.append(values)
    return columns


_column_readers: dict[type, list[Callable[[list[Any]], Any] | None]] = {}
_factories: dict[type, Callable[..., Any]] = {}


def _records(columns: Any, record_type: type) -> tuple:
    """The records `_columns` was given; ValueError or TypeError if `columns` are not such."""
    readers = _column_readers.get(record_type)
    if readers is None:
        readers = _column_readers[record_type] = [_column_reader(record_type, f) for f in fields(record_type)]
        _factories[record_type] = record_factory(record_type)
    if type(columns) is not list or len(columns) != len(readers) or type(columns[0]) is not list:
        raise ValueError(f"not stored {record_type.__name__} records")
    count = len(columns[0])  # the first field of every record type is stored as is
    values = []
    for column, reader, f in zip(columns, readers, fields(record_type)):
        if column is None and (record_type, f.name) in _POSITIONS:
            column = range(count)
        elif reader is not None:
            column = reader(column)
        if len(column) != count:
            raise ValueError(f"not stored {record_type.__name__} records")
        values.append(column)
    return tuple(map(_factories[record_type], *values))


def _column_reader(record_type: type, f: Any) -> Callable[[Any], Any] | None:
    nested = _NESTED.get((record_type, f.name))
    if nested and nested[1]:
        return lambda column, inner=nested[0]: [_records(value, inner) for value in _list(column)]
    if nested:
        return lambda column, inner=nested[0]: _records(column, inner)
    if str(f.type).startswith("tuple"):
        return lambda column: list(map(tuple, _list(column)))
    return _list


def _list(value: Any) -> list:
    if type(value) is not list:
        raise ValueError("not a list")
    return value


def _grouping(groups: Mapping, collection: tuple, pairs: bool) -> list[Any]:
    """A lookup as [keys, positions of the members in `collection`, group sizes]. Positions are null when
    they are the collection in order; (section, paragraph) keys are two lists, sections and paragraphs.
    KeyError if a member is not in the collection."""
    position = {id(item): i for i, item in enumerate(collection)}
    members: list[int] = []
    sizes: list[int] = []
    for group in groups.values():
        members += [position[id(item)] for item in group]
        sizes.append(len(group))
    keys: list[Any] = list(groups)
    if pairs:
        keys = [[section for section, _ in keys], [paragraph for _, paragraph in keys]]
    in_order = len(members) == len(collection) and members == list(range(len(collection)))
    return [keys, None if in_order else members, sizes]


def _groups(block: Any, collection: tuple, pairs: bool) -> Mapping:
    keys, members, sizes = block
    if members is None:
        items = collection
    elif members and min(members) < 0:
        raise ValueError("a negative position")
    else:
        items = tuple(map(collection.__getitem__, members))
    if pairs:
        sections, paragraphs = keys
        if len(sections) != len(paragraphs):
            raise ValueError("not a stored lookup")
        keys = list(zip(sections, paragraphs))
    if len(keys) != len(sizes) or sum(sizes) != len(items) or (sizes and min(sizes) < 1):
        raise ValueError("not a stored lookup")
    ends = list(accumulate(sizes))
    return frozen_mapping(dict(zip(keys, map(items.__getitem__, map(slice, [0, *ends[:-1]], ends)))))


def _article(parts: Any, dataset: Dataset) -> Article:
    [article] = _records(parts.block("article"), Article)
    return article


def _collection_maker(name: str, record_type: type) -> Callable[[Any, Dataset], tuple]:
    return lambda parts, dataset: _records(parts.block(name), record_type)


def _grouping_maker(name: str, collection: str, pairs: bool) -> Callable[[Any, Dataset], Mapping]:
    return lambda parts, dataset: _groups(parts.block(name), getattr(dataset, collection), pairs)


def _by_id_maker(collection: str) -> Callable[[Any, Dataset], Mapping]:
    return lambda parts, dataset: records_by_id(getattr(dataset, collection))


# Dataset field -> how to make it from the blocks (and the fields it depends on).
_MAKERS: dict[str, Callable[[Any, Dataset], Any]] = {
    "article": _article,
    **{name: _collection_maker(name, record_type) for name, record_type in _COLLECTIONS.items()},
    "sections_by_id": lambda parts, dataset: records_by_id(dataset.article.sections),
    **{f"{name}_by_id": _by_id_maker(name) for name in ("people", "characters", "scenes", "events", "quotes")},
    **{name: _grouping_maker(name, collection, pairs) for name, (collection, pairs) in _GROUPINGS.items()},
}
assert set(_MAKERS) == {f.name for f in fields(Dataset)}
