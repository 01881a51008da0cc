"""A list of followable links: each row carries a `Location`, and choosing it posts `Navigate`.

Person details, scene details and the people sidebar all show such lists, so they share this widget.
Rows are rendered from `Content`, never parsed as markup, and wrap with a hanging indent (`Hanging`).
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
from ..hanging import Hanging
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

    def set_rows(self, rows: Iterable[Row], *, from_top: bool = False) -> None:
        """Replace every row, with the highlight on the first link, or (`from_top`) on the first row
        that can be highlighted, so the list shows from its start."""
        options: list[Option] = []
        self._locations = []
        for row in rows:
            if isinstance(row, Heading):
                options.append(Option(Hanging(Content(row.label)), disabled=True))
                self._locations.append(None)
            elif isinstance(row, Info):
                options.append(Option(_hanging(row.label)))
                self._locations.append(None)
            else:
                options.append(Option(_hanging(row.label)))
                self._locations.append(row.location)
        self.clear_options()
        self.add_options(options)
        if from_top:
            self.highlighted = next((i for i, option in enumerate(options) if not option.disabled), None)
        else:
            self.highlighted = self.first_link_index()

    def relabel(self, index: int, label: Text | Content) -> None:
        """Draw one row with a new label, in place (keeping the highlight and the scroll)."""
        self.replace_option_prompt_at_index(index, _hanging(label))

    def view(self) -> tuple[int | None, int]:
        """Where the list is: the highlighted row and the scroll offset (see `restore_view`)."""
        return self.highlighted, round(self.scroll_y)

    def restore_view(self, cursor: int | None, scroll: int | None) -> None:
        """Come back to a `view()`: the highlight on the same row, scrolled as it was. The scroll is
        set once the rows have been measured at the list's width."""

        def restore() -> None:
            if cursor is not None and 0 <= cursor < self.option_count:
                self.highlighted = cursor
            if scroll is not None:
                self.scroll_to(y=scroll, animate=False, immediate=True, force=True)

        self.call_after_refresh(restore)

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


def _hanging(label: Text | Content) -> Hanging:
    return Hanging(label if isinstance(label, Content) else Content.from_rich_text(label))
