"""The bookmarks list (a screen over the reader) and the bookmarks in the command palette.

Each row says where a bookmark is and shows an excerpt of what is there; Enter opens it (the screen
closes with the place, and the App jumps there like any other jump), `d` or Delete removes it
(`BookmarksScreen.Removed` tells the App, which keeps and saves the list).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Static

from ...core.bookmarks import describe
from ...core.navigation import Location
from ...core.search import fold_text, word_prefix_spans
from ...core.search.query import WORD
from ..commands import PLACE_SCORE, Entry
from ..content import plain
from ..focus import focus_now
from ..messages import Navigate
from ..widgets.key_bar import KeyBar
from ..widgets.link_list import Link, LinkList
from .modal import ReaderModal

if TYPE_CHECKING:
    from ...core.model import Dataset

EMPTY = ("No bookmarks yet. Press B in the text to bookmark the paragraph you are at (the one a jump landed on,"
         " or with the selected name, else the first that begins on screen); in a list, B bookmarks the"
         " quote, person, scene or event selected.")
KEYS_WITH_BOOKMARKS, KEYS_WITHOUT = "Enter opens · d removes · Escape closes", "Escape closes"
WHERE = ".bookmarks--where"


def bookmark_label(dataset: "Dataset", place: Location) -> Content:
    """Where the bookmark is, over an excerpt of what is there."""
    described = describe(dataset, place)
    return Content.assemble((plain(described.where)).stylize(WHERE), "\n", plain(described.text))


class BookmarksScreen(ReaderModal, ModalScreen[Location | None]):
    """The reader's bookmarks, oldest first. Dismissed with the place to open, or None."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {WHERE.removeprefix(".")}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,apostrophe", "dismiss", "Close", show=True, id="bookmarks.close"),
        Binding("d,delete", "remove", "Remove", show=True, id="bookmarks.remove",
                tooltip="Remove the selected bookmark"),
    ]

    @dataclass
    class Removed(Message):
        """The reader removed this bookmark."""

        place: Location

    def __init__(self, dataset: "Dataset", places: tuple[Location, ...]) -> None:
        super().__init__()
        self.dataset = dataset
        self.places = list(places)

    def compose(self) -> ComposeResult:
        with Vertical(id="bookmarks") as box:
            box.border_title = "Bookmarks"
            yield LinkList(
                (Link(bookmark_label(self.dataset, place), place) for place in self.places), id="bookmarks-list"
            )
            yield Static(EMPTY, id="bookmarks-empty", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self._show_empty()
        focus_now(self.list)

    @property
    def list(self) -> LinkList:
        return self.query_one("#bookmarks-list", LinkList)

    def _show_empty(self) -> None:
        self.list.display = bool(self.places)
        self.query_one("#bookmarks").border_subtitle = KEYS_WITH_BOOKMARKS if self.places else KEYS_WITHOUT
        self.query_one("#bookmarks-empty").display = not self.places

    def on_navigate(self, message: Navigate) -> None:
        """A row was chosen: close with its place (the App makes the jump)."""
        message.stop()
        self.dismiss(message.location)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "remove":
            return bool(self.places)  # not offered when there is nothing to remove
        return True

    def action_remove(self) -> None:
        index = self.list.highlighted
        if index is None or not 0 <= index < len(self.places):
            self.app.bell()
            return
        place = self.places.pop(index)
        self.post_message(self.Removed(place))
        links = self.list
        links.set_rows(Link(bookmark_label(self.dataset, p), p) for p in self.places)
        if self.places:
            links.highlighted = min(index, len(self.places) - 1)
        self._show_empty()
        self.refresh_bindings()


class BookmarkCommands(Provider):
    """The bookmarks in the command palette, listed before anything is typed; a query keeps those whose
    excerpt or place has a word starting with each word typed, as the other places match; "bookmark"
    lists them all (a reader's bookmarks are few: a plain scan is quick). Typed for, they rank after
    the places whose names fit (listed empty, they come first: the reader chose them)."""

    NAME_CHARS = 60
    SCORE = PLACE_SCORE + 1000.0  # listed empty: above the places
    TYPED_SCORE = PLACE_SCORE - 1000.0  # typed for: below the places' band, above Textual's commands and the quotes

    def _entries(self) -> list[Entry]:
        entries = []
        for place in getattr(self.app, "bookmarks", ()):
            described = describe(self.app.dataset, place)
            entries.append(Entry("Bookmark", described.where, described.text, place))  # named, then what is there
        return entries

    async def search(self, query: str) -> Hits:
        words = len(WORD.findall(fold_text(query)))
        for rank, entry in enumerate(self._entries()):
            text = f"{entry.kind} {entry.name} {entry.detail}"
            if words and len(word_prefix_spans(text, query)) == words:
                yield Hit(self.TYPED_SCORE - rank, self._display(entry), self._go(entry.location), text=entry.name)

    async def discover(self) -> Hits:
        for entry in self._entries():
            yield DiscoveryHit(self._display(entry), self._go(entry.location), text=entry.name)

    def _display(self, entry: Entry) -> Content:
        name = entry.name if len(entry.name) <= self.NAME_CHARS else entry.name[: self.NAME_CHARS - 1] + "…"
        detail = Content.assemble(" — ", plain(entry.detail)) if entry.detail else Content("")
        return Content.assemble(f"{entry.kind}: ", plain(name), detail)

    def _go(self, location: Location) -> Callable[[], object]:
        return lambda: self.app.post_message(Navigate(location))
