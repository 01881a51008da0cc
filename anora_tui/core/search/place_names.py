"""The places of a dataset found by their names, as the command palette lists them: every person
and character (by their names and aliases), section, scene and event (by their titles, and an event
by its date too: "2022", "jan 2022").

Entries are numbered people first, then characters, sections, scenes and events, in the dataset's
order; an entry is made into a `Place` only when it is shown, so a million quotes' 860,000 places cost
a few bytes each (`NameKeys`), never an object each. People's names are read as columns of the
dataset (`Dataset.values_of`): a cached dataset makes no record of a person for the index.
`PlaceCatalogue` is the places without the index: what the palette lists before anything is typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from typing import Any, Callable, Iterator, Sequence

from ..model import Dataset
from ..navigation import Location
from ..timeline_layout import event_when
from .giving_way import giving_way
from .name_keys import BandedNames, NameKeys
from .names import NameMatch

PLACES_FORMAT = 2  # what `PlaceNames.to_plain` gives (2: an event is also found by its date)
KINDS = ("Person", "Character", "Section", "Scene", "Event")
# People and characters rank first, then sections, then scenes and events.
BANDS = (("Person", "Character"), ("Section",), ("Scene", "Event"))


@dataclass(frozen=True)
class Place:
    kind: str  # "Person", "Scene", ...
    name: str
    detail: str  # said after the name: a person's roles, a scene's place in the story, ...
    location: Location


# A person's fields read as columns (`Dataset.values_of`): a cached dataset's people are then never
# made as records to be found by name (52,000 records at 100,000 quotes).
PERSON_NAME_FIELDS = ("name", "aliases", "known_as")


class PlaceCatalogue:
    """The places in entry order, each made into a `Place` when asked for: what the palette lists
    before anything is typed, with no index to wait for (at a million quotes the index takes
    seconds to make)."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        counts = {
            "Person": dataset.count_of("people"),
            "Character": dataset.count_of("characters"),
            "Section": len(dataset.sections),
            "Scene": len(dataset.scenes),
            "Event": len(dataset.events),
        }
        self._starts: list[tuple[int, str]] = []  # (first entry, kind), in entry order
        first = 0
        for kinds in BANDS:
            for kind in kinds:
                self._starts.append((first, kind))
                first += counts[kind]
        self._size = first
        self._person_columns: tuple[Sequence, ...] | None = None

    def __len__(self) -> int:
        return self._size

    def place(self, entry: int) -> Place:
        kind, index = self._kind_of(entry)
        dataset = self.dataset
        if kind == "Person":
            record = dataset.record_at("people", index)
            return Place(kind, record.name, ", ".join(record.roles), Location("person", record.id))
        if kind == "Character":
            record = dataset.record_at("characters", index)
            player = dataset.people_by_id[record.played_by]
            return Place(kind, record.name, f"played by {player.name}", Location("person", player.id))
        if kind == "Section":
            record = dataset.sections[index]
            return Place(kind, record.title, f"section {record.index + 1}", Location("section", record.id))
        if kind == "Scene":
            record = dataset.scenes[index]
            return Place(kind, record.title, record.position.description, Location("scene", record.id))
        record = dataset.events[index]
        return Place(kind, record.title, event_when(record), Location("event", record.id))

    def names_of(self, kind: str, index: int) -> tuple[str, ...]:
        """The names a place is found by, its own first."""
        if kind == "Person":
            name, aliases, known_as = self._person_columns_read()
            return (name[index], *aliases[index], *known_as[index])
        if kind == "Character":
            record = self.dataset.record_at("characters", index)
            return (record.name, *record.aliases)
        return _titled_names(kind, self._titled(kind)[index])

    def every_names(self, kind: str) -> Iterator[tuple[str, ...]]:
        """`names_of` each place of a kind, in order (read in bulk: what making the index reads)."""
        if kind == "Person":
            return ((name, *aliases, *known_as) for name, aliases, known_as in zip(*self._person_columns_read()))
        if kind == "Character":
            return ((record.name, *record.aliases) for record in self.dataset.characters)
        return (_titled_names(kind, record) for record in self._titled(kind))

    def _person_columns_read(self) -> tuple[Sequence, ...]:
        if self._person_columns is None:
            self._person_columns = tuple(self.dataset.values_of("people", f) for f in PERSON_NAME_FIELDS)
        return self._person_columns

    def _titled(self, kind: str) -> Sequence:
        return {"Section": self.dataset.sections, "Scene": self.dataset.scenes, "Event": self.dataset.events}[kind]

    def _kind_of(self, entry: int) -> tuple[str, int]:
        if not 0 <= entry < len(self):
            raise IndexError(f"no place {entry}")
        for first, kind in reversed(self._starts):
            if entry >= first:
                return kind, entry - first
        raise IndexError(f"no place {entry}")


class PlaceNames(PlaceCatalogue):
    """The places, and an index of their names to find them by (made here: seconds at a million)."""

    def __init__(self, dataset: Dataset) -> None:
        super().__init__(dataset)
        bands = []
        for kinds in BANDS:
            names_of = self._band_names(kinds)
            # Made on a background thread in a large dataset: it lets the reader's thread run often.
            every = giving_way(chain.from_iterable(self.every_names(kind) for kind in kinds))
            bands.append(NameKeys(every, names_of))
        self._names = BandedNames(bands)

    def to_plain(self) -> dict[str, Any]:
        """The index of names as plain data (`marshal`'s types): what the load cache stores, so a
        large dataset's palette has its places at once (13 s of CPU to make at a million quotes)."""
        return {"format": PLACES_FORMAT, "bands": [band.to_plain() for band in self._names.bands]}

    @classmethod
    def from_plain(cls, dataset: Dataset, plain: Any) -> PlaceNames:
        """The places `to_plain` gave, for `dataset` (the one they were made from); ValueError (or
        TypeError, KeyError) on anything else."""
        if type(plain) is not dict or plain.get("format") != PLACES_FORMAT or type(plain.get("bands")) is not list:
            raise ValueError("not stored places")
        places = cls.__new__(cls)
        PlaceCatalogue.__init__(places, dataset)
        if len(plain["bands"]) != len(BANDS):
            raise ValueError("not stored places")
        sizes = dict(zip((kind for _, kind in places._starts), places._sizes()))
        places._names = BandedNames([
            NameKeys.from_plain(band, places._band_names(kinds), sum(sizes[kind] for kind in kinds))
            for kinds, band in zip(BANDS, plain["bands"])
        ])
        return places

    def find(self, text: str, limit: int) -> list[NameMatch]:
        """The best `limit` places for what was typed (`NameIndex.find`'s ranking)."""
        return self._names.find(text, limit)

    def _sizes(self) -> list[int]:
        """How many places of each kind, in entry order (as `_starts`)."""
        firsts = [first for first, _ in self._starts]
        return [end - first for first, end in zip(firsts, [*firsts[1:], len(self)])]

    def _band_names(self, kinds: tuple[str, ...]) -> Callable[[int], tuple[str, ...]]:
        """A band's `names_of`: entry (counted in the band) -> the names it is found by, its own first."""
        spans = [(first, kind) for first, kind in self._starts if kind in kinds]
        band_first = spans[0][0]
        in_band = [(first - band_first, kind) for first, kind in spans]

        def names_of(entry: int) -> tuple[str, ...]:
            for first, kind in reversed(in_band):
                if entry >= first:
                    return self.names_of(kind, entry - first)
            raise IndexError(entry)

        return names_of


def _titled_names(kind: str, record: Any) -> tuple[str, ...]:
    """A section's, scene's or event's names: its title, and an event's date as the lists show it
    ("14 Jan 2022", "c. 2022"; an undated one's words for when), so typing a year finds its events."""
    if kind == "Event":
        when = event_when(record)
        return (record.title, when) if record.dated or record.when else (record.title,)
    return (record.title,)


def place_label(places: PlaceNames, entry: int) -> str:
    """"Person: Sean Baker": how the palette's line for a place begins."""
    place = places.place(entry)
    return f"{place.kind}: {place.name}"
