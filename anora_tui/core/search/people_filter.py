"""Whom the People list's filter keeps, by kind: sets of people as bitsets of their positions.

At a million quotes (520,000 people) one letter typed keeps about 97,000. As a set of positions,
sorted and split by kind a person at a time, they took that letter 40-75 ms. As bitsets, the owners
of the words typed are one pass, each kind is one `&` with its own bitset, and a kind's positions are
listed only when its rows are first read (the rows drawn)."""

from __future__ import annotations

from collections.abc import Sequence as SequenceABC
from typing import Iterator, Mapping, Sequence

from ..model import Dataset, Person, RecordsAt
from .bitsets import bits_from_flags, positions_of


def people_bits_by_kind(dataset: Dataset) -> dict[str, int]:
    """Each kind's people, as a bitset of their positions in `dataset.people` (read as a column: no
    person is made). One pass over the kinds, then one translation per kind."""
    kinds = dataset.values_of("people", "kind")
    codes = {kind: code for code, kind in enumerate(dict.fromkeys(kinds))}  # the model's few kinds
    coded = bytes(map(codes.__getitem__, kinds))
    return {
        kind: bits_from_flags(coded.translate(bytes(int(byte == code) for byte in range(256))))
        for kind, code in codes.items()
    }


def people_by_kind_in(dataset: Dataset, kept: int, bits_by_kind: Mapping[str, int]) -> dict[str, Sequence[Person]]:
    """The people whose positions are set in `kept`, by kind, in order, each made when first read;
    kinds with nobody kept are left out."""
    by_kind: dict[str, Sequence[Person]] = {}
    for kind, of_kind in bits_by_kind.items():
        bits = kept & of_kind
        if bits:
            by_kind[kind] = RecordsAt(dataset, "people", PositionsOf(bits))  # type: ignore[arg-type]
    return by_kind


class PositionsOf(SequenceABC):
    """The positions set in a bitset, in increasing order: counted at once, listed when first read."""

    __slots__ = ("_bits", "_length", "_listed")

    def __init__(self, bits: int) -> None:
        self._bits = bits
        self._length = bits.bit_count()
        self._listed: list[int] | None = None

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):  # an int or a slice, as a list's
        return self._list()[index]

    def __iter__(self) -> Iterator[int]:
        return iter(self._list())

    def _list(self) -> list[int]:
        if self._listed is None:
            self._listed = list(positions_of(self._bits))
        return self._listed
