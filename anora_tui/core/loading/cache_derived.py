"""What the load cache stores beyond the dataset itself: values derived from it that take seconds to
compute in a large dataset, so a start from the cache has them at once (`Dataset.stored`).

- `quote_index`: the quote search index (6 s to build at 100,000 quotes on the project machine; the
  first search key waited for it), and `people_names`: the people's names it finds `@name` by (1.3 s
  to build for 52,000 people), read apart, when `@name` first needs them;
- `mentions`: every person's mentions (a scan of every word of the article: 2.6 s at 130,000
  paragraphs), which the People list counts;
- `paragraph_words`: each paragraph's word count, for the reading time left (1.2 s at 130,000);
- `places`: the command palette's places, found by name (13 s to make at a million quotes: the
  palette's first keys waited for them);
- `paragraph_index`: the text scope's search index, where the article is long (7 s of CPU at
  130,000 paragraphs, which the first search of the text waited for; minutes at a million quotes'
  1.3 million paragraphs);
- `quote_folded`, `paragraph_folded`: each index's folded texts, apart: read only when a search
  first checks a term with punctuation or a space against them (373 MB at a million quotes'
  article, which the first search of the text waited to read).

They are written only when the cache is written by the reader's detached process, so no command
waits for them: all of them for a large dataset (one the reader prepares ahead: see `worth_storing`),
and for a small one only what its first frame reads (`FIRST_FRAME`: the People list's mention counts,
the reading time's word counts, a few milliseconds of a start saved); the others take milliseconds
there when first used. Each is
optional: a cache file without one, or with one that cannot be read, makes the reader compute it as
without a cache.

A block is `marshal` data in pieces, each read alone (see `encode`): strings, ints, bytes, tuples,
lists, dicts (`marshal` can make code objects, but nothing here runs what it reads, and
`quote_index_from_plain` and the others check the types they take), written as it is: a cache file
with derived blocks is JSON up to them (its prefix, header and the dataset's blocks come first), not
a JSON document. (Base64 inside a JSON string kept it one, at 0.4 s to decode the quote index at
100,000 quotes, more than all the rest of reading it.) Its skeleton's CRC-32 is checked before it
is decoded, and each raw piece's when it is read; `marshal`'s format is the interpreter's, so the
key covers the Python version.
"""

from __future__ import annotations

import marshal
import zlib
from collections.abc import Sequence
from itertools import accumulate
from typing import Any, Callable

from ..model import Dataset
from .cache_blocks import DERIVED as NAMES


def worth_storing(dataset: Dataset) -> bool:
    """Whether computing these is slow enough to store them: the reader prepares them ahead, after
    its first frame, in such a dataset (in a small one, each takes milliseconds when first needed)."""
    from ..search.indexes import SMALL

    return not dataset.mentions_are_quick or len(dataset.quotes) > SMALL


def text_worth_storing(indexes) -> bool:
    """Whether the article is long enough to store the text scope's index (else it is built in
    milliseconds on the first search of the text)."""
    return not indexes.is_cheap("text")


FIRST_FRAME = ("paragraph_words", "mentions")  # what the reader's first frame reads of them


def stored_names(dataset: Dataset) -> tuple[str, ...]:
    """The derived values a cache of `dataset` written behind stores."""
    return NAMES if worth_storing(dataset) else FIRST_FRAME


def derived_plain(dataset: Dataset, names: tuple[str, ...] = NAMES) -> dict[str, Any]:
    """The derived values `names` of the dataset (by default every one), as plain data."""
    from ..reading_time import paragraph_words

    plain: dict[str, Any] = {}
    if "paragraph_words" in names:
        plain["paragraph_words"] = dataset.stored("paragraph_words") or paragraph_words(dataset)
    if "mentions" in names:
        dataset.count_mentions()
        plain["mentions"] = {
            person_id: [(m.section, m.paragraph, m.count, m.spans, m.via_note) for m in mentions]
            for person_id, mentions in dataset._mentions.items()
        }
    if set(names) - set(FIRST_FRAME):
        from ..search.indexes import SearchIndexes
        from ..search.stored import folded_to_plain, index_to_plain, people_names_to_plain

        indexes = SearchIndexes(dataset)
        plain["quote_index"] = index_to_plain(indexes.quotes)
        plain["quote_folded"] = folded_to_plain(indexes.quotes)
        plain["people_names"] = people_names_to_plain(indexes.people)
        plain["places"] = indexes.places.to_plain()
        if text_worth_storing(indexes):
            plain["paragraph_index"] = index_to_plain(indexes.get("text"))
            plain["paragraph_folded"] = folded_to_plain(indexes.get("text"))
    plain = {name: plain[name] for name in names if name in plain}
    assert set(plain) <= set(NAMES)
    return plain


# A block is its skeleton, then its raw pieces. The skeleton (after its length, 4 bytes) is a run of
# `marshal` pieces, each after its length (4 bytes), read one at a time with a pause between
# (`decode`'s `pause`): the people's names, the places and the quote index are read on a background
# thread while the reader takes keys, and one `marshal.loads` of the people's names held the
# interpreter's lock for 5 ms at 100,000 quotes (50 at a million). A dict is its size, then each key
# and value; a list of containers its size, then each item; a list of bytes (chunks, bitsets) one
# piece listing each one's length and CRC-32, the bytes themselves after the skeleton (`StoredPieces`:
# read one at a time, when first needed, with `decode_skeleton`); anything else one piece. Two levels
# down at most. Only a dict of a few fields (a stored index's parts) is taken apart: one with an entry
# per person (the mentions) is one piece. The cache's header holds the skeleton's CRC-32: at a million
# quotes reading and checking all of the text index's 237 MB (0.8 s) was what the first search of the
# text waited for, when its first word needs a few of its bitsets.
_DEPTH = 3
_FIELDS = 16
_LENGTH = 4  # bytes of a length


def encode(value: Any) -> bytes:
    """The block (see above); its header CRC-32 is `skeleton_crc` of it."""
    pieces: list[bytes] = []
    raw: list[bytes] = []
    _encode(value, pieces, raw, _DEPTH)
    skeleton = b"".join(pieces)
    return b"".join([len(skeleton).to_bytes(_LENGTH, "little"), skeleton, *raw])


def skeleton_crc(block: bytes) -> int:
    """The CRC-32 the cache's header holds for a block: its skeleton's (each raw piece's is in it)."""
    return zlib.crc32(block[: skeleton_end(block[:_LENGTH])])


def skeleton_end(start: bytes) -> int:
    """Where the skeleton of the block starting with `start` (its first 4 bytes at least) ends."""
    if len(start) < _LENGTH:
        raise ValueError("not a stored block")
    return _LENGTH + int.from_bytes(start[:_LENGTH], "little")


def _encode(value: Any, pieces: list[bytes], raw: list[bytes], depth: int) -> None:
    if depth and type(value) is dict and len(value) <= _FIELDS:
        _add(("dict", len(value)), pieces)
        for key, item in value.items():
            _add(key, pieces)
            _encode(item, pieces, raw, depth - 1)
    elif depth and type(value) is list and value and all(type(item) is bytes for item in value):
        _add(("pieces", [(len(item), zlib.crc32(item)) for item in value]), pieces)
        raw += value
    elif depth and type(value) is list and value and all(type(item) in (bytes, dict, list) for item in value):
        _add(("list", len(value)), pieces)
        for item in value:
            _encode(item, pieces, raw, depth - 1)
    else:
        _add(("value", value), pieces)


def _add(value: Any, pieces: list[bytes]) -> None:
    data = marshal.dumps(value)
    pieces += (len(data).to_bytes(_LENGTH, "little"), data)


def decode(data: bytes, pause: Callable[[], None] | None = None) -> Any:
    """The value `encode` was given, every raw piece read and checked now, `pause()` after each piece;
    ValueError (or EOFError, TypeError) if `data` is not what `encode` wrote."""
    end = skeleton_end(data)
    raw = memoryview(data)[end:]
    return decode_skeleton(
        data[:end], lambda length, offset: bytes(raw[offset : offset + length]), len(raw), pause, at_once=True
    )


def decode_skeleton(
    skeleton: bytes,
    read: Callable[[int, int], bytes],
    raw_length: int,
    pause: Callable[[], None] | None = None,
    at_once: bool = False,
) -> Any:
    """The value of a block whose skeleton (its first `skeleton_end` bytes) is `skeleton`, and whose
    raw pieces (`raw_length` bytes after it) `read(length, offset)` reads: each list of them is a
    `StoredPieces`, or (`at_once`) a list of them all, each read and checked now."""
    pause = pause or _no_pause
    made: list[StoredPieces] = []

    def pieces_of(directory: Any) -> Sequence[bytes]:
        pieces = StoredPieces(read, made[-1].end if made else 0, directory)
        made.append(pieces)
        if not at_once:
            return pieces
        every = []
        for number in range(len(pieces)):
            every.append(pieces[number])
            pause()
        return every

    pieces = _Pieces(skeleton, _LENGTH)
    value = _decode(pieces, pause, pieces_of)
    if pieces.at != len(skeleton) or (made[-1].end if made else 0) != raw_length:
        raise ValueError("not a stored block")
    return value


class StoredPieces(Sequence):
    """A list of bytes stored as raw pieces of a block, each read (by `read(length, offset)`, the
    offset from `start`) and checked against its CRC-32 when asked for, not kept. DamagedPiece if one
    cannot be read or is not what was written."""

    __slots__ = ("_read", "_starts", "_directory", "end")

    def __init__(self, read: Callable[[int, int], bytes], start: int, directory: Any) -> None:
        if type(directory) is not list or not all(
            type(entry) is tuple and len(entry) == 2 and all(type(n) is int and n >= 0 for n in entry)
            for entry in directory
        ):
            raise ValueError("not a stored block")
        self._read = read
        self._directory = directory
        self._starts = list(accumulate((length for length, _crc in directory), initial=start))
        self.end = self._starts[-1]

    def __len__(self) -> int:
        return len(self._directory)

    def __getitem__(self, number: int) -> bytes:  # type: ignore[override]
        length, crc = self._directory[number]
        try:
            data = self._read(length, self._starts[number])
        except OSError as error:
            raise DamagedPiece(f"cannot read it: {error.strerror or error}") from None
        if len(data) != length or zlib.crc32(data) != crc:
            raise DamagedPiece("it is damaged")
        return data


class DamagedPiece(ValueError):
    """A raw piece of a block that cannot be read, or is not what was written."""


class _Pieces:
    """The pieces of a skeleton, in turn (each read from it in place: `marshal.load` of a file object
    reads a list of 52,000 numbers ten times slower)."""

    def __init__(self, data: bytes, at: int) -> None:
        self._view = memoryview(data)
        self.at = at

    def next(self) -> Any:
        at = self.at + _LENGTH
        end = at + int.from_bytes(self._view[self.at : at], "little")
        if end > len(self._view):
            raise ValueError("not a stored block")
        self.at = end
        return marshal.loads(self._view[at:end])


def _decode(pieces: _Pieces, pause: Callable[[], None], pieces_of: Callable[[Any], Sequence[bytes]]) -> Any:
    piece = pieces.next()
    if type(piece) is not tuple or len(piece) != 2:
        raise ValueError("not a stored block")
    kind, value = piece
    if kind == "value":
        pause()
        return value
    if kind == "pieces":
        return pieces_of(value)
    if type(value) is not int or value < 0:
        raise ValueError("not a stored block")
    if kind == "dict":
        made = {}
        for _ in range(value):
            key = pieces.next()
            made[key] = _decode(pieces, pause, pieces_of)
        return made
    if kind == "list":
        return [_decode(pieces, pause, pieces_of) for _ in range(value)]
    raise ValueError("not a stored block")


def _no_pause() -> None:
    pass
