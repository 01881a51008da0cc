"""A list of followable links: each row carries a `Location`, and choosing it posts `Navigate`.

Person details, scene details and the people sidebar all show such lists, so they share this widget.
Rows are rendered from `Text`/`Content`, never parsed as markup. A row's label may be a function that
makes it: only the rows drawn are ever labelled (`VirtualList`), so a list of 52,000 people opens as
fast as one of 26.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Union

from rich.text import Text
from textual.binding import Binding
from textual.content import Content

from ...core.navigation import Location
from ..messages import Navigate
from .virtual_list import VirtualList

LinkLabel = Union[Text, Content, Callable[[], Union[Text, Content]]]


@dataclass(frozen=True)
class Link:
    label: LinkLabel  # or a function making it, called when the row is first drawn
    location: Location


@dataclass(frozen=True)
class Heading:
    """A non-selectable group title inside the list (styled in tcss as `.option-list--option-disabled`)."""

    label: str


@dataclass(frozen=True)
class Info:
    """A row of plain information (a role, a description): it can be highlighted but leads nowhere."""

    label: LinkLabel


Row = Union[Link, Heading, Info]


class LinkList(VirtualList):
    """A list of `Link`s, `Info` rows and `Heading`s; Enter or a click follows the highlighted link."""

    BINDINGS = [
        Binding("enter", "select", "Open", show=True, id="list.open"),
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
    ]

    def __init__(self, rows: Iterable[Row] = (), **kwargs) -> None:
        super().__init__(**kwargs)
        self._locations: list[Location | None] = []
        self._index: dict[Location, int] | None = None  # made when first asked
        self.set_rows(rows)

    def set_rows(self, rows: Iterable[Row]) -> None:
        """Replace every row, keeping the highlight on the first link."""
        labels: list[tuple[object, bool]] = []
        locations: list[Location | None] = []
        for row in rows:
            if isinstance(row, Heading):
                labels.append((Text(row.label), True))
                locations.append(None)
            else:
                labels.append((row.label, False))
                locations.append(row.location if isinstance(row, Link) else None)
        self._locations = locations
        self._index = None
        self.set_labels(labels)  # type: ignore[arg-type]
        self.highlighted = self.first_link_index()

    def replace_option_prompt_at_index(self, index: int, prompt: LinkLabel) -> None:
        """Draw one row with a new label (or a function making it), keeping highlight and scroll."""
        self.replace_label(index, prompt)

    def first_link_index(self) -> int | None:
        return next((i for i, loc in enumerate(self._locations) if loc is not None), None)

    def location_at(self, index: int | None) -> Location | None:
        if index is None or not 0 <= index < len(self._locations):
            return None
        return self._locations[index]

    def index_of(self, location: Location) -> int | None:
        if self._index is None:
            self._index = {}
            for index, known in enumerate(self._locations):
                if known is not None:
                    self._index.setdefault(known, index)
        return self._index.get(location)

    @property
    def highlighted_location(self) -> Location | None:
        return self.location_at(self.highlighted)

    def on_virtual_list_selected(self, event: VirtualList.Selected) -> None:
        event.stop()
        location = self.location_at(event.index)
        if location is not None:
            self.post_message(Navigate(location))
