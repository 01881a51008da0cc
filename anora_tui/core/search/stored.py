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
import sys
from itertools import repeat
from collections.abc import Sequence
from functools import cached_property
from typing import Any, Callable, Iterable, Iterator

from ..gc_pause import gc_paused
from ..model import Dataset
from .chunked_list import ChunkedList, checked_chunks, chunked
from .giving_way import give_way
from .names import NameIndex, NameParts, PeopleNames, SortedOwners
from .paragraphs import ParagraphIndex
from .quotes import QuoteIndex
from .scope_index import ScopeIndex
from .text_index import FIRST_KEYS, TermTexts, TextIndex

FORMAT = 7  # 2: the names in chunks; 3: chunks of 1,024, words in order; 4: owners, folded texts apart;
# 5: each bitset a piece of its own; 6: the names' chunks cut by size too; 7: the first keys


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
            dense_words.append(word)
            dense.append(_bytes_of(posting if type(posting) is int else posting.read()))
    return {
        "format": FORMAT,
        "size": index.text.size,
        "sparse": _in_chunks(sparse, INDEX_CHUNK),
        "dense_words": _in_chunks(dense_words, INDEX_CHUNK),
        "dense": dense,
        # Each one-character term's three bitsets, read when it is first searched (`UnreadTermTexts`).
        "first_key_characters": FIRST_KEYS,
        "first_keys": [_bytes_of(bits) for bits in index.text.first_key_parts()],
    }


def _bytes_of(bits: int) -> bytes:
    # A bitset as its bytes: `marshal` writes and reads an int digit by digit, 8 times slower.
    return bits.to_bytes((bits.bit_length() + 7) // 8, "little")


class UnreadTermTexts:
    """A stored one-character term, read (its three bitsets) when it is first searched
    (`TextIndex.texts_with`)."""

    __slots__ = ("_pieces", "_first")

    def __init__(self, pieces: Sequence[bytes], first: int) -> None:
        self._pieces = pieces
        self._first = first

    def read(self) -> TermTexts:
        return TermTexts(*(UnreadBits(self._pieces, self._first + part).read() for part in range(3)))


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
# so the reader could not take a key meanwhile (the people's names: `chunked_list.py`).
# The quote index's chunks are larger: the reader's first search waits for it, and each pause point
# there is a turn of the interpreter's lock to the reader's thread and back.
INDEX_CHUNK = 4096


def _in_chunks(items: list, size: int = INDEX_CHUNK) -> list[bytes]:
    return [marshal.dumps(items[start : start + size]) for start in range(0, len(items), size)]


def _decoded_chunks(chunks: Any) -> Iterator[list]:
    """Each chunk decoded in turn, with a pause point after each."""
    for chunk in checked_chunks(chunks):
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
        "article_words": chunked(_interned(list(people.all_article_words))),
        "names": chunked(_interned(list(parts.names))),
        "names_folded": chunked(_interned(list(parts.folded))),
        # Each word's owners as the words, in order, and their owners alongside (`SortedOwners`), read
        # a chunk at a time as a search asks for them.
        "owner_words": chunked(_interned(parts.owners.words)),
        "owners": chunked(list(parts.owners.owners)),
        "first_words": chunked(_interned(parts.first_word_owners.words)),
        "first_word_owners": chunked(list(parts.first_word_owners.owners)),
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
    def _positions_by_speaker(self) -> dict[str, tuple[int, ...]]:  # type: ignore[override]
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
    dense_words, dense = _from_chunks(plain["dense_words"]), checked_chunks(plain["dense"])
    if len(dense_words) != len(dense):
        raise ValueError("not a stored index")
    # Each bitset is read when a search first needs it (`TextIndex._posting`).
    postings.update(zip(dense_words, map(UnreadBits, repeat(dense), range(len(dense)))))
    characters, first = plain["first_key_characters"], checked_chunks(plain["first_keys"])
    if type(characters) is not str or len(first) != 3 * len(characters):
        raise ValueError("not a stored index")
    first_keys = {character: UnreadTermTexts(first, 3 * at) for at, character in enumerate(characters)}

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

    return TextIndex.from_postings(size, postings, read_folded, first_keys)


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

