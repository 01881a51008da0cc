"""The quote scope: every quote's text, and `@name` for the quotes by someone of that name."""

from __future__ import annotations

from collections import defaultdict
from itertools import chain

from ..model import Dataset
from .bitsets import bits_from_positions
from .folding import match_spans
from .names import PeopleNames
from .query import WORD, Query, parse_query
from .results import Hit, HitList, SearchResult
from .text_index import BoundedCache, TextIndex


class QuoteIndex:
    """Built once per dataset; `search` is cheap enough to run on every keystroke."""

    noun = "quote"

    def __init__(self, dataset: Dataset, people: PeopleNames | None = None) -> None:
        self.dataset = dataset
        self.text = TextIndex(quote.text for quote in dataset.quotes)
        self.people = people or PeopleNames(dataset)
        self._positions_by_speaker = self.positions_by_speaker(dataset)
        self._by_name_word: BoundedCache = BoundedCache(64)

    @staticmethod
    def positions_by_speaker(dataset: Dataset) -> dict[str, list[int]]:
        positions: dict[str, list[int]] = defaultdict(list)
        for position, quote in enumerate(dataset.quotes):
            positions[quote.speaker].append(position)
        return positions

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
                within &= self._quotes_by_name_word(word)
        hits, tiers = self.text.match(query, within)
        return SearchResult(query, HitList(self, query.terms, tiers), self.total, hits)

    def speakers_matching(self, names: tuple[str, ...] | list[str]) -> frozenset[str]:
        """Ids of the people every one of the (folded) names fits: each word of a name must start a
        word of the person's name, an alias, a name they are known by, or the name or alias of a
        character they play."""
        return self.people.matching(names)

    def hit_at(self, position: int, rank: int, terms: tuple[str, ...]) -> Hit:
        quote = self.dataset.quotes[position]
        return Hit(quote, match_spans(quote.text, terms, self.text.folded(position)), rank)

    def _quotes_by_name_word(self, start: str) -> int:
        """Quotes by people with a name word (or one of their characters') starting so."""
        bits = self._by_name_word.get(start)
        if bits is None:
            ids, by_speaker = self.people.ids, self._positions_by_speaker
            entries = self.people.entries_with_word(start)
            positions = list(chain.from_iterable(by_speaker.get(ids[entry], ()) for entry in entries))
            bits = bits_from_positions(positions, self.total)
            self._by_name_word[start] = bits
        return bits
