"""The reader's command palette providers, each named by a function that imports it when the palette
first opens (Textual's `COMMANDS` takes such functions): their modules import search and quoting,
which the first frame needs none of."""

from __future__ import annotations

from functools import cache
from typing import Callable

from textual.command import Provider


def place_commands() -> type[Provider]:
    from .commands import PlaceCommands

    return PlaceCommands


def quote_commands() -> type[Provider]:
    from .commands import QuoteCommands

    return QuoteCommands


def search_commands() -> type[Provider]:
    from .commands import SearchCommands

    return SearchCommands


@cache
def bookmark_commands() -> type[Provider]:
    # Listed first in the empty palette, above the places: the reader chose these.
    from .commands import ranked_discovery
    from .screens.bookmarks import BookmarkCommands

    return ranked_discovery(BookmarkCommands, BookmarkCommands.SCORE)


READER_PROVIDERS: frozenset[Callable[[], type[Provider]]] = frozenset(
    {place_commands, quote_commands, search_commands, bookmark_commands}
)
