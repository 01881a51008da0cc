"""A list of followable links: each row carries a `Location`, and choosing it posts `Navigate`.

Person details, scene details and the people sidebar all show such lists, so they share this widget.
Rows are rendered from `Text`/`Content`, never parsed as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Union

from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...core.navigation import Location
from ..messages import Navigate
from ..textual_private import WidthCachedOptionList
from .paging import page


@dataclass(frozen=True)
class Link:
    label: Text | Content
    location: Location


@dataclass(frozen=True)
class Heading:
    """A non-selectable group title inside the list (styled in tcss as `.option-list--option-disabled`)."""

    label: str


@dataclass(frozen=True)
class Info:
    """A row of plain information (a role, a description): it can be highlighted but leads nowhere."""

    label: Text | Content


Row = Union[Link, Heading, Info]


class LinkList(WidthCachedOptionList):
    """An `OptionList` of `Link`s, `Info` rows and `Heading`s; Enter or a click follows the highlighted link."""

    BINDINGS = [
        Binding("enter", "select", "Open", show=True, id="list.open"),
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
    ]

    def __init__(self, rows: Iterable[Row] = (), **kwargs) -> None:
        super().__init__(markup=False, **kwargs)
        self._locations: list[Location | None] = []
        self.set_rows(rows)

    def action_page_up(self) -> None:
        page(self, -1)

    def action_page_down(self) -> None:
        page(self, 1)

    def set_rows(self, rows: Iterable[Row]) -> None:
        """Replace every row, keeping the highlight on the first link."""
        options: list[Option] = []
        self._locations = []
        for row in rows:
            if isinstance(row, Heading):
                options.append(Option(Text(row.label), disabled=True))
                self._locations.append(None)
            elif isinstance(row, Info):
                options.append(Option(row.label))
                self._locations.append(None)
            else:
                options.append(Option(row.label))
                self._locations.append(row.location)
        self.clear_options()
        self.add_options(options)
        self.highlighted = self.first_link_index()

    def first_link_index(self) -> int | None:
        return next((i for i, loc in enumerate(self._locations) if loc is not None), None)

    def location_at(self, index: int | None) -> Location | None:
        if index is None or not 0 <= index < len(self._locations):
            return None
        return self._locations[index]

    def index_of(self, location: Location) -> int | None:
        try:
            return self._locations.index(location)
        except ValueError:
            return None

    @property
    def highlighted_location(self) -> Location | None:
        return self.location_at(self.highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        location = self.location_at(event.option_index)
        if location is not None:
            self.post_message(Navigate(location))
