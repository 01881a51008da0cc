"""A list stored as `marshal` chunks, each decoded when an item of it is first read (`ChunkedList`),
and the stored form it is read from (`chunked`). The people's names are kept so: read an item at a
time (a person's names, for the few hits a key shows; the owners of the words a prefix finds), at
100,000 quotes they took 33 MiB decoded, against 4 MB as chunks, and decoding them all took 1.5 s of
CPU at a million quotes, which the People filter's first letter waited for. Pure Python."""

from __future__ import annotations

import marshal
import operator
from bisect import bisect_right
from collections.abc import Sequence
from typing import Any, Callable, Iterator

# Items in a chunk at most: a chunk of 4,096 names took 4 ms to decode, and a key typed as the work
# made ahead went on waited for it.
CHUNK = 1024
# Bytes in a chunk at most, but for an item larger alone: a chunk holding a few words each owned by
# 20,000 people (a million quotes' ids "p3-1234" make "3" and "1234" words of each name) was 2.6 MB,
# which the People filter's first letter waited 27 ms to decode for the words beside them.
CHUNK_BYTES = 64 * 1024


def chunked(items: list) -> dict[str, Any]:
    """`items` as `ChunkedList` reads them: "chunks", each the `marshal` data of a run of them (up to
    `CHUNK` items and about `CHUNK_BYTES`), and "ends", where each run ends."""
    chunks: list[bytes] = []
    ends: list[int] = []
    start = 0
    while start < len(items):
        stop, size = start + 1, len(marshal.dumps(items[start]))
        while stop < len(items) and stop - start < CHUNK:
            size += len(marshal.dumps(items[stop]))
            if size > CHUNK_BYTES:
                break
            stop += 1
        chunks.append(marshal.dumps(items[start:stop]))
        ends.append(stop)
        start = stop
    return {"ends": ends, "chunks": chunks}


def checked_chunks(chunks: Any) -> Sequence[bytes]:
    """Stored chunks: a list of bytes, or the `StoredPieces` of a block read lazily."""
    if isinstance(chunks, (str, bytes)) or not isinstance(chunks, Sequence):
        raise ValueError("not stored chunks")
    return chunks


class ChunkedList(Sequence):
    """The list `chunked` was given, each chunk decoded when an item of it is first read, and kept.

    The chunks may be a block's `StoredPieces`, each read from the cache file when first needed and
    checked against its CRC-32 then. One that cannot be read, or is not a list of its length, makes
    the list `instead()` from then on (the list made again from the dataset); with no `instead`,
    ValueError."""

    __slots__ = ("_chunks", "_ends", "_decoded", "_instead", "_whole")

    def __init__(self, stored: Any, instead: Callable[[], list] | None = None) -> None:
        if type(stored) is not dict or stored.keys() != {"ends", "chunks"}:
            raise ValueError("not a stored list")
        chunks, ends = checked_chunks(stored["chunks"]), stored["ends"]
        if (
            type(ends) is not list
            or len(ends) != len(chunks)
            or not all(type(end) is int for end in ends)
            or not all(map(operator.lt, [0, *ends], ends))
        ):
            raise ValueError("not a stored list")
        self._chunks = chunks
        self._ends = ends
        self._decoded: list[list | None] = [None] * len(chunks)
        self._instead = instead
        self._whole: list | None = None  # `instead()`, once a chunk is found damaged

    def _start(self, number: int) -> int:
        return self._ends[number - 1] if number else 0

    def _chunk(self, number: int, keep: bool = True) -> list:
        part = self._decoded[number]
        if part is None:  # two threads may both decode it: equal lists, either kept
            if self._whole is None:
                try:
                    part = self._decode(number)
                except (ValueError, TypeError, EOFError):
                    if self._instead is None:
                        raise
                    self._whole = self._instead()
            if self._whole is not None:
                return self._whole[self._start(number) : self._ends[number]]
            if keep:
                self._decoded[number] = part
        return part

    def _decode(self, number: int) -> list:
        chunk = self._chunks[number]
        part = marshal.loads(chunk) if type(chunk) is bytes else None
        if type(part) is not list or len(part) != self._ends[number] - self._start(number):
            raise ValueError("not stored chunks")
        return part

    def __len__(self) -> int:
        return self._ends[-1] if self._ends else 0

    def __getitem__(self, index: int | slice) -> Any:  # type: ignore[override]
        if type(index) is slice:
            return self._slice(*index.indices(len(self)))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        number = bisect_right(self._ends, index)
        return self._chunk(number)[index - self._start(number)]

    def _slice(self, start: int, stop: int, step: int) -> list:
        if step != 1:
            return [self[at] for at in range(start, stop, step)]
        items: list = []
        while start < stop:  # a chunk's part at a time
            number = bisect_right(self._ends, start)
            within = start - self._start(number)
            part = self._chunk(number)[within : within + stop - start]
            items += part
            start += len(part)
        return items

    def __eq__(self, other: object) -> bool:  # equal to the list it holds
        if isinstance(other, (list, ChunkedList)):
            return len(self) == len(other) and all(map(operator.eq, self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  (as a list's)

    def __repr__(self) -> str:
        return f"ChunkedList({list(self)!r})"

    def __iter__(self) -> Iterator[Any]:
        # A chunk read through is not kept (what is kept is what is read an item at a time).
        for number in range(len(self._chunks)):
            yield from self._chunk(number, keep=False)
