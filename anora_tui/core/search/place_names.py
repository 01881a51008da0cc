"""The places of a dataset found by their names, as the command palette lists them: every person
and character (by their names and aliases), section, scene and event (by their titles).

Entries are numbered people first, then characters, sections, scenes and events, in the dataset's
order; an entry is made into a `Place` only when it is shown, so a million quotes' 860,000 places cost
a few bytes each (`NameKeys`), never an object each.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from ..model import Dataset
from ..navigation import Location
from ..timeline_layout import event_when
from .name_keys import BandedNames, NameKeys
from .names import NameMatch

KINDS = ("Person", "Character", "Section", "Scene", "Event")
# People and characters rank first, then sections, then scenes and events.
BANDS = (("Person", "Character"), ("Section",), ("Scene", "Event"))


@dataclass(frozen=True)
class Place:
    kind: str  # "Person", "Scene", ...
    name: str
    detail: str  # said after the name: a person's roles, a scene's place in the story, ...
    location: Location


class PlaceNames:
    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        records: dict[str, Sequence] = {
            "Person": dataset.people,
            "Character": dataset.characters,
            "Section": dataset.sections,
            "Scene": dataset.scenes,
            "Event": dataset.events,
        }
        self._starts: list[tuple[int, str]] = []  # (first entry, kind), in entry order
        bands = []
        first = 0
        for kinds in BANDS:
            spans = []  # (first entry in the band, kind, records)
            in_band = 0
            for kind in kinds:
                self._starts.append((first + in_band, kind))
                spans.append((in_band, kind, records[kind]))
                in_band += len(records[kind])
            names_of = _names_in(spans)
            bands.append(NameKeys((names_of(entry) for entry in range(in_band)), names_of))
            first += in_band
        self._records = records
        self._names = BandedNames(bands)

    def __len__(self) -> int:
        return len(self._names)

    def find(self, text: str, limit: int) -> list[NameMatch]:
        """The best `limit` places for what was typed (`NameIndex.find`'s ranking)."""
        return self._names.find(text, limit)

    def place(self, entry: int) -> Place:
        kind, index = self._kind_of(entry)
        record = self._records[kind][index]
        dataset = self.dataset
        if kind == "Person":
            return Place(kind, record.name, ", ".join(record.roles), Location("person", record.id))
        if kind == "Character":
            player = dataset.people_by_id[record.played_by]
            return Place(kind, record.name, f"played by {player.name}", Location("person", player.id))
        if kind == "Section":
            return Place(kind, record.title, f"section {record.index + 1}", Location("section", record.id))
        if kind == "Scene":
            return Place(kind, record.title, record.position.description, Location("scene", record.id))
        return Place(kind, record.title, event_when(record), Location("event", record.id))

    def _kind_of(self, entry: int) -> tuple[str, int]:
        if not 0 <= entry < len(self):
            raise IndexError(f"no place {entry}")
        for first, kind in reversed(self._starts):
            if entry >= first:
                return kind, entry - first
        raise IndexError(f"no place {entry}")


def _names_in(spans: list[tuple[int, str, Sequence]]) -> Callable[[int], tuple[str, ...]]:
    """A band's `names_of`: entry (counted in the band) -> the names it is found by, its own first."""

    def names_of(entry: int) -> tuple[str, ...]:
        for first, kind, records in reversed(spans):
            if entry >= first:
                record = records[entry - first]
                if kind == "Person":
                    return (record.name, *record.aliases, *record.known_as)
                if kind == "Character":
                    return (record.name, *record.aliases)
                return (record.title,)
        raise IndexError(entry)

    return names_of


def place_label(places: PlaceNames, entry: int) -> str:
    """"Person: Sean Baker": how the palette's line for a place begins."""
    place = places.place(entry)
    return f"{place.kind}: {place.name}"
