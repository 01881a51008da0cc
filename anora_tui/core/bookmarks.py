"""Bookmarks: places the reader keeps (a paragraph, a quote, a person, a scene, an event), what each
is called in a list, and reading them back from the saved state against the data as it is now. Pure
Python."""

from __future__ import annotations

from typing import Iterable, Mapping, NamedTuple

from .model import Dataset
from .navigation import Location, location_from_plain, location_to_plain
from .places import place_exists
from .quoting import place_label
from .text import excerpt, quoted
from .timeline_layout import event_when

EXCERPT_CHARS = 90


class Described(NamedTuple):
    """A bookmark as a list shows it: where it is, and the start of what is there."""

    where: str  # what it is, named: "§3 Casting Mikey Madison ¶2", "Quote · Sean Baker",
    # "Person · Samantha Quan", "Scene 4 · The wedding", "Event · May 2024 · Palme d'Or"
    text: str  # the start of what is there: the paragraph, the quote, the roles, the summary


def bookmark_place(location: Location) -> Location:
    """What a bookmark keeps of a location: the place, not a highlight or a scroll position; a section
    always with its paragraph."""
    if location.kind == "section":
        return Location("section", location.id, location.paragraph or 1)
    return Location(location.kind, location.id)


def describe(dataset: Dataset, place: Location, width: int = EXCERPT_CHARS) -> Described:
    """How a bookmark reads in a list (the place must exist: see `place_exists`)."""
    if place.kind == "section":
        section = dataset.sections_by_id[place.id]
        paragraph = place.paragraph or 1
        before, match, after = excerpt(section.paragraphs[paragraph - 1], (0, 0), width)
        return Described(place_label(dataset, place.id, paragraph), before + match + after)
    if place.kind == "quote":
        quote = dataset.quotes_by_id[place.id]
        before, match, after = excerpt(quote.text, (0, 0), width)
        return Described(f"Quote · {dataset.people_by_id[quote.speaker].name}", quoted(before + match + after))
    if place.kind == "person":
        person = dataset.people_by_id[place.id]
        return Described(f"Person · {person.name}", _start(f"{', '.join(person.roles)} — {person.description}", width))
    if place.kind == "scene":
        scene = dataset.scenes_by_id[place.id]
        return Described(f"Scene {scene.order + 1} · {scene.title}", _start(scene.summary, width))
    event = dataset.events_by_id[place.id]
    return Described(f"Event · {event_when(event)} · {event.title}", _start(event.summary, width))


def _start(text: str, width: int) -> str:
    before, match, after = excerpt(text, (0, 0), width)
    return before + match + after


def bookmarks_to_plain(places: Iterable[Location]) -> tuple[dict, ...]:
    return tuple(location_to_plain(place) for place in places)


def bookmarks_from_plain(dataset: Dataset, plain: Iterable[Mapping]) -> tuple[tuple[Location, ...], int]:
    """The saved bookmarks whose places this dataset still has (each once, in the saved order), and
    how many were dropped: malformed, or naming a place the data no longer has."""
    kept: dict[Location, None] = {}
    dropped = 0
    for data in plain:
        try:
            place = bookmark_place(location_from_plain(dict(data)))
        except (KeyError, TypeError, ValueError):
            dropped += 1
            continue
        if place_exists(dataset, place):
            kept[place] = None
        else:
            dropped += 1
    return tuple(kept), dropped
