"""Finding things by the words of their names: each word typed must start a word of one of the
entry's names ("mik mad" finds "Mikey Madison", "yura" finds the actor credited as Yura Borisov).

Used for `@name` filters, the command palette and the People list's filter. The words are sorted
once, so a keystroke costs a binary search plus the entries it finds, however many there are.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass
from bisect import bisect_left
from itertools import chain
from typing import Iterable, Iterator, Mapping, Sequence

from ..gc_pause import gc_paused
from ..model import Dataset
from .bitsets import bits_from_positions
from .folding import fold_text, fold_with_offsets, original_span
from .query import WORD
from .text_index import BoundedCache, prefix_range

# How well an entry's names fit the words typed, best first.
EXACT, START, WORDS, PREFIXES = 0, 1, 2, 3


@dataclass(frozen=True, slots=True)
class NameMatch:
    entry: int  # the entry's position in the list the index was built from
    name: str  # which of its names fits best (the first, its own name, when that fits as well)
    fit: int  # EXACT (a whole name), START (a name starts so), WORDS (whole words), PREFIXES


@dataclass(frozen=True)
class NameParts:
    """What building a `NameIndex` computes: each entry's names and their folded forms, the entries
    owning each word and each first word, and the entries' order."""

    names: list[tuple[str, ...]]
    folded: list[tuple[str, ...]]
    owners: SortedOwners
    first_word_owners: SortedOwners
    order: list[int]


class SortedOwners(Mapping):
    """Each word's owners, as the words in order and their owners alongside: a word, or the words
    starting so, found by a binary search. The load cache stores them so, and reads the owners (the
    bulk of it) only as they are asked for."""

    __slots__ = ("words", "owners")

    def __init__(self, words: Sequence[str], owners: Sequence[tuple[int, ...]]) -> None:
        self.words = words
        self.owners = owners

    @classmethod
    def of(cls, owners: dict[str, tuple[int, ...]]) -> SortedOwners:
        words = sorted(owners)
        return cls(words, list(map(owners.__getitem__, words)))

    def __getitem__(self, word: str) -> tuple[int, ...]:
        at = bisect_left(self.words, word)
        if at == len(self.words) or self.words[at] != word:
            raise KeyError(word)
        return self.owners[at]

    def __iter__(self) -> Iterator[str]:
        return iter(self.words)

    def __len__(self) -> int:
        return len(self.words)

    def with_prefix(self, prefix: str) -> Sequence[tuple[int, ...]]:
        """The owners of each word starting with `prefix`."""
        return self.owners[slice(*prefix_range(self.words, prefix))]


class NameIndex:
    """Entries found by the words of their names; entry i's names are `names[i]`, its own first."""

    def __init__(self, names: Iterable[Sequence[str]], priority: Sequence[int] | None = None) -> None:
        kept_names: list[tuple[str, ...]] = []
        folded_names: list[tuple[str, ...]] = []
        owners: dict[str, set[int]] = defaultdict(set)
        with gc_paused():
            for entry, entry_names in enumerate(names):
                kept = tuple(dict.fromkeys(n for n in entry_names if n))
                folded = tuple(" ".join(WORD.findall(fold_text(n))) for n in kept)
                kept_names.append(kept)
                folded_names.append(folded)
                for name in folded:
                    for word in name.split():
                        owners[word].add(entry)
            first_word_owners: dict[str, set[int]] = defaultdict(set)
            for entry, folded in enumerate(folded_names):
                for name in folded:
                    if name:
                        first_word_owners[name.split(" ", 1)[0]].add(entry)
            owners_of = SortedOwners.of({word: tuple(sorted(entries)) for word, entries in owners.items()})
            first_word_owners_of = SortedOwners.of({word: tuple(entries) for word, entries in first_word_owners.items()})
        # Lower sorts first: the caller's priority (a person before an event) in the high bits, then
        # (room left for `find`'s two flags in bits 14 and 13) the length of the entry's own name.
        priority = priority or [0] * len(kept_names)
        order = [
            (priority[entry] << 16) + min(len(folded[0]) if folded else 0, 0x1FFF)
            for entry, folded in enumerate(folded_names)
        ]
        self._take(NameParts(
            names=kept_names,
            folded=folded_names,
            owners=owners_of,
            first_word_owners=first_word_owners_of,
            order=order,
        ))

    @classmethod
    def from_parts(cls, parts: NameParts) -> NameIndex:
        """The index whose `parts` these are (what the load cache stores), without building it."""
        index = cls.__new__(cls)
        index._take(parts)
        return index

    def parts(self) -> NameParts:
        return NameParts(self._names, self._folded, self._owners, self._first_word_owners, self._order)

    def _take(self, parts: NameParts) -> None:
        self._names = parts.names
        self._folded = parts.folded
        self._owners = parts.owners
        self._first_word_owners = parts.first_word_owners
        self._order = parts.order
        self._by_prefix: BoundedCache = BoundedCache(64)
        self._by_start: BoundedCache = BoundedCache(64)
        self._bits_by_prefix: BoundedCache = BoundedCache(16)

    def __len__(self) -> int:
        return len(self._names)

    def names_of(self, entry: int) -> tuple[str, ...]:
        return self._names[entry]

    def with_word(self, prefix: str) -> frozenset[int]:
        """Entries with a name word starting with `prefix` (folded)."""
        found = self._by_prefix.get(prefix)
        if found is None:
            found = frozenset().union(*self._owners.with_prefix(prefix))
            self._by_prefix[prefix] = found
        return found

    def bits_with_word(self, prefix: str) -> int:
        """`with_word` as a bitset of entries (bit i for entry i)."""
        found = self._bits_by_prefix.get(prefix)
        if found is None:
            positions = list(chain.from_iterable(self._owners.with_prefix(prefix)))
            found = self._bits_by_prefix[prefix] = bits_from_positions(positions, len(self._names))
        return found

    def bits_matching(self, text: str) -> int:
        """`matching` as a bitset of entries: for the People filter, which splits what it keeps by
        kind with one `&` a kind (`people_filter.py`) rather than a pass over a set of them."""
        found = 0
        for at, word in enumerate(WORD.findall(fold_text(text))):
            found = self.bits_with_word(word) if at == 0 else found & self.bits_with_word(word)
            if not found:
                break
        return found

    def with_whole_word(self, word: str) -> frozenset[int] | tuple[int, ...]:
        return self._owners.get(word, ())

    def matching(self, text: str) -> frozenset[int]:
        """Every entry with a name word starting with each word of `text` (folded or not)."""
        words = WORD.findall(fold_text(text))
        if not words:
            return frozenset()
        found = self.with_word(words[0])
        for word in words[1:]:
            if not found:
                break
            found = found & self.with_word(word)
        return found

    def find(self, text: str, limit: int) -> list[NameMatch]:
        """The best `limit` entries for what was typed, best first: by priority, then how well a
        name fits, then the shorter name. The candidates are ranked by one precomputed number and
        two set lookups each, and only the `limit` best are looked at closely, so a one-letter query
        over 100,000 names stays cheap."""
        words = WORD.findall(fold_text(text))
        found = self.matching(text)
        if not found or limit <= 0:
            return []
        whole = set(self.with_whole_word(words[-1]))
        for word in words[:-1]:
            whole &= set(self.with_whole_word(word))
        starting = self.with_name_start(words[0])
        order = self._order

        def key(entry: int) -> int:  # priority, then whole words, then a name's start, then length
            return order[entry] + ((entry not in whole) << 14) + ((entry not in starting) << 13)

        shortlist = heapq.nsmallest(limit, found, key=key)
        matches = [self._fit(entry, words) for entry in shortlist]
        matches.sort(key=lambda m: (order[m.entry] >> 16, m.fit, order[m.entry] & 0x1FFF, m.entry))
        return matches

    def with_name_start(self, prefix: str) -> frozenset[int]:
        """Entries with a name whose first word starts with `prefix` (folded)."""
        found = self._by_start.get(prefix)
        if found is None:
            found = frozenset().union(*self._first_word_owners.with_prefix(prefix))
            self._by_start[prefix] = found
        return found

    def _fit(self, entry: int, words: list[str]) -> NameMatch:
        fit, which = name_fit(self._folded[entry], words)
        return NameMatch(entry, self._names[entry][which], fit)


def name_fit(folded_names: Sequence[str], words: Sequence[str]) -> tuple[int, int]:
    """How well the best of an entry's (folded) names fits the words typed, and which name that is:
    (EXACT, START, WORDS or PREFIXES; its position). Words spread over several names: the entry's
    own name (0), as PREFIXES."""
    typed = " ".join(words)
    best: tuple[int, int] | None = None
    for which, name in enumerate(folded_names):
        name_words = name.split()
        if name == typed:
            fit = EXACT
        elif name.startswith(typed) or _starts_in_order(name_words, words):
            fit = START
        elif all(word in name_words for word in words):
            fit = WORDS
        elif all(any(w.startswith(word) for w in name_words) for word in words):
            fit = PREFIXES
        else:
            continue
        if best is None or fit < best[0]:
            best = (fit, which)
    return best if best is not None else (PREFIXES, 0)


def _starts_in_order(name_words: Sequence[str], words: Sequence[str]) -> bool:
    """The typed words start the name's first words, in order ("mikey mad" → "mikey madison")."""
    return len(words) <= len(name_words) and all(n.startswith(w) for n, w in zip(name_words, words))


class PeopleNames:
    """The people of a dataset by every name a reader might use for them: their name, the aliases
    the article uses, the names they are known or credited by, their id and their characters'."""

    def __init__(self, dataset: Dataset) -> None:
        # The folded words of each name the article uses for each person (name and aliases; not
        # `known_as`, which the text does not use): what the text scope looks for.
        with gc_paused():
            article_words = [
                tuple(tuple(WORD.findall(fold_text(name))) for name in (person.name, *person.aliases))
                for person in dataset.people
            ]
        self._take(dataset, NameIndex(finding_names(dataset, person.id) for person in dataset.people), article_words)

    @classmethod
    def from_parts(cls, dataset: Dataset, index: NameIndex, article_words: list) -> PeopleNames:
        """The names of `dataset`'s people from what the load cache stores, without building them."""
        names = cls.__new__(cls)
        names._take(dataset, index, article_words)
        return names

    def _take(self, dataset: Dataset, index: NameIndex, article_words: list) -> None:
        # Read as columns: a cached dataset then makes no record of a person for its names (making
        # every person held 25 MiB at 100,000 quotes, and took seconds at a million).
        ids = dataset.values_of("people", "id")
        self.ids = ids if type(ids) is list else list(ids)
        self.index = index
        self._dataset = dataset
        self._article_words = article_words

    @property
    def all_article_words(self) -> list:
        """Every person's `article_words`, in the dataset's order."""
        return self._article_words

    def article_words(self, entry: int) -> tuple[tuple[str, ...], ...]:
        return self._article_words[entry]

    def name_of(self, person_id: str) -> str:
        # Of the person record (a hint names three): a dict of every person's name held the
        # interpreter's lock for 76 ms of the People filter's first letter at a million quotes.
        return self._dataset.people_by_id[person_id].name

    def matching(self, names: Iterable[str]) -> frozenset[str]:
        """Ids of the people every one of the (folded) names fits."""
        entries: frozenset[int] | None = None
        for name in names:
            for word in WORD.findall(name):
                fitting = self.index.with_word(word)
                entries = fitting if entries is None else entries & fitting
        return frozenset(self.ids[entry] for entry in entries or ())

    def entries_with_word(self, prefix: str) -> frozenset[int]:
        return self.index.with_word(prefix)


def finding_names(dataset: Dataset, person_id: str) -> list[str]:
    """Every name a person can be found by: their own first."""
    person = dataset.people_by_id[person_id]
    names = [person.name, *person.aliases, *person.known_as, person.id.replace("-", " ")]
    for character_id in person.characters:
        character = dataset.characters_by_id[character_id]
        names += [character.name, *character.aliases]
    return names


def word_prefix_spans(text: str, typed: str) -> list[tuple[int, int]]:
    """Where in `text` each word typed starts a word (its first such word): what to highlight."""
    folded, owners = fold_with_offsets(text)
    spans: list[tuple[int, int]] = []
    for word in WORD.findall(fold_text(typed)):
        for found in WORD.finditer(folded):
            if found.group().startswith(word):
                spans.append(original_span(text, owners, found.start(), found.start() + len(word)))
                break
    return spans


def words_within(name: str, other: str) -> bool:
    """Every word of `name` is a word of `other` ("Baker" within "Sean Baker"; "Yura" is not)."""
    return set(WORD.findall(fold_text(name))) <= set(WORD.findall(fold_text(other)))
