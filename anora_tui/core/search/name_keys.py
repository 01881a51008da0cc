"""Finding entries by the words of their names, at any scale, looking at a bounded number of them per
query: what the command palette searches on every keystroke (people, characters, sections, scenes,
events: 860,000 entries at a million quotes).

It finds what `NameIndex.find` finds, ranked the same way: each word typed must start a word of one
of an entry's names; entries come by priority (a person before a section before an event), then
whole words typed before prefixes, then a name starting with the first word typed, then the shorter
name, then the entry's order; the best `limit` of those are ranked again by how well a name fits.

Where `NameIndex` unions a set of entries for every prefix typed (so a one-letter query over a
million names costs a million set insertions), this keeps sorted lists: the entries are numbered in
rank order (shorter name first, then the entry's order), each word of the vocabulary lists the ranks
of the entries it is a word of, sorted, and a query reads those lists in rank order, merged, and
stops as soon as it has `limit` entries. In each tier (whole and starting a name, whole, starting a
name, the rest) what it passes over belongs to an earlier tier, which had fewer than `limit`, so a
query costs a binary search, the merge of the lists of the words it prefixes, and about `limit`
entries read. The lists are `array`s of machine integers, a few bytes an entry; the entries' names
are not kept, but asked of the caller (`names_of`) for the few entries looked at closely.
"""

from __future__ import annotations

import operator
from array import array
from bisect import bisect_left
from heapq import merge, nsmallest
from itertools import accumulate, chain, groupby
from typing import Any, Callable, Iterable, Iterator, Sequence

from ..gc_pause import gc_paused
from .folding import fold_text
from .giving_way import give_way, giving_way
from .names import NameMatch, name_fit
from .query import WORD
from .text_index import prefix_range

LONGEST = 0x1FFF  # names longer than this (folded) rank as this long, as in `NameIndex`
# Tiers, in rank order: every word typed is a whole word of a name, and the first typed starts a
# name; whole words only; starting a name only; neither.
WHOLE_START, WHOLE, START_ONLY, OTHER = range(4)
# Merging the lists of every word a one- or two-letter prefix starts (thousands of lists at 100,000
# names) cost 10-25 ms a key, most of it setting the merge up: for such prefixes the first ranks of
# the merge are kept ready, and the merge is only set up if a query reads past them.
HEAD_PREFIX = 2  # prefixes up to this long have their head kept...
HEAD_MIN_WORDS = 16  # ...when they start more words than this
HEAD_LENGTH = 128  # ranks kept per prefix


def folded_names(names: Iterable[str]) -> tuple[str, ...]:
    """An entry's names as the index reads them: each folded to its words joined by one space; empty
    names and repeats left out (the entry's own name stays first)."""
    kept = dict.fromkeys(n for n in names if n)
    return tuple(" ".join(WORD.findall(fold_text(name))) for name in kept)


class NameKeys:
    """Entries 0..n-1 of one priority, found by the words of their names.

    `names` gives each entry's names, its own first; `names_of(entry)` must give the same again when
    asked (the index keeps only the word lists)."""

    def __init__(self, names: Iterable[Iterable[str]], names_of: Callable[[int], Iterable[str]]) -> None:
        self._names_of = names_of
        self._looked_at: dict[int, tuple[str, ...]] = {}
        with gc_paused():  # lists of numbers: nothing for the collector to follow
            self._build([folded_names(entry_names) for entry_names in names])

    def _build(self, folded: list[tuple[str, ...]]) -> None:
        lengths = [min(len(names[0]), LONGEST) if names else 0 for names in folded]
        self._entry_of = array("i", sorted(range(len(folded)), key=lengths.__getitem__))  # stable: entry order
        self._length_of = array("H", lengths)
        words: dict[str, list[int]] = {}
        firsts: dict[str, list[int]] = {}
        # In rank order, so each list comes out sorted (giving way to the reader's typing: see `giving_way`).
        for rank, entry in enumerate(giving_way(self._entry_of)):
            names = folded[entry]
            for word in {word for name in names for word in name.split()}:
                words.setdefault(word, []).append(rank)
            for first in {name.split(" ", 1)[0] for name in names if name}:
                firsts.setdefault(first, []).append(rank)
        self._words = Postings(words)
        self._firsts = Postings(firsts)

    def to_plain(self) -> dict:
        """What building computed, as plain data (`marshal`'s types): what the load cache stores."""
        return {"entry_of": self._entry_of.tobytes(), "length_of": self._length_of.tobytes(),
                "words": self._words.to_plain(), "firsts": self._firsts.to_plain()}

    @classmethod
    def from_plain(cls, plain: Any, names_of: Callable[[int], Iterable[str]], size: int) -> NameKeys:
        """The keys `to_plain` gave, of `size` entries; ValueError (or TypeError, KeyError) on
        anything else."""
        keys = cls.__new__(cls)
        keys._names_of = names_of
        keys._looked_at = {}
        keys._entry_of = _array("i", plain["entry_of"])
        keys._length_of = _array("H", plain["length_of"])
        if len(keys._entry_of) != size or len(keys._length_of) != size:
            raise ValueError("not stored name keys")
        if not _within(keys._entry_of, size):
            raise ValueError("not stored name keys")
        keys._words = Postings.from_plain(plain["words"], size)
        keys._firsts = Postings.from_plain(plain["firsts"], size)
        return keys

    def __len__(self) -> int:
        return len(self._entry_of)

    def best(self, words: Sequence[str], limit: int) -> list[NameMatch]:
        """The best `limit` entries for these (folded) words, ranked by tier, then rank; each with
        how well its best name fits (the caller ranks them again by that)."""
        if not words or limit <= 0:
            return []
        self._looked_at: dict[int, tuple[str, ...]] = {}
        found: list[NameMatch] = []
        for tier in (WHOLE_START, WHOLE, START_ONLY, OTHER):
            for rank in self._tier(tier, words):
                found.append(self._fit(rank, words))
                if len(found) == limit:
                    return found
        return found

    def length_of(self, entry: int) -> int:
        """The length of the entry's own name, folded (at most LONGEST): what ranks equal fits."""
        return self._length_of[entry]

    # --- the tiers, each in rank order

    def _tier(self, tier: int, words: Sequence[str]) -> Iterator[int]:
        first = words[0]
        if tier in (WHOLE_START, WHOLE):
            exact = [self._exact(word) for word in words]
            if any(len(ranks) == 0 for ranks in exact):
                return iter(())
            if tier == WHOLE_START and self._starting_estimate(first) < min(map(len, exact)):
                # Few names start so: read those, keep the ones with every word whole.
                return (r for r in self._starting(first) if self._all_whole(r, words))
            driver = min(exact, key=len)
            others = [ranks for ranks in exact if ranks is not driver]
            whole = (r for r in driver if all(_holds(ranks, r) for ranks in others))
            starts = tier == WHOLE_START
            return (r for r in whole if self._starts(r, first) == starts)
        if tier == START_ONLY:
            return (r for r in self._starting(first)
                    if self._has_prefixes(r, words[1:]) and not self._all_whole(r, words))
        # OTHER: drive by the typed word whose words list the fewest entries.
        driver = min(words, key=self._prefixed_estimate)
        others = [word for word in words if word is not driver]
        return (r for r in self._prefixed(driver)
                if self._has_prefixes(r, others) and not self._starts(r, first) and not self._all_whole(r, words))

    def _exact(self, word: str) -> Sequence[int]:
        return self._words.exact(word)

    def _prefixed(self, prefix: str) -> Iterator[int]:
        """Ranks of the entries with a word starting with `prefix`, ascending, each once."""
        return self._words.merged(prefix)

    def _starting(self, prefix: str) -> Iterator[int]:
        """Ranks of the entries with a name whose first word starts with `prefix`."""
        return self._firsts.merged(prefix)

    def _prefixed_estimate(self, prefix: str) -> int:
        return self._words.estimate(prefix)

    def _starting_estimate(self, prefix: str) -> int:
        return self._firsts.estimate(prefix)

    # --- one entry looked at closely

    def _folded(self, rank: int) -> tuple[str, ...]:
        """The entry's folded names: worked out when first asked for in a query (`best` clears them)."""
        folded = self._looked_at.get(rank)
        if folded is None:
            folded = self._looked_at[rank] = folded_names(self._names_of(self._entry_of[rank]))
        return folded

    def _starts(self, rank: int, first: str) -> bool:
        return any(name.startswith(first) for name in self._folded(rank))

    def _all_whole(self, rank: int, words: Sequence[str]) -> bool:
        held = {word for name in self._folded(rank) for word in name.split()}
        return all(word in held for word in words)

    def _has_prefixes(self, rank: int, words: Sequence[str]) -> bool:
        if not words:
            return True
        held = [word for name in self._folded(rank) for word in name.split()]
        return all(any(h.startswith(word) for h in held) for word in words)

    def _fit(self, rank: int, words: Sequence[str]) -> NameMatch:
        entry = self._entry_of[rank]
        fit, which = name_fit(self._folded(rank), words)
        shown = [name for name in dict.fromkeys(self._names_of(entry)) if name]
        return NameMatch(entry, shown[which], fit)


class Postings:
    """Each word of a vocabulary with the sorted ranks of the entries it belongs to: all the ranks in
    one array, word after word (a list of its own per word cost about 50 bytes a word more), and the
    heads of the merges of short prefixes (see HEAD_PREFIX)."""

    def __init__(self, lists: dict[str, list[int]]) -> None:
        # Made on a background thread while the reader takes keys (the palette's places, made ahead):
        # a pause point (`give_way`) between steps and heads; made in one go, two of them took 0.2 s
        # at 100,000 quotes, and a key typed then waited that long.
        words = sorted(lists)
        give_way()
        self.vocabulary = PackedWords(words)
        give_way()
        each = list(map(lists.__getitem__, words))
        self._ranks = memoryview(array("i", chain.from_iterable(each)))
        give_way()
        self._starts = array("q", [0])
        self._starts.extend(accumulate(map(len, each)))
        del each
        give_way()
        self._heads: dict[str, array] = {}
        self._head_length = HEAD_LENGTH
        for length in range(1, HEAD_PREFIX + 1):
            at = 0
            for prefix, group in groupby(words, key=lambda word: word[:length]):
                end = at + sum(1 for _ in group)
                if len(prefix) == length and end - at > HEAD_MIN_WORDS:
                    # The words from `at` to `end` start so: their ranks lie side by side.
                    # The smallest, not all of them sorted: a sort of a million ranks held the
                    # interpreter's lock for a tenth of a second, a long pause for a key.
                    every = set(self._ranks[self._starts[at] : self._starts[end]])
                    self._heads[prefix] = array("i", sorted(nsmallest(self._head_length, every)))
                    give_way()
                at = end

    def to_plain(self) -> dict:
        return {"text": self.vocabulary.text, "word_starts": self.vocabulary.starts.tobytes(),
                "ranks": self._ranks.tobytes(), "starts": self._starts.tobytes(),
                "heads": {prefix: head.tobytes() for prefix, head in self._heads.items()},
                "head_length": self._head_length}

    @classmethod
    def from_plain(cls, plain: Any, size: int) -> Postings:
        """The postings `to_plain` gave, over `size` entries (ranks); ValueError (or TypeError,
        KeyError) on anything else."""
        postings = cls.__new__(cls)
        postings.vocabulary = PackedWords.from_parts(plain["text"], _array("q", plain["word_starts"]))
        ranks = _array("i", plain["ranks"])
        postings._starts = _array("q", plain["starts"])
        words = len(postings.vocabulary)
        starts = postings._starts
        if len(starts) != words + 1 or starts[0] != 0 or starts[-1] != len(ranks):
            raise ValueError("not stored postings")
        if not _ascending(starts) or not _within(ranks, size):
            raise ValueError("not stored postings")
        postings._ranks = memoryview(ranks)
        heads = plain["heads"]
        if type(heads) is not dict or type(plain["head_length"]) is not int or not {str} >= set(map(type, heads)):
            raise ValueError("not stored postings")
        postings._heads = {prefix: _array("i", head) for prefix, head in heads.items()}
        postings._head_length = plain["head_length"]
        return postings

    def _range(self, prefix: str) -> tuple[int, int]:
        return prefix_range(self.vocabulary, prefix)

    def _list(self, at: int) -> Sequence[int]:
        return self._ranks[self._starts[at] : self._starts[at + 1]]

    def exact(self, word: str) -> Sequence[int]:
        at = bisect_left(self.vocabulary, word)
        if at < len(self.vocabulary) and self.vocabulary[at] == word:
            return self._list(at)
        return ()

    def merged(self, prefix: str) -> Iterator[int]:
        """The ranks of the words starting with `prefix`, ascending, each once."""
        start, end = self._range(prefix)
        if end - start == 1:
            return iter(self._list(start))
        head = self._heads.get(prefix)
        if head is None:
            return self._merge(start, end)
        if len(head) < self._head_length:
            return iter(head)  # the whole merge
        return chain(head, self._merge_after(start, end, head[-1]))

    def _merge(self, start: int, end: int) -> Iterator[int]:
        return (rank for rank, _ in groupby(merge(*map(self._list, range(start, end)))))

    def _merge_after(self, start: int, end: int, last: int) -> Iterator[int]:
        # A generator: the merge is set up only when a query reads past the head.
        for rank in self._merge(start, end):
            if rank > last:
                yield rank

    def estimate(self, prefix: str) -> int:
        """How many entries a prefix's words list (an entry with two such words counts twice)."""
        start, end = self._range(prefix)
        return self._starts[end] - self._starts[start]


class PackedWords(Sequence):
    """Sorted words kept as one string and where each starts: tens of thousands of small strings
    kept among the many a build makes and drops would hold on to memory the dropped ones leave."""

    __slots__ = ("_text", "_starts")

    def __init__(self, words: list[str]) -> None:
        self._text = "".join(words)
        self._starts = array("q", [0])
        self._starts.extend(accumulate(map(len, words)))

    @classmethod
    def from_parts(cls, text: Any, starts: array) -> PackedWords:
        """The words `text` and `starts` hold (`PackedWords(words).text`, `.starts`)."""
        if type(text) is not str or not starts or starts[0] != 0 or starts[-1] != len(text):
            raise ValueError("not stored words")
        if not _ascending(starts):
            raise ValueError("not stored words")
        packed = cls.__new__(cls)
        packed._text, packed._starts = text, starts
        return packed

    @property
    def text(self) -> str:
        return self._text

    @property
    def starts(self) -> array:
        return self._starts

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __getitem__(self, at: int) -> str:  # type: ignore[override]
        if not 0 <= at < len(self._starts) - 1:
            raise IndexError(at)
        return self._text[self._starts[at] : self._starts[at + 1]]


def _array(typecode: str, data: Any) -> array:
    if type(data) is not bytes or len(data) % array(typecode).itemsize:
        raise ValueError("not a stored array")
    made = array(typecode)
    made.frombytes(data)
    return made


# Stored arrays are checked a slice at a time, letting other threads run between slices: one C call
# over the millions of ranks at a million quotes held the interpreter's lock for a tenth of a second,
# and the places are read on a background thread while the reader takes keys (a slice of 65,536
# took 3 ms: a key typed just then waited for it).
_CHECKED_AT_ONCE = 1 << 14


def _within(values: array, size: int) -> bool:
    """Every value is in range(size)."""
    for start in range(0, len(values), _CHECKED_AT_ONCE):
        part = values[start : start + _CHECKED_AT_ONCE]
        if min(part) < 0 or max(part) >= size:
            return False
        give_way()
    return True


def _ascending(values: array) -> bool:
    """No value is above the next (each slice overlaps the next by one)."""
    for start in range(0, len(values), _CHECKED_AT_ONCE):
        part = values[start : start + _CHECKED_AT_ONCE + 1]
        if any(map(operator.gt, part, part[1:])):
            return False
        give_way()
    return True


def _holds(ranks: array, rank: int) -> bool:
    at = bisect_left(ranks, rank)
    return at < len(ranks) and ranks[at] == rank


class BandedNames:
    """Entries in bands of priority (band 0 first), each band a `NameKeys`; entry numbers run on
    from one band to the next. `find` is `NameIndex.find`'s answer."""

    def __init__(self, bands: Sequence[NameKeys]) -> None:
        self._bands = list(bands)
        self._offsets = []
        offset = 0
        for band in self._bands:
            self._offsets.append(offset)
            offset += len(band)
        self._size = offset

    def __len__(self) -> int:
        return self._size

    @property
    def bands(self) -> list[NameKeys]:
        return self._bands

    def find(self, text: str, limit: int) -> list[NameMatch]:
        words = WORD.findall(fold_text(text))
        if not words or limit <= 0:
            return []
        found: list[tuple[int, NameMatch]] = []
        for number, band in enumerate(self._bands):
            for match in band.best(words, limit - len(found)):
                found.append((number, match))
            if len(found) == limit:
                break
        found.sort(key=lambda item: (item[0], item[1].fit, self._bands[item[0]].length_of(item[1].entry),
                                     item[1].entry))
        return [NameMatch(self._offsets[number] + match.entry, match.name, match.fit) for number, match in found]

