"""The quote scope: every quote's text, and `@name` for the quotes by someone of that name."""

from __future__ import annotations

from itertools import chain, count

from ..model import Dataset
from .bitsets import bits_from_positions
from .giving_way import wanted_now
from .folding import match_spans
from .names import PeopleNames
from .results import Hit
from .scope_index import ScopeIndex, grouped_by_speaker


class QuoteIndex(ScopeIndex):
    """Every quote's text, in dataset order."""

    noun = "quote"
    speakers_attribute = "_positions_by_speaker"  # a stored index's is made when first read

    def __init__(self, dataset: Dataset, people: PeopleNames | None = None) -> None:
        super().__init__(dataset, dataset.values_of("quotes", "text"), people)  # no quote is made
        self._positions_by_speaker = self.positions_by_speaker(dataset)

    @staticmethod
    def positions_by_speaker(dataset: Dataset) -> dict[str, tuple[int, ...]]:
        return grouped_by_speaker(zip(dataset.values_of("quotes", "speaker"), count()))

    def speakers_matching(self, names: tuple[str, ...] | list[str]) -> frozenset[str]:
        """Ids of the people every one of the (folded) names fits: each word of a name must start a
        word of the person's name, an alias, a name they are known by, or the name or alias of a
        character they play."""
        return self.people.matching(names)

    def hit_at(self, position: int, rank: int, terms: tuple[str, ...]) -> Hit:
        quote = self.dataset.record_at("quotes", position)  # the quotes are made as shown
        return Hit(quote, match_spans(quote.text, terms, self.text.folded(position)), rank)

    def _find_about_name_word(self, start: str) -> int:
        """Quotes by people with a name word (or one of their characters') starting so."""
        ids = self.people.ids
        wanted_now("speakers")  # if they are being grouped ahead, giving way to typing: no more
        by_speaker = self._positions_by_speaker
        entries = self.people.entries_with_word(start)
        positions = list(chain.from_iterable(by_speaker.get(ids[entry], ()) for entry in entries))
        return bits_from_positions(positions, self.total)
