"""The quote index, the text scope's index (the article's paragraphs), and the people's names they
find `@name` by, as plain data, and back: what the load cache stores so that a start from the cache
searches at once instead of building an index for seconds. Plain data is what `marshal` writes:
strings, ints (a posting's bitset is one big int), tuples, lists and dicts, never code.

What is stored is what building computes (the folded texts, the postings, the names' words and
owners); what is cheap (sorting the vocabulary, grouping quotes by speaker, the empty caches) is made
again, by the same code as a build.
"""

from __future__ import annotations

import marshal
import operator
import sys
from itertools import repeat
from collections.abc import Sequence
from functools import cached_property
from typing import Any, Callable, Iterable, Iterator

from ..gc_pause import gc_paused
from ..model import Dataset
from .giving_way import give_way
from .names import NameIndex, NameParts, PeopleNames, SortedOwners
from .paragraphs import ParagraphIndex
from .quotes import QuoteIndex
from .scope_index import ScopeIndex
from .text_index import TextIndex

FORMAT = 5  # 2: the names in chunks; 3: chunks of 1,024, words in order; 4: owners, folded texts apart;
# 5: each bitset a piece of its own


def index_to_plain(index: ScopeIndex) -> dict[str, Any]:
    """A scope's index (the quotes', or the text's) as plain data: its postings (its folded texts:
    `folded_to_plain`, stored apart; its people's names: `people_names_to_plain`). A common word's
    bitset is its bytes, a list of its own (the cache reads each when a search first needs it:
    `UnreadBits`); the rare words' positions are in chunks."""
    _folded, postings = index.text.parts()
    sparse, dense_words, dense = [], [], []
    for word, posting in postings.items():
        if type(posting) is tuple:
            sparse.append((word, posting))
        else:
            # A bitset as its bytes: `marshal` writes and reads an int digit by digit, 8 times slower.
            posting = posting if type(posting) is int else posting.read()
            dense_words.append(word)
            dense.append(posting.to_bytes((posting.bit_length() + 7) // 8, "little"))
    return {
        "format": FORMAT,
        "size": index.text.size,
        "sparse": _in_chunks(sparse, INDEX_CHUNK),
        "dense_words": _in_chunks(dense_words, INDEX_CHUNK),
        "dense": dense,
    }


class UnreadBits:
    """A stored bitset, read (as its bytes, then an int) when a search first needs it
    (`TextIndex._posting`)."""

    __slots__ = ("_pieces", "_number")

    def __init__(self, pieces: Sequence[bytes], number: int) -> None:
        self._pieces = pieces
        self._number = number

    def read(self) -> int:
        data = self._pieces[self._number]
        if type(data) is not bytes:
            raise ValueError("not a stored bitset")
        return int.from_bytes(data, "little")


def folded_to_plain(index: ScopeIndex) -> dict[str, Any]:
    """A scope's folded texts (what a term with punctuation or a space is checked against), stored
    apart from its index: read only when a search first needs them (`TextIndex.from_postings`)."""
    return {"format": FORMAT, "folded": _in_chunks(index.text.parts()[0], INDEX_CHUNK)}


# The texts and postings are stored as chunks, each its own `marshal` data, read one at a time with a
# pause between: reading them is done on a background thread after the first frame, and one call to
# `marshal.loads` over them all held the interpreter's lock for a fifth of a second at 100,000 quotes,
# so the reader could not take a key meanwhile. A chunk of 4,096 names took 4 ms to decode: a key
# typed as the work made ahead went on after a quiet second waited for it.
CHUNK = 1024
# The quote index's chunks are larger: the reader's first search waits for it, and each pause point
# there is a turn of the interpreter's lock to the reader's thread and back.
INDEX_CHUNK = 4096


def _in_chunks(items: list, size: int | None = None) -> list[bytes]:
    size = size or CHUNK
    return [marshal.dumps(items[start : start + size]) for start in range(0, len(items), size)]


def _checked_chunks(chunks: Any) -> Sequence[bytes]:
    """Stored chunks: a list of bytes, or the `StoredPieces` a block read lazily holds."""
    if isinstance(chunks, (str, bytes)) or not isinstance(chunks, Sequence):
        raise ValueError("not stored chunks")
    return chunks


def _decoded_chunks(chunks: Any) -> Iterator[list]:
    """Each chunk decoded in turn, with a pause point after each."""
    for chunk in _checked_chunks(chunks):
        if type(chunk) is not bytes:
            raise ValueError("not stored chunks")
        # Out of the collector's reach as it is made: the thousands of objects a chunk makes started
        # young passes of the collector on this thread, up to 9 ms at 100,000 quotes, in the middle
        # of a stretch a key typed then waited for (frozen a chunk at a time, with no pause inside).
        with gc_paused():
            part = marshal.loads(chunk)
        if type(part) is not list:
            raise ValueError("not stored chunks")
        yield part
        give_way()  # let the reader's thread run, and its typing


def _from_chunks(chunks: Any) -> list:
    items: list = []
    for part in _decoded_chunks(chunks):
        items += part
    return items


class ChunkedList(Sequence):
    """A list kept as the `marshal` chunks it was stored in (`_in_chunks`), each chunk decoded when an
    item of it is first read, and kept. For what is read an item at a time (a person's names, for the
    few hits a key shows): at 100,000 quotes the people's names, their folded forms and the words the
    article uses for them took 33 MiB decoded, against 4 MB as chunks. Only the last chunk is decoded
    when this is made (the others hold `CHUNK` items each): decoding them all to check them took
    1.5 s of CPU at a million quotes, which the People filter's first letter waited for.

    The chunks may be a block's `StoredPieces`, each read from the cache file when first needed and
    checked against its CRC-32 then. One that cannot be read, or is not a list of its length, makes
    the list `instead()` from then on (the list made again from the dataset); with no `instead`,
    ValueError."""

    __slots__ = ("_chunks", "_decoded", "_length", "_instead", "_whole")

    def __init__(self, chunks: Any, instead: Callable[[], list] | None = None) -> None:
        self._chunks = _checked_chunks(chunks)
        self._decoded: list[list | None] = [None] * len(chunks)
        self._instead = instead
        self._whole: list | None = None  # `instead()`, once a chunk is found damaged
        self._length = (len(chunks) - 1) * CHUNK + len(self._chunk(len(chunks) - 1)) if len(chunks) else 0

    def _chunk(self, number: int, keep: bool = True) -> list:
        part = self._decoded[number]
        if part is None:  # two threads may both decode it: equal lists, either kept
            if self._whole is not None:
                return self._whole[number * CHUNK : (number + 1) * CHUNK]
            try:
                part = self._decode(number)
            except (ValueError, TypeError, EOFError):
                if self._instead is None:
                    raise
                self._whole = self._instead()
                return self._whole[number * CHUNK : (number + 1) * CHUNK]
            if keep:
                self._decoded[number] = part
        return part

    def _decode(self, number: int) -> list:
        chunk = self._chunks[number]
        part = marshal.loads(chunk) if type(chunk) is bytes else None
        last = number == len(self._chunks) - 1
        if type(part) is not list or not part or len(part) > CHUNK or len(part) != CHUNK and not last:
            raise ValueError("not stored chunks")
        return part

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index: int | slice) -> Any:  # type: ignore[override]
        if type(index) is slice:
            return self._slice(*index.indices(self._length))
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        number, within = divmod(index, CHUNK)
        return self._chunk(number)[within]

    def _slice(self, start: int, stop: int, step: int) -> list:
        if step != 1:
            return [self[at] for at in range(start, stop, step)]
        items: list = []
        while start < stop:  # a chunk's part at a time
            number, within = divmod(start, CHUNK)
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


def people_names_to_plain(people: PeopleNames) -> dict[str, Any]:
    """The people's names as plain data. Their words are interned, so each word is stored once
    (`marshal` writes an object it has written before as a reference) and read back as one string:
    a name's words recur in its folded forms, its owners' keys and other people's names."""
    parts = people.index.parts()
    # In chunks, as the index's texts: one `marshal.loads` of them all held the interpreter's lock for
    # 2.7 s at a million quotes (0.2 s at 100,000), and a key typed meanwhile waited. A string interned
    # when written is interned again when read, so the chunks still share each word.
    return {
        "format": FORMAT,
        "article_words": _in_chunks(_interned(list(people.all_article_words))),
        "names": _in_chunks(_interned(list(parts.names))),
        "names_folded": _in_chunks(_interned(list(parts.folded))),
        # Each word's owners as the words, in order, and their owners alongside (`SortedOwners`), read
        # a chunk at a time as a search asks for them.
        "owner_words": _in_chunks(_interned(parts.owners.words)),
        "owners": _in_chunks(list(parts.owners.owners)),
        "first_words": _in_chunks(_interned(parts.first_word_owners.words)),
        "first_word_owners": _in_chunks(list(parts.first_word_owners.owners)),
        "order": parts.order,
    }


class _PeopleWhenNeeded:
    """A stored index's people's names: read when first needed (`@name`), not before the first search."""

    _people_of: Callable[[], PeopleNames]

    @cached_property
    def people(self) -> PeopleNames:
        return self._people_of()


class _StoredQuoteIndex(_PeopleWhenNeeded, QuoteIndex):
    """A quote index read from the cache: its quotes are grouped by speaker when first needed too."""

    def __init__(self, dataset: Dataset, text: TextIndex, people: Callable[[], PeopleNames]) -> None:
        self._people_of = people
        self._take(dataset, text)

    @cached_property
    def _positions_by_speaker(self) -> dict[str, list[int]]:  # type: ignore[override]
        return QuoteIndex.positions_by_speaker(self.dataset)


class _StoredParagraphIndex(_PeopleWhenNeeded, ParagraphIndex):
    """The text scope's index read from the cache."""

    def __init__(self, dataset: Dataset, text: TextIndex, people: Callable[[], PeopleNames]) -> None:
        self._people_of = people
        self._take(dataset, text)
        self._find_places()


def quote_index_from_plain(
    dataset: Dataset, plain: Any, people: Callable[[], PeopleNames], folded: Callable[[], Any]
) -> QuoteIndex:
    """The quote index `index_to_plain` was given, for `dataset` (the one it was built from), its
    people's names from `people` and its folded texts from `folded` (what `folded_to_plain` gave, or
    None) when first needed; ValueError, TypeError or KeyError on anything else."""
    texts = lambda: dataset.values_of("quotes", "text")  # noqa: E731
    text = _text_index_from_plain(plain, dataset.count_of("quotes"), folded, texts)
    return _StoredQuoteIndex(dataset, text, people)


def paragraph_index_from_plain(
    dataset: Dataset, plain: Any, people: Callable[[], PeopleNames], folded: Callable[[], Any]
) -> ParagraphIndex:
    """The text scope's index `index_to_plain` was given, for `dataset`, as `quote_index_from_plain`."""
    texts = lambda: ParagraphIndex.texts_of(dataset)  # noqa: E731
    text = _text_index_from_plain(plain, dataset.paragraph_starts[-1], folded, texts)
    return _StoredParagraphIndex(dataset, text, people)


def _text_index_from_plain(
    plain: Any, size: int, folded: Callable[[], Any], texts: Callable[[], Iterable[str]]
) -> TextIndex:
    if type(plain) is not dict or plain.get("format") != FORMAT or plain.get("size") != size:
        raise ValueError("not a stored index")
    postings: dict[str, tuple[int, ...] | UnreadBits] = dict(_from_chunks(plain["sparse"]))
    dense_words, dense = _from_chunks(plain["dense_words"]), _checked_chunks(plain["dense"])
    if len(dense_words) != len(dense):
        raise ValueError("not a stored index")
    # Each bitset is read when a search first needs it (`TextIndex._posting`).
    postings.update(zip(dense_words, map(UnreadBits, repeat(dense), range(len(dense)))))

    def read_folded() -> list[str]:
        try:
            stored = folded()
            if type(stored) is dict and stored.get("format") == FORMAT:
                read = _from_chunks(stored["folded"])
                if len(read) == size:
                    return read
        except (ValueError, TypeError, KeyError):
            pass  # only a bug could store such a thing: fold them instead
        return TextIndex.folded_texts(texts())

    return TextIndex.from_postings(size, postings, read_folded)


def people_names_from_plain(dataset: Dataset, plain: Any) -> PeopleNames:
    """The names `people_names_to_plain` was given, for `dataset`; ValueError, TypeError or KeyError
    on anything else."""
    if type(plain) is not dict or plain.get("format") != FORMAT:
        raise ValueError("not stored people's names")
    give_way()
    ids = list(dataset.values_of("people", "id"))  # the dataset's own strings (no person is made)
    # A chunk that cannot be read from the cache file when first needed: the names are made again.
    again = _NamesMadeAgain(dataset)
    parts = NameParts(
        ChunkedList(plain["names"], lambda: list(again.parts.names)),  # type: ignore[arg-type]
        ChunkedList(plain["names_folded"], lambda: list(again.parts.folded)),  # type: ignore[arg-type]
        _sorted_owners_from_plain(plain["owner_words"], plain["owners"], lambda: again.parts.owners),
        _sorted_owners_from_plain(
            plain["first_words"], plain["first_word_owners"], lambda: again.parts.first_word_owners
        ),
        plain["order"],
    )
    if not (len(parts.names) == len(parts.folded) == len(parts.order) == len(ids)):
        raise ValueError("not stored people's names")
    article_words = ChunkedList(plain["article_words"], lambda: list(again.people.all_article_words))
    if len(article_words) != len(ids):
        raise ValueError("not stored people's names")
    return PeopleNames.from_parts(dataset, NameIndex.from_parts(parts), article_words)


class _NamesMadeAgain:
    """The people's names made from the dataset, when first asked for: the same lists as stored."""

    def __init__(self, dataset: Dataset) -> None:
        self._dataset = dataset

    @cached_property
    def people(self) -> PeopleNames:
        return PeopleNames(self._dataset)

    @property
    def parts(self) -> NameParts:
        return self.people.index.parts()


def _sorted_owners_from_plain(words: Any, owners: Any, instead: Callable[[], SortedOwners]) -> SortedOwners:
    # The words too are decoded a chunk at a time, by the binary searches that find them: decoding
    # them all took 0.3 s at a million quotes (`marshal` interns each word it reads).
    read = SortedOwners(
        ChunkedList(words, lambda: list(instead().words)),  # type: ignore[arg-type]
        ChunkedList(owners, lambda: list(instead().owners)),  # type: ignore[arg-type]
    )
    if len(read.words) != len(read.owners):
        raise ValueError("not stored people's names")
    return read


def _interned(value: Any) -> Any:
    """The same value with every string in it (dict keys too) interned."""
    if type(value) is str:
        return sys.intern(value)
    if type(value) is tuple:
        return tuple(map(_interned, value))
    if type(value) is list:
        return list(map(_interned, value))
    if type(value) is dict:
        return {_interned(key): _interned(item) for key, item in value.items()}
    return value

