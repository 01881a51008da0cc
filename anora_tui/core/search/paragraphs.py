"""The text scope: every paragraph of the article, and `@name` for the paragraphs that name someone
of that name (by a name the article uses) or quote them."""

from __future__ import annotations

from itertools import chain

from ..model import Dataset
from .bitsets import bits_from_positions, positions_of
from .folding import fold_text, match_spans
from .names import PeopleNames
from .query import WORD, Query, parse_query
from .results import HitList, ParagraphHit, SearchResult
from .text_index import BoundedCache, TextIndex


class ParagraphIndex:
    """Built once per dataset, like `QuoteIndex`, over every paragraph in article order."""

    noun = "paragraph"

    def __init__(self, dataset: Dataset, people: PeopleNames | None = None) -> None:
        self.dataset = dataset
        self.people = people or PeopleNames(dataset)
        self._first: dict[str, int] = {}  # section id -> position of its first paragraph
        self._places: list[tuple[str, int]] = []
        for section in dataset.sections:
            self._first[section.id] = len(self._places)
            self._places.extend((section.id, number) for number in range(1, len(section.paragraphs) + 1))
        self.text = TextIndex(chain.from_iterable(section.paragraphs for section in dataset.sections))
        self._by_name_word: BoundedCache = BoundedCache(64)
        self._about_person: dict[str, tuple[int, ...]] = {}

    @property
    def total(self) -> int:
        return self.text.size

    def forget(self) -> None:
        self.text.forget()
        self._by_name_word.clear()
        self._about_person.clear()

    def position_of(self, section_id: str, paragraph: int) -> int:
        return self._first[section_id] + paragraph - 1

    def search(self, query: str | Query) -> SearchResult:
        if isinstance(query, str):
            query = parse_query(query)
        within = self.text.all
        for name in query.speakers:
            for word in WORD.findall(name):
                within &= self._about_name_word(word)
        hits, tiers = self.text.match(query, within)
        return SearchResult(query, HitList(self, query.terms, tiers), self.total, hits)

    def hit_at(self, position: int, rank: int, terms: tuple[str, ...]) -> ParagraphHit:
        section_id, number = self._places[position]
        text = self.dataset.paragraph(section_id, number)
        return ParagraphHit(section_id, number, text, position, match_spans(text, terms), rank)

    def _about_name_word(self, start: str) -> int:
        """Paragraphs that name or quote someone with a name word starting so."""
        bits = self._by_name_word.get(start)
        if bits is None:
            ids = self.people.ids
            entries = self.people.entries_with_word(start)
            positions = list(chain.from_iterable(self._about(ids[entry]) for entry in entries))
            bits = bits_from_positions(positions, self.total)
            self._by_name_word[start] = bits
        return bits

    def _about(self, person_id: str) -> tuple[int, ...]:
        """The paragraphs with every word of one of the names the article uses for the person (in
        any case), or with one of their quotes. Names a reader might type but the article never
        uses (`known_as`) find the person, not paragraphs: they are not in the text."""
        found = self._about_person.get(person_id)
        if found is None:
            person = self.dataset.people_by_id[person_id]
            bits = 0
            for name in (person.name, *person.aliases):
                bits |= self.text.with_every_word(WORD.findall(fold_text(name)))
            positions = set(positions_of(bits))
            positions.update(self.position_of(q.section, q.paragraph) for q in self.dataset.quotes_by(person_id))
            found = self._about_person[person_id] = tuple(positions)
        return found
