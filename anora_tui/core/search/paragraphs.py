"""The text scope: every paragraph of the article, and `@name` for the paragraphs that name someone
of that name (by a name the article uses) or quote them."""

from __future__ import annotations

from bisect import bisect_right
from functools import cached_property
from itertools import chain
from typing import Iterable

from ..model import Dataset
from .bitsets import bits_from_positions
from .folding import match_spans
from .giving_way import give_way, giving_way, wanted_now
from .names import PeopleNames
from .results import ParagraphHit
from .scope_index import ScopeIndex, grouped_by_speaker


EXACT_PEOPLE = 300  # up to this many people fit an "@" word, each is looked for by their whole names


class ParagraphIndex(ScopeIndex):
    """Every paragraph in article order."""

    noun = "paragraph"
    speakers_attribute = "_quoted"

    def __init__(self, dataset: Dataset, people: PeopleNames | None = None) -> None:
        super().__init__(dataset, self.texts_of(dataset), people)
        self._find_places()

    @staticmethod
    def texts_of(dataset: Dataset) -> Iterable[str]:
        return chain.from_iterable(section.paragraphs for section in dataset.sections)

    def _find_places(self) -> None:
        """Where each paragraph is (the cheap part of a build: a stored index makes it again). By the
        sections' starts, not a place per paragraph: at a million quotes' 1.3 million paragraphs that
        list and which paragraphs quote whom took 2 s of CPU, which the first search of the text
        waited for. A paragraph's section is found through its record (`Section.index`): a list and a
        dict of the 260,000 sections' ids took that search another 45 ms."""
        self._starts = self.dataset.paragraph_starts
        self._named: dict[int, tuple[int, ...]] = {}  # person (entry in `people`) -> paragraphs naming them

    @cached_property
    def _quoted(self) -> dict[str, tuple[int, ...]]:
        """Speaker id -> the paragraphs quoting them, in order, a paragraph once per quote in it
        (`@name` reads it; the reader makes it ahead, giving way to typing throughout)."""
        dataset, starts = self.dataset, self._starts
        give_way()
        first = {section.id: starts[section.index] for section in giving_way(dataset.sections, 4096)}
        # The columns, not the quotes: a cached dataset's quotes are made only as they are shown.
        paragraphs = map(
            lambda section, paragraph: first[section] + paragraph - 1,
            dataset.values_of("quotes", "section"),
            dataset.values_of("quotes", "paragraph"),
        )
        return grouped_by_speaker(zip(dataset.values_of("quotes", "speaker"), paragraphs))

    def forget(self) -> None:
        super().forget()
        self._named.clear()

    def position_of(self, section_id: str, paragraph: int) -> int:
        return self._starts[self.dataset.sections_by_id[section_id].index] + paragraph - 1

    def hit_at(self, position: int, rank: int, terms: tuple[str, ...]) -> ParagraphHit:
        section = bisect_right(self._starts, position) - 1
        section_id, number = self.dataset.sections[section].id, position - self._starts[section] + 1
        text = self.dataset.paragraph(section_id, number)
        spans = match_spans(text, terms, self.text.folded(position))
        return ParagraphHit(section_id, number, text, position, spans, rank)

    def _find_about_name_word(self, start: str) -> int:
        """Paragraphs that name or quote someone with a name word starting so."""
        people = self.people
        entries = people.entries_with_word(start)
        wanted_now("text's speakers")  # if they are being grouped ahead, giving way to typing: no more
        quoting, ids = self._quoted, people.ids
        positions = list(chain.from_iterable(quoting.get(ids[entry], ()) for entry in entries))
        if len(entries) <= EXACT_PEOPLE:
            positions.extend(chain.from_iterable(map(self._naming, entries)))
            return bits_from_positions(positions, self.total)
        # A letter or two after "@" fits thousands of people: then a paragraph counts if it has any
        # word of a name the article uses for one of them, which costs one union however many they
        # are (the exact test, every word of one name, is made per person).
        words = {word for entry in entries for name in people.article_words(entry) for word in name}
        return bits_from_positions(positions, self.total) | self.text.with_any_word(words)

    def _naming(self, entry: int) -> tuple[int, ...]:
        """The paragraphs with every word of one of the names the article uses for the person."""
        found = self._named.get(entry)
        if found is None:
            positions: set[int] = set()
            for words in self.people.article_words(entry):
                positions.update(self.text.positions_with_every_word(words))
            found = self._named[entry] = tuple(positions)
        return found
