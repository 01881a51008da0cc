"""A cache of loaded datasets, so a second start skips parsing and checking the YAML, and reads from
the cache only what is used.

Pure Python (no Textual, no Rich). Plain data only (JSON, and `marshal` for the derived blocks), never
pickle: reading a cache file must not be able to run code.

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
alone: a fixed-width prefix (`{"format":3,"key":"…","header_end":N   ,"header":`), a small header (the
files' records, and the byte offset, length and CRC-32 of each block), then one block per collection
and per lookup, each a JSON value holding what `Dataset.build` computed: the records column by column
(quotes already in article order, people with their characters, scenes and events in order), and each
lookup as lists of positions into its collection. Ids lookups are not stored: they are made from the
records on first use. A column whose values repeat (a quote's speaker, a person's kind) holds each
distinct value once and each record's position in them. The article's paragraphs are a block of their
own, one array per section, read a section at a time (`cache_paragraphs.py`), and so are the quotes'
texts, one array decoded a quote at a time (`lazy_records.py`). A cache written behind also holds what is
slow to compute from a large dataset (the quote index, mentions, word counts: `cache_derived.py`; of a
small one, what its first frame reads), as `marshal` blocks after the JSON ones (that file is then
JSON only up to them).

**Laziness.** `load_cached` only reads the header (a few kilobytes) and returns `Dataset.lazily(...)`:
each field is made when first read. The quotes and the people are made a record at a time, as they are
read (a paragraph's quotes, a row of the People list), and their lookups make only what is read
(`lazy_records.py`). The first read of any field reads every JSON block but the
paragraphs (each section's are checked against their own CRC when read) and checks its CRC
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

import gc
import json
import os
import stat
import threading
import zlib
from dataclasses import fields
from pathlib import Path
from typing import Any, Callable

from ... import __version__
from ...paths import cache_dir
from ..model import Article, Dataset
from ..files import write_atomically
from ..text import clean_text
from .cache_blocks import (
    BLOCKS,
    COLLECTIONS,
    GROUPINGS,
    PARAGRAPHS,
    QUOTE_TEXTS,
    columns_of,
    grouping_of,
    paragraph_column,
    set_paragraph_column,
    split_quote_texts,
)
from .cache_file import (
    CACHE_FILE_NAME,
    CACHE_FORMAT,
    PREFIX,
    PREFIX_LENGTH,
    CachedParts,
    PlainParts,
    is_cache_file_name,
    open_cache,
)
from .cache_key import (
    FileRecord,
    confirmed_records,
    file_record,
    hashed_record,
    key_of,
    recorded_digests,
)
from .cache_paragraphs import encode_paragraphs
from .directory import dataset_files, max_file_bytes

KEEP = 8  # cache files kept: the newest, one per recently read dataset

def cache_key(data_dir: str | os.PathLike) -> str:
    """A digest of what the loaded dataset depends on: the YAML files and the program. Reads and hashes
    every file (`load_cached` skips the unchanged ones).

    Raises OSError when a file cannot be read whole (not a regular file, over the size limit: the loader
    says what is wrong), ValueError when the size limit setting is bad.
    """
    limit = max_file_bytes()
    return key_of([hashed_record(path, limit) for path in dataset_files(data_dir)])


def load_dataset(
    data_dir: str | os.PathLike, for_reader: bool = False, meanwhile: Callable[[], object] | None = None
) -> Dataset:
    """The loader's `load_dataset`, imported when first needed: a start from the cache never reads
    YAML, so it need not import the loader (nor PyYAML)."""
    from .loader import load_dataset as load_from_yaml

    return load_from_yaml(data_dir, for_reader=for_reader, meanwhile=meanwhile)


def load_cached(
    data_dir: str | os.PathLike,
    notify: Callable[[str], None] | None = None,
    *,
    write_behind: bool = False,
    meanwhile: Callable[[], object] | None = None,
) -> Dataset:
    """The dataset in `data_dir`, from the cache when it holds exactly these files, else loaded
    (and checked: `DataErrors` propagates) from the YAML and then cached. A cache file that is there
    but cannot be used is rebuilt, and `notify` (if given) is told so in one line.

    With `write_behind`, a new cache file is written by a detached process (where the platform can
    fork one), so the caller goes on at once; it begins once the caller calls `start_writing_behind`
    (the reader, when its first frame is drawn) or exits. The load also counts each paragraph's
    words then (for the reader's reading time). `meanwhile`: the caller's work to do while worker
    processes read a big dataset's YAML (the reader imports its user interface); not done when the
    dataset comes from the cache or is read in this process alone."""
    directory, unusable = usable_cache_dir()
    if directory is None:
        if notify:
            notify(clean_text(f"The load cache is off: {unusable}; the dataset is read from its files."))
        return load_dataset(data_dir)
    try:
        records, limit = _identify(data_dir)
    except (OSError, ValueError):
        return load_dataset(data_dir)  # the loader says what is wrong with the directory
    key = key_of(records)
    path = directory / f"{key}.json"
    opened, problem = open_cache(path, key)
    if opened is not None:
        return Dataset.lazily(CachedParts(opened, data_dir, notify, _load_fresh))
    if problem and notify:
        notify(clean_text(f"Rebuilt the load cache {path}: {problem}."))
    return _load_and_cache(data_dir, path, key, records, limit, write_behind, meanwhile)


def usable_cache_dir() -> tuple[Path | None, str | None]:
    """The cache directory, made if need be; or None and why it cannot be used (a file in its way,
    no permission), in words for the notice."""
    directory = cache_dir()
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocking = next((p for p in (directory, *directory.parents) if p.exists() and not p.is_dir()), directory)
        return None, f"{blocking} is a file, not a directory (see XDG_CACHE_HOME)"
    except OSError as error:
        return None, f"{directory} cannot be made: {error.strerror or error}"
    if not directory.is_dir():
        return None, f"{directory} is not a directory"
    return directory, None


def dataset_to_plain(dataset: Dataset) -> dict[str, Any]:
    """Every block of a cache file, as plain data (lists, strings, numbers)."""
    plain: dict[str, Any] = {"article": columns_of([dataset.article], Article)}
    for name, record_type in COLLECTIONS.items():
        plain[name] = columns_of(getattr(dataset, name), record_type)
    for name, (collection, pairs) in GROUPINGS.items():
        plain[name] = grouping_of(getattr(dataset, name), getattr(dataset, collection), pairs)
    return plain


def dataset_from_plain(plain: dict[str, Any]) -> Dataset:
    """The dataset `dataset_to_plain` was given, made at once; raises ValueError, TypeError, KeyError or
    IndexError on anything else."""
    dataset = Dataset.lazily(PlainParts(plain))
    for f in fields(Dataset):
        getattr(dataset, f.name)
    del dataset.__dict__["_parts"]  # it holds `plain`
    return dataset




def _identify(data_dir: str | os.PathLike) -> tuple[list[FileRecord], int]:
    """The records of the dataset's files, reading only those the cache has no trusted record of.
    OSError or ValueError if the loader would refuse the directory or a file."""
    limit = max_file_bytes()
    paths = dataset_files(data_dir)
    known = recorded_digests(cache_dir())
    return [file_record(path, limit, known) for path in paths], limit


def _load_fresh(data_dir: str | os.PathLike) -> Dataset:
    """Loaded from the YAML, and cached."""
    try:
        records, limit = _identify(data_dir)
    except (OSError, ValueError):
        return load_dataset(data_dir)
    key = key_of(records)
    return _load_and_cache(data_dir, cache_dir() / f"{key}.json", key, records, limit)


def _load_and_cache(
    data_dir: str | os.PathLike,
    path: Path,
    key: str,
    records: list[FileRecord],
    limit: int,
    write_behind: bool = False,
    meanwhile: Callable[[], object] | None = None,
) -> Dataset:
    dataset = load_dataset(data_dir, for_reader=write_behind, meanwhile=meanwhile)  # only the reader writes behind

    def write(derived: bool) -> None:
        confirmed = confirmed_records(records, data_dir, limit)
        if confirmed is not None:  # else a file changed while loading: what was loaded may not be `key`'s
            _write(path, key, dataset, confirmed, derived)

    # Only a detached writer stores the derived values: computing them takes seconds in a large dataset.
    if not (write_behind and _in_detached_process(lambda: write(True))):
        write(False)
    return dataset


# The detached writer waits for the reader's first frame before it begins (`start_writing_behind`),
# at most this long: encoding the dataset takes seconds of CPU at 100,000 quotes, and the first frame
# is the one time the reader needs every core it can get.
WRITER_WAITS_AT_MOST = 30.0
_writer_go: int | None = None  # the pipe's end that lets a waiting writer begin (closed: it may)


def start_writing_behind() -> None:
    """Let a detached cache writer that waits for the reader's first frame begin (a writer also
    begins when this process exits, or after WRITER_WAITS_AT_MOST); does nothing if none waits."""
    global _writer_go
    go, _writer_go = _writer_go, None
    if go is not None:
        try:
            os.close(go)  # the writer's read of the pipe ends
        except OSError:
            pass


def _in_detached_process(work: Callable[[], None]) -> bool:
    """Run `work` in a grandchild process that nothing waits for (its parent exits at once), at the
    lowest priority, once `start_writing_behind` is called; False if one cannot be made: where there is
    no fork, or while other threads run (a forked copy of a process with threads may deadlock on a
    lock one of them held)."""
    global _writer_go
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    try:
        wait_end, go_end = os.pipe()
    except OSError:
        return False
    try:
        child = os.fork()
    except OSError:
        os.close(wait_end)
        os.close(go_end)
        return False
    if child == 0:  # the child: fork the worker and leave, so the worker is nobody's to wait for
        try:
            if os.fork() == 0:
                try:
                    gc.disable()  # a collection would touch, and so copy, every page of the dataset
                    os.close(go_end)
                    os.setsid()  # its own session: closing the reader's terminal does not stop it
                    quiet = os.open(os.devnull, os.O_RDWR)
                    for descriptor in (0, 1, 2):  # nor does it hold that terminal open
                        os.dup2(quiet, descriptor)
                    _lowest_priority()
                    _lower_session_priority()
                    _wait_for_go(wait_end)
                    work()
                finally:
                    os._exit(0)
        finally:
            os._exit(0)
    os.close(wait_end)
    os.waitpid(child, 0)
    start_writing_behind()  # an earlier writer, if any, need not wait for this one's signal
    _writer_go = go_end
    return True


def _wait_for_go(wait_end: int) -> None:
    """Until the reader lets the writer begin (or exits), or WRITER_WAITS_AT_MOST has passed."""
    import select

    try:
        select.select([wait_end], [], [], WRITER_WAITS_AT_MOST)
    except (OSError, ValueError):
        pass
    os.close(wait_end)


def _write(path: Path, key: str, dataset: Dataset, records: list[FileRecord], derived: bool = False) -> None:
    """Write atomically (a reader sees the old file or the whole new one); failing is harmless. With
    `derived`, the dataset's derived values (`cache_derived`: all of a large dataset's, what a small
    one's first frame reads) are computed and stored too.

    ASCII only: `json.loads` decodes UTF-8 to text before parsing it, and for text that is not all
    ASCII that costs more than parsing the escapes does. Lone surrogates (only in a dataset built in
    code, or a file name) are escaped like any other character, so they never make the write fail."""
    if derived:
        _lowest_priority()  # only a detached writer gets here: its CPU is never taken from the reader
    try:
        plain = dataset_to_plain(dataset)
    except KeyError:  # a lookup holding a record its collection does not: not a dataset build() made
        return
    encode = json.JSONEncoder(check_circular=False, separators=(",", ":")).encode
    encoded: dict[str, bytes] = {}
    encoded[PARAGRAPHS], entries = encode_paragraphs(paragraph_column(plain["article"]), encode)
    set_paragraph_column(plain["article"], entries)
    encoded[QUOTE_TEXTS] = split_quote_texts(plain["quotes"], encode)
    encoded.update((name, encode(plain[name]).encode("ascii")) for name in BLOCKS)
    del plain
    crc_of: dict[str, Callable[[bytes], int]] = {}
    if derived:
        from .cache_derived import derived_plain, encode as encode_derived, skeleton_crc, stored_names

        values = derived_plain(dataset, stored_names(dataset))
        encoded.update((name, encode_derived(value)) for name, value in values.items())
        crc_of = dict.fromkeys(values, skeleton_crc)  # each raw piece's is in the skeleton
    tail: list[bytes] = []
    places: dict[str, list[int]] = {}
    offset = 0
    for name, data in encoded.items():
        lead = f',"{name}":'.encode("ascii")
        places[name] = [offset + len(lead), len(data), crc_of.get(name, zlib.crc32)(data)]
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
    prefix = (PREFIX % (CACHE_FORMAT, key, PREFIX_LENGTH + len(header_bytes))).encode("ascii")
    try:
        write_atomically(path, b"".join([prefix, header_bytes, *tail]), owned=CACHE_FILE_NAME)
        _prune(path.parent)
    except OSError:
        pass


def _lowest_priority() -> None:
    try:
        os.nice(40)  # clamped to the lowest there is
    except (OSError, AttributeError):
        pass


# The detached writer's session's niceness: far below the reader's session (about a tenth of its share
# of a busy core), without starving the writer on a busy machine (at 19, about a seventieth, a cache
# took many minutes to be written while other programs kept both cores busy).
SESSION_NICENESS = 10


def _lower_session_priority() -> None:
    """Where the scheduler shares the CPU between sessions first (Linux's autogroups), a process's
    own niceness only counts against its own session's other processes: the detached writer, in a
    session of its own, had as big a share as the reader's whole session, nice or not. Called in
    that session of its own only: the session's niceness is lowered too."""
    try:
        with open("/proc/self/autogroup", "w") as autogroup:
            autogroup.write(str(SESSION_NICENESS))
    except (OSError, ValueError):  # not Linux, or no autogroups
        pass


def _prune(directory: Path) -> None:
    """Keep the KEEP newest cache files; only files named as cache files are looked at."""
    caches: list[tuple[int, Path]] = []
    for entry in os.scandir(directory):
        if is_cache_file_name(entry.name):
            try:
                status = entry.stat(follow_symlinks=False)
            except OSError:
                continue  # pruned meanwhile by another start
            if stat.S_ISREG(status.st_mode):
                caches.append((status.st_mtime_ns, Path(entry.path)))
    caches.sort(reverse=True)
    for _, old in caches[KEEP:]:
        old.unlink(missing_ok=True)
