"""The article's paragraphs in the load cache, read one section at a time when first needed.

The paragraphs are most of a dataset (130,000 of them are 40 MB of the cache file at 100,000 quotes,
and 76 MiB as strings: typographic quotes make them 2-byte strings), and the first frame shows one
section. So the cache file holds them in a block of their own, one JSON array per section, and the
article block holds, for each section, its paragraph count, the byte length of its array and that
array's CRC-32. A section's paragraphs are then `StoredParagraphs`: a sequence whose length is known
at once, which reads, checks and decodes its bytes (a `pread` of a kilobyte or two) when its items
are first asked for, and keeps the recently used sections decoded.

If a section's bytes do not match their CRC (the file changed on disk under the reader: only damage
can do that), the dataset is loaded from the YAML once and the paragraphs are taken from it.
"""

from __future__ import annotations

import json
import threading
import zlib
from collections.abc import Sequence
from itertools import accumulate
from typing import Any, Callable, Iterator

KEPT = 256  # sections kept decoded (the reading pane's, and what search previews showed)


class ParagraphSource:
    """Where the sections' arrays are in an open cache file, and those recently decoded."""

    def __init__(self, read_at: Callable[[int, int], bytes], start: int, fresh: Callable[[], Any]) -> None:
        self._read_at = read_at  # (length, offset in the file) -> bytes
        self._start = start  # where the block starts in the file
        self._fresh = fresh  # the dataset loaded from the YAML (when the file is damaged)
        self._lengths: list[int] = []
        self._crcs: list[int] = []
        self._offsets: list[int] = []
        self._decoded: dict[int, tuple[str, ...]] = {}
        self._lock = threading.Lock()

    def sequences(self, entries: Any) -> list["StoredParagraphs"]:
        """One `StoredParagraphs` per section from the article block's [count, length, crc] entries;
        ValueError if they are not such."""
        if type(entries) is not list:
            raise ValueError("not stored paragraphs")
        counts = []
        for entry in entries:
            if type(entry) is not list or len(entry) != 3 or not all(type(n) is int and n >= 0 for n in entry):
                raise ValueError("not stored paragraphs")
            counts.append(entry[0])
            self._lengths.append(entry[1])
            self._crcs.append(entry[2])
        # The block is "[" + the arrays joined by "," + "]".
        self._offsets = [1 + start + i for i, start in enumerate(accumulate(self._lengths, initial=0))]
        return [StoredParagraphs(self, section, count) for section, count in enumerate(counts)]

    def paragraphs(self, section: int, count: int) -> tuple[str, ...]:
        with self._lock:
            found = self._decoded.get(section)
        if found is not None:
            return found
        found = self._read(section, count)
        if found is None:
            found = tuple(self._fresh().sections[section].paragraphs)
        with self._lock:
            if len(self._decoded) >= KEPT:
                del self._decoded[next(iter(self._decoded))]
            self._decoded[section] = found
        return found

    def _read(self, section: int, count: int) -> tuple[str, ...] | None:
        try:
            data = self._read_at(self._lengths[section], self._start + self._offsets[section])
            if len(data) != self._lengths[section] or zlib.crc32(data) != self._crcs[section]:
                return None
            value = json.loads(data)
        except (OSError, ValueError, RecursionError):
            return None
        if type(value) is not list or len(value) != count or not all(type(text) is str for text in value):
            return None
        return tuple(value)


class StoredParagraphs(Sequence):
    """A section's paragraphs, read from the cache file when first asked for; equal to (and hashed
    as) the tuple of them, as a section's `paragraphs` is."""

    __slots__ = ("_source", "_section", "_count")

    def __init__(self, source: ParagraphSource, section: int, count: int) -> None:
        self._source = source
        self._section = section
        self._count = count

    def _all(self) -> tuple[str, ...]:
        return self._source.paragraphs(self._section, self._count)

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):  # an int or a slice, as a tuple's
        return self._all()[index]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, StoredParagraphs):
            other = other._all()
        if isinstance(other, tuple):
            return self._all() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return repr(self._all())


def encode_paragraphs(sections: list[Any], encode: Callable[[Any], str]) -> tuple[bytes, list[list[int]]]:
    """The paragraphs block for these sections' paragraph tuples, and each section's entry
    [count, length, crc] for the article block."""
    arrays = [encode(list(paragraphs)).encode("ascii") for paragraphs in sections]
    entries = [[len(paragraphs), len(data), zlib.crc32(data)] for paragraphs, data in zip(sections, arrays)]
    return b"[" + b",".join(arrays) + b"]", entries

