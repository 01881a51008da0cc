"""Command palette providers: find a person or character, a section, a scene or event, or a quote,
and jump there; or open the search screen on what was typed. Choosing a hit posts `Navigate`, so the
App records it in the history like any other jump. (Themes come from Textual's own commands.)

Names match by the starts of their words ("mik mad", "yura"), never by scattered letters, through the
search indexes' `places` (`core/search/place_names.py`: sorted lists of each word's entries, read
in rank order until a screenful is found); quotes come from the quote index. Each keystroke looks
at a bounded number of candidates and yields at most a screenful of hits per provider, so the
palette costs about the same at a million quotes as at 50. People and characters rank first, then
sections, then scenes and events, then quotes. The palette opened empty lists the first places at
once: listing them needs no index (`PlaceCatalogue`), so it never waits for the index being made.

Hits are built as `Content` from plain text: the palette would otherwise read strings as markup.
"""

from __future__ import annotations

import asyncio
from typing import Callable

from textual.command import Hit, Hits, Provider
from textual.content import Content

from ..core.navigation import Location
from ..core.quoting import shown_quote
from ..core.search import Scope, parse_query, word_prefix_spans, words_within
from ..core.search.place_names import Place, PlaceCatalogue, PlaceNames
from ..core.text import ELLIPSIS, excerpt
from .content import plain
from .messages import Navigate

# Hits per keystroke: about a screenful each. The palette measures every hit it is given, so more
# would cost time on every key for rows a reader refines the query rather than scroll to.
PLACE_LIMIT, QUOTE_LIMIT = 15, 10
DISCOVER_LIMIT = 80  # entries listed before anything is typed (all of them in the shipped article)
QUOTE_PREVIEW_CHARS = 60
MIN_QUOTE_QUERY = 3  # characters typed before quotes are searched: shorter matches nearly every quote
# Scores: the palette sorts on them. Each provider's hits come in their own band, best first: places
# above everything, then Textual's own commands (whose fuzzy scores are 1.5 or more; listed unscored
# after the places before anything is typed), then quotes (1.0 down to 0.9), then the two "search
# for" entries.
PLACE_SCORE, QUOTE_SCORE, QUOTE_STEP, SEARCH_SCORE = 3000.0, 1.0, 0.01, 0.05

Entry = Place  # a line of the palette: kind, name, detail, where it leads (the bookmarks list theirs so)


class PlaceCommands(Provider):
    """People, characters, sections, scenes and events, by the words of their names: the search
    indexes' `places`, made ahead in a large dataset (`Finding`), else made here on a worker thread,
    so the palette opens at once, takes typing, and lists them when they are ready."""

    async def startup(self) -> None:
        indexes = self.app.search_indexes
        self._places: PlaceNames | None = indexes.places if indexes.places_are_cheap() else None
        self._making: asyncio.Future[PlaceNames] | None = None
        if self._places is None:
            self._making = asyncio.ensure_future(self._make_after_first_frame(indexes))

    async def _make_after_first_frame(self, indexes) -> PlaceNames:
        # Not beside the palette's first frame: the making, called for, runs flat out on its thread
        # and took half the interpreter from it (at a million quotes the first open took 100-170 ms
        # instead of 62). The first key waits for what is left of it, as before.
        drawn = asyncio.Event()
        self.app.call_after_refresh(drawn.set)
        await drawn.wait()
        return await asyncio.to_thread(lambda: indexes.places)

    async def _ready(self) -> PlaceNames:
        """The places, once made. Shielded: each key cancels the search before it (and whatever it
        awaits), but the making goes on for the next one."""
        if self._places is None:
            assert self._making is not None
            self._places = await asyncio.shield(self._making)
        return self._places

    async def search(self, query: str) -> Hits:
        places = await self._ready()
        for rank, match in enumerate(places.find(query, PLACE_LIMIT)):
            place = places.place(match.entry)
            # Found by another name: said, unless the line shows it already (an event's date is its detail).
            shown = match.name == place.name or words_within(match.name, place.name)
            also = "" if shown or words_within(match.name, place.detail) else match.name
            yield Hit(PLACE_SCORE - rank, self._display(place, query, also), self._go(place.location),
                      text=_text(place))

    async def discover(self) -> Hits:
        # Scored hits, not `DiscoveryHit`s: the palette lists discovery hits in the order they arrive,
        # and Textual's own commands (Keys, Quit, Theme…) arrive before the places are read.
        # The first places need no index: listed at once, while the index is still being made.
        places = self._places if self._places is not None else PlaceCatalogue(self.app.dataset)
        for entry in range(min(DISCOVER_LIMIT, len(places))):
            place = places.place(entry)
            yield Hit(PLACE_SCORE - entry, self._display(place, "", ""), self._go(place.location), text=_text(place))

    def _display(self, place: Place, query: str, also: str) -> Content:
        name = plain(place.name)
        if self.match_style is not None and query:
            for start, end in word_prefix_spans(place.name, query):
                name = name.stylize(self.match_style, start, end)
        parts = [Content(f"{place.kind}: "), name]
        if also:
            parts.append(Content.assemble(" (as ", plain(also), ")"))
        if place.detail:
            parts.append(Content.assemble(" — ", plain(place.detail)))
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


def _text(place: Place) -> str:
    return f"{place.kind}: {place.name}"



def ranked_discovery(provider: type[Provider], top_score: float) -> type[Provider]:
    """`provider` with what it lists before anything is typed scored from `top_score` down, in the
    order it gives them: so listed above Textual's own commands, which arrive first."""

    class Ranked(provider):  # type: ignore[misc, valid-type]
        async def discover(self) -> Hits:
            rank = 0
            async for hit in super().discover():
                yield Hit(top_score - rank, hit.prompt, hit.command, text=hit.text, help=hit.help)
                rank += 1

    Ranked.__name__ = Ranked.__qualname__ = provider.__name__
    return Ranked
