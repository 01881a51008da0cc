"""Sets of positions as Python ints: bit i stands for the item (quote, paragraph) at position i."""

from __future__ import annotations

import re
from collections import deque
from itertools import compress, count, repeat
from typing import Iterable, Iterator

_DIGITS_TO_FLAGS = bytes.maketrans(b"01", b"\x00\x01")
_FLAGS_TO_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_BITS_OF_BYTE = tuple(tuple(bit for bit in range(8) if byte >> bit & 1) for byte in range(256))
_NONZERO_BYTE = re.compile(rb"[^\x00]")
# Below one position in SPARSE of the size, visiting positions one by one beats the C-level passes
# over every item (which cost ~1 ms per 100,000 items whatever the set holds).
SPARSE = 16


def bits_from_positions(positions: Iterable[int], size: int) -> int:
    positions = positions if isinstance(positions, list) else list(positions)
    if len(positions) * SPARSE < size:
        data = bytearray((size >> 3) + 1)
        for position in positions:
            data[position >> 3] |= 1 << (position & 7)
        return int.from_bytes(data, "little")
    flags = bytearray(size + 1)  # one byte per item, then read as a binary numeral
    deque(map(flags.__setitem__, positions, repeat(1)), maxlen=0)
    return bits_from_flags(flags)


def bits_from_flags(flags: bytes | bytearray) -> int:
    """The set of the positions whose byte in `flags` is 1 (every other byte 0)."""
    return int(flags.translate(_FLAGS_TO_DIGITS)[::-1] or b"0", 2)


def positions_of(bits: int) -> Iterator[int]:
    """The set positions, in increasing order, produced lazily: for reading them all."""
    if bits.bit_count() * SPARSE < bits.bit_length():
        return first_positions(bits)
    return compress(count(), flags_of(bits))


def first_positions(bits: int) -> Iterator[int]:
    """The set positions, in increasing order, each found as it is read: for reading the first few
    of a large set (a page of hits). Before the first, one copy of the set's bytes (`positions_of`'s
    dense pass makes a string of a byte per position first: 4 ms at a million positions, a key's
    worth for a page of 60)."""
    data = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    return (
        found.start() * 8 + bit
        for found in _NONZERO_BYTE.finditer(data)
        for bit in _BITS_OF_BYTE[data[found.start()]]
    )


def flags_of(bits: int) -> bytes:
    """One byte per position up to the highest set bit: 1 where set, else 0."""
    return bin(bits)[:1:-1].encode("ascii").translate(_DIGITS_TO_FLAGS)


def lowest(bits: int) -> int:
    return (bits & -bits).bit_length() - 1
