"""A cache of loaded datasets, so a second start skips parsing and checking the YAML.

Pure Python (no Textual, no Rich). The cache is plain JSON (never pickle: reading a cache file must
not be able to run code) in `$XDG_CACHE_HOME/anora-tui/` (default `~/.cache/anora-tui/`), one file
per dataset, named by a key that covers every `*.yaml` file's name and bytes, the program's version
and the source of the modules that decide what a dataset is. A different key is a different file,
so a stale cache is never read; a file that is unreadable, corrupt or not in this format is ignored
(with a notice, if the caller asks for one) and rewritten. Writes are atomic, like the state's. The
Dataset is rebuilt from the cached records with `Dataset.build`, so its lookups are always computed by
the current code.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import fields
from pathlib import Path
from typing import Any, Callable

from . import __version__
from .gc_pause import gc_paused
from .loader import dataset_files, load_dataset, max_file_bytes
from .model import (
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
)
from .sanitize import clean_text
from .state import read_regular_file, write_atomically

CACHE_FORMAT = 1
KEEP = 8  # cache files kept: the newest, one per recently read dataset
_PACKAGE = Path(__file__).resolve().parent
_DEFINING_MODULES = ("cache.py", "loader.py", "model.py", "sanitize.py")

_COLLECTIONS: dict[str, type] = {
    "people": Person,
    "characters": Character,
    "scenes": Scene,
    "events": Event,
    "quotes": Quote,
    "notes": Note,
}
# Nested records: field -> (record type, whether the field holds a tuple of them).
_NESTED: dict[tuple[type, str], tuple[type, bool]] = {
    (Article, "sections"): (Section, True),
    (Scene, "position"): (StoryPosition, False),
    (Scene, "production"): (Production, False),
}
# Worked out by Dataset.build, so not stored (each is its record's last field, with a default).
_DERIVED = {(Person, "characters"), (Scene, "order"), (Quote, "order")}


def cache_directory() -> Path:
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG spec says relative paths are to be ignored
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "anora-tui"


def cache_key(data_dir: str | os.PathLike) -> str:
    """A digest of what the loaded dataset depends on: the YAML files and the program.

    Raises OSError when a file cannot be read whole (not a regular file, over the size limit: the loader
    says what is wrong), ValueError when the size limit setting is bad.
    """
    limit = max_file_bytes()
    digest = hashlib.sha256(f"anora-tui cache {CACHE_FORMAT} {__version__}\0".encode())
    for name in _DEFINING_MODULES:
        try:
            digest.update((_PACKAGE / name).read_bytes())
        except OSError:
            digest.update(b"?")
    for path in dataset_files(data_dir):
        data = read_regular_file(path, limit)
        # fsencode: a name that is not valid UTF-8 (surrogate-escaped by Python) must not raise
        digest.update(b"\0" + os.fsencode(path.name) + f"\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def load_cached(data_dir: str | os.PathLike, notify: Callable[[str], None] | None = None) -> Dataset:
    """The dataset in `data_dir`, from the cache when it holds exactly these files, else loaded
    (and checked: `DataErrors` propagates) from the YAML and then cached. A cache file that is there
    but cannot be used is rebuilt, and `notify` (if given) is told so in one line."""
    try:
        key = cache_key(data_dir)
    except (OSError, ValueError):
        return load_dataset(data_dir)  # the loader says what is wrong with the directory
    path = cache_directory() / f"{key}.json"
    dataset, problem = _read(path, key)
    if dataset is None:
        if problem and notify:
            notify(clean_text(f"Rebuilt the load cache {path}: {problem}."))
        dataset = load_dataset(data_dir)
        _write(path, key, dataset)
    return dataset


def dataset_to_plain(dataset: Dataset) -> dict[str, Any]:
    plain: dict[str, Any] = {"article": _encode(dataset.article)}
    for name, record_type in _COLLECTIONS.items():
        plain[name] = [_encode(record) for record in getattr(dataset, name)]
    return plain


def dataset_from_plain(plain: dict[str, Any]) -> Dataset:
    """Rebuild a dataset from `dataset_to_plain` output; raises ValueError, TypeError or KeyError
    on anything else."""
    collections = {
        name: [_decoder(record_type)(row) for row in plain[name]] for name, record_type in _COLLECTIONS.items()
    }
    return Dataset.build(_decoder(Article)(plain["article"]), **collections)


# --- records <-> lists of field values ----------------------------------------------------------


def _stored_fields(record_type: type) -> list[str]:
    names = [f.name for f in fields(record_type)]
    stored = [name for name in names if (record_type, name) not in _DERIVED]
    assert names[: len(stored)] == stored, f"{record_type.__name__}: derived fields must come last"
    return stored


def _encode(record: Any) -> list[Any]:
    values = []
    for name in _stored_fields(type(record)):
        value = getattr(record, name)
        nested = _NESTED.get((type(record), name))
        if nested and nested[1]:
            value = [_encode(item) for item in value]
        elif nested:
            value = _encode(value)
        elif isinstance(value, tuple):
            value = list(value)
        values.append(value)
    return values


_decoders: dict[type, Callable[[list[Any]], Any]] = {}


def _decoder(record_type: type) -> Callable[[list[Any]], Any]:
    """A function from a stored row to a record, made once per record type."""
    decoder = _decoders.get(record_type)
    if decoder is not None:
        return decoder
    stored = _stored_fields(record_type)
    annotations = {f.name: str(f.type) for f in fields(record_type)}
    converters: list[Callable[[Any], Any] | None] = []
    for name in stored:
        nested = _NESTED.get((record_type, name))
        if nested and nested[1]:
            converters.append(lambda rows, d=_decoder(nested[0]): tuple(map(d, rows)))
        elif nested:
            converters.append(_decoder(nested[0]))
        elif annotations[name].startswith("tuple"):
            converters.append(tuple)
        else:
            converters.append(None)
    plain = all(c is None for c in converters)

    def decode(row: list[Any]) -> Any:
        if type(row) is not list or len(row) != len(stored):
            raise ValueError(f"not a stored {record_type.__name__}")
        if plain:
            return record_type(*row)
        return record_type(*[c(v) if c else v for c, v in zip(converters, row)])

    _decoders[record_type] = decode
    return decode


# --- files -----------------------------------------------------------------------------------------


def _read(path: Path, key: str) -> tuple[Dataset | None, str | None]:
    """The cached dataset, or None and why the file cannot be used (no reason if there is no file)."""
    try:
        raw = read_regular_file(path)
    except OSError as error:
        if isinstance(error, FileNotFoundError) and not os.path.lexists(path):
            return None, None
        return None, f"cannot read it: {error.strerror or error}"
    try:
        with gc_paused():
            document = json.loads(raw)
            if document["format"] != CACHE_FORMAT or document["key"] != key:
                return None, "it is from another version of the program"
            return dataset_from_plain(document["dataset"]), None
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
        return None, "it is damaged"


def _write(path: Path, key: str, dataset: Dataset) -> None:
    """Write atomically (a reader sees the old file or the whole new one); failing is harmless."""
    document = {"format": CACHE_FORMAT, "version": __version__, "key": key, "dataset": dataset_to_plain(dataset)}
    try:
        data = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        write_atomically(path, data)
        _prune(path.parent)
    except (OSError, UnicodeEncodeError):  # a lone surrogate only reaches here in a dataset built in code
        pass


def _prune(directory: Path) -> None:
    caches = sorted(directory.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in caches[KEEP:]:
        old.unlink(missing_ok=True)
