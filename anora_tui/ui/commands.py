"""Command palette providers: find a person or character, a scene or event, a section or a quote by
name and jump there. Choosing a hit posts `Navigate`, so the App records it in the history like any
other jump. (Themes come from Textual's own "Change theme" command.)

Hits are built as `Content` from plain text: the palette would otherwise read strings as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, ClassVar, Iterator, Sequence

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import FuzzySearch

from ..core.navigation import Location
from ..core.timeline_layout import event_when
from .content import plain
from .messages import Navigate

if TYPE_CHECKING:
    from ..core.model import Dataset

QUOTE_PREVIEW_CHARS = 60


@dataclass(frozen=True)
class Entry:
    kind: str  # shown before the name: "Person", "Scene", ...
    name: str  # shown, and what the query is matched against
    detail: str  # shown after the name
    location: Location


class LocationProvider(Provider):
    """Fuzzy-matches the query against each entry's name; subclasses say which entries there are."""

    DISCOVERABLE: ClassVar[bool] = True  # listed before anything is typed
    NAME_CHARS: ClassVar[int | None] = None  # longer names are cut short in the list

    def entries(self, dataset: "Dataset") -> Iterator[Entry]:
        raise NotImplementedError

    def match(self, query: str, name: str) -> tuple[float, Sequence[int]]:
        """A score (0 for no match) and the offsets of the matched characters in `name`. Among equal
        fuzzy scores, a name that starts with the match wins ("Mikey" finds the person before the
        section "Casting Mikey Madison"), then the shorter name."""
        score, offsets = self._fuzzy.match(query, name)
        if not score:
            return 0.0, ()
        return score + (0.5 if offsets[0] == 0 else 0.0) + 1 / (1 + len(name)), offsets

    async def startup(self) -> None:
        self._fuzzy = FuzzySearch()

    async def search(self, query: str) -> Hits:
        for entry in self.entries(self.app.dataset):
            score, offsets = self.match(query, entry.name)
            if score > 0:
                yield Hit(score, self._display(entry, offsets), self._go(entry.location), text=_text(entry))

    async def discover(self) -> Hits:
        if not self.DISCOVERABLE:
            return
        for entry in self.entries(self.app.dataset):
            yield DiscoveryHit(self._display(entry, ()), self._go(entry.location), text=_text(entry))

    def _display(self, entry: Entry, offsets: Sequence[int]) -> Content:
        name = plain(entry.name)
        if self.match_style is not None:
            for offset in offsets:
                name = name.stylize(self.match_style, offset, offset + 1)
        if self.NAME_CHARS is not None and len(name) > self.NAME_CHARS:
            name = name[: self.NAME_CHARS - 1] + "…"
        detail = Content.assemble(" — ", plain(entry.detail)) if entry.detail else Content("")
        return Content.assemble(f"{entry.kind}: ", name, detail)

    def _go(self, location: Location) -> Callable[[], object]:
        return lambda: self.app.post_message(Navigate(location))


class PeopleCommands(LocationProvider):
    def entries(self, dataset: "Dataset") -> Iterator[Entry]:
        for person in dataset.people:
            yield Entry("Person", person.name, ", ".join(person.roles), Location("person", person.id))
        for character in dataset.characters:
            player = dataset.people_by_id[character.played_by]
            yield Entry(
                "Character", character.name, f"played by {player.name}", Location("person", player.id)
            )


class SceneCommands(LocationProvider):
    def entries(self, dataset: "Dataset") -> Iterator[Entry]:
        for scene in dataset.scenes:
            yield Entry("Scene", scene.title, scene.position.description, Location("scene", scene.id))
        for event in dataset.events:
            yield Entry("Event", event.title, event_when(event), Location("event", event.id))


class SectionCommands(LocationProvider):
    def entries(self, dataset: "Dataset") -> Iterator[Entry]:
        for section in dataset.sections:
            yield Entry(
                "Section", section.title, f"section {section.index + 1}", Location("section", section.id)
            )


class QuoteCommands(LocationProvider):
    """Quotes match the words as typed (fuzzy matching a long quote would match nearly anything), and
    are listed only once something is typed: they are many and long."""

    DISCOVERABLE = False
    NAME_CHARS = QUOTE_PREVIEW_CHARS

    def entries(self, dataset: "Dataset") -> Iterator[Entry]:
        for quote in dataset.quotes:
            speaker = dataset.people_by_id[quote.speaker].name
            yield Entry("Quote", quote.text, speaker, Location("quote", quote.id))

    def match(self, query: str, name: str) -> tuple[float, Sequence[int]]:
        start = name.casefold().find(query.casefold())
        if start < 0 or not query:
            return 0.0, ()
        # Scored like a run of that many matching letters, so a name still outranks its quotes.
        return float(len(query)), range(start, start + len(query))


ALL_PROVIDERS = (PeopleCommands, SceneCommands, SectionCommands, QuoteCommands)


def _text(entry: Entry) -> str:
    return f"{entry.kind}: {entry.name}"
