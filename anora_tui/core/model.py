"""The in-memory model of one making-of article: frozen records and the lookups every pane reads.

Pure Python: this module must never import Textual or Rich (a test checks it).

Build a `Dataset` with `Dataset.build(...)`; it computes every lookup once. A dataset can also be made
lazily, by `Dataset.lazily(parts)`: then each field (a collection or a lookup) is asked of `parts` the
first time it is read, and kept. The load cache uses this so that a start from the cache only decodes
what is used; everything else sees an ordinary `Dataset` (same fields, same equality).

The records themselves, and `record_factory`, are `records.py`'s; they are re-exported here.

Who is named where (the name finder, every person's mentions) is `mentions.py`'s: `Dataset` derives
its mention lookups from `DatasetMentions`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict, deque
from collections.abc import Sequence as SequenceABC
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from itertools import compress, groupby
from operator import attrgetter
from types import MappingProxyType
from typing import Any, Callable, Iterable, Iterator, Mapping, Protocol, Sequence

from .excerpts import excerpt_span
from .mentions import DatasetMentions, Mention, NameFinder  # noqa: F401  (Mention and NameFinder: re-exported)
from .records import (  # noqa: F401  (re-exported: the model's records, where every module has found them)
    DATE_PRECISIONS,
    HEADINGS,
    PERSON_KINDS,
    QUOTE_FORMS,
    Article,
    Character,
    Event,
    Note,
    Person,
    Production,
    Quote,
    Scene,
    Section,
    StoryPosition,
    record_factory,
)
from .text import clean_text

_EMPTY: tuple = ()

_make_person = record_factory(Person)
_make_quote = record_factory(Quote)
_set_order = Quote.order.__set__  # type: ignore[attr-defined]  # the slot's own descriptor
_set_characters = Person.characters.__set__  # type: ignore[attr-defined]


class DatasetParts(Protocol):
    """What makes the fields of a lazily made dataset (see `Dataset.lazily`)."""

    def provide(self, dataset: "Dataset", name: str) -> Any:
        """Make the field `name` of `dataset`, store it in `dataset.__dict__` and return it (it may
        store other fields too). Called whenever a field is read that the instance does not have."""
        ...


@dataclass(frozen=True)
class Dataset(DatasetMentions):
    """The whole article's records, and the lookups computed from them (see the module docstring)."""

    article: Article
    people: tuple[Person, ...]
    characters: tuple[Character, ...]
    scenes: tuple[Scene, ...]
    events: tuple[Event, ...]
    quotes: tuple[Quote, ...]
    notes: tuple[Note, ...]
    # Lookups, computed once by build().
    sections_by_id: Mapping[str, Section] = field(repr=False, default_factory=dict)
    people_by_id: Mapping[str, Person] = field(repr=False, default_factory=dict)
    characters_by_id: Mapping[str, Character] = field(repr=False, default_factory=dict)
    scenes_by_id: Mapping[str, Scene] = field(repr=False, default_factory=dict)
    events_by_id: Mapping[str, Event] = field(repr=False, default_factory=dict)
    quotes_by_id: Mapping[str, Quote] = field(repr=False, default_factory=dict)
    _quotes_by_speaker: Mapping[str, tuple[Quote, ...]] = field(repr=False, default_factory=dict)
    _quotes_by_paragraph: Mapping[tuple[str, int], tuple[Quote, ...]] = field(repr=False, default_factory=dict)
    _notes_by_paragraph: Mapping[tuple[str, int], tuple[Note, ...]] = field(repr=False, default_factory=dict)
    _scenes_by_person: Mapping[str, tuple[Scene, ...]] = field(repr=False, default_factory=dict)
    _events_by_person: Mapping[str, tuple[Event, ...]] = field(repr=False, default_factory=dict)
    _scenes_by_section: Mapping[str, tuple[Scene, ...]] = field(repr=False, default_factory=dict)

    @classmethod
    def build(
        cls,
        article: Article,
        people: Iterable[Person],
        characters: Iterable[Character],
        scenes: Iterable[Scene],
        events: Iterable[Event],
        quotes: Iterable[Quote],
        notes: Iterable[Note],
        text_is_clean: bool = False,
        records_are_new: bool = False,
    ) -> "Dataset":
        """Assemble a dataset from already-validated records and compute every lookup.

        References are assumed valid (the loader checks them first). Every string is passed through
        `clean_text` here, so no view ever shows a control sequence, unless `text_is_clean` says it
        already was (the loader cleans each value as it reads it). `records_are_new` says the records
        were made for this dataset and nothing else holds them (the loader's): what is derived at
        load (a quote's order, a person's characters) is then set in them, not set in copies.
        """
        if not text_is_clean:
            article = _cleaned(article)
            people, characters, scenes, events, quotes, notes = (
                map(_cleaned, records) for records in (people, characters, scenes, events, quotes, notes)
            )
        characters = tuple(characters)
        played: dict[str, list[str]] = defaultdict(list)
        for character in characters:
            played[character.played_by].append(character.id)
        if records_are_new:
            people = tuple(people)
            for person in people:
                their_characters = played.get(person.id)
                if their_characters is not None:
                    _set_characters(person, tuple(their_characters))
        else:
            people = tuple(_with_characters(person, played.get(person.id, _EMPTY)) for person in people)
        scenes = tuple(scene if scene.order == i else replace(scene, order=i) for i, scene in enumerate(scenes))
        events = sort_events(events)
        sections_by_id = {section.id: section for section in article.sections}
        quotes = _in_article_order(tuple(quotes), sections_by_id, records_are_new)
        notes = tuple(notes)

        quotes_by_speaker: dict[str, list[Quote]] = defaultdict(list)
        for quote in quotes:
            quotes_by_speaker[quote.speaker].append(quote)
        notes_by_paragraph: dict[tuple[str, int], list[Note]] = defaultdict(list)
        for note in notes:
            notes_by_paragraph[(note.section, note.paragraph)].append(note)
        for (section_id, paragraph), shared in notes_by_paragraph.items():
            if len(shared) > 1:  # in the order of the words they are on, as the reader meets them
                text = sections_by_id[section_id].paragraphs[paragraph - 1]
                shared.sort(key=lambda note: text.find(note.says))
        scenes_by_person: dict[str, list[Scene]] = defaultdict(list)
        scenes_by_section: dict[str, list[Scene]] = defaultdict(list)
        for scene in scenes:
            for person_id in scene.people:
                scenes_by_person[person_id].append(scene)
            for section_id in scene.sections:
                scenes_by_section[section_id].append(scene)
        events_by_person: dict[str, list[Event]] = defaultdict(list)
        for event in events:
            for person_id in event.people:
                events_by_person[person_id].append(event)

        return cls(
            article=article,
            people=people,
            characters=characters,
            scenes=scenes,
            events=events,
            quotes=quotes,
            notes=notes,
            sections_by_id=frozen_mapping(sections_by_id),
            people_by_id=records_by_id(people),
            characters_by_id=records_by_id(characters),
            scenes_by_id=records_by_id(scenes),
            events_by_id=records_by_id(events),
            quotes_by_id=records_by_id(quotes),
            _quotes_by_speaker=_frozen_lists(quotes_by_speaker),
            _quotes_by_paragraph=_paragraph_runs(quotes),
            _notes_by_paragraph=_frozen_lists(notes_by_paragraph),
            _scenes_by_person=_frozen_lists(scenes_by_person),
            _events_by_person=_frozen_lists(events_by_person),
            _scenes_by_section=_frozen_lists(scenes_by_section),
        )

    @classmethod
    def lazily(cls, parts: DatasetParts) -> "Dataset":
        """A dataset whose fields are made by `parts` when first read (see `DatasetParts`)."""
        dataset = object.__new__(cls)
        dataset.__dict__["_parts"] = parts
        return dataset

    def stored(self, name: str, pause: Callable[[], None] | None = None, lazily: bool = False) -> Any:
        """A value derived from the data that the load cache holds ready-made (the quote index, every
        person's mentions, each paragraph's word count: see `loading/cache_derived.py`), or that
        the loader worked out on the way (`keep_derived`), as plain data; None when there is none (a
        dataset built, a small dataset's cache, a damaged block): then the caller computes it.
        `pause`: called between the pieces of a block being decoded (a background thread's pause
        point). `lazily`: its lists of chunks or bitsets are read when asked for (`StoredPieces`)."""
        kept = self.__dict__.get("_derived")
        if kept is not None and name in kept:
            return kept[name]
        stored = getattr(self.__dict__.get("_parts"), "stored", None)
        return stored(name, pause, lazily) if stored is not None else None

    def holds_stored(self, name: str) -> bool:
        """Whether `stored(name)` has a value to give, without reading it (it may still turn out
        unreadable: then `stored` gives None)."""
        kept = self.__dict__.get("_derived")
        if kept is not None and name in kept:
            return True
        holds = getattr(self.__dict__.get("_parts"), "holds", None)
        return holds(name) if holds is not None else False

    def keep_derived(self, name: str, value: Any) -> None:
        """Keep a value derived from the data, as the load cache stores it, for `stored` to give."""
        self.__dict__.setdefault("_derived", {})[name] = value

    def record_at(self, name: str, position: int) -> Any:
        """`getattr(self, name)[position]`, without making the whole collection if it is not made yet
        and the lazily made dataset's parts can make one record alone (the load cache's quotes)."""
        if name not in self.__dict__:
            record_at = getattr(self.__dict__.get("_parts"), "record_at", None)
            record = record_at(self, name, position) if record_at is not None else None
            if record is not None:
                return record
        return getattr(self, name)[position]

    def values_of(self, name: str, field_name: str) -> Sequence:
        """Each record's `field_name` in the collection `name`, in order, without making the records
        if the lazily made dataset's parts hold the values apart (the load cache's quotes and people)."""
        if name not in self.__dict__:
            values_of = getattr(self.__dict__.get("_parts"), "values_of", None)
            values = values_of(self, name, field_name) if values_of is not None else None
            if values is not None:
                return values
        return list(map(attrgetter(field_name), getattr(self, name)))

    def count_of(self, name: str) -> int:
        """`len(getattr(self, name))`, without making the collection if its parts know it."""
        if name not in self.__dict__:
            count_of = getattr(self.__dict__.get("_parts"), "count_of", None)
            count = count_of(self, name) if count_of is not None else None
            if count is not None:
                return count
        return len(getattr(self, name))

    def __getattr__(self, name: str) -> Any:
        # Only called for an attribute the instance does not have: a lazily made dataset's field
        # that nothing has read yet. A built dataset has every field, so never gets here for one.
        parts = self.__dict__.get("_parts")
        if parts is None or name not in _FIELD_NAMES:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        return parts.provide(self, name)

    # --- lookups -------------------------------------------------------------------------

    @property
    def sections(self) -> tuple[Section, ...]:
        return self.article.sections

    def paragraph(self, section_id: str, paragraph: int) -> str:
        """The text of a paragraph, by section id and 1-based number."""
        return self.sections_by_id[section_id].paragraphs[paragraph - 1]

    def quotes_by(self, person_id: str) -> tuple[Quote, ...]:
        return self._quotes_by_speaker.get(person_id, _EMPTY)

    def quotes_in(self, section_id: str, paragraph: int) -> tuple[Quote, ...]:
        return self._quotes_by_paragraph.get((section_id, paragraph), _EMPTY)

    def notes_in(self, section_id: str, paragraph: int) -> tuple[Note, ...]:
        return self._notes_by_paragraph.get((section_id, paragraph), _EMPTY)

    def scenes_with(self, person_id: str) -> tuple[Scene, ...]:
        return self._scenes_by_person.get(person_id, _EMPTY)

    def events_with(self, person_id: str) -> tuple[Event, ...]:
        return self._events_by_person.get(person_id, _EMPTY)

    def scenes_discussed_in(self, section_id: str) -> tuple[Scene, ...]:
        return self._scenes_by_section.get(section_id, _EMPTY)

    def people_of_kind(self, kind: str) -> Sequence[Person]:
        return self._people_by_kind.get(kind, _EMPTY)

    @cached_property
    def _people_by_kind(self) -> Mapping[str, Sequence[Person]]:
        # One pass for every kind (the People list asks for each: four passes over 52,000 people at
        # 100,000 quotes cost 0.1 s of the first frame).
        if "people" not in self.__dict__ and hasattr(self.__dict__.get("_parts"), "values_of"):
            # From the load cache: each kind's people are made as the People list shows them.
            positions: dict[str, list[int]] = defaultdict(list)
            for position, kind in enumerate(self.values_of("people", "kind")):
                positions[kind].append(position)
            return frozen_mapping({kind: RecordsAt(self, "people", at) for kind, at in positions.items()})
        kinds = list(map(attrgetter("kind"), self.people))
        return frozen_mapping(
            {kind: tuple(compress(self.people, map(kind.__eq__, kinds))) for kind in dict.fromkeys(kinds)}
        )

    def counts(self) -> dict[str, int]:
        """How many records of each kind: the summary `anora-tui check` prints."""
        return {
            "sections": len(self.sections),
            "paragraphs": sum(len(s.paragraphs) for s in self.sections),
            "people": len(self.people),
            "characters": len(self.characters),
            "scenes": len(self.scenes),
            "events": len(self.events),
            "quotes": self.count_of("quotes"),
            "notes": len(self.notes),
        }


_FIELD_NAMES = frozenset(f.name for f in fields(Dataset))


class RecordsAt(SequenceABC):
    """The records at `positions` of a dataset's collection, each made when first read (through
    `Dataset.record_at`); equal to the tuple of them."""

    __slots__ = ("_dataset", "_name", "_positions")

    def __init__(self, dataset: Dataset, name: str, positions: list[int]) -> None:
        self._dataset = dataset
        self._name = name
        self._positions = positions

    def __len__(self) -> int:
        return len(self._positions)

    def __getitem__(self, index):  # an int or a slice, as a tuple's
        if isinstance(index, slice):
            return tuple(map(self.__getitem__, range(*index.indices(len(self._positions)))))
        return self._dataset.record_at(self._name, self._positions[index])

    def values_of(self, field_name: str) -> list:
        """Each record's `field_name`, in order, without making the records where the dataset holds
        its values apart (`Dataset.values_of`: a cached dataset's people)."""
        return list(map(self._dataset.values_of(self._name, field_name).__getitem__, self._positions))

    def offset_of(self, record_id: str) -> int | None:
        """Where the record with this id stands among these (None if it is not one of them): where
        the dataset's lookup by id knows positions (a cached dataset's), without reading through
        the records (Escape from a person read all 520,000 at a million quotes)."""
        lookup = getattr(self._dataset, f"{self._name}_by_id", None)
        position_of = getattr(lookup, "position_of", None)
        if position_of is None:
            return next((offset for offset, found in enumerate(self.values_of("id")) if found == record_id), None)
        position = position_of(record_id)
        offset = bisect_left(self._positions, position) if position is not None else len(self._positions)
        return offset if offset < len(self._positions) and self._positions[offset] == position else None

    def __iter__(self) -> Iterator:
        # Read through, the collection is made whole (at once, not a record at a time: the People
        # filter reads every person on each key).
        return map(getattr(self._dataset, self._name).__getitem__, self._positions)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (tuple, RecordsAt)):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


def _cleaned(value: Any) -> Any:
    """A record (or a string, or a tuple of them) with `clean_text` applied to every string in it."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, tuple):
        return tuple(map(_cleaned, value))
    if hasattr(value, "__dataclass_fields__"):
        changes = {}
        for f in fields(value):
            before = getattr(value, f.name)
            after = _cleaned(before)
            if after != before:
                changes[f.name] = after
        return replace(value, **changes) if changes else value
    return value


def frozen_mapping(mapping: dict) -> Mapping:
    """A read-only view of the mapping (the lookups' type)."""
    return MappingProxyType(mapping)


def _frozen_lists(mapping: dict[object, list]) -> Mapping:
    return MappingProxyType({key: tuple(values) for key, values in mapping.items()})


def records_by_id(records: tuple) -> Mapping:
    """Records by their `id`, read-only."""
    return MappingProxyType(dict(zip(map(attrgetter("id"), records), records)))


def _with_characters(person: Person, characters: list[str] | tuple[()]) -> Person:
    """The person with the ids of the characters they play; the same object if it has them already."""
    if len(person.characters) == len(characters) and person.characters == tuple(characters):
        return person
    return _make_person(
        person.id,
        person.name,
        person.kind,
        person.roles,
        person.description,
        person.aliases,
        person.known_as,
        person.outside_article,
        tuple(characters),
    )


def _in_article_order(
    quotes: tuple[Quote, ...], sections_by_id: Mapping[str, Section], in_place: bool = False
) -> tuple[Quote, ...]:
    """The quotes by section, paragraph and place in the paragraph, each with its `order` (set in the
    quotes themselves if `in_place`, else in copies)."""
    section_index = {section_id: section.index for section_id, section in sections_by_id.items()}
    # One int per quote sorts as (section index, paragraph, place) would, without a tuple for each.
    stride = 1 + max((len(section.paragraphs) for section in sections_by_id.values()), default=0)
    keys = [section_index[quote.section] * stride + quote.paragraph for quote in quotes]
    counts = Counter(keys)
    shared = [i for i, key in enumerate(keys) if counts[key] > 1]
    if shared:  # only quotes sharing a paragraph need their place in it found
        places = []
        for i in shared:
            quote = quotes[i]
            paragraph = sections_by_id[quote.section].paragraphs[quote.paragraph - 1]
            place = paragraph.find(quote.text)  # a verbatim quote, at C speed (a million quotes come here)
            if place < 0:  # one the writer interrupts (or unchecked data): where it starts, if anywhere
                span = excerpt_span(paragraph, quote.text)
                place = span[0] if span else -1
            places.append(place)
        width = 2 + max(places)
        keys = [key * width for key in keys]
        for i, place in zip(shared, places):
            keys[i] += place + 1
    ordered = map(quotes.__getitem__, sorted(range(len(quotes)), key=keys.__getitem__))
    if in_place:
        ordered = tuple(ordered)
        deque(map(_set_order, ordered, range(len(ordered))), maxlen=0)
        return ordered
    return tuple(
        _make_quote(q.id, q.speaker, q.text, q.section, q.paragraph, q.form, order) for order, q in enumerate(ordered)
    )


def _paragraph_runs(quotes: tuple[Quote, ...]) -> Mapping[tuple[str, int], tuple[Quote, ...]]:
    """Quotes by (section, paragraph), from quotes in article order: each paragraph's are together,
    unless two sections claim the same index."""
    runs = {key: tuple(run) for key, run in groupby(quotes, _PARAGRAPH_OF)}
    if sum(map(len, runs.values())) == len(quotes):
        return MappingProxyType(runs)
    by_paragraph: dict[tuple[str, int], list[Quote]] = defaultdict(list)
    for quote in quotes:
        by_paragraph[_PARAGRAPH_OF(quote)].append(quote)
    return _frozen_lists(by_paragraph)


_PARAGRAPH_OF = attrgetter("section", "paragraph")


def sort_events(events: Iterable[Event]) -> tuple[Event, ...]:
    """Events by year, stably: "2022" (approximate) cannot be ordered against "2022-01-14" by its
    string, so within a year the list's order (the editor's reading of the article) stands. An
    undated event keeps its place after the dated event listed before it (before the first dated
    event: with it)."""
    events = tuple(events)
    years: list[str] = []
    last = next((event.date[:4] for event in events if event.date), "")
    for event in events:
        last = event.date[:4] or last
        years.append(last)
    order = sorted(range(len(events)), key=years.__getitem__)
    return tuple(events[i] for i in order)
