"""Command palette providers: find a person or character, a section, a scene or event, or a quote,
and jump there; or open the search screen on what was typed. Choosing a hit posts `Navigate`, so the
App records it in the history like any other jump. (Themes come from Textual's own commands.)

Names match by the starts of their words ("mik mad", "yura"), never by scattered letters, through a
`NameIndex` built once per dataset; quotes come from the quote index. Each keystroke looks at a
bounded number of candidates and yields at most a screenful of hits per provider, so the palette costs the
same at 100,000 quotes as at 50. People and characters rank first, then sections, then scenes and
events, then quotes.

Hits are built as `Content` from plain text: the palette would otherwise read strings as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from ..core.gc_pause import gc_paused
from ..core.navigation import Location
from ..core.quoting import shown_quote
from ..core.search import NameIndex, Scope, parse_query, word_prefix_spans, words_within
from ..core.text import ELLIPSIS, excerpt
from ..core.timeline_layout import event_when
from .content import plain
from .messages import Navigate

if TYPE_CHECKING:
    from ..core.model import Dataset

# Hits per keystroke: about a screenful each. The palette measures every hit it is given, so more
# would cost time on every key for rows a reader refines the query rather than scroll to.
PLACE_LIMIT, QUOTE_LIMIT = 15, 10
DISCOVER_LIMIT = 80  # entries listed before anything is typed (all of them in the shipped article)
QUOTE_PREVIEW_CHARS = 60
MIN_QUOTE_QUERY = 3  # characters typed before quotes are searched: shorter matches nearly every quote
# Scores: the palette sorts on them. Each provider's hits come in their own band, best first: places
# above everything, then Textual's own commands (whose fuzzy scores are 1.5 or more), then quotes
# (1.0 down to 0.9), then the two "search for" entries.
PLACE_SCORE, QUOTE_SCORE, QUOTE_STEP, SEARCH_SCORE = 3000.0, 1.0, 0.01, 0.05
KIND_PRIORITY = {"Person": 0, "Character": 0, "Section": 1, "Scene": 2, "Event": 2}


@dataclass(frozen=True)
class Entry:
    kind: str  # shown before the name: "Person", "Scene", ...
    name: str  # shown
    detail: str  # shown after the name
    location: Location


class Places:
    """Every person, character, section, scene and event, and a `NameIndex` over their names."""

    def __init__(self, dataset: "Dataset") -> None:
        with gc_paused():  # tens of thousands of lasting objects at scale
            self._collect(dataset)

    def _collect(self, dataset: "Dataset") -> None:
        entries: list[Entry] = []
        names: list[list[str]] = []
        for person in dataset.people:
            entries.append(Entry("Person", person.name, ", ".join(person.roles), Location("person", person.id)))
            names.append([person.name, *person.aliases, *person.known_as])
        for character in dataset.characters:
            player = dataset.people_by_id[character.played_by]
            entries.append(Entry("Character", character.name, f"played by {player.name}",
                                 Location("person", player.id)))
            names.append([character.name, *character.aliases])
        for section in dataset.sections:
            entries.append(Entry("Section", section.title, f"section {section.index + 1}",
                                 Location("section", section.id)))
            names.append([section.title])
        for scene in dataset.scenes:
            entries.append(Entry("Scene", scene.title, scene.position.description, Location("scene", scene.id)))
            names.append([scene.title])
        for event in dataset.events:
            entries.append(Entry("Event", event.title, event_when(event), Location("event", event.id)))
            names.append([event.title])
        self.entries = entries
        self.index = NameIndex(names, priority=[KIND_PRIORITY[entry.kind] for entry in entries])


_places: dict[int, tuple["Dataset", Places]] = {}


def places_of(dataset: "Dataset") -> Places:
    """The dataset's `Places`, made on the palette's first use and kept (for one dataset at a time)."""
    known = _places.get(id(dataset))
    if known is None or known[0] is not dataset:
        _places.clear()
        known = _places[id(dataset)] = (dataset, Places(dataset))
    return known[1]


class PlaceCommands(Provider):
    """People, characters, sections, scenes and events, by the words of their names."""

    async def startup(self) -> None:
        self._places = places_of(self.app.dataset)

    async def search(self, query: str) -> Hits:
        places = self._places
        for rank, match in enumerate(places.index.find(query, PLACE_LIMIT)):
            entry = places.entries[match.entry]
            also = "" if match.name == entry.name or words_within(match.name, entry.name) else match.name
            yield Hit(PLACE_SCORE - rank, self._display(entry, query, also), self._go(entry.location),
                      text=_text(entry))

    async def discover(self) -> Hits:
        for entry in self._places.entries[:DISCOVER_LIMIT]:
            yield DiscoveryHit(self._display(entry, "", ""), self._go(entry.location), text=_text(entry))

    def _display(self, entry: Entry, query: str, also: str) -> Content:
        name = plain(entry.name)
        if self.match_style is not None and query:
            for start, end in word_prefix_spans(entry.name, query):
                name = name.stylize(self.match_style, start, end)
        parts = [Content(f"{entry.kind}: "), name]
        if also:
            parts.append(Content.assemble(" (as ", plain(also), ")"))
        if entry.detail:
            parts.append(Content.assemble(" — ", plain(entry.detail)))
        return Content.assemble(*parts)

    def _go(self, location: Location) -> Callable[[], object]:
        return lambda: self.app.post_message(Navigate(location))


class QuoteCommands(Provider):
    """Quotes with the words typed (the quote search's own index and ranking), once a few characters
    are typed. Only when the index is built, or small enough to build unnoticed: otherwise the
    search commands below offer to open the search screen, which builds it without freezing."""

    async def search(self, query: str) -> Hits:
        indexes = getattr(self.app, "search_indexes", None)
        if len(query.strip()) < MIN_QUOTE_QUERY or indexes is None or not indexes.is_cheap("quotes"):
            return
        dataset = self.app.dataset
        result = indexes.quotes.search(parse_query(query))
        for rank, hit in enumerate(result.hits[:QUOTE_LIMIT]):
            quote = hit.quote
            shown = shown_quote(quote.text, quote.form)
            start = hit.spans[0] if hit.spans else (0, 0)
            before, match, after = excerpt(quote.text, start, QUOTE_PREVIEW_CHARS)
            text = plain(before + match + after)
            if self.match_style is not None and match:
                text = text.stylize(self.match_style, len(before), len(before) + len(match))
            opening = shown.opening if not before.startswith(ELLIPSIS) else ""
            closing = shown.closing if not after.endswith(ELLIPSIS) else ""
            speaker = dataset.people_by_id[quote.speaker].name
            label = f" ({shown.label})" if shown.label else ""
            prompt = Content.assemble("Quote: ", opening, text, closing, " — ", plain(speaker), label)
            location = Location("quote", quote.id)
            yield Hit(QUOTE_SCORE - QUOTE_STEP * rank, prompt, lambda location=location: self.app.post_message(Navigate(location)),
                      text=f"Quote: {quote.text}")


class SearchCommands(Provider):
    """"Search the quotes for …" and "Search the text for …": the search screen on what was typed."""

    async def search(self, query: str) -> Hits:
        query = query.strip()
        if not query or not hasattr(self.app, "open_search"):
            return
        for offset, (scope, where) in enumerate((("quotes", "the quotes"), ("text", "the text"))):
            prompt = Content.assemble(f"Search {where} for “", plain(query), "”")
            yield Hit(SEARCH_SCORE - offset * QUOTE_STEP, prompt, self._open(query, scope), text=f"Search {where} for {query}")

    def _open(self, query: str, scope: Scope) -> Callable[[], object]:
        return lambda: self.app.open_search(query, scope)


def _text(entry: Entry) -> str:
    return f"{entry.kind}: {entry.name}"

