"""A cached collection's records made one at a time, when first asked for, and the lookups over them.

At 100,000 quotes, making every quote (and decoding every quote's text) took a fifth of a second of
the first frame from the cache, though the first frame shows one section's. So a cached dataset's
quotes come from a `RecordSource`: the stored columns, and each record made the first time it is
asked for and kept, so a record is always the same object. The lookups over the quotes
(`LazyGroups`, `LazyById`) make only what is read, and the `quotes` field itself (a tuple, as a built
dataset's) is made from the same records the first time it is read. The quotes' texts stay one UTF-8
buffer (`TextColumn`: 27 MB at 100,000 quotes, where the decoded texts take 42 MiB, as typographic
quotes make them 2-byte strings), each decoded when its quote is made.

Everything here is checked when it is made (lengths, positions, keys), so reading it later cannot
fail on what the cache file held.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping, Sequence
from itertools import accumulate
from operator import add, attrgetter
from typing import Any, Callable, Iterator


class TextColumn(Sequence):
    """Texts stored as one JSON array (ASCII, as the cache file's JSON is), with each one's length in
    bytes there; each decoded when read."""

    __slots__ = ("_array", "_starts", "_lengths")

    def __init__(self, array: bytes, lengths: list[int]) -> None:
        if type(lengths) is not list or not {int} >= set(map(type, lengths)) or (lengths and min(lengths) < 2):
            raise ValueError("not stored texts")
        # The array is "[" + the texts' JSON strings joined by "," + "]".
        self._starts = list(map(add, accumulate(lengths, initial=1), range(len(lengths) + 1)))
        if array[:1] != b"[" or array[-1:] != b"]" or self._starts[-1] + (not lengths) != len(array):
            raise ValueError("not stored texts")
        self._array = array
        self._lengths = lengths

    def __len__(self) -> int:
        return len(self._lengths)

    def __getitem__(self, index: int) -> str:  # type: ignore[override]
        if index < 0:
            index += len(self._lengths)
        if not 0 <= index < len(self._lengths):
            raise IndexError(index)
        start = self._starts[index]
        text = json.loads(self._array[start : start + self._lengths[index]])
        if type(text) is not str:
            raise ValueError("not a stored text")
        return text

    def __iter__(self) -> Iterator[str]:
        texts = json.loads(self._array)
        if len(texts) != len(self._lengths) or not {str} >= set(map(type, texts)):
            raise ValueError("not stored texts")
        return iter(texts)


def encode_texts(texts: list[str], encode: Callable[[Any], str]) -> tuple[bytes, list[int]]:
    """The array and lengths a `TextColumn` of these texts is made from (`encode`: to ASCII JSON)."""
    encoded = [encode(text).encode("ascii") for text in texts]
    return b"[" + b",".join(encoded) + b"]", list(map(len, encoded))


class RecordSource:
    """A collection's records from its columns (one sequence per field, all of `count` items), each
    made by `factory(*fields)` when first asked for and kept; `all()` is every one, as a tuple."""

    def __init__(self, columns: list[Sequence], factory: Callable[..., Any], count: int, names: list[str]) -> None:
        self._columns = columns
        self._names = names  # the fields' names, in the columns' order
        self._factory = factory
        self._made: list[Any] = [None] * count
        self._all: tuple | None = None
        self._lock = threading.Lock()  # a record is made once, whichever thread asks first

    def __len__(self) -> int:
        return len(self._made)

    def __getitem__(self, position: int) -> Any:
        every = self._all
        if every is not None:
            return every[position]
        made = self._made[position]
        if made is None:
            with self._lock:
                if self._all is not None:  # made meanwhile by `all()`
                    return self._all[position]
                made = self._made[position]
                if made is None:
                    made = self._made[position] = self._factory(*[column[position] for column in self._columns])
        return made

    def column(self, index: int) -> Sequence:
        """The values of the record type's field number `index`, in order (no record is made)."""
        with self._lock:
            if self._all is None:
                return self._columns[index]
        return list(map(attrgetter(self._names[index]), self._all))

    def all(self) -> tuple:
        """Every record, in order: those made already and the rest, made now."""
        with self._lock:
            if self._all is None:
                made = self._made
                fresh = map(self._factory, *self._columns)
                if not any(made):  # nothing asked for yet: the fast way
                    self._all = tuple(fresh)
                else:
                    self._all = tuple(old if old is not None else new for old, new in zip(made, fresh))
                self._columns = []  # the records hold their values now (`_made` stays: see __getitem__)
            return self._all


class _KeyedByWhere(Mapping):
    """A mapping whose keys are those of `_where` (what each key's value is made from)."""

    _where: dict

    def __contains__(self, key: object) -> bool:
        return key in self._where

    def __iter__(self) -> Iterator:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


class LazyGroups(_KeyedByWhere):
    """A lookup from keys to groups of a source's records (`members[ends[g]:ends[g + 1]]` are group g's
    positions; None: the collection in order), each group's tuple made when first read."""

    def __init__(self, keys: list, members: list[int] | None, sizes: list[int], source: RecordSource) -> None:
        where = dict(zip(keys, range(len(keys))))
        ends = list(accumulate(sizes, initial=0))
        held = len(source) if members is None else len(members)
        if len(where) != len(keys) or len(sizes) != len(keys) or ends[-1] != held or (sizes and min(sizes) < 1):
            raise ValueError("not a stored lookup")
        if members and not (0 <= min(members) and max(members) < len(source)):
            raise ValueError("a position outside the collection")
        self._where = where
        self._members = members
        self._ends = ends
        self._source = source
        self._made: dict[Any, tuple] = {}

    def __getitem__(self, key: Any) -> tuple:
        found = self._made.get(key)
        if found is None:
            group = self._where[key]
            start, end = self._ends[group], self._ends[group + 1]
            positions = range(start, end) if self._members is None else self._members[start:end]
            found = self._made[key] = tuple(map(self._source.__getitem__, positions))
        return found


class LazyById(_KeyedByWhere):
    """A source's records by their ids (its first column), each made when first read."""

    def __init__(self, source: RecordSource) -> None:
        ids = source.column(0)
        self._where = dict(zip(ids, range(len(ids))))
        self._source = source

    def __getitem__(self, key: Any) -> Any:
        return self._source[self._where[key]]

    def position_of(self, key: Any) -> int | None:
        """The position in the collection of the record with this id (None if none has it)."""
        return self._where.get(key)

