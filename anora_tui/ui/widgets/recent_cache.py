"""A cache of the most recently used values that leaves no reference cycles behind.

Textual's `LRUCache` keeps its entries in a ring of linked lists: cleared (a list given new rows, a
new width), the whole ring becomes cyclic garbage, with every line it held, which only the
collector's full pass frees. The lists' line caches were most of what that pass found after an open,
and its 10-20 ms fell on every sixth to eighth open from one pane to another. Here the order is an
`OrderedDict`'s: what is dropped is freed at once.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Generic, Hashable, KeysView, TypeVar

Key = TypeVar("Key", bound=Hashable)
Value = TypeVar("Value")


class RecentCache(Generic[Key, Value]):
    """At most `maxsize` values; past that, the least recently read or set is dropped."""

    __slots__ = ("_maxsize", "_values")

    def __init__(self, maxsize: int) -> None:
        self._maxsize = maxsize
        self._values: OrderedDict[Key, Value] = OrderedDict()

    def get(self, key: Key, default: Value | None = None) -> Value | None:
        values = self._values
        if key not in values:
            return default
        values.move_to_end(key)
        return values[key]

    def __setitem__(self, key: Key, value: Value) -> None:
        values = self._values
        values[key] = value
        values.move_to_end(key)
        if len(values) > self._maxsize:
            values.popitem(last=False)

    def __contains__(self, key: object) -> bool:
        return key in self._values

    def __len__(self) -> int:
        return len(self._values)

    def keys(self) -> KeysView[Key]:
        return self._values.keys()

    def discard(self, key: Key) -> None:
        self._values.pop(key, None)

    def clear(self) -> None:
        self._values.clear()
