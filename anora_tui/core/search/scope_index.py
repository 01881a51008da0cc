"""What the two scopes' indexes share: a `TextIndex` over the scope's texts, searched for a query's
words, and `@name` narrowing the search to the texts about someone of that name. What "about" means is
each scope's own (`QuoteIndex`: said by them; `ParagraphIndex`: naming or quoting them)."""

from __future__ import annotations

from collections import defaultdict
from typing import ClassVar, Iterable

from ..model import Dataset
from .giving_way import give_way, giving_way
from .names import PeopleNames
from .query import WORD, Query, parse_query
from .results import AnyHit, HitList, SearchResult
from .text_index import BoundedCache, TextIndex


def grouped_by_speaker(pairs: Iterable[tuple[str, int]]) -> dict[str, tuple[int, ...]]:
    """Each speaker's positions, in the order given, from (speaker, position) pairs: what `@name`
    reads in either scope. Made on a background thread at a million quotes, it lets the reader's
    thread run throughout (a step of 4,096 quotes took up to 4 ms, and a key typed then waited for
    it; a last pass over every speaker, 0.3 s, ran beside keys). Tuples, which the collector stops
    tracking: 450,000 lists added 30 ms to each full pass."""
    give_way()
    grouped: dict[str, list[int]] = defaultdict(list)
    for speaker, position in giving_way(pairs, 1024):
        grouped[speaker].append(position)
    return {speaker: tuple(positions) for speaker, positions in giving_way(grouped.items(), 4096)}


class ScopeIndex:
    """Built once per dataset; `search` is cheap enough to run on every keystroke. A scope says which
    of its texts are about a name word (`_find_about_name_word`) and makes its hits (`hit_at`)."""

    noun: ClassVar[str]  # what one text of the scope is called: "quote", "paragraph"

    def __init__(self, dataset: Dataset, texts: Iterable[str], people: PeopleNames | None = None) -> None:
        self.people = people or PeopleNames(dataset)
        self._take(dataset, TextIndex(texts))

    def _take(self, dataset: Dataset, text: TextIndex) -> None:
        self.dataset = dataset
        self.text = text
        self._by_name_word: BoundedCache = BoundedCache(64)

    @property
    def total(self) -> int:
        return self.text.size

    def forget(self) -> None:
        """Drop what recent searches left cached (a benchmark's cold start; memory pressure)."""
        self.text.forget()
        self._by_name_word.clear()

    def search(self, query: str | Query) -> SearchResult:
        if isinstance(query, str):
            query = parse_query(query)
        within = self.text.all
        for name in query.speakers:
            for word in WORD.findall(name):
                within &= self._about_name_word(word)
        hits, tiers = self.text.match(query, within)
        return SearchResult(query, HitList(self, query.terms, tiers), self.total, hits)

    def hit_at(self, position: int, rank: int, terms: tuple[str, ...]) -> AnyHit:
        raise NotImplementedError

    # What `@name` reads besides the people's names: the scope's texts grouped by whom they quote
    # (a pass over every quote: 60 ms at 100,000 quotes, most of a second at a million). The reader
    # makes it ahead; until it is made, a search that finds nothing suggests no one's name.
    speakers_attribute: ClassVar[str]

    @property
    def speakers_grouped(self) -> bool:
        return self.speakers_attribute in self.__dict__

    def group_speakers(self) -> None:
        """Group the texts by speaker now, if they are not yet."""
        getattr(self, self.speakers_attribute)

    def _about_name_word(self, start: str) -> int:
        """The texts (a bitset of positions) about people with a name word starting so, kept for the
        next keystroke."""
        bits = self._by_name_word.get(start)
        if bits is None:
            bits = self._by_name_word[start] = self._find_about_name_word(start)
        return bits

    def _find_about_name_word(self, start: str) -> int:
        raise NotImplementedError
